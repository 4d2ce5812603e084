-- table.sort: numbers, strings, comparators, tie-breaking on a secondary key, records, errors
local function j(t) local p = {} for i = 1, #t do p[i] = tostring(t[i]) end return table.concat(p, " ") end

local nums = { 5, 3, 8, 1, 9, 2, 7, 4, 6, 0, -1, 3.5, 3 }
table.sort(nums)
print("asc", j(nums))
table.sort(nums, function(a, b) return a > b end)
print("desc", j(nums))

local strs = { "pear", "Apple", "banana", "apple", "Banana", "cherry", "10", "9", "", "a", "ab", "Z" }
table.sort(strs)
print("strings", j(strs))
table.sort(strs, function(a, b)
  local la, lb = a:lower(), b:lower()
  if la ~= lb then return la < lb end
  return a < b
end)
print("case-insensitive", j(strs))
table.sort(strs, function(a, b)
  if #a ~= #b then return #a < #b end
  return a < b
end)
print("by length", j(strs))

-- records sorted by key with explicit tie-breaking (table.sort is not stable)
local people = {
  { name = "ann", age = 31 }, { name = "bob", age = 25 }, { name = "cid", age = 31 },
  { name = "dee", age = 25 }, { name = "eve", age = 40 }, { name = "fay", age = 31 },
  { name = "gus", age = 19 }, { name = "hal", age = 25 },
}
for i, p in ipairs(people) do p.idx = i end
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age < b.age end
  return a.idx < b.idx -- stable-key tie-break
end)
local out = {}
for i, p in ipairs(people) do out[i] = p.name .. ":" .. p.age end
print("by age stable", table.concat(out, " "))
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age > b.age end
  return a.name > b.name
end)
out = {}
for i, p in ipairs(people) do out[i] = p.name end
print("by age desc, name desc", table.concat(out, " "))

-- sorting keys of a hash table to get a deterministic order
local inventory = { pears = 3, apples = 10, kiwis = 0, bananas = 7, figs = 2 }
local keys = {}
for k in pairs(inventory) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", inventory[k], " ") end
io.write("\n")
table.sort(keys, function(a, b) return inventory[a] > inventory[b] end)
print("by count", j(keys))

-- edge cases
local empty = {}
table.sort(empty)
print("empty", #empty)
local one = { 42 }
table.sort(one)
print("one", one[1])
local same = { 3, 3, 3, 3 }
table.sort(same)
print("same", j(same))
local sorted = {}
for i = 1, 50 do sorted[i] = i end
table.sort(sorted)
print("already sorted", sorted[1], sorted[50])
local reversed = {}
for i = 1, 50 do reversed[i] = 51 - i end
table.sort(reversed)
print("reversed", reversed[1], reversed[25], reversed[50])

-- errors: mixed types, invalid comparator
print("mixed", pcall(table.sort, { 1, "x", 2 }))
local ok = pcall(table.sort, { 3, 1, 2, 5, 4, 7, 6, 9, 8, 10, 12, 11 }, function(a, b) return true end)
print("bad comparator raised error or not (both fine):", type(ok))

-- larger sort (hot comparator) with a deterministic LCG
local seed = 12345
local function lcg()
  seed = (seed * 16807) % 2147483647 -- exact in doubles
  return seed
end
local big = {}
for i = 1, 5000 do big[i] = lcg() % 100000 end
table.sort(big)
local okorder = true
for i = 2, #big do if big[i - 1] > big[i] then okorder = false end end
print("big sorted", okorder, big[1], big[2500], big[5000])
table.sort(big, function(a, b) return a % 1000 < b % 1000 or (a % 1000 == b % 1000 and a < b) end)
print("big by mod", big[1], big[2], big[5000])
