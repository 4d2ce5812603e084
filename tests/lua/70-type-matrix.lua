-- type matrix: every operator and bytecode family, and the fast functions, on operands of every type (pcall each)
print(io.stdout == io.stderr, io.stdout ~= io.stderr, io.stdout == io.stdout)

-- Metamethods leave a trail, printed after the operation that called them.
local trail = {}
local label
local function note(s) trail[#trail + 1] = s end
local mt = {}
for _, ev in ipairs({"add", "sub", "mul", "div", "mod", "pow", "concat"}) do
  mt["__" .. ev] = function(a, b)
    note(ev)
    return ev .. "(" .. label(a) .. "," .. label(b) .. ")"
  end
end
mt.__unm = function(a) note("unm") return "unm(" .. label(a) .. ")" end
mt.__len = function(a) note("len") return 42 end
mt.__eq = function(a, b) note("eq") return true end
mt.__lt = function(a, b) note("lt") return false end
mt.__le = function(a, b) note("le") return 1 end
mt.__index = function(t, k) note("index") return "idx(" .. label(k) .. ")" end
mt.__newindex = function(t, k, v) note("newindex(" .. label(k) .. "," .. label(v) .. ")") end
mt.__call = function(self, a) note("call") return "called(" .. label(a) .. ")" end
mt.__tostring = function(self) return "meta-object" end

-- The operands: name and value, in a fixed order (nil included, so no ipairs).
local names = setmetatable({}, {__mode = "k"})
local function make()
  local list = {}
  local function add(name, x)
    list[#list + 1] = {name, x}
    if type(x) == "table" or type(x) == "userdata" or type(x) == "function" or type(x) == "thread" then
      names[x] = name
    end
  end
  add("nil", nil)
  add("false", false)
  add("true", true)
  add("0", 0)
  local zero = 0
  add("-0", -(zero / 1))  -- a float -0 on every target (dual-number too)
  add("1", 1)
  add("-1.5", -1.5)
  add("2^53", 2 ^ 53)
  add("nan", 0 / 0)
  add("inf", 1 / 0)
  add("-inf", -1 / 0)
  add('""', "")
  add('"abc"', "abc")
  add('"10"', "10")
  add('" 0x1f "', " 0x1f ")
  add('"1e1"', "1e1")
  add("{}", {})
  add("{1,2,x=3}", {1, 2, x = 3})
  add("t_emptymt", setmetatable({}, {}))
  add("t_meta", setmetatable({}, mt))
  add("t_meta2", setmetatable({7}, mt))
  add("luafn", function(a) return "luafn(" .. label(a) .. ")" end)
  add("print", print)
  add("proxy", newproxy())
  local p = newproxy(true)
  for k, f in pairs(mt) do getmetatable(p)[k] = f end
  add("u_meta", p)
  add("u_meta2", newproxy(p))
  add("io.stdout", io.stdout)
  add("io.stderr", io.stderr)
  add("thread", coroutine.create(function(a) coroutine.yield(a) return "done" end))
  return list
end
function label(x)
  local t = type(x)
  if names[x] then return names[x] end
  if t == "string" then return (string.format("%q", x):gsub("0x%x%x%x%x+", "0xADDR")) end
  if t == "number" then
    if x == 0 and 1 / x < 0 then return "-0" end
    return tostring(x)
  end
  if t == "nil" or t == "boolean" then return tostring(x) end
  return t
end

-- Each distinct error message gets a number, printed once where it first appears.
local errors, nerrors = {}, 0
local function errid(e)
  local msg = type(e) == "string" and e:gsub("0x%x%x%x%x+", "0xADDR") or "error object " .. label(e)
  if not errors[msg] then
    nerrors = nerrors + 1
    errors[msg] = "E" .. nerrors
    print(errors[msg] .. ": " .. msg)
  end
  return errors[msg]
end

local function results(ok, ...)
  local out = {}
  if not ok then
    out[1] = errid((...))
  else
    for i = 1, select("#", ...) do out[i] = label((select(i, ...))) end
    if select("#", ...) == 0 then out[1] = "(none)" end
  end
  if #trail > 0 then out[#out + 1] = "[" .. table.concat(trail, " ") .. "]" end
  trail = {}
  return table.concat(out, " ")
end

-- Generated functions have short chunk names: "=m" makes errors say "m:1:".
local function chunk(code) return load(code, "=m") end

local V = make()
local function each(f)
  for i = 1, #V do f(V[i][1], V[i][2]) end
end

-- Binary operators: the bytecode's variable form, inside a short loop so
-- that with the JIT on the loop gets hot across operands of changing types.
local binops = {"+", "-", "*", "/", "%", "^", "..", "==", "~=", "<", "<=", ">", ">="}
for _, op in ipairs(binops) do
  local f = assert(chunk("local a, b = ... local r for i = 1, 2 do r = a " .. op .. " b end return r"))
  local g = assert(chunk("local a, b = ... if a " .. op .. " b then return 'then' else return 'else' end"))
  print("== a " .. op .. " b")
  each(function(an, a)
    local row = {}
    each(function(bn, b)
      row[#row + 1] = bn .. "=" .. results(pcall(f, a, b))
    end)
    print(an, table.concat(row, "; "))
  end)
  if op == "==" or op == "<" or op == "<=" then
    print("== if a " .. op .. " b")
    each(function(an, a)
      local row = {}
      each(function(bn, b) row[#row + 1] = results(pcall(g, a, b)) end)
      print(an, table.concat(row, " "))
    end)
  end
end

-- Constant operand forms (ADDVN/ADDNV..., ISEQS/ISEQN/ISEQP, CAT with a constant).
local kforms = {
  "a + 2", "2 + a", "a - 2", "2 - a", "a * 2", "2 * a", "a / 2", "2 / a", "a % 2", "2 % a",
  "a ^ 2", "2 ^ a", "a .. 'k'", "'k' .. a", "'k' .. a .. 'k'", "a .. a .. a",
  "a == nil", "a ~= nil", "a == true", "a == false", "a ~= false",
  "a == 0", "a ~= 0", "a == 1", "a == -1.5", "a == 10", "a == 'abc'", "a ~= 'abc'", "a == '10'", "a == ''",
  "nil == a", "1 == a", "'abc' ~= a",
  "a < 1", "1 < a", "a <= 'abc'", "'abc' >= a",
  "-a", "not a", "#a", "not not a", "- - a",
}
for _, e in ipairs(kforms) do
  local f = assert(chunk("local a = ... local r for i = 1, 2 do r = " .. e .. " end return r"))
  local row = {}
  each(function(an, a) row[#row + 1] = an .. "=" .. results(pcall(f, a)) end)
  print("== " .. e, table.concat(row, "; "))
end

-- Indexing: get with every key (TGETV), a constant string (TGETS) and a small
-- integer (TGETB); set on fresh operands so the sets do not pile up.
local gets = {
  v = assert(chunk("local a, k = ... return a[k]")),
  s = assert(chunk("local a = ... return a.x")),
  b = assert(chunk("local a = ... return a[1]")),
}
print("== a[k]")
each(function(an, a)
  local row = {}
  each(function(kn, k) row[#row + 1] = kn .. "=" .. results(pcall(gets.v, a, k)) end)
  print(an, table.concat(row, "; "))
end)
each(function(an, a)
  print("== a.x / a[1]", an, results(pcall(gets.s, a)), results(pcall(gets.b, a)))
end)

local sets = {
  v = assert(chunk("local a, k = ... a[k] = 'v' return a[k]")),
  s = assert(chunk("local a, v = ... a.x = v return a.x")),
  b = assert(chunk("local a, v = ... a[1] = v return a[1]")),
  m = assert(chunk("local a, v = ... local t = {a, v, a} t[3] = v return #t")),
}
print("== a[k] = 'v'")
for i = 1, #V do
  local row = {}
  for j = 1, #V do
    local fresh = make()
    row[#row + 1] = V[j][1] .. "=" .. results(pcall(sets.v, fresh[i][2], fresh[j][2]))
  end
  print(V[i][1], table.concat(row, "; "))
end
for i = 1, #V do
  local row = {}
  for j = 1, #V do
    local fresh = make()
    row[#row + 1] = results(pcall(sets.s, fresh[i][2], fresh[j][2])) .. " / " ..
      results(pcall(sets.b, fresh[i][2], fresh[j][2]))
  end
  print("== a.x = v / a[1] = v", V[i][1], table.concat(row, "; "))
end
each(function(an, a) print("== table constructor", an, results(pcall(sets.m, a, a))) end)

-- Calls (CALL, CALLT, method calls), numeric for with bad operands, generic for.
local calls = {
  call = assert(chunk("local f, a = ... return f(a)")),
  tail = assert(chunk("local f, a = ... return (function() return f(a) end)()")),
  method = assert(chunk("local o = ... return o:write('')")),
  forgen = assert(chunk("local a = ... local n = 0 for k, v in a do n = n + 1 if n > 2 then break end end return n")),
  pairs = assert(chunk("local a = ... local n = 0 for k, v in pairs(a) do n = n + 1 end return n")),
  ipairs = assert(chunk("local a = ... local n = 0 for k, v in ipairs(a) do n = n + 1 end return n")),
  next = assert(chunk("local a = ... local n = 0 for k, v in next, a do n = n + 1 end return n")),
  varg = assert(chunk("local f = ... return select('#', f(...))")),
}
-- Numeric for loops are compiled afresh for each operand, so that no trace
-- recorded with other operand types runs them: on ARM64, stock LuaJIT 2.1
-- (pinned source) runs the body of `for i = 2^53, 3` once when its FORL has a
-- trace recorded with integers (the bug hunter's issue has the reproducer).
local fornum = {
  fornum1 = "local a = ... local s, n = 0, 0 for i = a, 3 do s = s + i n = n + 1 if n > 3 then break end end return s",
  fornum2 = "local a = ... local s = 0 for i = 1, a do s = s + 1 if s > 3 then break end end return s",
  fornum3 = "local a = ... local s = 0 for i = 1, 3, a do s = s + 1 if s > 3 then break end end return s",
}
for _, k in ipairs({"fornum1", "fornum2", "fornum3"}) do
  local row = {}
  for i = 1, #V do
    row[#row + 1] = V[i][1] .. "=" .. results(pcall(assert(chunk(fornum[k])), V[i][2]))
  end
  print("== " .. k, table.concat(row, "; "))
end

local cnames = {}
for k in pairs(calls) do cnames[#cnames + 1] = k end
table.sort(cnames)
for _, k in ipairs(cnames) do
  local row = {}
  for i = 1, #V do
    local fresh = make()
    row[#row + 1] = V[i][1] .. "=" .. results(pcall(calls[k], fresh[i][2], 5))
  end
  print("== " .. k, table.concat(row, "; "))
end

-- Library functions (the assembly VM's fast functions first) with each operand
-- as their first argument, then as their second.
local lib = {
  {"type", type}, {"tostring", tostring}, {"tonumber", tonumber},
  {"tonumber16", function(v) return tonumber(v, 16) end},
  {"getmetatable", getmetatable}, {"setmetatable", function(v) return setmetatable(v, nil) end},
  {"setmetatable2", function(v) return setmetatable({}, v) end},
  {"rawget", function(v) return rawget(v, 1) end}, {"rawget2", function(v) return rawget({x = 1}, v) end},
  {"rawset", function(v) return rawset(v, 1, 2) end}, {"rawset2", function(v) return rawset({}, v, 2) end},
  {"rawequal", function(v) return rawequal(v, v), rawequal(v, 0) end},
  {"select", function(v) return select(v, "a", "b") end}, {"select#", function(v) return select("#", v, v) end},
  {"unpack", unpack}, {"assert", assert}, {"error", error}, {"pcall", pcall},
  {"xpcall", function(v) return xpcall(v, function(e) return "handled" end) end},
  {"next", next}, {"pairs", pairs}, {"ipairs", ipairs},
  {"getfenv", function(v) return type(getfenv(v)) end},
  {"coroutine.status", coroutine.status}, {"coroutine.resume", coroutine.resume},
  {"coroutine.wrap", function(v) return coroutine.wrap(v)() end},
  {"math.abs", math.abs}, {"math.floor", math.floor}, {"math.ceil", math.ceil},
  {"math.sqrt", math.sqrt}, {"math.log", math.log}, {"math.log10", math.log10},
  {"math.exp", math.exp}, {"math.sin", math.sin}, {"math.cos", math.cos}, {"math.tan", math.tan},
  {"math.asin", math.asin}, {"math.acos", math.acos}, {"math.atan", math.atan},
  {"math.sinh", math.sinh}, {"math.tanh", math.tanh}, {"math.modf", math.modf},
  {"math.frexp", math.frexp}, {"math.ldexp", function(v) return math.ldexp(v, 2) end},
  {"math.ldexp2", function(v) return math.ldexp(1.5, v) end},
  {"math.fmod", function(v) return math.fmod(v, 2) end}, {"math.fmod2", function(v) return math.fmod(7, v) end},
  {"math.pow", function(v) return math.pow(v, 2) end}, {"math.atan2", function(v) return math.atan2(v, 1) end},
  {"math.min", function(v) return math.min(v, 1) end}, {"math.max", function(v) return math.max(1, v) end},
  {"bit.tobit", bit.tobit}, {"bit.bnot", bit.bnot}, {"bit.bswap", bit.bswap}, {"bit.tohex", bit.tohex},
  {"bit.band", function(v) return bit.band(v, 7) end}, {"bit.bor", function(v) return bit.bor(1, v) end},
  {"bit.bxor", function(v) return bit.bxor(v, 3) end}, {"bit.lshift", function(v) return bit.lshift(v, 1) end},
  {"bit.lshift2", function(v) return bit.lshift(1, v) end}, {"bit.rshift", function(v) return bit.rshift(v, 1) end},
  {"bit.arshift", function(v) return bit.arshift(-256, v) end}, {"bit.rol", function(v) return bit.rol(v, 4) end},
  {"bit.ror", function(v) return bit.ror(1, v) end},
  {"string.len", string.len}, {"string.byte", string.byte}, {"string.byte2", function(v) return ("abc"):byte(v) end},
  {"string.char", string.char}, {"string.sub", function(v) return string.sub(v, 2) end},
  {"string.sub2", function(v) return ("abcdef"):sub(v, -2) end}, {"string.sub3", function(v) return ("abcdef"):sub(2, v) end},
  {"string.rep", function(v) return string.rep(v, 2) end}, {"string.reverse", string.reverse},
  {"string.lower", string.lower}, {"string.upper", string.upper},
  {"string.format%s", function(v) return string.format("%s", v) end},
  {"string.format%d", function(v) return string.format("%d", v) end},
  {"string.format%g", function(v) return string.format("%.3g", v) end},
  {"string.format%x", function(v) return string.format("%x", v) end},
  {"string.find", function(v) return ("a.b"):find(v, 1, true) end},
  {"table.insert", function(v) local t = {} table.insert(t, v) return #t end},
  {"table.concat", function(v) return table.concat({v, v}) end}, {"table.concat2", table.concat},
  {"#", function(v) return #v end},
}
for _, e in ipairs(lib) do
  local row = {}
  for i = 1, #V do
    local fresh = make()
    row[#row + 1] = V[i][1] .. "=" .. results(pcall(e[2], fresh[i][2]))
  end
  print("== " .. e[1], table.concat(row, "; "))
end
