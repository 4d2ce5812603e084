-- metatables: __add __sub __mul __div __mod __pow __unm __concat with tables and mixed operands
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({ x = x, y = y }, V) end
local function coerce(a)
  if type(a) == "number" then return vec(a, a) end
  return a
end
V.__add = function(a, b) a, b = coerce(a), coerce(b); return vec(a.x + b.x, a.y + b.y) end
V.__sub = function(a, b) a, b = coerce(a), coerce(b); return vec(a.x - b.x, a.y - b.y) end
V.__mul = function(a, b) a, b = coerce(a), coerce(b); return vec(a.x * b.x, a.y * b.y) end
V.__div = function(a, b) a, b = coerce(a), coerce(b); return vec(a.x / b.x, a.y / b.y) end
V.__mod = function(a, b) a, b = coerce(a), coerce(b); return vec(a.x % b.x, a.y % b.y) end
V.__pow = function(a, b) a, b = coerce(a), coerce(b); return vec(a.x ^ b.x, a.y ^ b.y) end
V.__unm = function(a) return vec(-a.x, -a.y) end
V.__concat = function(a, b)
  local function s(v)
    if type(v) == "table" then return "(" .. v.x .. "," .. v.y .. ")" end
    return tostring(v)
  end
  return s(a) .. s(b)
end
V.__tostring = function(v) return "vec(" .. v.x .. "," .. v.y .. ")" end

local a, b = vec(6, 9), vec(4, 2)
print("add", tostring(a + b))
print("sub", tostring(a - b))
print("mul", tostring(a * b))
print("div", tostring(a / b))
print("mod", tostring(a % b))
print("pow", tostring(b ^ vec(2, 3)))
print("unm", tostring(-a))
print("num+vec", tostring(1 + a), tostring(a + 1))
print("num*vec", tostring(2 * b), tostring(b * 10))
print("num-vec", tostring(10 - b), tostring(b - 10))
print("num%vec", tostring(7 % b), tostring(a % 4))
print("num^vec", tostring(2 ^ b))
print("concat", a .. b, "s:" .. a, a .. ":e", a .. 1 .. b)
print("concat chain", "<" .. a .. "|" .. b .. ">")

-- which operand's metamethod is chosen
local L = setmetatable({}, { __add = function() return "left" end })
local R = setmetatable({}, { __add = function() return "right" end })
print("choice", L + R, R + L, 1 + R, L + 1)

-- metamethod receives operands in original order
local order = setmetatable({}, {
  __sub = function(x, y)
    local function n(v) return type(v) == "table" and "T" or tostring(v) end
    return n(x) .. "-" .. n(y)
  end,
  __div = function(x, y)
    local function n(v) return type(v) == "table" and "T" or tostring(v) end
    return n(x) .. "/" .. n(y)
  end
})
print("order", order - 5, 5 - order, order / 2, 2 / order)

-- string arithmetic coercion vs metamethod absence
print("string arith", "10" + 5, "3" * "4", 10 .. 20)
local ok, err = pcall(function() return {} + 1 end)
print("no metamethod", ok, err)
ok, err = pcall(function() return {} .. "x" end)
print("no concat", ok, err)

-- __unm and __concat on the same object repeatedly in a hot loop
local acc = vec(0, 0)
for i = 1, 5000 do
  acc = acc + vec(i, -i)
  if i % 1000 == 0 then acc = -(-acc) end
end
print("hot add", tostring(acc))

local M = setmetatable({ v = 0 }, {
  __add = function(m, n) m.v = m.v + n; return m end,
  __mul = function(m, n) return m.v * n end,
})
local s = 0
for i = 1, 10000 do
  local r = M + i
  s = s + (r * 2) % 7
end
print("hot mixed", M.v, s)

-- __concat in a hot loop building a string
local W = setmetatable({}, { __concat = function(x, y)
  if type(x) == "table" then return "[" .. y .. "]" end
  return x .. "#"
end })
local str = ""
for i = 1, 300 do
  str = str .. W
end
print("hot concat", #str, str:sub(1, 10))
