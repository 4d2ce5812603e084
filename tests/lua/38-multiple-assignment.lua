-- multiple assignment: swaps, evaluation before assignment, extra/missing values, function results, table fields
local a, b, c = 1, 2
print("missing", a, b, c)
local d, e = 1, 2, 3
print("extra", d, e)

a, b = b, a
print("swap", a, b)
a, b, c = c, a, b
print("rotate", a, b, c)

-- all right-hand expressions are evaluated before any assignment
local x, y = 1, 2
x, y = y, x + y
print("fib step", x, y)
local t = { 10, 20, 30 }
local i = 1
i, t[i] = i + 1, "changed" -- t[i] uses i as evaluated before assignment (i == 1)
print("index eval", i, t[1], t[2])

-- function calls: only the last expression expands
local function three() return 1, 2, 3 end
local p, q, r, s = three()
print("expand last", p, q, r, s)
p, q, r, s = three(), 10
print("truncate first", p, q, r, s)
p, q, r, s = 0, three()
print("expand after", p, q, r, s)
p, q = (three())
print("parenthesized", p, q)

-- assignments to table fields and globals mixed
local obj = {}
obj.a, obj.b, g_multi = "A", "B", "G"
print("fields", obj.a, obj.b, g_multi)
g_multi = nil

-- swapping table elements
local arr = { 1, 2, 3, 4, 5 }
for k = 1, math.floor(#arr / 2) do
  arr[k], arr[#arr - k + 1] = arr[#arr - k + 1], arr[k]
end
print("reverse", table.concat(arr, " "))

-- order of evaluation of calls on the right-hand side (left to right)
local log = {}
local function v(n) log[#log + 1] = n; return n end
local m1, m2, m3 = v(1), v(2), v(3)
print("call order", table.concat(log, ","), m1 + m2 + m3)

-- __newindex observation of assignment targets (values are deterministic; order is not relied upon)
local seen = {}
local watched = setmetatable({}, { __newindex = function(tt, k, val) seen[#seen + 1] = k .. "=" .. val; rawset(tt, k, val) end })
watched.first, watched.second = 1, 2
table.sort(seen)
print("newindex", table.concat(seen, " "), watched.first, watched.second)

-- nested assignment through locals in a hot loop (fib via swaps)
local fa, fb = 0, 1
for _ = 1, 70 do fa, fb = fb, fa + fb end
print("fib70", fa, string.format("%.0f", fa))

local s1, s2, s3 = 0, 0, 0
for k = 1, 30000 do
  s1, s2, s3 = s2 + k, s3 + 1, s1 % 1000
end
print("rotating sums", s1, s2, s3)

-- multiple returns from a hot function assigned to locals
local function divmod(n, dd) return math.floor(n / dd), n % dd end
local qs, rs = 0, 0
for k = 1, 20000 do
  local qq, rr = divmod(k, 7)
  qs, rs = qs + qq, rs + rr
end
print("divmod sums", qs, rs)

-- local redeclaration shadows
local z = 1
local z = z + 1
print("shadow", z)
do
  local z = "inner"
  print("inner", z)
end
print("outer", z)
