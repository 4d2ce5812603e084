-- Writes 30 lines of 99 characters and a newline: 3000 bytes.
for i = 1, 30 do io.write(string.rep("x", 99), "\n") end
