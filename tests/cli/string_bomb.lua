-- Doubles a string until memory runs out.
local s = "x"
for _ = 1, 40 do s = s .. s end
print(#s)
