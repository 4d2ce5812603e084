-- binary_trees.lua: allocate and walk many complete binary trees of varying depth
-- (allocation / GC heavy). Usage: binary_trees.lua [max_depth]
local maxd = tonumber(arg and arg[1]) or 15
local mind = 4
if maxd < mind + 2 then maxd = mind + 2 end

local function build(d)
  if d == 0 then return { false, false } end
  d = d - 1
  return { build(d), build(d) }
end

local function count(t)
  local l = t[1]
  if l then return 1 + count(l) + count(t[2]) end
  return 1
end

local big = build(maxd + 1)
print(string.format("stretch tree of depth %d\t nodes: %d", maxd + 1, count(big)))
big = nil

local keep = build(maxd)
local total = 0
for d = mind, maxd, 2 do
  local iters = 1
  for _ = 1, maxd - d + mind do iters = iters * 2 end
  local c = 0
  for _ = 1, iters do c = c + count(build(d)) end
  total = total + c
  print(string.format("%d\t trees of depth %d\t nodes: %d", iters, d, c))
end
print(string.format("long lived tree of depth %d\t nodes: %d", maxd, count(keep)))
print(string.format("total nodes: %d", total))
