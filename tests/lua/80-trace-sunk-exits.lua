-- Allocations the optimiser sinks (made only when a trace exits) must come
-- back at every exit with their fields: plain tables, templates, metatables,
-- nested sunk tables, and a sunk table that a side trace rebuilds.
-- The GC stays off: a GC step on trace may end it at an exit of its own, and
-- GC steps follow heap bytes, which differ between builds (this program's
-- trace story is compared with LuaJIT's x86 VM).
collectgarbage("stop")
local mt = { __index = function(t, k) return k .. "?" end }

local kept = {}
local sum = 0
for i = 1, 600 do
  local p = { x = i, y = i * 2 }            -- TNEW, sunk unless kept
  local q = { 1, 2, 3, tag = "t" .. (i % 3) } -- TDUP template
  sum = sum + p.x + p.y + q[3]
  if i % 97 == 0 then kept[#kept + 1] = p end            -- exit: p escapes
  if i % 151 == 0 then kept[#kept + 1] = q end           -- another exit
end
print("sum", sum, #kept)
for _, t in ipairs(kept) do
  if t.x then print("p", t.x, t.y) else print("q", t[1], t[2], t[3], t.tag) end
end

-- a table with a metatable and a nested table, escaping now and then
local seen = {}
for i = 1, 500 do
  local inner = { v = i }
  local o = setmetatable({ inner = inner, n = i }, mt)
  if i % 123 == 0 then seen[#seen + 1] = o end
end
for _, o in ipairs(seen) do print("o", o.n, o.inner.v, o.missing) end

-- branches inside the loop: exits become side traces, which rebuild too
local acc, out = 0, {}
for i = 1, 3000 do
  local v = { a = i, b = -i }
  if i % 4 == 0 then
    acc = acc + v.a
  elseif i % 4 == 1 then
    acc = acc + v.b
  else
    acc = acc + 1
  end
  if i % 1000 == 0 then out[#out + 1] = v end
end
print("acc", acc)
for _, v in ipairs(out) do print("v", v.a, v.b) end
