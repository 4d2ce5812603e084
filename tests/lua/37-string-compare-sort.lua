-- string comparison (byte order, prefixes, embedded zeros, case) and sorting strings with various comparators
-- show strings with non-printable bytes escaped (output stays plain ASCII)
local function show(s)
  return '"' .. s:gsub("[^\32-\126]", function(c) return "\\" .. c:byte() end) .. '"'
end
local function cmp(a, b)
  if a < b then return "<" elseif a > b then return ">" else return "=" end
end
local pairs_to_test = {
  { "a", "b" }, { "b", "a" }, { "a", "a" }, { "", "a" }, { "a", "" }, { "abc", "abd" },
  { "abc", "ab" }, { "Z", "a" }, { "10", "9" }, { "a\0b", "a\0c" }, { "a\0", "a" },
  { "\255", "\1" }, { " ", "!" }, { "apple", "Apple" }, { "x", "x\0" },
}
local res = {}
for i, p in ipairs(pairs_to_test) do
  res[i] = show(p[1]) .. cmp(p[1], p[2]) .. show(p[2])
end
print(table.concat(res, " "))

print("le/ge", "a" <= "a", "a" >= "b", "abc" <= "abcd", "b" >= "abc")
print("equality", "abc" == "abc", "abc" == "ABC", ("ab" .. "c") == "abc", "a\0b" == "a\0b")

-- sort strings: default byte order
local words = { "banana", "Apple", "cherry", "apple", "Banana", "date", "", "a", "aa", "A", "_x", "1", "10", "2", "z\0" }
table.sort(words)
local shown = {}
for i, w in ipairs(words) do shown[i] = show(w) end
print("bytes", table.concat(shown, " "))

-- case-insensitive with tie-break on original
table.sort(words, function(x, y)
  local lx, ly = x:lower(), y:lower()
  if lx == ly then return x < y end
  return lx < ly
end)
shown = {}
for i, w in ipairs(words) do shown[i] = show(w) end
print("nocase", table.concat(shown, " "))

-- natural sort: compare embedded numbers numerically
local files = { "file10.txt", "file2.txt", "file1.txt", "file20.txt", "file3.txt", "File4.txt", "file02.txt" }
local function natural_key(s)
  local parts = {}
  for text, num in s:gmatch("(%D*)(%d*)") do
    if text ~= "" then parts[#parts + 1] = text:lower() end
    if num ~= "" then parts[#parts + 1] = tonumber(num) end
  end
  return parts
end
table.sort(files, function(a, b)
  local ka, kb = natural_key(a), natural_key(b)
  for i = 1, math.max(#ka, #kb) do
    local x, y = ka[i], kb[i]
    if x == nil then return true end
    if y == nil then return false end
    if type(x) ~= type(y) then return type(x) == "number" end
    if x ~= y then return x < y end
  end
  return a < b
end)
print("natural", table.concat(files, " "))

-- sort by length then reverse alphabetical
local byl = { "ccc", "a", "bb", "aaa", "b", "cc", "abc" }
table.sort(byl, function(a, b)
  if #a ~= #b then return #a < #b end
  return a > b
end)
print("len/rev", table.concat(byl, " "))

-- sort many generated strings (hot comparator)
local gen = {}
local state = 7
for i = 1, 3000 do
  state = (state * 48271) % 2147483647
  local len = state % 6 + 1
  local chars = {}
  local st = state
  for k = 1, len do chars[k] = string.char(97 + st % 26); st = math.floor(st / 26) end
  gen[i] = table.concat(chars)
end
table.sort(gen)
local ordered = true
for i = 2, #gen do if gen[i - 1] > gen[i] then ordered = false end end
print("generated", ordered, gen[1], gen[2], gen[1500], gen[3000])

-- min/max of strings via comparisons in a loop
local mn, mx = gen[1], gen[1]
for i = 1, #gen do
  if gen[i] < mn then mn = gen[i] end
  if gen[i] > mx then mx = gen[i] end
end
print("min/max", mn, mx)

-- comparison errors for mixed types
print("mixed", pcall(function() return "a" < 1 end))
print("mixed sort", pcall(table.sort, { "a", 1 }))
