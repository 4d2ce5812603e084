-- number printing edge cases: 1e15, 1e16, 2^53, -0.0, inf, -inf, nan, 0.1+0.2, 100/3, 3 vs 3.0, large integers
print(1e15, 1e16, 1e100, 1e-5, 1e-7)
print(2 ^ 53, 2 ^ 53 + 1, 2 ^ 63, -2 ^ 53)
print(123456789012345, 1234567890123456, 99999999999999, 100000000000000)
print(-0.0, 0.0, -0.0 == 0.0, 1 / -0.0, 1 / 0.0)
print(1 / 0, -1 / 0, math.huge)
local nan = 0 / 0
print("nan", nan, nan ~= nan, nan == nan, -(0 / 0) ~= -(0 / 0))
print(0.1 + 0.2, 0.1 + 0.2 == 0.3, 100 / 3, 2 / 3, 1 / 3)
print(3, 3.0, 3 == 3.0, tostring(3), tostring(3.0), -3.0, 1e0)
print(0.5, 0.25, 0.125, 1.5e-10, 123.456, -0.001)
print(255, 0xff, 0x7fffffff, 0xffffffff, 0x100000000, 1e3)
print(7 / 2, 8 / 2, -7 / 2, 2 ^ 0.5 > 1.414)
print(1e308 * 10, -1e308 * 10, 5e-324 > 0, 2.2250738585072014e-308 > 0)
print(string.format("%.17g", 0.1), string.format("%.17g", 1 / 3))
print(tostring(1e15 + 0.5), tostring(12345678.9), tostring(-123456789.123))
print(math.floor(-0.0), math.ceil(-0.5), -0.0 * 1, 0 * -1)

-- results of integer arithmetic stay integral when printed
local big = 1
for i = 1, 20 do big = big * i end
print("20!", big, string.format("%.0f", big))
local sum = 0
for i = 1, 100000 do sum = sum + i * i end
print("sum squares", sum)
local acc = 0
for i = 1, 50000 do acc = acc + 123456789 end
print("large accumulate", acc)
local neg = 0
for i = 1, 50000 do neg = neg - 987654321 end
print("large negative", neg)

-- counting through 2^31 and 2^32 boundaries in loops
local c = 0
for i = 2 ^ 31 - 5, 2 ^ 31 + 5 do c = c + i end
print("around 2^31", c, 2 ^ 31 - 1, 2 ^ 31, 2 ^ 32)
local last
for i = 2 ^ 32 - 3, 2 ^ 32 + 3 do last = i end
print("around 2^32", last)

-- float loop accumulation printed with %.6f and tostring (exact binary fractions)
local f = 0
for i = 1, 1000 do f = f + 0.25 end
print("quarters", f)
local g = 0
for i = 1, 1000 do g = g + 0.1 end
print("tenths", string.format("%.6f", g), g == 100)

-- nan produced in a loop
local nans = 0
for i = 1, 100 do
  local x = (i - i) / (i - i)
  if x ~= x then nans = nans + 1 end
end
print("nans", nans)

-- -0 produced in a loop
local negz = 0
for i = 1, 100 do
  local z = -i * 0
  if 1 / z < 0 then negz = negz + 1 end
end
print("negzero", negz)

-- tostring/tonumber round trips
local vals = { 0, 1, -1, 0.5, 1e15, 1e16, 2 ^ 53, 123.25, -7.75, 1 / 0, -1 / 0 }
local rt = {}
for i, v in ipairs(vals) do
  rt[i] = tostring(tonumber(tostring(v)) == v)
end
print("roundtrip", table.concat(rt, " "))
