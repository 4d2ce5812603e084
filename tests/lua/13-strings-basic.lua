-- strings: sub/byte/char/rep/reverse/lower/upper/len, negative indices, method syntax, # operator
local s = "Hello, World!"
print("len", #s, s:len(), string.len(""))
print("sub", s:sub(1, 5), s:sub(8), s:sub(-6), s:sub(-6, -2), s:sub(0), s:sub(5, 3) == "")
print("sub out of range", "[" .. s:sub(100) .. "]", s:sub(-100, 2), s:sub(3, 100))
print("byte", s:byte(), s:byte(1), s:byte(-1), s:byte(1, 5))
print("byte range empty", select('#', s:byte(10, 5)))
print("char", string.char(72, 105, 33), string.char() == "")
print("char roundtrip", string.char(s:byte(1, -1)) == s)
print("rep", ("ab"):rep(3), ("x"):rep(0) == "", ("x"):rep(-1) == "", ("-"):rep(10))
print("reverse", s:reverse(), (""):reverse() == "", ("a"):reverse())
print("lower upper", s:lower(), s:upper(), ("MiXeD 123"):lower())
print("string lib", string.upper("abc"), string.sub("abcdef", 2, 4))

-- strings with embedded zeros
local z = "a\0b\0c"
print("embedded zero", #z, z:byte(2), z:sub(3, 3), (z:gsub("%z", "0")))

-- all bytes
local bytes = {}
for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
local all = table.concat(bytes)
print("all bytes", #all, all:byte(1), all:byte(256), all:sub(66, 70))
local sum = 0
for i = 1, #all do sum = sum + all:byte(i) end
print("byte sum", sum)

-- upper/lower on non-letters leaves them alone
print("case non-letters", ("123!@#"):upper(), ("\200\201"):upper() == "\200\201")

-- tostring / tonumber basics
print("tostring", tostring(12), tostring(-3.5), tostring(nil), tostring(true), tostring("s"))
print("concat numbers", 1 .. "", 1.5 .. "|", -0.25 .. "", 2 ^ 10 .. "")

-- string methods through the metatable on literals and variables
local word = "lua"
print("methods", word:upper():rep(2, "-"), ("%d"):format(7), #word:rep(4))

-- hot loop: byte/char/sub round trips
local acc = 0
local text = ("abcdefghijklmnopqrstuvwxyz"):rep(4)
for i = 1, 20000 do
  local k = i % #text + 1
  acc = acc + text:byte(k) + #text:sub(k, k + 2)
end
print("hot byte/sub", acc)

-- hot loop: upper/lower/rep/reverse
local cnt = 0
for i = 1, 5000 do
  local w = string.char(97 + i % 26):rep(i % 5 + 1)
  if w:upper():lower() == w and w:reverse() == w then cnt = cnt + #w end
end
print("hot case", cnt)
