-- hot loops with pcall, xpcall, select('#', ...), unpack, error handling and coroutine calls in the body
local function maybe_fail(i)
  if i % 13 == 0 then error("fail " .. i, 0) end
  return i, i * 2
end

-- pcall in a hot loop, collecting both outcomes
local okc, errc, vsum, lastmsg = 0, 0, 0, nil
for i = 1, 2600 do
  local ok, a, b = pcall(maybe_fail, i)
  if ok then okc = okc + 1; vsum = vsum + a + b else errc = errc + 1; lastmsg = a end
end
print("pcall", okc, errc, vsum, lastmsg)

-- xpcall with a handler in a hot loop
local handled = 0
for i = 1, 1300 do
  local ok, r = xpcall(function() return maybe_fail(i) end, function(m) return "H:" .. m end)
  if not ok then handled = handled + #r end
end
print("xpcall", handled)

-- select('#', ...) and select(n, ...) with varargs in a hot loop
local function count(...) return select('#', ...) end
local function nth(n, ...) return (select(n, ...)) end
local cs, ns = 0, 0
for i = 1, 3000 do
  cs = cs + count(i, nil, i % 2 == 0 and nil or i)
  ns = ns + nth(i % 3 + 1, 10, 20, 30)
end
print("select", cs, ns)

-- unpack of varying lengths in a hot loop
local src = {}
for i = 1, 10 do src[i] = i end
local us = 0
for i = 1, 3000 do
  local a, b, c, d = unpack(src, i % 10 + 1)
  us = us + a + (b or 0) + (c or 0) + (d or 0)
end
print("unpack", us)

-- vararg forwarding through pcall
local function sum(...)
  local s = 0
  for i = 1, select('#', ...) do s = s + (select(i, ...) or 0) end
  return s
end
local fs = 0
for i = 1, 2000 do
  local ok, r = pcall(sum, unpack({ i, nil, 2, nil, 3 }, 1, 5))
  fs = fs + r
end
print("forwarded", fs)

-- coroutine.wrap called in a hot loop
local gen = coroutine.wrap(function()
  local i = 0
  while true do i = i + 1; coroutine.yield(i * 3) end
end)
local gsum = 0
for i = 1, 2000 do gsum = gsum + gen() end
print("coroutine in loop", gsum)

-- string.format with many args + select in the same body
local fl = 0
for i = 1, 1000 do
  local s = string.format("%d:%s:%5.1f", i, select(2, "x", "y"), i / 4)
  fl = fl + #s
end
print("format/select", fl)

-- tostring/tonumber/type dispatch over a mixed array inside a hot loop
local vals = { 1, "2", 3.5, "x", true, nil, false }
local tn, ts = 0, 0
for i = 1, 3500 do
  local v = vals[i % 7 + 1]
  local n = tonumber(v)
  if n then tn = tn + n end
  ts = ts + #tostring(v) + #type(v)
end
print("dispatch", tn, ts)
