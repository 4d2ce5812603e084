-- closures and upvalues: counters, shared upvalues, closures created in loops
local function counter(start, step)
  local n = start
  return function()
    n = n + step
    return n
  end
end

local c1, c2 = counter(0, 1), counter(100, -10)
print("c1", c1(), c1(), c1())
print("c2", c2(), c2())
print("c1 again", c1())

-- two closures sharing one upvalue
local function pair()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  local function inc() v = v + 1; return v end
  return get, set, inc
end
local get, set, inc = pair()
set(41)
print("shared", get(), inc(), get())
set("str")
print("shared string", get())

-- closures in a numeric for loop capture a fresh variable per iteration
local fns = {}
for i = 1, 5 do
  fns[i] = function() return i * i end
end
local out = {}
for i = 1, #fns do out[#out + 1] = fns[i]() end
print("for loop captures", table.concat(out, " "))

-- closures in a while loop capture a fresh local per iteration
local ws = {}
local j = 0
while j < 4 do
  j = j + 1
  local k = j * 10
  ws[j] = function() k = k + 1; return k end
end
print("while captures", ws[1](), ws[1](), ws[2](), ws[4]())

-- closures in a loop sharing an outer upvalue
local total = 0
local adders = {}
for i = 1, 3 do
  adders[i] = function(x) total = total + x * i; return total end
end
print("outer shared", adders[1](1), adders[2](1), adders[3](1), total)

-- nested closures: upvalue of an upvalue
local function outer()
  local a = 1
  return function()
    local b = 10
    return function()
      a = a + 1
      b = b + 1
      return a + b
    end
  end
end
local mid = outer()
local in1, in2 = mid(), mid()
print("nested", in1(), in1(), in2(), in1())

-- upvalue closed after the loop ends (each iteration independent)
local acc = {}
for i = 1, 3 do
  local x = i
  acc[i] = function(d) x = x + d; return x end
end
print("independent", acc[1](10), acc[2](10), acc[1](10), acc[3](0))

-- recursion through an upvalue
local fact
fact = function(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print("fact via upvalue", fact(10))

-- hot loop calling closures (compiled under JIT)
local cnt = counter(0, 2)
local s = 0
for i = 1, 20000 do s = s + cnt() end
print("hot closure sum", s, cnt())

-- closures created inside a hot loop
local made = 0
for i = 1, 5000 do
  local f = function(y) return y + i end
  made = made + f(1)
end
print("made", made)
