-- hot loops involving closures and upvalues: mutation of upvalues in loops, per-iteration closures, escaping closures
-- upvalue incremented from a closure called in a hot loop
local count = 0
local function bump(n) count = count + n end
for i = 1, 50000 do bump(i % 3) end
print("upvalue bump", count)

-- closure created each iteration capturing the loop variable, called immediately
local s = 0
for i = 1, 20000 do
  local f = function(k) return i * k end
  s = s + f(2)
end
print("per-iteration closure", s)

-- closures escaping into a table, called later in another hot loop
local fs = {}
for i = 1, 1000 do
  local base = i * 3
  fs[i] = function(x) base = base + x; return base end
end
local total = 0
for round = 1, 10 do
  for i = 1, #fs do total = total + fs[i](round) end
end
print("escaped closures", total)

-- two closures sharing state, alternated in a hot loop
local function make_account()
  local balance = 0
  return function(v) balance = balance + v end, function(v) balance = balance - v end, function() return balance end
end
local dep, wd, bal = make_account()
for i = 1, 30000 do
  if i % 3 == 0 then wd(i) else dep(i) end
end
print("shared state", bal())

-- upvalues of upvalues (three levels) in a hot loop
local function level1()
  local a = 0
  return function()
    local b = 0
    return function(k)
      a = a + k
      b = b + 1
      return a + b
    end
  end
end
local fn = level1()()
local last
for i = 1, 20000 do last = fn(1) end
print("three levels", last)

-- closure over a table upvalue, mutating fields
local state = { hits = 0, sum = 0 }
local function record(v)
  state.hits = state.hits + 1
  state.sum = state.sum + v
end
for i = 1, 40000 do record(i % 10) end
print("table upvalue", state.hits, state.sum)

-- higher-order functions: map/filter/reduce with closures in hot paths
local function map(t, f) local r = {} for i = 1, #t do r[i] = f(t[i]) end return r end
local function filter(t, p) local r = {} for i = 1, #t do if p(t[i]) then r[#r + 1] = t[i] end end return r end
local function reduce(t, f, acc) for i = 1, #t do acc = f(acc, t[i]) end return acc end
local nums = {}
for i = 1, 10000 do nums[i] = i end
local threshold = 3
local res = reduce(filter(map(nums, function(x) return x * x end), function(x) return x % threshold == 0 end),
  function(acc, x) return acc + x end, 0)
print("map/filter/reduce", res)

-- memoize wrapper built from closures
local function memoize(f)
  local cache = {}
  return function(n)
    local v = cache[n]
    if v == nil then v = f(n); cache[n] = v end
    return v
  end
end
local calls = 0
local slow_sq = memoize(function(n) calls = calls + 1; return n * n end)
local ms = 0
for i = 1, 30000 do ms = ms + slow_sq(i % 100) end
print("memoize", ms, calls)

-- closure capturing a variable that is later reassigned outside
local mode = "add"
local function apply(a, b) if mode == "add" then return a + b else return a * b end end
local r1 = 0
for i = 1, 10000 do
  if i == 5000 then mode = "mul" end
  r1 = apply(r1 % 1009, i % 7 + 1)
end
print("mode switch", r1)
