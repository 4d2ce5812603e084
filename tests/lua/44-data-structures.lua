-- data structures: binary heap priority queue, deque, linked list, set operations, LRU cache; hot operations
-- binary min-heap
local Heap = {}
Heap.__index = Heap
function Heap.new(cmp) return setmetatable({ n = 0, cmp = cmp or function(a, b) return a < b end }, Heap) end
function Heap:push(v)
  local n = self.n + 1
  self.n = n
  self[n] = v
  while n > 1 do
    local p = math.floor(n / 2)
    if not self.cmp(self[n], self[p]) then break end
    self[n], self[p] = self[p], self[n]
    n = p
  end
end
function Heap:pop()
  if self.n == 0 then return nil end
  local top = self[1]
  self[1] = self[self.n]
  self[self.n] = nil
  self.n = self.n - 1
  local i = 1
  while true do
    local l, r, m = 2 * i, 2 * i + 1, i
    if l <= self.n and self.cmp(self[l], self[m]) then m = l end
    if r <= self.n and self.cmp(self[r], self[m]) then m = r end
    if m == i then break end
    self[i], self[m] = self[m], self[i]
    i = m
  end
  return top
end

local h = Heap.new()
local seed = 42
for i = 1, 5000 do
  seed = (seed * 16807) % 2147483647
  h:push(seed % 10000)
end
local prev, ordered, first, popped = -1, true, nil, 0
while h.n > 0 do
  local v = h:pop()
  if v < prev then ordered = false end
  first = first or v
  prev = v
  popped = popped + 1
end
print("heap", ordered, popped, first, prev)

-- heap of records with a custom comparator (tie-break on id)
local tasks = Heap.new(function(a, b)
  if a.pri ~= b.pri then return a.pri > b.pri end
  return a.id < b.id
end)
local names = { "write", "test", "deploy", "review", "plan", "fix" }
for i, n in ipairs(names) do tasks:push({ id = i, name = n, pri = (i * 7) % 4 }) end
local order = {}
while tasks.n > 0 do local t = tasks:pop(); order[#order + 1] = t.name .. "/" .. t.pri end
print("tasks", table.concat(order, " "))

-- deque with head/tail indices
local Deque = {}
Deque.__index = Deque
function Deque.new() return setmetatable({ head = 0, tail = -1 }, Deque) end
function Deque:push_back(v) self.tail = self.tail + 1; self[self.tail] = v end
function Deque:push_front(v) self.head = self.head - 1; self[self.head] = v end
function Deque:pop_front() local v = self[self.head]; self[self.head] = nil; self.head = self.head + 1; return v end
function Deque:pop_back() local v = self[self.tail]; self[self.tail] = nil; self.tail = self.tail - 1; return v end
function Deque:size() return self.tail - self.head + 1 end
local dq = Deque.new()
local ds = 0
for i = 1, 20000 do
  if i % 2 == 0 then dq:push_back(i) else dq:push_front(i) end
  if i % 3 == 0 then ds = ds + dq:pop_front() end
  if i % 5 == 0 then ds = ds + dq:pop_back() end
end
print("deque", dq:size(), ds, dq.head, dq.tail)

-- singly linked list: build, reverse, sum
local list = nil
for i = 1, 1000 do list = { value = i, next = list } end
local function reverse(node)
  local prev = nil
  while node do node.next, prev, node = prev, node, node.next end
  return prev
end
list = reverse(list)
local firsts, ls, len = {}, 0, 0
local node = list
while node do
  len = len + 1
  ls = ls + node.value
  if len <= 5 then firsts[#firsts + 1] = node.value end
  node = node.next
end
print("linked list", len, ls, table.concat(firsts, ","))

-- sets as tables: union/intersection/difference with sorted output
local function set(t) local s = {} for _, v in ipairs(t) do s[v] = true end return s end
local function to_sorted(s) local r = {} for k in pairs(s) do r[#r + 1] = k end table.sort(r) return table.concat(r, ",") end
local A, B = set({ 1, 2, 3, 4, 5, 8 }), set({ 4, 5, 6, 7, 8 })
local U, I, D = {}, {}, {}
for k in pairs(A) do U[k] = true; if B[k] then I[k] = true else D[k] = true end end
for k in pairs(B) do U[k] = true end
print("sets", to_sorted(U), to_sorted(I), to_sorted(D))

-- LRU cache with a doubly linked list + map
local function LRU(cap)
  local map, size = {}, 0
  local head = {}
  local tail = { prev = head }
  head.next = tail
  local function unlink(n) n.prev.next, n.next.prev = n.next, n.prev end
  local function push_front(n) n.next, n.prev = head.next, head; head.next.prev = n; head.next = n end
  local self = {}
  function self.get(k)
    local n = map[k]
    if not n then return nil end
    unlink(n); push_front(n)
    return n.v
  end
  function self.put(k, v)
    local n = map[k]
    if n then n.v = v; unlink(n); push_front(n); return end
    if size >= cap then
      local lru = tail.prev
      unlink(lru); map[lru.k] = nil; size = size - 1
    end
    n = { k = k, v = v }
    push_front(n); map[k] = n; size = size + 1
  end
  function self.keys()
    local r, n = {}, head.next
    while n ~= tail do r[#r + 1] = n.k; n = n.next end
    return table.concat(r, ",")
  end
  return self
end
local cache = LRU(4)
for _, k in ipairs({ "a", "b", "c", "d", "a", "e", "b", "f" }) do
  if not cache.get(k) then cache.put(k, k:upper()) end
end
print("lru", cache.keys(), cache.get("a"), cache.get("c"))
local hits, misses = 0, 0
local big = LRU(50)
for i = 1, 20000 do
  local k = (i % 3 == 0) and (i % 40) or ((i * 7) % 90)
  if big.get(k) then hits = hits + 1 else misses = misses + 1; big.put(k, i) end
end
print("lru hot", hits, misses)
