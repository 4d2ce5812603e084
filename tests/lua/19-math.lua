-- math library: floor/ceil/abs/max/min/fmod/modf/sqrt/huge/pi/log/exp/pow, integer division via floor
print("floor", math.floor(3.7), math.floor(-3.7), math.floor(5), math.floor(-0.5))
print("ceil", math.ceil(3.2), math.ceil(-3.2), math.ceil(5), math.ceil(-0.5) == 0)
print("abs", math.abs(-4), math.abs(4), math.abs(-2.5), math.abs(0))
print("max min", math.max(3, 9, -1, 7), math.min(3, 9, -1, 7), math.max(5), math.min(2.5, 2))
print("fmod", math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(5.5, 2))
print("% op", 7 % 3, -7 % 3, 7 % -3, 5.5 % 2, -5.5 % 2)
print("modf", math.modf(3.75))
print("modf neg", math.modf(-3.75))
print("modf int", math.modf(5))
print("sqrt", math.sqrt(144), math.sqrt(2) * math.sqrt(2) == 2, math.sqrt(0.25))
print("huge", math.huge, -math.huge, math.huge > 1e308, math.huge == 1 / 0)
print("pi", string.format("%.10f", math.pi), math.floor(math.pi * 1000))
print("log exp", math.log(1), math.exp(0), string.format("%.6f %.6f", math.log(10), math.exp(1)))
print("log10", math.log10(1000), math.log10(0.01))
print("pow", math.pow(2, 10), 2 ^ 0.5 == math.sqrt(2), 10 ^ -2, (-2) ^ 3, 2 ^ -1)
print("trig", math.sin(0), math.cos(0), string.format("%.6f %.6f", math.sin(math.pi / 6), math.atan2(1, 1)))
print("deg rad", math.deg(math.pi), math.rad(180) == math.pi)
print("frexp", math.frexp(8))
print("ldexp", math.ldexp(0.5, 4), math.ldexp(3, -1))

-- integer division and remainder via floor
local function idiv(a, b) return math.floor(a / b) end
print("idiv", idiv(7, 2), idiv(-7, 2), idiv(7, -2), idiv(100, 7), idiv(1e15, 3))
local function divmod(a, b) return math.floor(a / b), a % b end
print("divmod", divmod(17, 5))
print("divmod neg", divmod(-17, 5))

-- rounding helpers
local function round(x) return math.floor(x + 0.5) end
print("round", round(2.5), round(-2.5), round(3.49999), round(-0.4))

-- max/min with nan and infinities
print("inf arith", math.huge - math.huge ~= math.huge - math.huge, math.huge * 0 ~= math.huge * 0)
print("max inf", math.max(1, math.huge), math.min(-math.huge, 0))

-- exact sums in a hot loop
local s, sq, alt = 0, 0, 0
for i = 1, 100000 do
  s = s + i
  sq = sq + (i % 1000) * (i % 1000)
  alt = alt + ((i % 2 == 0) and i or -i)
end
print("sums", s, sq, alt)

-- floor/ceil/abs/max/min in a hot loop
local acc = 0
for i = 1, 20000 do
  local x = i / 7
  acc = acc + math.floor(x) - math.ceil(-x) + math.abs(i - 10000) + math.max(i, 5000) - math.min(i, 5000)
end
print("hot math", acc)

-- fmod and % in a hot loop with negative numbers
local m1, m2 = 0, 0
for i = -5000, 5000 do
  m1 = m1 + i % 7
  m2 = m2 + math.fmod(i, 7)
end
print("hot mod", m1, m2)

-- sqrt of perfect squares in a loop
local perfect = 0
for i = 1, 10000 do
  local r = math.sqrt(i)
  if r == math.floor(r) then perfect = perfect + 1 end
end
print("perfect squares", perfect)

-- integer-valued power loop
local p = 1
for i = 1, 50 do p = p * 2 end
print("2^50", p, p == 2 ^ 50, string.format("%.0f", 2 ^ 50))

-- gcd / lcm
local function gcd(a, b) while b ~= 0 do a, b = b, a % b end return a end
local l = 1
for i = 1, 20 do l = l / gcd(l, i) * i end
print("gcd lcm", gcd(1071, 462), l)
