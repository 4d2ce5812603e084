-- string fast functions: byte/sub index normalisation (negative, zero, out of range, fractional), char, reverse/lower/upper, coercion, errors, hot loops
local esc = {}
for b = 0, 255 do esc[string.char(b)] = "\\" .. b end

local function q(s)
  if type(s) ~= "string" then return tostring(s) end
  return (string.format("%q", s):gsub("[^ -~]", esc))
end

local function list(...)
  local t = { n = select("#", ...), ... }
  for i = 1, t.n do t[i] = q(t[i]) end
  return "(" .. table.concat(t, ",", 1, t.n) .. ")"
end

local function try(f, ...)
  local r = { pcall(f, ...) }
  if r[1] then return "ok " .. list(unpack(r, 2, table.maxn(r))) end
  return "error " .. tostring(r[2])
end

local inf = math.huge

-- The index matrices below run in the interpreter only: the closure created on
-- every call (FNEW is not compiled by LuaJIT 2.1) keeps them out of traces.
-- Compiled string.sub/byte round fractional indexes instead of truncating them,
-- and stock LuaJIT 2.1 also compiles some string.sub ranges in such nested
-- loops wrongly (JIT on prints other results than -joff).
local function interp(f, ...)
  local keep = function() end
  return f(...)
end

-- Indexes stay in the int32 range: beyond it (and for nan/inf) the conversion
-- differs between targets (x86 vs ARM64) and between interpreter and traces.
local idx = { 0, 1, 2, 3, -1, -2, -3, -4, -10, 4, 5, 10, 1.9, -1.9, 2.5, 0.5, -0.5, 2 ^ 31 - 1, -2 ^ 31,
  2 ^ 31 - 2, -2 ^ 31 + 1 }

print("-- sub")
for _, s in ipairs({ "", "a", "abc" }) do
  for _, i in ipairs(idx) do
    local row = {}
    for _, j in ipairs(idx) do row[#row + 1] = q(interp(s.sub, s, i, j)) end
    print(q(s), string.format("%.17g", i), q(interp(s.sub, s, i)), table.concat(row, " "))
  end
end

print("-- byte")
for _, s in ipairs({ "", "a", "abc", "\0\255\128" }) do
  print(q(s), list(s:byte()), list(string.byte(s)))
  for _, i in ipairs(idx) do
    -- string.byte(s, -2^31, j) gives other results on ARM64.
    if i == -2 ^ 31 then i = -2 ^ 31 + 2 end
    local row = {}
    for _, j in ipairs({ 0, 1, 2, 3, 4, -1, -3, -4, 1.9, -1.9 }) do row[#row + 1] = list(interp(s.byte, s, i, j)) end
    print(q(s), string.format("%.17g", i), list(interp(s.byte, s, i)), table.concat(row, " "))
  end
end

print("-- char")
print(list(string.char()), list(string.char(65)), list(string.char(0)), list(string.char(255)))
print(list(string.char(65.9)), list(string.char(-0.5)), list(string.char(0.5)), list(string.char(255.5)))
print(list(string.char(72, 105, 33)), list(string.char("65")), list(string.char("66", 67)), list(string.char(1, 2.7, 3)))
for _, v in ipairs({ 256, -1, -1.5, 1e300, -1e300, 2 ^ 32 + 65, inf, -inf, "x", "256" }) do
  print(q(v), try(string.char, v), try(string.char, 65, v))
end
print(try(string.char, nil), try(string.char, {}), try(string.char, true))

print("-- reverse lower upper")
for _, s in ipairs({ "", "a", "Hello, World!", "ABC xyz 123", "\0A\255z\128", string.rep("aB", 50) }) do
  print(q(s:reverse()), q(s:lower()), q(s:upper()))
end
print(q(string.reverse(123)), q(string.lower(1e100)), q(string.upper(-0.5)), q(string.reverse(1.5)))

print("-- number coercion (fallback)")
print(list(string.byte(123)), list(string.byte(123, 2)), list(string.byte("abc", "2")), list(string.byte("abc", 1, "-1")))
print(q(string.sub(12345, 2, 3)), q(string.sub("hello", "2")), q(string.sub("hello", 2, "3")), q(string.sub(1.5, 2)))
print(q(string.sub("hello", 2, nil)), q(string.sub("hello", 2, 4, "extra")), q(("hello"):sub(-3, -2)))

print("-- errors")
for _, f in ipairs({ "byte", "sub", "reverse", "lower", "upper" }) do
  local fn = string[f]
  print(f, try(fn), try(fn, nil), try(fn, {}), try(fn, true))
end
print(try(string.sub, "abc"), try(string.sub, "abc", "x"), try(string.sub, "abc", 1, "y"), try(string.sub, "abc", {}))
print(try(string.byte, "abc", "x"), try(string.byte, "abc", 1, {}))
-- Not tail calls, so the error names the function.
print(try(function() local r = string.sub("abc") return r end))
print(try(function() local r = ("abc"):byte({}) return r end))
print(try(function() local r = string.char(256) return r end))
print(try(function() local r = string.upper() return r end))

print("-- hot loops")
local text = "The quick brown fox jumps over the lazy dog 0123456789"
local sum, parts = 0, {}
for i = 1, 200 do
  local k = i % #text + 1
  sum = sum + text:byte(k) + string.byte(text) + #text:sub(k, k + 3) + #text:sub(-k) + #string.sub(text, k)
  if i % 20 == 0 then parts[#parts + 1] = text:sub(k, k + 2):upper() .. text:sub(-k, -k + 1):lower() end
end
print(sum, table.concat(parts, "|"))
local chars = {}
for i = 1, 200 do chars[i] = string.char(i % 95 + 32) end
local joined = table.concat(chars)
print(#joined, q(joined:sub(1, 20)), q(joined:reverse():sub(1, 20)))
local mixed = { "abc", 12345, "xyz", 6.5 }
local out = {}
for i = 1, 200 do
  local v = mixed[i % 4 + 1]
  local r = string.sub(v, 2, -2) .. string.upper(v) .. string.byte(v)
  if i % 25 == 0 then out[#out + 1] = r end
end
print(table.concat(out, " "))
