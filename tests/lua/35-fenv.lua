-- setfenv/getfenv basics: function environments, sandboxes, inheritance of globals via __index, levels
local function sorted_keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = tostring(k) end
  table.sort(ks)
  return table.concat(ks, ",")
end

print("default env is _G", getfenv() == _G, getfenv(0) == _G, getfenv(1) == _G)

-- a function with a custom environment
local function uses_globals() return answer, type(print) end
answer = "global answer"
print("before", uses_globals())
local env = { answer = 42, type = function() return "fake type" end }
setfenv(uses_globals, env)
print("after", uses_globals())
print("getfenv(f)", getfenv(uses_globals) == env)

-- sandbox with __index to _G and assignments captured
local sandbox = setmetatable({}, { __index = _G })
local chunk = loadstring("newvar = 1; counter = (counter or 0) + 10; return tostring(newvar) .. string.rep('!', 2)")
setfenv(chunk, sandbox)
print("sandbox run", chunk())
print("sandbox captured", sorted_keys(sandbox), rawget(_G, "newvar"), rawget(_G, "counter"))
chunk()
print("sandbox counter", sandbox.counter)

-- restricted environment: missing print causes an error
local restricted = loadstring("print('should not print')")
setfenv(restricted, {})
print("restricted", pcall(restricted))

-- setfenv on the current function via level 1
local function change_own_env()
  setfenv(1, { tostring = tostring, result = "from own env" })
  return tostring(result)
end
print("level 1", change_own_env())

-- getfenv(2) returns the caller's env
local function caller_env() local e = getfenv(2) return e end -- not a tail call
local probe = loadstring("local f = ... return f() == marker_env")
local marker = { marker_env = nil }
marker.marker_env = marker
setfenv(probe, marker)
print("getfenv(2)", probe(caller_env))

-- closures created inside a function inherit its environment
local factory = loadstring("return function() return greeting end")
setfenv(factory, { greeting = "hello from factory env" })
local inner = factory()
print("inherited", inner(), getfenv(inner) == getfenv(factory))

-- setfenv returns the function; errors for bad levels
print("returns f", setfenv(uses_globals, env) == uses_globals)
print("bad level", pcall(setfenv, 100, {}))
print("bad arg", pcall(setfenv, uses_globals, 1))

-- environment per call in a loop (hot): same chunk, swapping envs
local expr = loadstring("return a * b + c")
local total = 0
for i = 1, 2000 do
  setfenv(expr, { a = i, b = 2, c = i % 3 })
  total = total + expr()
end
print("hot setfenv", total)

-- globals accessed in a hot loop through a custom env table
local calc = loadstring([[
  local s = 0
  for i = 1, 10000 do s = s + k * i end
  return s
]])
setfenv(calc, { k = 3 })
print("hot env global", calc())

-- C functions report a table env as well (global env), value not printed
print("C function env", type(getfenv(print)))
answer = nil
