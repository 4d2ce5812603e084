-- bit, table, select/raw* and coroutine fast functions with argument types the recorder does not expect (strings, fractions, huge numbers, nil, booleans, tables), in hot loops
local function q(x)
  if type(x) == "string" then return string.format("%q", x) end
  if type(x) == "number" and x ~= x then return "nan" end
  if type(x) == "table" then return "table" end
  if type(x) == "function" then return "function" end
  if type(x) == "thread" then return "thread" end
  return tostring(x)
end

local function try(f, ...)
  local r = { pcall(f, ...) }
  local t = {}
  for i = 2, table.maxn(r) do t[#t + 1] = q(r[i]) end
  return (r[1] and "ok " or "error ") .. table.concat(t, " ")
end

-- The same call 60 times (hot: traces record it), then its result once.
local function hot(name, f, ...)
  local last
  for _ = 1, 60 do last = try(f, ...) end
  print(name, last)
end

local args = { 12, -1, 2.5, -2.5, 2 ^ 31, 2 ^ 32 + 5, 2 ^ 53, -(2 ^ 53), 1e300, "12", "0x10", " 7 ",
  "2.5", "abc", "", true, false, {} }

print("-- bit with odd arguments")
local bitf = { "tobit", "bnot", "bswap", "tohex" }
for _, name in ipairs(bitf) do
  for i = 1, #args do hot("bit." .. name .. " " .. q(args[i]), bit[name], args[i]) end
  hot("bit." .. name .. " nil", bit[name], nil)
end
local bit2 = { "band", "bor", "bxor", "lshift", "rshift", "arshift", "rol", "ror" }
for _, name in ipairs(bit2) do
  for _, a in ipairs({ 12, "12", 2.5, 2 ^ 32 + 5, -1 }) do
    for _, b in ipairs({ 3, "3", 1.5, 33, -1, "x" }) do
      hot("bit." .. name .. " " .. q(a) .. " " .. q(b), bit[name], a, b)
    end
  end
end
hot("bit.tohex 255 \"4\"", bit.tohex, 255, "4")
hot("bit.tohex 255 -3", bit.tohex, 255, -3)
hot("bit.band many", bit.band, 0xff, "0x0f", 7.0, 3)

print("-- select")
for _, n in ipairs({ 1, 2, 3, -1, -3, "2", 2.5, "#", 0, 5, "x" }) do
  hot("select " .. q(n), select, n, "a", "b", "c")
end

print("-- unpack")
local list = { 10, 20, 30, 40 }
for _, r in ipairs({ { 1, 4 }, { 2, 3 }, { "2", "3" }, { 3, 2 }, { 0, 1 }, { -1, 1 }, { 1.5, 2.5 } }) do
  hot("unpack " .. q(r[1]) .. " " .. q(r[2]), unpack, list, r[1], r[2])
end
hot("unpack nil", unpack, nil)
hot("unpack string", unpack, "abc")

print("-- rawget rawset rawequal rawlen-ish")
local t = { 1, 2, 3, x = "y" }
for _, k in ipairs({ 1, "1", 2.0, 2.5, "x", true, 0 }) do
  hot("rawget " .. q(k), rawget, t, k)
end
hot("rawget string", rawget, "abc", 1)
hot("rawset nil key", rawset, {}, nil, 1)
hot("rawset nan key", rawset, {}, 0 / 0, 1)
hot("rawset ok", function() local u = {} rawset(u, "k", 5) return u.k end)
for _, pair in ipairs({ { 1, 1 }, { 1, "1" }, { "a", "a" }, { t, t }, { t, {} }, { nil, false } }) do
  hot("rawequal " .. q(pair[1]) .. " " .. q(pair[2]), rawequal, pair[1], pair[2])
end

print("-- table.concat and table.insert")
for _, sep in ipairs({ ",", 1, 2.5, "" }) do
  hot("concat sep " .. q(sep), table.concat, { 1, "two", 3.5 }, sep)
end
hot("concat range", table.concat, { "a", "b", "c", "d" }, "-", "2", 3)
hot("concat bad", table.concat, { 1, {}, 3 })
hot("insert append", function() local u = { 1, 2 } table.insert(u, "3") return #u, u[3] end)
hot("insert at", function() local u = { 1, 2 } table.insert(u, "1", 0) return #u, u[1], u[2] end)
hot("insert bad pos", function() local u = {} table.insert(u, "x", 1) return #u end)

print("-- tostring tonumber type")
local negz = -1 / math.huge -- -0 computed at run time (a -0.0 literal folds to 0 on dual-number targets)
for _, v in ipairs({ 1, negz, 2.5, 2 ^ 63, "10", "0x1p4", " 5 ", "5x", true }) do
  hot("tonumber " .. q(v), tonumber, v)
end
for _, b in ipairs({ 2, 16, 36, "16", 10.0 }) do
  hot("tonumber ff base " .. q(b), tonumber, "ff", b)
end
hot("tonumber base 1", tonumber, "1", 1)
for _, v in ipairs({ 1, 2.5, "s", true, false }) do
  hot("tostring " .. q(v), tostring, v)
  hot("type " .. q(v), type, v)
end

print("-- coroutine fast functions in hot loops")
local co = coroutine.create(function(a, b)
  local n = 0
  while true do
    n = n + 1
    a, b = coroutine.yield(a, b, n)
  end
end)
local last
for i = 1, 300 do
  last = { coroutine.resume(co, i, tostring(i)) }
end
print("resume", last[1], last[2], last[3], last[4])
print("status", coroutine.status(co), try(coroutine.status, "x"), try(coroutine.status, nil))
local gen = coroutine.wrap(function()
  for i = 1, 400 do coroutine.yield(i % 7, i % 2 == 0) end
end)
local sum, evens = 0, 0
for _ = 1, 400 do
  local v, even = gen()
  sum = sum + v
  if even then evens = evens + 1 end
end
print("wrap", sum, evens)
hot("resume dead", function()
  local c = coroutine.create(function() return 1 end)
  coroutine.resume(c)
  return coroutine.resume(c)
end)
hot("resume non-thread", coroutine.resume, "x")
hot("yield outside", coroutine.yield, 1)
hot("running", function()
  local c, main = coroutine.running()
  return type(c), main
end)
hot("isyieldable", function()
  return coroutine.isyieldable(), coroutine.wrap(function() return coroutine.isyieldable() end)()
end)
