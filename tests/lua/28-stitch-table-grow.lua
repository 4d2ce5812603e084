-- a table grows inside hot loops (t[#t+1] = ...) whose bodies call stitching builtins; sums printed at the end
local t = {}
for i = 1, 1000 do
  local year = os.date("!%Y", 0)         -- C function: not compiled, stitched
  t[#t + 1] = i + tonumber(year) - 1970
end
local s = 0
for i = 1, #t do s = s + t[i] end
print("grow os.date", #t, s)

local q = {}
for i = 1, 800 do
  local quoted = string.format("%q", "v" .. i) -- not compiled
  q[#q + 1] = #quoted
  if i % 3 == 0 then q[#q + 1] = i end
end
local qs = 0
for _, v in ipairs(q) do qs = qs + v end
print("grow %q", #q, qs)

local parts = { "x", "y" }
local grown = {}
for i = 1, 600 do
  grown[#grown + 1] = table.concat(parts, "", 1, i % 2 + 1) -- not compiled
  grown[#grown + 1] = i
end
local strs, nums = 0, 0
for _, v in ipairs(grown) do
  if type(v) == "string" then strs = strs + #v else nums = nums + v end
end
print("grow concat", #grown, strs, nums)

local P = setmetatable({}, { __tostring = function() return "P" end })
local tt = {}
for i = 1, 500 do
  tt[#tt + 1] = tostring(P) .. i -- __tostring metamethod call from tostring
end
local tl = 0
for _, v in ipairs(tt) do tl = tl + #v end
print("grow tostring", #tt, tl, tt[#tt])

-- nested tables growing with pcall in the body
local rows = {}
for i = 1, 400 do
  local ok, v = pcall(function() if i % 10 == 0 then error("x") end return i * 2 end)
  local row = rows[#rows]
  if not row or #row >= 7 then row = {}; rows[#rows + 1] = row end
  row[#row + 1] = ok and v or -1
end
local rs, cells = 0, 0
for _, row in ipairs(rows) do
  for _, v in ipairs(row) do rs = rs + v; cells = cells + 1 end
end
print("grow rows", #rows, cells, rs)

-- table with both array and hash parts growing; select and unpack in body
local mix = {}
for i = 1, 700 do
  local n = select('#', unpack({ i, i, i }, 1, i % 3 + 1))
  mix[#mix + 1] = n
  mix["k" .. (i % 50)] = (mix["k" .. (i % 50)] or 0) + n
end
local arrsum, hashsum = 0, 0
for k, v in pairs(mix) do
  if type(k) == "number" then arrsum = arrsum + v else hashsum = hashsum + v end
end
print("grow mixed", #mix, arrsum, hashsum)

-- growing then shrinking with table.remove inside a loop that calls a stitching builtin
local stack = {}
local popped = 0
for i = 1, 1000 do
  stack[#stack + 1] = tonumber(os.date("!%d", 0)) * i
  if i % 4 == 0 then popped = popped + table.remove(stack) end
end
local left = 0
for i = 1, #stack do left = left + stack[i] end
print("grow/shrink", #stack, popped, left)
