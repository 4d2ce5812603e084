-- hot loops over ipairs/pairs/next with deterministic (sorted) output, nested iteration
local arr = {}
for i = 1, 20000 do arr[i] = i % 97 end

local s1 = 0
for i, v in ipairs(arr) do s1 = s1 + i * v end
print("ipairs", s1)

-- repeated ipairs over small arrays (inner loop compiled)
local small = { 3, 1, 4, 1, 5, 9, 2, 6 }
local s2 = 0
for rep = 1, 5000 do
  for _, v in ipairs(small) do s2 = s2 + v * rep % 3 end
end
print("ipairs nested", s2)

-- pairs over a hash: sum is order independent
local hash = {}
for i = 1, 3000 do hash["key" .. i] = i end
local s3, n3 = 0, 0
for k, v in pairs(hash) do s3 = s3 + v; n3 = n3 + #k end
print("pairs sum", s3, n3)

-- pairs over mixed table; collect and sort keys before printing
local mixed = { 10, 20, 30, x = 1, y = 2, z = 3, [100] = "h", [-1] = "neg" }
local keys = {}
for k in pairs(mixed) do keys[#keys + 1] = k end
table.sort(keys, function(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return ta < tb end
  return a < b
end)
local kv = {}
for _, k in ipairs(keys) do kv[#kv + 1] = tostring(k) .. "=" .. tostring(mixed[k]) end
print("pairs sorted", table.concat(kv, " "))

-- next() based loop
local cnt = 0
local k, v = next(hash)
while k do
  cnt = cnt + 1
  k, v = next(hash, k)
end
print("next loop", cnt)

-- pairs in a hot loop over a small fixed hash (sum only)
local conf = { a = 1, b = 2, c = 3, d = 4, e = 5 }
local s4 = 0
for i = 1, 4000 do
  for key, val in pairs(conf) do s4 = s4 + val * i % 11 + #key end
end
print("pairs hot", s4)

-- modifying values (not keys) during pairs is allowed
local m = {}
for i = 1, 100 do m["m" .. i] = i end
for key, val in pairs(m) do m[key] = val * 2 end
local ms = 0
for _, val in pairs(m) do ms = ms + val end
print("modify during pairs", ms)

-- clearing entries during traversal is allowed
local clr = {}
for i = 1, 200 do clr[i] = i; clr["s" .. i] = i end
for key in pairs(clr) do
  if type(key) == "string" then clr[key] = nil end
end
local remaining = 0
for _ in pairs(clr) do remaining = remaining + 1 end
print("clear during pairs", remaining, #clr)

-- word frequency, sorted by count then word
local text = ("the cat and the dog and the bird saw a cat and a dog "):rep(40)
local freq = {}
for w in text:gmatch("%a+") do freq[w] = (freq[w] or 0) + 1 end
local words = {}
for w, c in pairs(freq) do words[#words + 1] = { w = w, c = c } end
table.sort(words, function(x, y)
  if x.c ~= y.c then return x.c > y.c end
  return x.w < y.w
end)
local fo = {}
for i, e in ipairs(words) do fo[i] = e.w .. ":" .. e.c end
print("freq", table.concat(fo, " "))

-- ipairs over arrays of tables (records)
local recs = {}
for i = 1, 3000 do recs[i] = { id = i, score = (i * 37) % 101 } end
local best, bestid, total = -1, 0, 0
for _, r in ipairs(recs) do
  total = total + r.score
  if r.score > best then best, bestid = r.score, r.id end
end
print("records", total, best, bestid)
