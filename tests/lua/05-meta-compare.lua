-- metatables: __eq __lt __le __tostring __metatable __len (userdata via newproxy; tables shown as-is)
local Ver = {}
Ver.__index = Ver
local function ver(maj, min) return setmetatable({ maj = maj, min = min }, Ver) end
Ver.__eq = function(a, b) return a.maj == b.maj and a.min == b.min end
Ver.__lt = function(a, b)
  if a.maj ~= b.maj then return a.maj < b.maj end
  return a.min < b.min
end
Ver.__le = function(a, b) return not (b < a) end
Ver.__tostring = function(v) return "v" .. v.maj .. "." .. v.min end

local v1, v2, v3 = ver(1, 2), ver(1, 10), ver(1, 2)
print("tostring", tostring(v1), tostring(v2))
print("eq", v1 == v3, v1 == v2, v1 ~= v2, v1 ~= v3)
print("lt", v1 < v2, v2 < v1, v1 < v3)
print("le", v1 <= v3, v2 <= v1, v1 <= v2)
print("gt ge", v2 > v1, v1 >= v3, v1 > v3)

-- __eq is not called for different types or for identical objects
local eqcalls = 0
local E = { __eq = function() eqcalls = eqcalls + 1; return false end }
local x, y = setmetatable({}, E), setmetatable({}, E)
print("eq same obj", x == x, eqcalls)
print("eq diff obj", x == y, eqcalls)
print("eq vs number", x == 1, eqcalls)

-- __le falls back to not __lt(b, a) when __le is missing
local OnlyLt = { __lt = function(a, b) return a.v < b.v end }
local o1, o2 = setmetatable({ v = 1 }, OnlyLt), setmetatable({ v = 2 }, OnlyLt)
print("le via lt", o1 <= o2, o2 <= o1, o1 <= o1)

-- comparing incompatible values errors
local ok, err = pcall(function() return {} < {} end)
print("lt tables", ok, err)
ok, err = pcall(function() return 1 < "2" end)
print("lt mixed", ok, err)

-- sort using __lt
local list = { ver(2, 0), ver(1, 5), ver(1, 10), ver(0, 9), ver(1, 5) }
table.sort(list)
local names = {}
for i, v in ipairs(list) do names[i] = tostring(v) end
print("sorted", table.concat(names, " "))

-- __tostring used by print and tostring, and can return any string
local T = setmetatable({}, { __tostring = function() return "I am T" end })
print(T)
print("tostring concat", "<" .. tostring(T) .. ">")

-- __metatable protects the metatable
local secret = setmetatable({}, { __metatable = "locked", __index = { k = "v" } })
print("getmetatable", getmetatable(secret), secret.k)
ok, err = pcall(setmetatable, secret, {})
print("setmetatable protected", ok, err)
local tblprot = setmetatable({}, { __metatable = { fake = true } })
print("metatable field table", getmetatable(tblprot).fake)
print("string metatable hidden?", type(getmetatable("abc")))

-- __len on userdata created with newproxy(true)
local u = newproxy(true)
local mt = getmetatable(u)
mt.__len = function() return 42 end
mt.__tostring = function() return "proxy-object" end
mt.__index = function(_, k) return "ud." .. k end
print("userdata len", #u, tostring(u), u.field, type(u))
local u2 = newproxy(u) -- shares metatable
print("shared mt", #u2, getmetatable(u2) == mt)

-- __len on a plain table: LuaJIT 2.1 ignores it unless built with LUA52COMPAT.
-- Printed result depends only on the build, identical with JIT on/off.
local lt = setmetatable({ 1, 2, 3 }, { __len = function() return 99 end })
print("table len", #lt)

-- comparisons in a hot loop
local count, lecount = 0, 0
local pivot = ver(1, 50)
for i = 1, 3000 do
  local v = ver(1, i % 100)
  if v < pivot then count = count + 1 end
  if v <= pivot then lecount = lecount + 1 end
end
print("hot compare", count, lecount)

local eqhot = 0
for i = 1, 3000 do
  if ver(i % 3, 0) == ver(1, 0) then eqhot = eqhot + 1 end
end
print("hot eq", eqhot)
