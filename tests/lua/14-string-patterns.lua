-- string patterns: find (plain and pattern), match, gmatch, classes, anchors, position captures, %b, %f
local s = "The quick brown fox jumps over the lazy dog 42 times, 3.14 twice"
print("find word", s:find("quick"))
print("find from", s:find("o", 15))
print("find pattern", s:find("%d+"))
print("find captures", s:find("(%a+) (%d+)"))
print("find captures end", s:find("(%d+) (%a+)$"))
print("find plain dot", ("a.b.c"):find(".", 1, true), ("a.b.c"):find("."))
print("find plain special", ("100% (sure)"):find("% (", 1, true))
print("find not found", s:find("cat"))
print("find negative init", s:find("t", -10))
print("find empty", ("abc"):find(""), ("abc"):find("", 10))
print("find anchored", ("hello"):find("^h"), ("hello"):find("^e"))

print("match", s:match("%d+"), s:match("(%d+)%.(%d+)"), s:match("^(%a+)"))
print("match init", s:match("%a+", 5), s:match("%a+", -4))
print("match no capture whole", ("key=value"):match("%w+=%w+"))
print("match captures", ("key = value"):match("^(%w+)%s*=%s*(%w+)$"))
print("match optional", ("color"):match("colou?r"), ("colour"):match("colou?r"))
print("match lazy vs greedy", ("<a><b>"):match("<(.*)>"), ("<a><b>"):match("<(.-)>"))
print("position captures", ("hello world"):match("()ll()"))
print("position + text", ("abcabc"):match("()(b)()"))
print("empty capture pos", ("xyz"):match("()"))

-- character classes
local classes = { "%a", "%d", "%l", "%u", "%s", "%w", "%x", "%p", "%c" }
local sample = "aZ9 _!\t\nfF"
for _, c in ipairs(classes) do
  local n = select(2, sample:gsub(c, ""))
  local nc = select(2, sample:gsub(c:upper(), ""))
  io.write(c, "=", n, "/", nc, " ")
end
io.write("\n")
print("sets", ("hello123"):match("[a-f]+"), ("x-y"):match("[%-]"), ("a]b"):match("[]]"), ("abc"):match("[^ab]"))

-- %b balanced
print("%b", ("f(a(b)c) g(d)"):match("%b()"), ("[[x]] [y]"):match("%b[]"))
local calls = {}
for call in ("f(1) g(2, h(3)) k()"):gmatch("%a%b()") do calls[#calls + 1] = call end
print("%b gmatch", table.concat(calls, " | "))

-- %f frontier
local words = {}
for w in ("THE (quick) fox"):gmatch("%f[%a]%a+%f[%A]") do words[#words + 1] = w end
print("%f words", table.concat(words, ","))
print("%f gsub", (("the cat thecat cat"):gsub("%f[%w]cat%f[%W]", "DOG")))
print("%f start", ("hello"):find("%f[%a]"), ("  hello"):find("%f[%a]"))

-- back-reference %1
print("backref", ("say 'hi' and \"bye\""):match("([\"'])(.-)%1"))
print("backref repeat", ("abcabc xyzxy"):match("(%a+)%1"))

-- gmatch with captures and positions
local pairs_out = {}
for k, v in ("a=1, b=22, ccc=333"):gmatch("(%w+)=(%w+)") do pairs_out[#pairs_out + 1] = k .. ":" .. v end
print("gmatch kv", table.concat(pairs_out, " "))
local pos = {}
for p in ("banana"):gmatch("()a") do pos[#pos + 1] = p end
print("gmatch positions", table.concat(pos, ","))
local nums = {}
for n in ("1, -2, 3.5, 4e2, x"):gmatch("%-?%d+%.?%d*e?%d*") do nums[#nums + 1] = tonumber(n) end
print("gmatch numbers", table.concat(nums, " "))
local empties = 0
for _ in ("abc"):gmatch("x*") do empties = empties + 1 end
print("gmatch empty matches", empties)

-- anchors and special chars
print("anchor end", ("file.lua"):match("%.(%w+)$"), ("a$b"):match("%$"), ("^x"):find("^^"))
print("quantifiers", ("aaa"):match("a-"), ("aaa"):match("a*"), ("aaa"):match("a+"), ("baaa"):match("ba?"))
print("dot matches newline", ("a\nb"):match("a.b") ~= nil)

-- malformed patterns produce errors
print("bad pattern", pcall(string.find, "abc", "[a"))
print("bad pattern2", pcall(string.match, "abc", "%"))
print("bad capture", pcall(string.gsub, "abc", "%1", ""))
print("bad replacement", pcall(string.gsub, "abc", "(b)", "%2"))

-- hot loop: find/match repeatedly
local text = ("key1=10;key2=20;key3=30;"):rep(3)
local total, found = 0, 0
for i = 1, 2000 do
  local k = i % 3 + 1
  local v = text:match("key" .. k .. "=(%d+)")
  total = total + tonumber(v)
  if text:find(";", i % #text + 1, true) then found = found + 1 end
end
print("hot match", total, found)
