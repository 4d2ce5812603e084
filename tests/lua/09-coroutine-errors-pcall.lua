-- coroutines: yield across pcall, errors inside coroutines, error objects, wrap error propagation
-- yield inside pcall inside a coroutine
local co = coroutine.create(function()
  local ok, a, b = pcall(function()
    local x = coroutine.yield("in pcall 1")
    local y = coroutine.yield("in pcall 2", x)
    return x + y, "inner-ret"
  end)
  coroutine.yield("after pcall", ok, a, b)
  local ok2, err = pcall(function()
    coroutine.yield("before error")
    error("boom")
  end)
  return "end", ok2, err
end)
print(coroutine.resume(co))
print(coroutine.resume(co, 5))
print(coroutine.resume(co, 7))
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.status(co))

-- yield across xpcall with a handler
local xco = coroutine.wrap(function()
  local ok, msg = xpcall(function()
    coroutine.yield("xp yield")
    error({ code = 17 })
  end, function(e) return "handled code " .. e.code end)
  return ok, msg
end)
print(xco())
print(xco())

-- an error inside a coroutine kills it; resume returns false + message
local bad = coroutine.create(function(n)
  coroutine.yield(n)
  local t = nil
  return t.field
end)
print("bad1", coroutine.resume(bad, 1))
print("bad2", coroutine.resume(bad))
print("bad status", coroutine.status(bad))
print("bad3", coroutine.resume(bad))

-- error with a table value through resume
local tco = coroutine.create(function() error({ reason = "tbl" }) end)
local ok, e = coroutine.resume(tco)
print("table err", ok, type(e), e.reason)

-- error with level 0 has no position
local lco = coroutine.create(function() error("plain", 0) end)
print("level0", coroutine.resume(lco))

-- wrap propagates errors to the caller
local w = coroutine.wrap(function() error("from wrap") end)
print("wrap err", pcall(w))
local w2 = coroutine.wrap(function() error({ 1, 2, 3 }) end)
local ok2, e2 = pcall(w2)
print("wrap table err", ok2, type(e2), #e2)

-- pcall inside coroutine catches and coroutine continues
local resilient = coroutine.create(function()
  local results = {}
  for i = 1, 4 do
    local ok, v = pcall(function()
      if i % 2 == 0 then error("even " .. i, 0) end
      return coroutine.yield(i)
    end)
    results[#results + 1] = tostring(ok) .. ":" .. tostring(v)
  end
  return table.concat(results, " ")
end)
local step = { coroutine.resume(resilient) }
while coroutine.status(resilient) ~= "dead" do
  print("step", step[1], step[2])
  step = { coroutine.resume(resilient, "r" .. tostring(step[2])) }
end
print("final", step[1], step[2])

-- traceback of a dead coroutine's error via debug.traceback(co)
local tb = coroutine.create(function() local function deep() error("deep error") end deep() end)
local ok3, e3 = coroutine.resume(tb)
print("deep", ok3, e3)
print(debug.traceback(tb))

-- hot loop of pcall + yield
local hot = coroutine.wrap(function()
  local s = 0
  for i = 1, 3000 do
    local ok, v = pcall(coroutine.yield, i)
    if ok then s = s + v end
  end
  return s
end)
local v = hot()
local result
for i = 1, 3000 do
  result = hot(v * 2)
  v = result
end
print("hot pcall yield", result)
