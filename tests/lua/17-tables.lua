-- tables: insert/remove/concat/maxn, # on sequences, nested tables, constructors, next, ipairs stop at nil
local function dump(t)
  local parts = {}
  for i = 1, #t do parts[i] = tostring(t[i]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

local t = {}
table.insert(t, "a")
table.insert(t, "b")
table.insert(t, 1, "first")
table.insert(t, 2, "second")
table.insert(t, #t + 1, "last")
print("insert", dump(t), #t)
print("remove last", table.remove(t), dump(t))
print("remove first", table.remove(t, 1), dump(t))
print("remove middle", table.remove(t, 2), dump(t))
print("remove empty", table.remove({}), #t)
local e = {}
print("remove from empty", select('#', table.remove(e)))

-- concat variants
local words = { "alpha", "beta", "gamma", "delta" }
print("concat", table.concat(words), table.concat(words, ", "), table.concat(words, "-", 2, 3))
print("concat empty range", "[" .. table.concat(words, ",", 3, 2) .. "]")
print("concat numbers", table.concat({ 1, 2.5, -3, 1e3 }, " "))
print("concat error", pcall(table.concat, { 1, {}, 3 }))
print("concat nil hole", pcall(table.concat, { 1, 2 }, ",", 1, 3))

-- length of sequences
print("len", #{}, #{ 1 }, #{ 1, 2, 3 }, #{ n = 1 }, #"abc")
local grow = {}
for i = 1, 100 do grow[i] = i end
print("len grow", #grow)
for i = 100, 51, -1 do grow[i] = nil end
print("len shrink", #grow)

-- table.maxn finds the largest positive numeric key
print("maxn", table.maxn({ 1, 2, 3 }), table.maxn({ [10] = 1, [2] = 2 }), table.maxn({}), table.maxn({ [1.5] = true }))

-- nested tables
local nested = { name = "root", children = { { name = "a", children = {} }, { name = "b", children = { { name = "b1", children = {} } } } } }
local function walk(node, depth, out)
  out[#out + 1] = string.rep("  ", depth) .. node.name
  for _, c in ipairs(node.children) do walk(c, depth + 1, out) end
  return out
end
print(table.concat(walk(nested, 0, {}), "\n"))

-- matrix
local m = {}
for i = 1, 4 do
  m[i] = {}
  for j = 1, 4 do m[i][j] = (i - 1) * 4 + j end
end
local tr = {}
for i = 1, 4 do
  tr[i] = {}
  for j = 1, 4 do tr[i][j] = m[j][i] end
end
for i = 1, 4 do print("row", table.concat(tr[i], " ")) end

-- constructors: mixed, trailing separators, computed keys
local c = { 1, 2, x = "x", [3] = "three?", 4, [10 - 5] = "five", "last"; }
print("ctor", c[1], c[2], c[3], c[4], c[5], c.x)
local keys = {}
for k in pairs(c) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print("ctor keys", table.concat(keys, " "))

-- ipairs stops at first nil
local holes = { 1, 2, nil, 4 }
local n = 0
for _ in ipairs(holes) do n = n + 1 end
print("ipairs holes", n)

-- next
print("next empty", next({}))
local single = { only = 1 }
print("next single", next(single))
print("next after", next(single, "only"))

-- keys of different types
local mixed = {}
mixed[1] = "int"; mixed[1.5] = "float"; mixed["1"] = "string"; mixed[true] = "bool"
print("key types", mixed[1], mixed[1.5], mixed["1"], mixed[true], mixed[2 / 2])
local tk = {}
mixed[tk] = "table-key"
print("table key", mixed[tk], mixed[{}])

-- hot: insert and remove many
local q = {}
for i = 1, 10000 do table.insert(q, i) end
local s = 0
while #q > 0 do s = s + table.remove(q) end
print("hot insert/remove", s)

-- hot: insert at front (shifts) on a smaller table
local front = {}
for i = 1, 500 do table.insert(front, 1, i) end
print("front", front[1], front[500], #front)
local mid = 0
for i = 1, 250 do mid = mid + table.remove(front, 1) end
print("front remove", mid, #front)
