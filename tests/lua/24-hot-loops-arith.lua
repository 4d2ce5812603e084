-- hot numeric loops that compile in LuaJIT: arithmetic, table fills, reductions, nested loops, while loops
-- simple reduction
local s = 0
for i = 1, 100000 do s = s + i end
print("sum", s)

-- mixed arithmetic with integer-valued doubles
local a, b = 0, 1
for i = 1, 100000 do
  a = (a + i * 3 - (i % 17)) % 1000003
  b = (b * 7 + i) % 65521
end
print("mixed", a, b)

-- float arithmetic with exact binary fractions
local f = 0
for i = 1, 80000 do f = f + (i % 8) * 0.125 end
print("float", f)

-- table fill and readback
local t = {}
for i = 1, 50000 do t[i] = i * 2 end
local sum = 0
for i = 1, #t do sum = sum + t[i] end
print("fill", #t, sum, t[1], t[50000])

-- table fill with hash keys (strings) then sorted readback of a sample
local h = {}
for i = 1, 2000 do h["k" .. (i % 500)] = (h["k" .. (i % 500)] or 0) + i end
local hk = {}
for k in pairs(h) do hk[#hk + 1] = k end
table.sort(hk)
print("hash", #hk, hk[1], h[hk[1]], hk[#hk], h[hk[#hk]])

-- nested loops: matrix multiply 30x30
local N = 30
local A, B, C = {}, {}, {}
for i = 1, N do
  A[i], B[i], C[i] = {}, {}, {}
  for j = 1, N do
    A[i][j] = (i + j) % 7
    B[i][j] = (i * j) % 5
    C[i][j] = 0
  end
end
for i = 1, N do
  local Ai, Ci = A[i], C[i]
  for j = 1, N do
    local acc = 0
    for k = 1, N do acc = acc + Ai[k] * B[k][j] end
    Ci[j] = acc
  end
end
local trace, total = 0, 0
for i = 1, N do
  trace = trace + C[i][i]
  for j = 1, N do total = total + C[i][j] end
end
print("matmul", trace, total, C[1][1], C[N][N])

-- while loop: collatz lengths
local best, bestn = 0, 0
local n = 1
while n < 3000 do
  local x, steps = n, 0
  while x ~= 1 do
    if x % 2 == 0 then x = x / 2 else x = 3 * x + 1 end
    steps = steps + 1
  end
  if steps > best then best, bestn = steps, n end
  n = n + 1
end
print("collatz", bestn, best)

-- repeat-until loop
local r, cnt = 1, 0
repeat
  r = (r * 5 + 3) % 1024
  cnt = cnt + 1
until r == 1 or cnt >= 100000
print("repeat", r, cnt)

-- sieve of Eratosthenes
local limit = 50000
local composite = {}
for i = 2, limit do composite[i] = false end
for i = 2, math.floor(math.sqrt(limit)) do
  if not composite[i] then
    for k = i * i, limit, i do composite[k] = true end
  end
end
local primes, lastp = 0, 0
for i = 2, limit do if not composite[i] then primes = primes + 1; lastp = i end end
print("sieve", primes, lastp)

-- loop with branches that change over time (side traces)
local x1, x2, x3 = 0, 0, 0
for i = 1, 60000 do
  if i < 20000 then x1 = x1 + 1
  elseif i < 40000 then x2 = x2 + i % 3
  else x3 = x3 + (i % 5 == 0 and 2 or -1) end
end
print("phases", x1, x2, x3)

-- type-unstable accumulator (number then string)
local acc = 0
local results = {}
for i = 1, 2000 do
  if i == 1000 then acc = tostring(acc) end
  acc = acc + 1
  if i % 500 == 0 then results[#results + 1] = type(acc) .. ":" .. acc end
end
print("unstable", table.concat(results, " "))

-- downward loop
local down = {}
for i = 100000, 1, -1 do
  if i % 20000 == 0 then down[#down + 1] = i end
end
print("down", table.concat(down, " "))
