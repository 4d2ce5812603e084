-- Debug hooks (line, count, call, return) on the interpreter and while the
-- JIT records, and the raw table ops of LuaJIT's Lua-written builtins.

local function work(n)
  local s = 0
  for i = 1, n do
    s = s + i % 7
  end
  return s
end

-- Line hook: the lines of one call, in order (the first few).
local lines = {}
debug.sethook(function(_, line)
  if #lines < 12 then lines[#lines + 1] = line end
end, "l")
work(3)
debug.sethook()
print("lines", table.concat(lines, " "))

-- Call and return hooks: count them around a few calls.
local calls, rets = 0, 0
debug.sethook(function(ev)
  if ev == "call" then calls = calls + 1 else rets = rets + 1 end
end, "cr")
work(2); work(2); tostring(1)
debug.sethook()
print("call/return", calls > 0, rets > 0, calls >= 3)

-- Count hook: fires every N instructions, also in hot loops the JIT records.
local counts = 0
debug.sethook(function() counts = counts + 1 end, "", 97)
local total = work(20000)
debug.sethook()
print("count", total, counts > 0)  -- compiled traces do not count

-- A hook sees the current line through debug.getinfo.
local seen = {}
debug.sethook(function(_, line)
  local info = debug.getinfo(2, "Sl")
  if info.currentline == line and #seen < 3 then seen[#seen + 1] = line end
end, "l")
local x = 1
x = x + 1
debug.sethook()
print("getinfo in hook", #seen)

-- Hooks are per coroutine.
local co = coroutine.create(function()
  local n = 0
  debug.sethook(function() n = n + 1 end, "l")
  local y = 0
  y = y + 1
  coroutine.yield(n)
  y = y + 1
  debug.sethook()
  return n
end)
local _, first = coroutine.resume(co)
local _, second = coroutine.resume(co)
print("coroutine hook", first > 0, second > first)

-- An error inside a hook propagates like any error.
print("error in hook", pcall(function()
  debug.sethook(function() debug.sethook(); error("from hook", 0) end, "l")
  local z = 1
  return z
end))

-- Raw table ops (TGETR/TSETR) in table.remove/move/foreachi on integer keys
-- that live in the hash part (inserted in reverse order).
local t = {}
for i = 6, 1, -1 do t[i] = i * 10 end
print("remove", table.remove(t, 2), table.remove(t), #t)
local m = {}
for i = 5, 1, -1 do m[i] = i end
table.move(m, 1, 5, 3)
print("move", m[1], m[2], m[3], m[4], m[5], m[6], m[7])
local acc = {}
table.foreachi(m, function(i, v) acc[#acc + 1] = i .. "=" .. v end)
print("foreachi", table.concat(acc, ","))
