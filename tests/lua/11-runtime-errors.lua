-- runtime error messages: arithmetic on nil, calling nil, indexing nil, concat, compare, with variable names
local function try(label, f, ...)
  local ok, err = pcall(f, ...)
  print(label, ok, err)
end

local glob_nil_check = nil
try("arith local nil", function() local x; return x + 1 end)
try("arith global nil", function() return undefined_global * 2 end)
try("arith field nil", function() local t = {}; return t.count - 1 end)
try("arith upvalue nil", function() return glob_nil_check / 2 end)
try("arith string", function() local s = "abc"; return s + 1 end)
try("arith table", function() local t = {}; return -t end)
try("arith boolean", function() return true % 2 end)
try("call nil local", function() local f; f() end)
try("call nil global", function() not_a_function() end)
try("call nil field", function() local t = {}; t.method() end)
try("call nil method", function() local t = {}; t:method() end)
try("call number", function() local n = 5; n() end)
try("call string method missing", function() local s = "x"; s:nosuch() end)
try("index nil local", function() local t; return t.x end)
try("index nil global", function() return nothing_here.x end)
try("index nil field", function() local t = { a = {} }; return t.a.b.c end)
try("index number", function() local n = 1; return n.x end)
try("index boolean", function() return (false).x end)
try("newindex nil", function() local t; t.x = 1 end)
try("newindex number", function() local n = 3; n.x = 1 end)
try("concat nil", function() local v; return "a" .. v end)
try("concat table", function() return "a" .. {} end)
try("concat boolean", function() local b = true; return b .. "" end)
try("compare", function() return {} < 1 end)
try("compare num str", function() return 1 <= "1" end)
try("compare nil", function() local a, b; return a < b end)
try("table index nil key", function() local t = {}; t[nil] = 1 end)
try("table index nan key", function() local t = {}; t[0 / 0] = 1 end)
try("for init", function() for i = "a", 2 do end end)
try("for limit", function() for i = 1, {} do end end)
try("for step", function() for i = 1, 2, nil do end end)
try("length nil", function() local v; return #v end)
try("length number", function() return #5 end)
-- the position prefix of a stack overflow differs between interpreter and JIT,
-- so only check that the message mentions it
do
  local function rec(n) return 1 + rec(n + 1) end
  local ok, err = pcall(rec, 1)
  print("stack overflow", ok, (string.find(err, "stack overflow", 1, true)) ~= nil)
end

-- same errors raised inside a hot loop after it has been running for a while
local function hot(limit)
  local t = {}
  for i = 1, 1000 do t[i] = i end
  local s = 0
  for i = 1, limit do
    s = s + t[i] -- t[1001] is nil
  end
  return s
end
try("hot ok", hot, 1000)
try("hot nil arith", hot, 1001)

local function hot_call(n)
  local fs = {}
  for i = 1, n do fs[i] = function() return i end end
  local s = 0
  for i = 1, n + 1 do s = s + fs[i]() end
  return s
end
try("hot call nil", hot_call, 500)

local function hot_index(n)
  local rows = {}
  for i = 1, n do rows[i] = { v = i } end
  rows[n - 3] = false
  local s = 0
  for i = 1, n do s = s + rows[i].v end
  return s
end
try("hot index", hot_index, 800)
