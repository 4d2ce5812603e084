-- numeric for loop edge cases: negative step, float step, zero iterations, large bounds, loop var copies, step errors
local function collect(a, b, c)
  local out = {}
  if c then
    for i = a, b, c do out[#out + 1] = i; if #out > 50 then break end end
  else
    for i = a, b do out[#out + 1] = i; if #out > 50 then break end end
  end
  return #out .. ":" .. table.concat(out, ",")
end

print("basic", collect(1, 5))
print("step 2", collect(1, 10, 2))
print("negative step", collect(10, 1, -3))
print("negative to negative", collect(-1, -5, -1))
print("zero iterations up", collect(5, 1))
print("zero iterations down", collect(1, 5, -1))
print("single", collect(3, 3), collect(3, 3, -1))
print("float step", collect(0, 1, 0.25))
print("float step down", collect(1, 0, -0.125))
print("float bounds", collect(0.5, 3.5), collect(1.5, 4))
print("step larger than range", collect(1, 3, 10))
print("negative float", collect(-1.5, 1.5, 0.5))

-- float accumulation that is inexact: count iterations only
local n = 0
for x = 0, 1, 0.1 do n = n + 1 end
print("0..1 step 0.1 iterations", n)

-- modifying the loop variable does not affect iteration
local seen = {}
for i = 1, 5 do
  seen[#seen + 1] = i
  i = i * 100 -- local copy
end
print("modify var", table.concat(seen, ","))

-- bounds evaluated once
local limit = 3
local iters = 0
for i = 1, limit do
  limit = 100
  iters = iters + 1
end
print("limit evaluated once", iters)

-- loop variable is not visible after the loop
local i = "outer"
for i = 1, 2 do end
print("scope", i)

-- huge bounds with early break
local cnt = 0
for k = 1, math.huge do
  cnt = cnt + 1
  if k >= 1000 then break end
end
print("huge bound", cnt)
local cnt2 = 0
for k = -math.huge, 0 do cnt2 = cnt2 + 1; if cnt2 >= 5 then break end end
print("neg huge start", cnt2)

-- large integer bounds
local s = 0
for k = 2 ^ 40, 2 ^ 40 + 10 do s = s + (k - 2 ^ 40) end
print("2^40 bounds", s)
local last
for k = 9007199254740980, 9007199254740990, 3 do last = k end -- stays below 2^53 (exact)
print("near 2^53", string.format("%.0f", last))

-- step zero: LuaJIT loops forever in 5.1 semantics, so bound with break
local zc = 0
for k = 1, 2, 0 do
  zc = zc + 1
  if zc >= 10 then break end
end
print("step zero", zc)

-- string bounds are coerced
print("string bounds", pcall(function()
  local c = 0
  for k = "1", "4" do c = c + k end
  return c
end))

-- nan bounds give zero iterations
local nanc = 0
for k = 1, 0 / 0 do nanc = nanc + 1 end
for k = 0 / 0, 10 do nanc = nanc + 1 end
print("nan bounds", nanc)

-- hot loops with various steps
local a1, a2, a3 = 0, 0, 0
for k = 100000, 1, -1 do a1 = a1 + k end
for k = 1, 100000, 7 do a2 = a2 + k end
for k = 0, 1000, 0.5 do a3 = a3 + k end
print("hot steps", a1, a2, a3)

-- nested loops with dependent bounds
local tri = 0
for x = 1, 300 do
  for y = x, 300 do tri = tri + 1 end
end
print("triangular", tri)

-- ipairs and pairs on an empty table: zero iterations
local e = 0
for _ in ipairs({}) do e = e + 1 end
for _ in pairs({}) do e = e + 1 end
print("empty iterations", e)
