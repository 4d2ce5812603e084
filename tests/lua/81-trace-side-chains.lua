-- Nested branches: hot exits start side traces, and exits of those start
-- side traces of side traces. Types change on the way (numbers, strings,
-- tables), so guards fail in several places of one loop.
-- The GC stays off: traces are freed (and their numbers reused) when the GC
-- sweeps them, and GC steps follow heap bytes, which differ between builds.
collectgarbage("stop")
local acc = 0
for i = 1, 4000 do
  if i % 2 == 0 then
    if i % 3 == 0 then
      if i % 5 == 0 then acc = acc + 7 else acc = acc + 5 end
    else
      acc = acc + 3
    end
  else
    acc = acc - 1
  end
end
print("nested", acc)

local vals = {}
for i = 1, 300 do
  if i <= 100 then vals[i] = i
  elseif i <= 200 then vals[i] = tostring(i)
  else vals[i] = { i } end
end
local n, s, t = 0, 0, 0
for r = 1, 20 do
  for i = 1, #vals do
    local v = vals[i]
    local ty = type(v)
    if ty == "number" then n = n + v
    elseif ty == "string" then s = s + #v
    else t = t + v[1] end
  end
end
print("types", n, s, t)

-- a function whose return value changes type: exits in an inlined call
local function pick(i)
  if i % 7 == 0 then return "seven" end
  if i % 11 == 0 then return false end
  return i
end
local cnt = { number = 0, string = 0, boolean = 0 }
for i = 1, 5000 do
  local r = pick(i)
  cnt[type(r)] = cnt[type(r)] + 1
end
print("returns", cnt.number, cnt.string, cnt.boolean)

-- recursion: up- and down-recursive traces with exits at the base case
-- (shallow: how often a deep one exits at its stack check follows the GC)
local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
local function sumto(k) if k == 0 then return 0 end return k + sumto(k - 1) end
print("recursion", fib(22), sumto(60))
