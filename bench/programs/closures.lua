-- closures.lua: create many closures, share and mutate upvalues, and pass
-- functions to higher-order functions (map / filter / fold / compose / curry).
-- Usage: closures.lua [n]
local n = tonumber(arg and arg[1]) or 500000
local MOD = 1000000007

local function counter(start, stepv)
  local c = start
  return function() c = c + stepv; return c end,
         function() return c end
end

local function map(t, f)
  local r = {}
  for i = 1, #t do r[i] = f(t[i]) end
  return r
end
local function filter(t, p)
  local r, k = {}, 0
  for i = 1, #t do local v = t[i]; if p(v) then k = k + 1; r[k] = v end end
  return r
end
local function fold(t, f, acc)
  for i = 1, #t do acc = f(acc, t[i]) end
  return acc
end
local function compose(f, g) return function(x) return f(g(x)) end end
local function curry2(f) return function(a) return function(b) return f(a, b) end end end
local function add(a, b) return a + b end

local total = 0

-- 1. a fresh pair of closures sharing one upvalue per iteration
for i = 1, n do
  local inc, get = counter(i, i % 5 + 1)
  inc(); inc()
  total = (total + get()) % MOD
end
print(string.format("counters: %d", total))

-- 2. closures capturing the loop variable, stored and called later
local fs = {}
local acc = 0
for round = 1, 10 do
  for i = 1, math.floor(n / 10) do
    fs[i] = function(x) return x * i + round end
  end
  for i = 1, #fs, 3 do acc = (acc + fs[i](i % 11)) % MOD end
end
print(string.format("captured loop vars: %d", acc))

-- 3. map / filter / fold with fresh lambdas over a data array
local data = {}
for i = 1, 1000 do data[i] = i end
local hsum = 0
for r = 1, math.floor(n / 1000) do
  local k = r % 7 + 1
  local sq = map(data, function(x) return (x * k) % 1009 end)
  local odd = filter(sq, function(x) return x % 2 == 1 end)
  hsum = (hsum + fold(odd, function(a, b) return a + b end, r)) % MOD
end
print(string.format("map/filter/fold: %d", hsum))

-- 4. compose and curry chains
local csum = 0
for i = 1, n do
  local addi = curry2(add)(i % 100)
  local f = compose(addi, compose(function(x) return x * 2 end, curry2(add)(3)))
  csum = (csum + f(i)) % MOD
end
print(string.format("compose/curry: %d", csum))

-- 5. a closure-based object with methods in upvalues
local function account(balance)
  local history = 0
  local self = {}
  function self.deposit(v) balance = balance + v; history = history + 1 end
  function self.withdraw(v)
    if v <= balance then balance = balance - v; history = history + 1; return true end
    return false
  end
  function self.state() return balance, history end
  return self
end
local bsum, hcount = 0, 0
for i = 1, math.floor(n / 10) do
  local a = account(i % 50)
  for j = 1, 10 do
    if j % 3 == 0 then a.withdraw(j * 2) else a.deposit(j) end
  end
  local b, hh = a.state()
  bsum = (bsum + b) % MOD; hcount = hcount + hh
end
print(string.format("accounts: balance %d, operations %d", bsum, hcount))
