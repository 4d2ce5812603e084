-- type-polymorphic hot loops: mixed value types, shape changes, nil checks, int/float mixing (side exits and side traces)
local values = { 1, 2.5, "3", true, nil, { 4 }, false, "x", -7, 0.5 }
local nums, strs, bools, tabs, nils = 0, 0, 0, 0, 0
for i = 1, 50000 do
  local v = values[i % 10 + 1]
  local tv = type(v)
  if tv == "number" then nums = nums + v
  elseif tv == "string" then strs = strs + #v
  elseif tv == "boolean" then bools = bools + (v and 1 or 0)
  elseif tv == "table" then tabs = tabs + v[1]
  else nils = nils + 1 end
end
print("dispatch", nums, strs, bools, tabs, nils)

-- records of different shapes accessed in one loop
local recs = {}
for i = 1, 300 do
  if i % 3 == 0 then recs[i] = { x = i, y = 1 }
  elseif i % 3 == 1 then recs[i] = { y = 2, x = i, z = 3 }
  else recs[i] = setmetatable({ y = 3 }, { __index = { x = -i } }) end
end
local sx, sy = 0, 0
for rep = 1, 50 do
  for i = 1, #recs do
    local r = recs[i]
    sx = sx + r.x
    sy = sy + r.y
  end
end
print("shapes", sx, sy)

-- values switching from integer-valued to fractional mid-loop
local acc = 0
for i = 1, 40000 do
  local step = (i > 20000) and 0.5 or 1
  acc = acc + step
end
print("int to float", acc)

-- array with holes: nil checks in the hot path
local holes = {}
for i = 1, 10000 do if i % 4 ~= 0 then holes[i] = i end end
local present, missing = 0, 0
for i = 1, 10000 do
  local v = holes[i]
  if v then present = present + v else missing = missing + 1 end
end
print("holes", present, missing)

-- function values of different kinds called from one call site
local callees = {
  function(x) return x + 1 end,
  math.abs,
  setmetatable({}, { __call = function(_, x) return x * 2 end }),
  string.len,
  tostring,
}
local cs = 0
for i = 1, 10000 do
  local f = callees[i % 5 + 1]
  local r = f(i % 5 == 3 and "abc" or -i)
  if type(r) == "number" then cs = cs + r else cs = cs + #r end
end
print("call site", cs)

-- keys switching between numbers and strings
local store = {}
for i = 1, 20000 do
  local key = (i % 2 == 0) and i or ("s" .. (i % 100))
  store[key] = (store[key] or 0) + 1
end
local numkeys, strkeys, strsum = 0, 0, 0
for k, v in pairs(store) do
  if type(k) == "number" then numkeys = numkeys + 1 else strkeys = strkeys + 1; strsum = strsum + v end
end
print("mixed keys", numkeys, strkeys, strsum)

-- growing/shrinking array while types of elements change
local stack = {}
local popped = 0
for i = 1, 30000 do
  if i % 5 == 0 then
    local v = table.remove(stack)
    popped = popped + (type(v) == "number" and v or #v)
  else
    stack[#stack + 1] = (i % 2 == 0) and i or tostring(i)
  end
end
print("stack", #stack, popped)

-- booleans and nil in comparisons inside loops
local t, f, n = 0, 0, 0
local states = { true, false } -- index 3 is nil
for i = 1, 9000 do
  local v = states[i % 3 + 1]
  if v == true then t = t + 1 elseif v == false then f = f + 1 elseif v == nil then n = n + 1 end
end
print("tri-state", t, f, n)
