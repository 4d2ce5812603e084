-- arg[0], arg[1..n] and ... as the stock front end sets them.
print(arg[0], #arg, arg[1], arg[2], arg[3])
print(select("#", ...), ...)
