-- long strings and escapes: [[ ]], [==[ ]==], leading newline skipped, decimal/hex escapes, \z, line continuations, comments
local s1 = [[
first line
second line]]
print(s1)
print("len", #s1)

local s2 = [==[contains ]] and [[ brackets]==]
print(s2)

local s3 = [[no escapes \n \t here]]
print(s3, #s3)

local s4 = [[

two leading newlines -> one kept]]
print("[" .. s4 .. "]")

-- escapes
print("tab:\t|", "quote:\"|", "apos:\'|", "backslash:\\|")
print("decimal", "\65\066\067", ("\0067"):byte(1, -1), #"\0", #"\1234", ("\1234"):byte(1, -1))
print("hex", "\x41\x62\x7A", #"\xff")
print("newline escape", "line1\nline2")
print("bell etc lengths", #"\a\b\f\v\r", ("\a\b\f\v\r"):byte(1, -1))
print("backslash newline", "a\
b")
print("\\z skip", "abc\z
       def")
print("nested quotes", 'single "double" inside', "double 'single' inside")

-- comments
--[[ a block comment
print("this is not printed")
]]
--[==[ another
print("nor this") ]]
]==]
print("after comments") -- trailing comment
---[[ this line is a single-line comment, so the next line runs
print("dash trick")
--]]

-- long strings in expressions and as table values
local t = { [[one]], [=[two]=], key = [[
value]] }
print(t[1], t[2], t.key)
print(([[abc]]):upper(), #[[]], [[a]] .. [[b]])

-- long string containing what looks like escapes and line breaks, used in gsub
local tpl = [[
Name: $name
Path: C:\new\table
]]
print((tpl:gsub("%$(%w+)", { name = "LuaJIT" })))

-- CRLF inside long strings is normalised to LF by the lexer
local crlf = loadstring("return [[a\r\nb]]")()
print("crlf", #crlf, crlf:byte(1, -1))

-- byte values of all escaped control characters
local ctl = "\0\1\2\3\4\5\6\7\8\9\10\11\12\13\14\15"
local codes = {}
for k = 1, #ctl do codes[k] = ctl:byte(k) end
print("controls", table.concat(codes, " "))

-- invalid escapes are compile errors
print(loadstring([[return "\300"]]))
print(loadstring([[return "\xZZ"]]))
print(loadstring("return [==[ unclosed ]=]"))

-- building long text in a hot loop and checking it
local lines = {}
for k = 1, 2000 do lines[k] = [[row ]] .. k .. [[	end]] end
local big = table.concat(lines, "\n")
local tabs = select(2, big:gsub("\t", "\t"))
local nls = select(2, big:gsub("\n", "\n"))
print("big text", #big, tabs, nls)
