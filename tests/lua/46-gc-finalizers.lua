-- garbage collection under allocation-heavy loops: finalizer counts, resurrection, weak caches, collectgarbage options
collectgarbage("stop") -- collections happen only where requested, so output is deterministic
local finalized = 0
local names = {}
local gcmt_proxy = newproxy(true)
getmetatable(gcmt_proxy).__gc = function() finalized = finalized + 1 end

local function churn(n)
  for i = 1, n do
    local p = newproxy(gcmt_proxy) -- shares the metatable with __gc
    local t = { i, tostring(i), { nested = i } }
  end
end
churn(500)
collectgarbage()
collectgarbage()
print("finalized after churn", finalized)

-- a finalizer that records its name; sorted before printing
local function named(name)
  local p = newproxy(true)
  getmetatable(p).__gc = function() names[#names + 1] = name end
  return p
end
local keep = {}
local function make()
  for i = 1, 6 do
    local p = named("obj" .. i)
    if i % 3 == 0 then keep[#keep + 1] = p end
  end
end
make()
collectgarbage()
collectgarbage()
table.sort(names)
print("collected", table.concat(names, " "))
names = {}
keep = nil
collectgarbage()
collectgarbage()
table.sort(names)
print("collected later", table.concat(names, " "))

-- resurrection: __gc stores the object in a global table; it is finalized only once
local graveyard = {}
local rescount = 0
local function zombie()
  local p = newproxy(true)
  getmetatable(p).__gc = function(self) rescount = rescount + 1; graveyard[#graveyard + 1] = self end
end
zombie()
collectgarbage()
collectgarbage()
print("resurrected", rescount, #graveyard, type(graveyard[1]))
graveyard = {}
collectgarbage()
collectgarbage()
print("finalized once", rescount)

-- weak-valued cache filled in a hot loop; only anchored entries survive
local cache = setmetatable({}, { __mode = "v" })
local anchors = {}
local function fill()
  for i = 1, 5000 do
    local v = { id = i }
    cache[i] = v
    if i % 100 == 0 then anchors[#anchors + 1] = v end
  end
end
fill()
collectgarbage()
collectgarbage()
local alive, idsum = 0, 0
for k, v in pairs(cache) do alive = alive + 1; idsum = idsum + v.id end
print("weak cache", alive, idsum)

-- ephemeron-like weak keys: values referencing only themselves do not keep keys alive
local wk = setmetatable({}, { __mode = "k" })
local function ephem()
  for i = 1, 100 do
    local key = {}
    wk[key] = { i = i }
  end
end
ephem()
collectgarbage()
collectgarbage()
local wkc = 0
for _ in pairs(wk) do wkc = wkc + 1 end
print("weak keys", wkc)

-- collectgarbage option results (types only; amounts are not deterministic)
print("count", type(collectgarbage("count")))
print("step", type(collectgarbage("step", 0)))
print("setpause", type(collectgarbage("setpause", 200)))
print("setstepmul", type(collectgarbage("setstepmul", 200)))
collectgarbage("restart")

-- large allocation loops with the collector running normally: results only
local sum = 0
for i = 1, 20000 do
  local t = { i, i * 2, i * 3 }
  sum = sum + t[1] + t[2] + t[3]
end
local strs = 0
for i = 1, 5000 do strs = strs + #(("x"):rep(i % 64) .. i) end
print("alloc loops", sum, strs)
