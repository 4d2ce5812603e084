-- Long loops whose traces stitch around builtins the recorder does not
-- compile (string.gsub, table.sort with a comparator, string.dump-free
-- os.date), passing them several arguments: tens of thousands of iterations,
-- so the portable C VM pauses many times right after a trace hands a call to
-- the interpreter (at the called function, with its argument count to keep).

-- gsub with a pattern, a replacement table and a limit: four arguments.
local repl = { a = "1", b = "22" }
local gsub, total, count = string.gsub, 0, 0
for i = 1, 40000 do
  local s, n = gsub("abcab", "%a", repl, 1 + i % 4)
  total = total + #s
  count = count + n
end
print("gsub", total, count)

-- table.sort with a comparator on a small table: two arguments, and the
-- comparator is Lua code called back from C.
local sort, t, first = table.sort, {}, 0
local function desc(x, y) return x > y end
for i = 1, 20000 do
  t[1], t[2], t[3] = i % 7, i % 5, i % 3
  sort(t, desc)
  first = first + t[1] * 100 + t[2] * 10 + t[3]
end
print("sort", first)

-- os.date with a format and a fixed time: two arguments, a string result.
local date, len = os.date, 0
for i = 1, 30000 do
  len = len + #date("!%Y-%m-%d %H", 86400 * (i % 400))
end
print("date", len)

-- select with a variable count, through a vararg function: the call's
-- argument count changes from one iteration to the next.
local function count_args(...) return select("#", ...) end
local unpack, args, sum = unpack, { 1, 2, 3, 4, 5, 6 }, 0
for i = 1, 30000 do
  sum = sum + count_args(unpack(args, 1, i % 6))
end
print("select", sum)
