-- string<->number coercion: "10"+1, "0x10"+0, tonumber with bases, tostring, concat of numbers, comparisons
print("10" + 1, "3.5" * 2, "0x10" + 0, " 12 " + 0, "1e2" + 0, "-7" - 1)
print("10" .. 1, 10 .. "", 1.25 .. "x", -0.5 .. "")
print(10 == "10", "10" + 0 == 10, tostring(10) == "10")
print("arith fails", pcall(function() return "abc" + 1 end))
print("arith fails", pcall(function() return "" + 1 end))
print("arith fails", pcall(function() return "1 2" + 1 end))

print("tonumber", tonumber("42"), tonumber("  42  "), tonumber("4.5e1"), tonumber("0x1F"), tonumber("0X1f"))
print("tonumber bad", tonumber("abc"), tonumber(""), tonumber("1e"), tonumber("0x"), tonumber(" "), tonumber("12a"))
print("tonumber dot", tonumber(".5"), tonumber("5."), tonumber("-.5"), tonumber("+3"))
print("tonumber passthrough", tonumber(7), tonumber(nil), tonumber(true), tonumber({}) == nil)
print("tonumber inf nan", tonumber("inf"), tonumber("nan"), tonumber("1e400"), tonumber("-1e400"))
print("base 2", tonumber("1010", 2), tonumber("11111111", 2), tonumber("102", 2))
print("base 8", tonumber("777", 8), tonumber("17", 8), tonumber("8", 8))
print("base 16", tonumber("ff", 16), tonumber("FF", 16), tonumber("7fffffff", 16), tonumber("0x10", 16))
print("base 36", tonumber("zz", 36), tonumber("Lua", 36), tonumber("10", 36))
print("base 10", tonumber("12", 10), tonumber("1.5", 10), tonumber("-12", 10))
print("base 5", tonumber("-44", 5), tonumber("  123  ", 5))

print("tostring", tostring(0x10), tostring(1e3), tostring(-0x10), tostring("s"), tostring(false))

-- numeric strings as table keys are distinct from numbers
local t = {}
t[1] = "number one"
t["1"] = "string one"
print("keys", t[1], t["1"], t[tonumber("1")], t[tostring(1)])

-- string arithmetic in loops
local sum = 0
for i = 1, 20000 do
  sum = sum + tostring(i % 100) -- string coerced to number each iteration
end
print("hot coercion", sum)

local concat_sum = 0
for i = 1, 5000 do
  local s = i .. ""
  concat_sum = concat_sum + #s + tonumber(s .. "0") / 10
end
print("hot tostring", concat_sum)

-- tonumber with bases in a loop
local bsum = 0
for i = 1, 3000 do
  local hex = string.format("%x", i)
  bsum = bsum + tonumber(hex, 16) + (tonumber("1" .. hex, 16) or 0)
end
print("hot base", bsum)

-- comparisons do not coerce
print("compare str", "10" < "9", "a" < "b", "abc" < "abd", "" < "a", "Z" < "a")
print("eq no coerce", 1 == "1", "1" == "1.0", 1 == 1.0)
