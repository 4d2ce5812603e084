-- tracebacks: xpcall(f, debug.traceback), debug.traceback with message/level, nested functions
-- The outermost frame of a traceback is the host's C entry point (printed with
-- its address), so everything after "in main chunk" is cut off before printing.
local function clean(s)
  s = tostring(s)
  local cut = string.find(s, "in main chunk", 1, true)
  if cut then s = string.sub(s, 1, cut + #"in main chunk" - 1) end
  return s
end
local function show_x(ok, msg) print(ok, clean(msg)) end

local function level3() error("failure at level 3") end
local function level2() level3() end
local function level1() level2() end

show_x(xpcall(level1, debug.traceback))

-- traceback for a runtime error (not error())
local function bad_index()
  local t = nil
  return t.x
end
local function wrapper() local r = bad_index() return r end
show_x(xpcall(wrapper, debug.traceback))

-- traceback from a method call
local Obj = {}
function Obj:run() return self:step() end
function Obj:step() local v = self.missing.value return v end
show_x(xpcall(function() local r = Obj:run() return r end, debug.traceback))

-- debug.traceback directly with a message and no error
local function show()
  return debug.traceback("here", 1)
end
local function outer() local s = show() return s end
print(clean(outer()))

-- traceback with a custom handler that adds a prefix
local function handler(msg)
  return "HANDLED: " .. tostring(msg) .. "\n" .. debug.traceback("tb", 2)
end
show_x(xpcall(level1, handler))

-- error with a table value: traceback handler receives the table
show_x(xpcall(function() error({ code = 1 }) end, function(e)
  return "table error code " .. e.code
end))

-- traceback inside a coroutine
local co = coroutine.create(function()
  local function inner() coroutine.yield(debug.traceback("in coroutine")) end
  inner()
end)
print(select(2, coroutine.resume(co)))

-- traceback through a hot loop that errors at a late iteration
local function hot(n)
  local t = {}
  for i = 1, n do t[i] = i end
  local s = 0
  for i = 1, n + 1 do s = s + t[i] end
  return s
end
local function call_hot() local r = hot(1000) return r end
show_x(xpcall(call_hot, debug.traceback))
