-- base fast functions: assert, type, next/pairs/ipairs (holes, hash part, ipairs_aux), get/setmetatable (__metatable, base metatables), rawget, tonumber, tostring, errors, hot loops
local function show(x)
  local t = type(x)
  if t == "number" then
    if x ~= x then return "nan" end
    if x == 0 then return 1 / x < 0 and "-0" or "0" end
    return string.format("%.17g", x)
  elseif t == "string" then
    return string.format("%q", x)
  elseif t == "nil" or t == "boolean" then
    return tostring(x)
  end
  return t -- Never print an address.
end

local function list(...)
  local t = { n = select("#", ...), ... }
  for i = 1, t.n do t[i] = show(t[i]) end
  return "(" .. table.concat(t, ",", 1, t.n) .. ")"
end

local function try(f, ...)
  local r = { pcall(f, ...) }
  if r[1] then return "ok " .. list(unpack(r, 2, table.maxn(r))) end
  return "error " .. show(r[2])
end

local function sortedkeys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "boolean" then return not a and b end
    return a < b
  end)
  return keys
end

local nan, inf = 0 / 0, math.huge
local negz = -1 / inf

print("-- assert")
print(list(assert(1)), list(assert(true, "msg")), list(assert(0, nil, false)), list(assert("", 2, 3, 4, 5, 6, 7)))
print(select("#", assert(1, nil, nil)), list(assert(negz)), list(assert({}) ~= nil))
print(try(assert), try(assert, nil), try(assert, false), try(assert, false, "boom"), try(assert, nil, 42))
print(try(assert, false, {}), try(assert, nil, nil), try(assert, false, true))
print(try(function() local r = assert(false, "named") return r end))
print(try(function() local r = assert() return r end))

print("-- type")
local co = coroutine.create(function() end)
for _, v in ipairs({ 1, negz, nan, "s", "", true, false, {}, print, show, co, newproxy(), newproxy(true) }) do
  io.write(type(v), " ")
end
print(type(nil), type(type), select("#", type(1, 2, 3)))
print(try(type))

print("-- next")
local t = { 10, 20, nil, 40, x = "x", y = "y", [1.5] = "f", [-1] = "m", [0] = "z", [true] = "b" }
t[100] = "h"
local seen, n = {}, 0
local k, v = next(t)
while k ~= nil do
  n = n + 1
  seen[k] = v
  k, v = next(t, k)
