-- errors: error with strings/tables/nil, levels 1/2, nested pcall, xpcall handlers, tostring of error values
print("string", pcall(error, "msg"))
print("level1", pcall(function() error("lvl1") end))
print("level1 explicit", pcall(function() error("lvl1x", 1) end))

local function checker(x)
  if type(x) ~= "number" then error("expected number, got " .. type(x), 2) end
  return x
end
local function caller()
  local v = checker("str") -- line reported is here
  return v
end
print("level2", pcall(caller))
local function tailcaller() return checker({}) end -- tail call: caller frame is gone
print("level2 tail", pcall(tailcaller))
print("level0", pcall(function() error("no position", 0) end))

-- error with non-string values
local ok, e = pcall(error, { code = 404, msg = "not found" })
print("table", ok, type(e), e.code, e.msg)
ok, e = pcall(error, 42)
print("number", ok, type(e), e)
ok, e = pcall(error, true)
print("boolean", ok, type(e), tostring(e))
ok, e = pcall(error, nil)
print("nil", ok, e)
ok, e = pcall(error)
print("no arg", ok, e)

-- error objects with __tostring
local Err = {}
Err.__index = Err
Err.__tostring = function(self) return "Err<" .. self.kind .. ">" end
ok, e = pcall(function() error(setmetatable({ kind = "io" }, Err)) end)
print("custom", ok, tostring(e), getmetatable(e) == Err, e.kind)

-- numbers given to error get position prepended (converted to string)
ok, e = pcall(function() error(7) end)
print("number with pos", ok, type(e), e)

-- nested pcall
local trace = {}
ok, e = pcall(function()
  local ok2, e2 = pcall(function()
    trace[#trace + 1] = "inner"
    error("inner fail", 0)
  end)
  trace[#trace + 1] = "caught:" .. tostring(e2)
  error("outer fail", 0)
end)
print("nested", ok, e, table.concat(trace, "|"))

-- rethrow keeps the original message
ok, e = pcall(function()
  local ok2, e2 = pcall(error, "original", 0)
  error(e2, 0)
end)
print("rethrow", ok, e)

-- pcall returns all results on success
print("success", pcall(function(...) return ... end, 1, nil, 3))
print("pcall non-function", pcall(42))

-- xpcall with handler receives original error; handler return value is returned
print("xpcall", xpcall(function() error("xp") end, function(m) return "H(" .. m .. ")" end))
print("xpcall ok", xpcall(function() return "fine", 2 end, print))
print("xpcall table", xpcall(function() error({ 1, 2 }) end, function(t) return #t end))
-- handler that errors
print("xpcall bad handler", xpcall(function() error("a") end, function(m) error("b") end))

-- errors in metamethods
local mt = { __index = function(t, k) error("no field " .. k, 2) end }
local obj = setmetatable({}, mt)
print("meta err", pcall(function() return obj.zzz end))

-- assert
print("assert ok", assert(1, "unused"), select('#', assert(1, 2, 3)))
print("assert fail", pcall(assert, false, "assert message"))
print("assert nil", pcall(assert, nil))
print("assert table msg", select(2, pcall(assert, false, { x = 1 })).x)

-- error in a loop, counting failures (hot)
local fails, sum = 0, 0
for i = 1, 2000 do
  local ok3, v = pcall(function()
    if i % 7 == 0 then error("bad " .. i, 0) end
    return i
  end)
  if ok3 then sum = sum + v else fails = fails + 1 end
end
print("hot pcall", fails, sum)

-- tostring of an error from a wrong argument to a builtin
print("builtin arg", pcall(string.rep))
print("builtin arg2", pcall(string.sub))
print("builtin arg3", pcall(setmetatable, 1, {}))
print("tonumber bad base", pcall(tonumber, "10", 99))
print("ipairs nil", pcall(ipairs))
print("named builtin", pcall(function() local s = string.rep() return s end))
print("named method", pcall(function() local s = ("x"):rep({}) return s end))
