-- string.gsub: string/table/function replacements, %0 %1 captures, limits, counts, %% escapes
print(("hello world"):gsub("o", "0"))
print(("hello world"):gsub("o", "0", 1))
print(("hello world"):gsub("(%w+)", "<%1>"))
print(("hello world"):gsub("%w+", "%0 %0"))
print(("hello world"):gsub("(%w+) (%w+)", "%2 %1"))
print(("abc"):gsub("", "-"))
print(("abc"):gsub(".", "%%"))
print(("a.b.c"):gsub("%.", "/"))
print(("  trim me  "):gsub("^%s*(.-)%s*$", "%1"))
print(("x = 1"):gsub("%s", ""))

-- table replacement: missing keys keep the match; false keeps the match
local vars = { name = "Lua", version = "5.1", flag = false }
print(("$name $version $missing $flag"):gsub("%$(%w+)", vars))
-- number values in replacement table are converted
print(("a b c"):gsub("%a", { a = 1, b = 2.5 }))

-- function replacement
print(("1 2 3 4"):gsub("%d", function(d) return d * d end))
print(("1 2 3 4"):gsub("%d", function(d) if d % 2 == 0 then return "E" end end))
print(("key=val;k2=v2"):gsub("(%w+)=(%w+)", function(k, v) return v .. "=" .. k end))
print(("hello"):gsub("()l", function(p) return "[" .. p .. "]" end))
print(("abc"):gsub("%w", function(c) return c:upper() .. c end, 2))

-- gsub returning count only
local _, n = ("the rain in spain"):gsub("ain", "")
print("count", n)
local _, vowels = ("programming language"):gsub("[aeiou]", "%0")
print("vowels", vowels)

-- escaping magic characters for literal replacement
local function escape_pattern(str) return (str:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0")) end
local function escape_repl(str) return (str:gsub("%%", "%%%%")) end
local src = "cost: 5.00 (approx) 100%"
print(escape_pattern("5.00 (approx)"))
print((src:gsub(escape_pattern("5.00 (approx)"), escape_repl("$5 [50%]"))))

-- replacement errors
print(pcall(string.gsub, "abc", "b", "%9"))
print(pcall(string.gsub, "abc", "b", true))

-- gsub with anchored pattern replaces at most once
print(("aaa"):gsub("^a", "b"))

-- chained gsubs: a tiny template engine
local template = "Dear {{name}}, you owe {{amount}} on {{date}}. {{name}}!"
local data = { name = "Ada", amount = "12.50", date = "01-02" }
print((template:gsub("{{(%w+)}}", data)))

-- CSV-ish split via gsub callback
local fields = {}
local _ = ("a,b,,d,"):gsub("([^,]*),?", function(f) fields[#fields + 1] = "<" .. f .. ">" end)
print(#fields, table.concat(fields))

-- hot loop of gsub with a function replacement
local total = 0
local line = "a1b2c3d4e5"
for i = 1, 2000 do
  local r, c = line:gsub("%d", function(d) return tostring(d + i % 3) end)
  total = total + c + #r
end
print("hot gsub", total)

-- hot loop of gsub with string replacement building a result
local out = "x"
for i = 1, 300 do
  out = ("ab"):rep(i % 7 + 1):gsub("b", "c") .. i % 10
end
print("hot gsub string", out)