end
local kv = {}
for _, key in ipairs(sortedkeys(seen)) do kv[#kv + 1] = show(key) .. "=" .. show(seen[key]) end
print(n, table.concat(kv, " "))
print(list(next({})), list(next({}, nil)), list(next({ 5 })), list(next({ 5 }, 1)), list(next({ a = 1 }, "a")))
print(list(next({ 5, 6 }, 1.0)), list(next({ 5, 6, 7 }, 2)), list(next({ [2] = 6 }, 2)))
print(try(next), try(next, nil), try(next, "x"), try(next, {}, "nokey"), try(next, { 1 }, 2), try(next, { 1 }, 1.5))
print(try(function() local r = next({}, 1) return r end))
print(list(next({ 7 }, nil, "extra")))
-- next over a table while values are cleared (allowed) keeps going.
local clr = { a = 1, b = 2, c = 3, d = 4, 1, 2, 3 }
local cnt = 0
for key in pairs(clr) do clr[key] = nil; cnt = cnt + 1 end
print(cnt, list(next(clr)))

print("-- pairs")
local p1, p2, p3 = pairs(t)
print(p1 == next, p2 == t, p3, select("#", pairs(t)), select("#", pairs({}, 1, 2)))
print(try(pairs), try(pairs, nil), try(pairs, "x"), try(pairs, 1))
-- __pairs is a Lua 5.2 feature: ignored here.
local withmm = setmetatable({ 1, 2 }, { __pairs = function() error("not called") end })
local pc = 0
for _ in pairs(withmm) do pc = pc + 1 end
print("__pairs ignored", pc)

print("-- ipairs")
local aux, it, start = ipairs(t)
print(type(aux), it == t, show(start), select("#", ipairs(t)), aux == ipairs({}))
local function ipairs_list(tab)
  local out = {}
  for i, val in ipairs(tab) do out[#out + 1] = show(i) .. ":" .. show(val) end
  return table.concat(out, " ")
end
print(ipairs_list({ 1, 2, 3, nil, 5 }))
print(ipairs_list({ [1] = "a", [2] = "b", [3] = "c", [5] = "e" })) -- hash part
local rev = {}
for i = 8, 1, -1 do rev[i] = i * i end
print(ipairs_list(rev))
print(ipairs_list({}), ipairs_list({ nil, 2 }), ipairs_list({ [0] = 0, 1 }), ipairs_list({ false, false }))
local mixed = { 1, 2 }
mixed[3] = 3; mixed[4] = 4; mixed[6] = 6
print(ipairs_list(mixed))
print(try(ipairs), try(ipairs, nil), try(ipairs, "x"))
local withidx = setmetatable({ 1 }, { __index = function(_, i) return i < 4 and i * 10 or nil end,
  __ipairs = function() error("not called") end })
print("__index and __ipairs ignored", ipairs_list(withidx))
-- The iterator function itself.
local arr = { 10, 20, 30, [0] = 0 }
arr.h = "h"
print(list(aux(arr, 0)), list(aux(arr, 1)), list(aux(arr, 2)), list(aux(arr, 3)), list(aux(arr, -1)))
print(list(aux(arr, 0.5)), list(aux(arr, 1.5)), list(aux(arr, -0.5)), list(aux(arr, negz)), list(aux(arr, -2)))
local hashed = { [1] = "a", [2] = "b", [-1] = "m", [0] = "z" }
print(list(aux(hashed, 0)), list(aux(hashed, 1)), list(aux(hashed, 2)), list(aux(hashed, -1)), list(aux(hashed, -2)))
print(list(aux(hashed, 0.25)), list(aux({}, 0)), list(aux({ 1 }, 1)), list(aux(arr, 1, "extra")))
print(try(aux, arr, "1"), try(aux, arr, " 2 "), try(aux, arr, "x"), try(aux, "x", 1), try(aux, arr), try(aux))

print("-- getmetatable")
local mt = { __index = { v = 1 } }
local obj = setmetatable({}, mt)
print(getmetatable(obj) == mt, getmetatable({}), getmetatable(1), getmetatable(nil), getmetatable(print))
print(getmetatable("").__index == string, getmetatable("abc") == getmetatable(""), getmetatable(true), getmetatable(co))
print(list(getmetatable(setmetatable({}, { __metatable = "locked" }))))
print(list(getmetatable(setmetatable({}, { __metatable = false }))))
print(list(getmetatable(setmetatable({}, { __metatable = 0 }))))
local inner = {}
print(getmetatable(setmetatable({}, { __metatable = inner })) == inner)
local mtn = { __metatable = "temp" }
local objn = setmetatable({}, mtn)
mtn.__metatable = nil
print(getmetatable(objn) == mtn)
local ud = newproxy(true)
print(type(getmetatable(ud)), getmetatable(newproxy()))
getmetatable(ud).__metatable = "udlocked"
print(getmetatable(ud), getmetatable(newproxy(ud)))
print(try(getmetatable), list(getmetatable({}, 1)))
-- Base metatables for numbers and booleans.
debug.setmetatable(0, { __metatable = "numbers", __index = math })
print(getmetatable(1), getmetatable(negz), getmetatable(nan), (2.5):floor(), (-2.5):abs())
debug.setmetatable(0, nil)
print(getmetatable(1))
debug.setmetatable(true, { __metatable = "bools" })
print(getmetatable(true), getmetatable(false), getmetatable(nil))
debug.setmetatable(true, nil)

print("-- setmetatable")
local base = {}
local r1 = setmetatable(base, mt)
print(r1 == base, getmetatable(base) == mt, base.v)
print(setmetatable(base, nil) == base, getmetatable(base))
print(setmetatable(base, mt) == base, setmetatable(base, { __index = { v = 2 } }) == base, base.v)
print(setmetatable(base, mt, "extra") == base, base.v)
local locked = setmetatable({}, { __metatable = "no" })
print(try(setmetatable, locked, {}), try(setmetatable, locked, nil))
local lockedf = setmetatable({}, { __metatable = false })
print(try(setmetatable, lockedf, {}))
print(try(setmetatable), try(setmetatable, {}), try(setmetatable, {}, 1), try(setmetatable, "x", {}))
print(try(setmetatable, 1, {}), try(setmetatable, {}, "mt"))
print(try(function() local r = setmetatable(locked, {}) return r end))
-- Tables that survive GC steps get fresh metatables (write barrier).
local holders = {}
for i = 1, 100 do holders[i] = {} end
collectgarbage()
for i = 1, 100 do
  collectgarbage("step", 0)
  setmetatable(holders[i], { __index = { v = i } })
  if i % 10 == 0 then setmetatable(holders[i - 1], nil) end
end
collectgarbage()
local hs = 0
for i = 1, 100 do hs = hs + (holders[i].v or 0) end
print("barrier", hs)

print("-- rawget")
local rg = setmetatable({ 1, 2, x = "x", [1.5] = "f", [true] = "t" }, { __index = function() return "dflt" end })
print(list(rawget(rg, 1)), list(rawget(rg, 3)), list(rawget(rg, "x")), list(rawget(rg, "y")), rg.y)
print(list(rawget(rg, 1.5)), list(rawget(rg, true)), list(rawget(rg, false)), list(rawget(rg, 2.0)), list(rawget(rg, "1")))
print(list(rawget(rg, nil)), list(rawget(rg, nan)), list(rawget(rg, negz)), list(rawget(rg, 1, "extra")))
print(try(rawget), try(rawget, rg), try(rawget, "x", 1), try(rawget, nil, 1), try(rawget, 1, 1))
print(try(function() local r = rawget("x", 1) return r end))

print("-- tonumber")
for _, v in ipairs({ 0, negz, 1.5, -1e300, 5e-324, inf, -inf, nan, "10", " 0x1f ", "1e2", "-0", "0x", "1e", "",
  " ", "1 2", "abc", "inf", "nan", "-inf", "0x1p4", "9007199254740993", true, false, {}, print }) do
  io.write(show(tonumber(v)), " ")
end
print()
print(list(tonumber(nil)), list(tonumber("10", 16)), list(tonumber(10, 16)), list(tonumber("zZ", 36)), list(tonumber("8", 8)))
print(list(tonumber(" 11 ", 2)), list(tonumber("-ff", 16)), list(tonumber("1.5", 10)), list(tonumber("1.5", 16)))
print(list(tonumber("10", 10)), list(tonumber(12, 10)), list(tonumber("7fffffff", 16)), list(tonumber("ffffffff", 16)))
print(try(tonumber), try(tonumber, "10", 1), try(tonumber, "10", 37), try(tonumber, {}, 16), try(tonumber, "1", "x"))
print(try(function() local r = tonumber() return r end))

print("-- tostring")
for _, v in ipairs({ 0, negz, 1, -1, 0.1, 1 / 3, 1e15, 1e16, 2 ^ 53, 2 ^ 63, 1e100, 1e-5, -1e-300, 5e-324, inf, -inf,
  nan, "", "s", "\0", true, false }) do
  io.write(show(tostring(v)), " ")
end
print(tostring(nil), tostring("a", "b"), select("#", tostring(1, 2)))
print(tostring({}):match("^table: ") ~= nil, tostring(print):match("^function: ") ~= nil, tostring(co):match("^thread: ") ~= nil)
print(tostring(setmetatable({}, { __tostring = function() return "custom" end })))
print(tostring(setmetatable({}, { __tostring = function(self) return 42 end })))
print(try(tostring), try(tostring, setmetatable({}, { __tostring = function() error("in tostring") end })))
print(try(function() local r = tostring() return r end))
-- A __tostring in the string metatable is ignored; the number and boolean ones are used.
getmetatable("").__tostring = function() return "never" end
print(tostring("str"), tostring(""))
getmetatable("").__tostring = nil
debug.setmetatable(0, { __tostring = function(x) return "num" .. string.format("%d", x) end })
print(tostring(5), tostring(negz), tostring(-7))
debug.setmetatable(0, {})
print(tostring(5), tostring(0.5))
debug.setmetatable(0, nil)
debug.setmetatable(true, { __tostring = function(b) return b and "yes" or "no" end })
print(tostring(true), tostring(false))
debug.setmetatable(true, nil)
print(tostring(true), tostring(5))

print("-- hot loops")
local data = { 5, "6", 7.5, "x", true, nil, 9 }
local acc, strs = 0, {}
for i = 1, 200 do
  local val = data[i % 7 + 1]
  local num = tonumber(val)
  if num then acc = acc + num end
  if type(val) == "number" then acc = acc + #tostring(val) end
  acc = acc + #type(val)
  if i % 40 == 0 then strs[#strs + 1] = tostring(val) .. "/" .. tostring(num) end
end
print(acc, table.concat(strs, " "))
local tab = { 1, 2, 3, 4, 5, a = 6, b = 7 }
local s1, s2, s3 = 0, 0, 0
for _ = 1, 200 do
  for _, val in pairs(tab) do s1 = s1 + val end
  for i, val in ipairs(tab) do s2 = s2 + i * val end
  local key, val = next(tab)
  while key do s3 = s3 + val; key, val = next(tab, key) end
end
print(s1, s2, s3)
local proto = { __index = { kind = "obj" } }
local made, hits = 0, 0
for i = 1, 200 do
  local o = setmetatable({ id = i }, proto)
  if getmetatable(o) == proto and o.kind == "obj" then hits = hits + 1 end
  if rawget(o, "kind") == nil then made = made + rawget(o, "id") end
  assert(o, "never")
  assert(type(o) == "table")
end
print(made, hits)
