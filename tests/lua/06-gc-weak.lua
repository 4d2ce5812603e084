-- __gc via newproxy(true) finalizers and __mode weak tables, counted after collectgarbage()
collectgarbage("stop") -- only explicit full collections below
local finalized = {}

local function make_proxy(name)
  local p = newproxy(true)
  getmetatable(p).__gc = function() finalized[#finalized + 1] = name end
  return p
end

local function make_garbage()
  for i = 1, 5 do make_proxy("tmp" .. i) end
end

local keep = make_proxy("kept")
make_garbage()
collectgarbage()
collectgarbage()
table.sort(finalized)
print("finalized", #finalized, table.concat(finalized, ","))

-- finalizer printing directly
local function single()
  local p = newproxy(true)
  getmetatable(p).__gc = function() print("gc: single proxy finalized") end
end
single()
collectgarbage()
collectgarbage()
print("after single")

-- releasing the kept proxy
finalized = {}
keep = nil
collectgarbage()
collectgarbage()
print("released", table.concat(finalized, ","))

-- weak values
local function fill_weak(mode)
  local w = setmetatable({}, { __mode = mode })
  local anchors = {}
  for i = 1, 10 do
    local obj = { id = i }
    if mode == "k" then w[obj] = i else w[i] = obj end
    if i % 2 == 0 then anchors[#anchors + 1] = obj end
  end
  return w, anchors
end

local function count(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  return n
end

local wv, av = fill_weak("v")
print("weak v before", count(wv))
collectgarbage()
collectgarbage()
local ids = {}
for k, v in pairs(wv) do ids[#ids + 1] = k end
table.sort(ids)
print("weak v after", count(wv), table.concat(ids, ","))

local wk, ak = fill_weak("k")
print("weak k before", count(wk))
collectgarbage()
collectgarbage()
local vals = {}
for k, v in pairs(wk) do vals[#vals + 1] = v end
table.sort(vals)
print("weak k after", count(wk), table.concat(vals, ","))

-- strings and numbers are never removed from weak tables
local ws = setmetatable({}, { __mode = "kv" })
ws[1] = "one"; ws.two = 2; ws[3] = true
collectgarbage()
print("weak non-collectable", count(ws), ws[1], ws.two, ws[3])

-- dropping anchors empties the tables
av, ak = nil, nil
collectgarbage()
collectgarbage()
print("weak after release", count(wv), count(wk))

-- weak-keyed cache pattern
local cache = setmetatable({}, { __mode = "k" })
local function cached_len(t)
  local v = cache[t]
  if not v then v = #t; cache[t] = v end
  return v
end
local held = { 1, 2, 3 }
local function churn()
  local s = 0
  for i = 1, 200 do s = s + cached_len({ i, i }) end
  return s
end
print("cache", churn(), cached_len(held))
collectgarbage()
collectgarbage()
print("cache entries", count(cache))

-- collectgarbage("count") returns a number (value not printed)
print("count type", type(collectgarbage("count")))
collectgarbage("restart")
