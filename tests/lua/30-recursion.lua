-- recursion: fib, ackermann (small), mutual recursion, memoization, hanoi, permutations count, deep non-tail recursion
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local fibs = {}
for i = 0, 20 do fibs[#fibs + 1] = fib(i) end
print("fib", table.concat(fibs, " "))
print("fib(24)", fib(24))

local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print("ack", ack(0, 0), ack(1, 2), ack(2, 3), ack(3, 3), ack(3, 4))

-- mutual recursion
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print("even/odd", is_even(10), is_odd(7), is_even(7), is_odd(1000))

-- memoized fibonacci with big values (exact up to 2^53)
local memo = {}
local function mfib(n)
  if n < 2 then return n end
  local v = memo[n]
  if v then return v end
  v = mfib(n - 1) + mfib(n - 2)
  memo[n] = v
  return v
end
print("mfib", mfib(50), mfib(78))

-- towers of hanoi: count moves and record the first few
local moves = {}
local function hanoi(n, from, to, via)
  if n == 0 then return 0 end
  local c = hanoi(n - 1, from, via, to)
  if #moves < 7 then moves[#moves + 1] = from .. to end
  return c + 1 + hanoi(n - 1, via, to, from)
end
print("hanoi", hanoi(12, "A", "C", "B"), table.concat(moves, " "))

-- recursive sum over nested tables
local function deep_sum(t)
  local s = 0
  for _, v in ipairs(t) do
    if type(v) == "table" then s = s + deep_sum(v) else s = s + v end
  end
  return s
end
print("deep sum", deep_sum({ 1, { 2, 3, { 4, { 5, 6 } } }, { { { 7 } } }, 8 }))

-- n-queens count
local function queens(n)
  local cols, d1, d2 = {}, {}, {}
  local count = 0
  local function place(r)
    if r > n then count = count + 1; return end
    for c = 1, n do
      if not cols[c] and not d1[r + c] and not d2[r - c + n] then
        cols[c], d1[r + c], d2[r - c + n] = true, true, true
        place(r + 1)
        cols[c], d1[r + c], d2[r - c + n] = false, false, false
      end
    end
  end
  place(1)
  return count
end
print("queens", queens(4), queens(6), queens(8))

-- deep non-tail recursion (well within the stack limit)
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print("depth", depth(10000))

-- recursive string building (binary representation)
local function bin(n) if n < 2 then return tostring(n) end return bin(math.floor(n / 2)) .. (n % 2) end
print("bin", bin(0), bin(5), bin(255), bin(1023), bin(2 ^ 40))

-- recursive flatten + quicksort
local function qsort(t)
  if #t <= 1 then return t end
  local pivot, lo, hi, eq = t[1], {}, {}, {}
  for _, v in ipairs(t) do
    if v < pivot then lo[#lo + 1] = v elseif v > pivot then hi[#hi + 1] = v else eq[#eq + 1] = v end
  end
  local r = qsort(lo)
  for _, v in ipairs(eq) do r[#r + 1] = v end
  for _, v in ipairs(qsort(hi)) do r[#r + 1] = v end
  return r
end
print("qsort", table.concat(qsort({ 9, 3, 7, 1, 8, 2, 7, 6, 5, 4, 0, 3 }), " "))
