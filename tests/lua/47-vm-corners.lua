-- Corners of the bytecode interpreter: rarely emitted instructions and the
-- slow paths of common ones (each line names what it exercises).

-- NOT on every kind of value
local vals = { false, true, 0, "", {}, print }
local out = {}
for i = 1, #vals do local v = vals[i]; local n = not v; out[#out + 1] = tostring(n) end
local nothing
out[#out + 1] = tostring(not nothing)
print("not", table.concat(out, " "))

-- ISEQV / ISNEV across types and on primitives
local a, b, c, d = 1, "1", nil, nil
print("eq types", a == b, a ~= b, c == d, c ~= d, true == true, false == nil)

-- USETS / USETN / USETP: upvalues set from constants
local u = 0
local function setu(k)
  if k == 1 then u = "str" elseif k == 2 then u = 42.5 elseif k == 3 then u = true else u = nil end
  return u
end
print("uset", setu(1), setu(2), setu(3), setu(4))

-- Vararg function called with fewer arguments than fixed parameters
local function fv(p, q, r, ...) return p, q, r, select("#", ...) end
print("varg missing", fv(1))
print("varg some", fv(1, 2, 3, 4, 5))

-- Tail call through __call
local callable = setmetatable({}, { __call = function(self, x, y) return x * 2, y end })
local function tc(x) return callable(x, "y") end
print("callt __call", tc(21))
local function tcv(...) return callable(...) end
print("callt __call vararg", tcv(5, 6))

-- ISNEXT despecialised: a 'pairs' that is not the real one
do
  local pairs = function(t) return function(_, k) if not k then return 1, t[1] end end, t, nil end
  for k, v in pairs({ "only" }) do print("fake pairs", k, v) end
end

-- VARG copying many values (the stack must grow)
local big = {}
for i = 1, 3000 do big[i] = i end
local function count(...) local t = { ... }; return #t, t[1], t[3000] end
print("varg many", count(unpack(big)))

-- A coroutine returning many values to its resumer (the stack must grow)
local co = coroutine.wrap(function() return unpack(big, 1, 2500) end)
print("resume many", select("#", co()))

-- Global assignment to a key whose value is nil, under __newindex on _G
g_corner = 1
g_corner = nil
setmetatable(_G, { __newindex = function(t, k, v) rawset(t, k, v .. "!") end })
g_corner = "via newindex"
setmetatable(_G, nil)
print("gset newindex", g_corner)

-- Integer keys in the hash part: table.insert/remove/concat and friends
local h = { [1] = "a", [2] = "b", [3] = "c" }
table.insert(h, "d")
print("hash ints", #h, table.remove(h), table.remove(h, 1), table.concat(h, ","))
local sparse = {}
sparse[1] = 1; sparse[2] = 2; sparse[4] = 4
print("foreachi", table.concat(sparse, ",", 1, 2))

-- Comparisons with metamethods that yield inside a coroutine
local mt = { __lt = function(x, y) coroutine.yield("lt"); return x.v < y.v end,
             __le = function(x, y) coroutine.yield("le"); return x.v <= y.v end,
             __concat = function(x, y) coroutine.yield("cat"); return "C" end,
             __index = function(t, k) coroutine.yield("idx"); return k end }
local o1, o2 = setmetatable({ v = 1 }, mt), setmetatable({ v = 2 }, mt)
local steps = {}
local gen = coroutine.wrap(function()
  local r1 = o1 < o2
  local r2 = o2 <= o1
  local r3 = "a" .. o1 .. "b"
  local r4 = o1.missing
  return "done", r1, r2, r3, r4
end)
for _ = 1, 10 do
  local s, r1, r2, r3, r4 = gen()
  steps[#steps + 1] = tostring(s)
  if s == "done" then print("yield in mm", table.concat(steps, " "), r1, r2, r3, r4) break end
end

-- Deep pcall/error nesting with tail calls in between
local function thrower(n) if n == 0 then error("bottom", 0) end return thrower(n - 1) end
local function catcher(n) if n == 0 then return pcall(thrower, 50) end return select(2, catcher(n - 1)) end
print("nested", pcall(catcher, 20))

-- String comparison via ISLT on strings (vmeta_comp without metamethods)
print("str cmp", "a" < "b", "abc" <= "abd", "b" > "a", "" < "a")
print(pcall(function() return {} < 1 end))
