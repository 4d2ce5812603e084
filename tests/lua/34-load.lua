-- load/loadstring: compiling source text, chunk names, varargs in chunks, syntax error messages, load with reader function
local f = loadstring("return 1 + 2")
print("loadstring", type(f), f())

local g = loadstring("local a, b = ... return a * b, select('#', ...)")
print("chunk varargs", g(6, 7, nil))

-- chunks see globals, not caller locals
x_global = 10
local x_local = 20
print("globals", loadstring("return x_global, x_local")())

-- chunk names
local named = loadstring("error('boom')", "=mychunk")
print("named chunk", pcall(named))
local named2 = loadstring("error('boom')", "@virtual/file.lua")
print("at chunk", pcall(named2))
local unnamed = loadstring("local x = 1\nerror('line two')")
print("default name", pcall(unnamed))

-- syntax errors return nil + message
print(loadstring("x = = 1"))
print(loadstring("for i = 1 do end"))
print(loadstring("local function () end"))
print(loadstring("return 'unterminated"))
print(loadstring("x = [[long"))
print(loadstring("if true then"))
print(loadstring("return 1 +"))
print(loadstring("a.b:c = 1"))
print(loadstring("return 0x"))
print(loadstring("local t = {1, 2,, 3}"))
print(loadstring("break"))
print(loadstring("return \"bad escape \\q\""))
print(loadstring("x = 1\n\n\ny = = 2", "=multi"))

-- load with a reader function producing pieces
local pieces = { "return ", "'joined' ", "..", " ' from reader'" }
local i = 0
local reader = function()
  i = i + 1
  return pieces[i]
end
local lf, lerr = load(reader, "=reader")
print("load reader", lf and lf() or lerr)

-- load with reader returning empty string ends the chunk
local once = false
print("empty reader", pcall(load(function()
  if once then return "" end
  once = true
  return "return 'once'"
end)))

-- load a syntax error via reader
local src = "return +"
print("reader error", load(function() local r = src; src = nil; return r end, "=rdr"))

-- compile many small chunks in a loop (hot loop calling the compiler)
local sum = 0
for k = 1, 300 do
  local chunk = loadstring("local n = ... return n * " .. k)
  sum = sum + chunk(2)
end
print("many chunks", sum)

-- generated function with upvalue-like behaviour through varargs
local make = loadstring([[
  local start = ...
  local count = start
  return function() count = count + 1 return count end
]])
local counter = make(100)
print("generated closure", counter(), counter(), counter())

-- dofile/loadfile are not used (no file I/O); a leading '#' line in a string chunk
local sf, serr = loadstring("#!/usr/bin/lua\nreturn 1")
print("shebang", type(sf), sf and sf() or serr)
