-- hot loops building strings: concatenation, table buffers, byte/char loops, string interning
-- naive concatenation in a loop (moderate size)
local s = ""
for i = 1, 2000 do s = s .. (i % 10) end
print("concat", #s, s:sub(1, 12), s:sub(-5))

-- buffer with table.concat
local buf = {}
for i = 1, 20000 do buf[#buf + 1] = string.char(65 + i % 26) end
local joined = table.concat(buf)
print("buffer", #joined, joined:sub(1, 30))

-- building with separators and numbers
local parts = {}
for i = 1, 5000 do parts[i] = i * i end
local line = table.concat(parts, ",")
print("numbers", #line, line:sub(1, 30), line:sub(-20))

-- caesar cipher over a long string via byte/char
local plain = ("the quick brown fox jumps over the lazy dog "):rep(50)
local out = {}
for i = 1, #plain do
  local c = plain:byte(i)
  if c >= 97 and c <= 122 then c = (c - 97 + 13) % 26 + 97 end
  out[i] = string.char(c)
end
local rot = table.concat(out)
print("rot13", #rot, rot:sub(1, 44))

-- count characters with a table keyed by char
local counts = {}
for i = 1, #plain do
  local ch = plain:sub(i, i)
  counts[ch] = (counts[ch] or 0) + 1
end
local keys = {}
for k in pairs(counts) do keys[#keys + 1] = k end
table.sort(keys)
local cs = {}
for _, k in ipairs(keys) do cs[#cs + 1] = (k == " " and "_" or k) .. counts[k] end
print("counts", table.concat(cs, " "))

-- string comparison and equality in a hot loop (interned strings)
local eq = 0
local words = { "alpha", "beta", "gamma", "delta" }
for i = 1, 40000 do
  local w = words[i % 4 + 1]
  if w == "gamma" then eq = eq + 1 end
  if w < "beta" then eq = eq + 10 end
end
print("compare", eq)

-- string.rep and sub in a hot loop
local total = 0
for i = 1, 10000 do
  local r = ("xy"):rep(i % 5 + 1)
  total = total + #r + #r:sub(2, -2)
end
print("rep/sub", total)

-- reverse words
local sentence = "one two three four five six seven eight nine ten"
local rev
for _ = 1, 500 do
  local ws = {}
  for w in sentence:gmatch("%S+") do table.insert(ws, 1, w) end
  rev = table.concat(ws, " ")
end
print("reverse words", rev)

-- number to string conversions in a loop
local digits = 0
for i = 1, 30000 do digits = digits + #tostring(i) end
print("digits", digits)

-- upper/lower toggling in a loop
local toggled = {}
for i = 1, 26 do
  local c = string.char(96 + i)
  toggled[i] = (i % 2 == 0) and c:upper() or c
end
print("toggle", table.concat(toggled))
