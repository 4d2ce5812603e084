-- tail calls: deep tail recursion (100000+ levels) without stack overflow, mutual tail calls, tail call via varargs
local function count_down(n, acc)
  if n == 0 then return acc end
  return count_down(n - 1, acc + n)
end
print("tail sum 100000", count_down(100000, 0))
print("tail sum 300000", count_down(300000, 0))

-- mutual tail recursion
local ping, pong
function ping(n, hits) if n == 0 then return "ping", hits end return pong(n - 1, hits + 1) end
function pong(n, hits) if n == 0 then return "pong", hits end return ping(n - 1, hits + 2) end
print("mutual", ping(100001, 0))
print("mutual even", ping(200000, 0))

-- tail call through a method
local obj = { n = 0 }
function obj:step(k)
  if k == 0 then return self.n end
  self.n = self.n + 1
  return self:step(k - 1)
end
print("method tail", obj:step(150000))

-- tail call returning multiple values
local function multi(n, a, b)
  if n == 0 then return a, b, "end" end
  return multi(n - 1, b, a + 1)
end
print("multi", multi(100000, 0, 0))

-- tail call with varargs
local function va(n, ...)
  if n == 0 then return select('#', ...), ... end
  return va(n - 1, ...)
end
print("vararg tail", va(100000, "a", nil, "c"))

-- tail call to a different function each time (dispatch table)
local handlers = {}
local function run(state, n, trace)
  if n == 0 then return state, trace end
  return handlers[state](n - 1, trace)
end
handlers.a = function(n, trace) return run("b", n, trace + 1) end
handlers.b = function(n, trace) return run("c", n, trace + 10) end
handlers.c = function(n, trace) return run("a", n, trace + 100) end
print("dispatch", run("a", 100000, 0))

-- a tail call in a loop-heavy function (GCD via tail recursion)
local function gcd(a, b) if b == 0 then return a end return gcd(b, a % b) end
local g = 0
for i = 1, 20000 do g = g + gcd(i * 6, 84) end
print("gcd sum", g)

-- non-tail call (return (f(x))) is not a tail call: keep it shallow
local function nontail(n) if n == 0 then return 0 end return (nontail(n - 1)) end
print("nontail shallow", nontail(1000))

-- error after a tail call: the frame of via_tail is replaced and does not appear in the traceback
local function inner_err() error("tail err") end
local function via_tail() return inner_err() end
local ok, tb = xpcall(via_tail, debug.traceback)
-- print only the traceback lines up to the xpcall frame (stable part)
local lines = {}
for line in tostring(tb):gmatch("[^\n]+") do
  lines[#lines + 1] = line
  if line:find("in function 'xpcall'", 1, true) then break end
end
print(ok, table.concat(lines, "\n"))
