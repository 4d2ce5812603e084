-- table_heavy.lua: array and hash tables -- inserts, lookups, removals, and
-- sorting (default order and with a comparator). All checksums are integers
-- and never depend on pairs() order. Usage: table_heavy.lua [n]
local n = tonumber(arg and arg[1]) or 80000
local MOD = 1000000007
local insert, remove, sort = table.insert, table.remove, table.sort

-- Park-Miller generator: exact in doubles and in 64-bit integers
local seed = 42
local function rand(m)
  seed = seed * 16807 % 2147483647
  return seed % m + 1
end

-- 1. array: append, random reads, remove from the end and the middle
local arr = {}
for i = 1, n do insert(arr, (i * 7919) % 1000003) end
local acc = 0
for _ = 1, 4 * n do acc = (acc + arr[rand(#arr)]) % MOD end
local removed = 0
for k = 1, math.floor(n / 10) do
  if k % 2 == 0 then
    removed = removed + remove(arr)
  else
    removed = removed + remove(arr, #arr - 20)
  end
end
for k = 1, 2000 do insert(arr, k % 50 + 1, k) end   -- inserts near the front shift the rest
local asum = 0
for i = 1, #arr do asum = (asum * 3 + arr[i]) % MOD end
print(string.format("array: len %d, reads %d, removed %d, sum %d", #arr, acc, removed, asum))

-- 2. hash with string keys: insert, lookup hits and misses, delete half
local h = {}
for i = 1, n do h["key" .. i] = i * 3 end
local hits, misses, hsum = 0, 0, 0
for _ = 1, 2 * n do
  local k = rand(2 * n)
  local v = h["key" .. k]
  if v then hits = hits + 1; hsum = (hsum + v) % MOD else misses = misses + 1 end
end
for i = 1, n, 2 do h["key" .. i] = nil end
local count, csum = 0, 0
for _, v in pairs(h) do count = count + 1; csum = csum + v end
print(string.format("string hash: hits %d, misses %d, sum %d, left %d (%d)", hits, misses, hsum, count, csum))

-- 3. sparse integer keys and mixed-value records
local sp = {}
for i = 1, n do sp[i * 97 + 13] = { id = i, w = i % 17, tag = (i % 3 == 0) } end
local wsum, tags = 0, 0
for i = 1, 3 * n do
  local key = rand(n) * 97 + 13
  local r = sp[key]
  if r then
    wsum = wsum + r.w
    if r.tag then tags = tags + 1 end
    r.w = (r.w + 1) % 17
  end
end
for i = 1, n, 3 do sp[i * 97 + 13] = nil end
local left = 0
for k, r in pairs(sp) do left = left + 1; wsum = (wsum + r.id % 1000 + k % 7) % MOD end
print(string.format("sparse hash: weights %d, tagged %d, left %d", wsum, tags, left))

-- 4. sorting unique values: shuffled 1..m ascending, then records with a comparator
local m = n
local a = {}
for i = 1, m do a[i] = i end
for i = m, 2, -1 do local j = rand(i); a[i], a[j] = a[j], a[i] end
sort(a)
local ok = 0
for i = 1, m do if a[i] == i then ok = ok + 1 end end
local recs = {}
for i = 1, m do recs[i] = { k = (i * 7919) % 1000003, s = "r" .. i } end
sort(recs, function(x, y) return x.k > y.k end)   -- keys are unique
local rsum = 0
for i = 1, m, 97 do rsum = (rsum * 31 + recs[i].k) % MOD end
local words = {}
for i = 1, math.floor(m / 4) do words[i] = "w" .. ((i * 31337) % 1000003) end
sort(words)
local wh = 0
for i = 1, #words, 50 do wh = (wh * 7 + #words[i] + words[i]:byte(2)) % MOD end
print(string.format("sort: in place %d/%d, records %d, words %d first %s last %s", ok, m, rsum, wh, words[1], words[#words]))
