-- metamethods exercised inside hot loops: __index chains, __newindex proxies, __call, __eq/__lt, __len/__unm on proxies
-- 3-level __index chain read in a loop
local A = { a = 1 }
local B = setmetatable({ b = 2 }, { __index = A })
local C = setmetatable({ c = 3 }, { __index = B })
local obj = setmetatable({}, { __index = C })
local s = 0
for i = 1, 30000 do s = s + obj.a + obj.b + obj.c end
print("index chain", s)

-- proxy table tracking writes and reads
local function proxy(target)
  local reads, writes = 0, 0
  local p = setmetatable({}, {
    __index = function(_, k) reads = reads + 1; return target[k] end,
    __newindex = function(_, k, v) writes = writes + 1; target[k] = v end,
  })
  return p, function() return reads, writes end
end
local p, stats = proxy({})
for i = 1, 5000 do p[i % 100] = (p[i % 100] or 0) + i end
local total = 0
for i = 0, 99 do total = total + p[i] end
print("proxy", total, stats())

-- __call objects in a hot loop
local Acc = setmetatable({ v = 0 }, { __call = function(self, x) self.v = self.v + x; return self.v end })
local last
for i = 1, 20000 do last = Acc(i % 9) end
print("call", last)

-- __eq and __lt in hot comparisons
local Num = {}
Num.__index = Num
Num.__eq = function(a, b) return a.v == b.v end
Num.__lt = function(a, b) return a.v < b.v end
Num.__le = function(a, b) return a.v <= b.v end
local function num(v) return setmetatable({ v = v }, Num) end
local pool = {}
for i = 1, 100 do pool[i] = num(i % 17) end
local eqc, ltc, lec = 0, 0, 0
local ref = num(8)
for r = 1, 100 do
  for i = 1, #pool do
    local x = pool[i]
    if x == ref then eqc = eqc + 1 end
    if x < ref then ltc = ltc + 1 end
    if x <= ref then lec = lec + 1 end
  end
end
print("compare", eqc, ltc, lec)

-- sort with __lt (no comparator)
local arr = {}
for i = 1, 2000 do arr[i] = num((i * 7919) % 2003) end
table.sort(arr)
local okay = true
for i = 2, #arr do if arr[i].v < arr[i - 1].v then okay = false end end
print("sort __lt", okay, arr[1].v, arr[2000].v)

-- __len and __unm on userdata proxies in a loop
local u = newproxy(true)
local mt = getmetatable(u)
local size = 0
mt.__len = function() return size end
mt.__unm = function() return -size end
local acc = 0
for i = 1, 10000 do
  size = i % 50
  acc = acc + #u - (-u)
end
print("len/unm", acc)

-- arithmetic metamethods producing new objects each iteration
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({ x = a.x + b.x }, V) end
V.__mul = function(a, k) return setmetatable({ x = a.x * k }, V) end
V.__div = function(a, k) return setmetatable({ x = a.x / k }, V) end
V.__mod = function(a, k) return setmetatable({ x = a.x % k }, V) end
local v = setmetatable({ x = 1 }, V)
local one = setmetatable({ x = 1 }, V)
for i = 1, 20000 do v = ((v + one) * 3) % 1000003 end
print("arith objects", v.x)

-- __concat in a hot loop
local Tag = setmetatable({}, { __concat = function(a, b)
  if type(a) == "table" then return "<" .. b .. ">" end
  return a .. "|"
end })
local n = 0
for i = 1, 3000 do
  local str = (i % 2 == 0) and (Tag .. i) or (i .. Tag)
  n = n + #str
end
print("concat", n)

-- __index function falling back to rawset caching (first access slow path, later fast path)
local calls = 0
local lazy = setmetatable({}, { __index = function(t, k) calls = calls + 1; local v = k * 3; rawset(t, k, v); return v end })
local ls = 0
for r = 1, 50 do
  for i = 1, 200 do ls = ls + lazy[i] end
end
print("lazy", ls, calls)
