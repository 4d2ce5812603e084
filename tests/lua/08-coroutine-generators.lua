-- coroutines as generators: iterators with wrap, permutations, pipelines, fibonacci stream
local function range(n, step)
  return coroutine.wrap(function()
    for i = 1, n, step or 1 do coroutine.yield(i) end
  end)
end

local parts = {}
for v in range(10, 3) do parts[#parts + 1] = v end
print("range", table.concat(parts, " "))

-- permutations generator
local function permgen(a, n)
  n = n or #a
  if n <= 1 then
    coroutine.yield(a)
  else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local function permutations(a)
  return coroutine.wrap(function() permgen(a) end)
end
local perms = {}
for p in permutations({ "a", "b", "c" }) do perms[#perms + 1] = table.concat(p) end
print("perms", #perms, table.concat(perms, " "))
table.sort(perms)
print("sorted perms", table.concat(perms, " "))

-- pipeline: source -> filter -> map -> sink
local function source(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local function filter(pred, gen)
  return coroutine.wrap(function()
    for v in gen do if pred(v) then coroutine.yield(v) end end
  end)
end
local function map(f, gen)
  return coroutine.wrap(function()
    for v in gen do coroutine.yield(f(v)) end
  end)
end
local out = {}
for v in map(function(x) return x * x end, filter(function(x) return x % 3 == 0 end, source(20))) do
  out[#out + 1] = v
end
print("pipeline", table.concat(out, ","))

-- infinite fibonacci stream, take first n
local function fibs()
  return coroutine.wrap(function()
    local a, b = 0, 1
    while true do
      coroutine.yield(a)
      a, b = b, a + b
    end
  end)
end
local f = fibs()
local fl = {}
for i = 1, 20 do fl[i] = f() end
print("fib", table.concat(fl, " "))

-- tree walk generator (in-order)
local tree = { v = 8,
  l = { v = 3, l = { v = 1 }, r = { v = 6, l = { v = 4 }, r = { v = 7 } } },
  r = { v = 10, r = { v = 14, l = { v = 13 } } } }
local function walk(node)
  if node then
    walk(node.l)
    coroutine.yield(node.v)
    walk(node.r)
  end
end
local tv = {}
for v in coroutine.wrap(function() walk(tree) end) do tv[#tv + 1] = v end
print("inorder", table.concat(tv, " "))

-- generator with state passed in by resume (running average)
local avg = coroutine.wrap(function(x)
  local sum, n = 0, 0
  while true do
    sum, n = sum + x, n + 1
    x = coroutine.yield(string.format("%d/%d", sum, n))
  end
end)
print("avg", avg(10), avg(20), avg(30))

-- many generators alive at once (round robin)
local gens = {}
for k = 1, 4 do
  gens[k] = coroutine.create(function()
    for i = 1, k do coroutine.yield(k * 10 + i) end
    return "fin" .. k
  end)
end
local rr = {}
local alive = true
while alive do
  alive = false
  for k = 1, #gens do
    if coroutine.status(gens[k]) ~= "dead" then
      local _, v = coroutine.resume(gens[k])
      rr[#rr + 1] = tostring(v)
      alive = true
    end
  end
end
print("round robin", table.concat(rr, " "))

-- hot generator: sum of 20000 yielded values
local total = 0
for v in range(20000) do total = total + v end
print("hot generator", total)
