-- coroutines: create/resume/yield/status, passing values both ways, wrap, running
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "done", d + e
end)

print("status", coroutine.status(co))
print("resume1", coroutine.resume(co, 1, 2))
print("status", coroutine.status(co))
print("resume2", coroutine.resume(co, 10))
print("resume3", coroutine.resume(co, 3, 4))
print("status", coroutine.status(co))
print("resume dead", coroutine.resume(co))

-- yield with no values and multiple values
local multi = coroutine.create(function(...)
  print("args", select('#', ...), ...)
  print("yield empty ->", select('#', coroutine.yield()))
  print("yield many ->", coroutine.yield(1, nil, 3))
  return
end)
print("m1", coroutine.resume(multi, "x", nil))
print("m2", coroutine.resume(multi))
print("m3", coroutine.resume(multi, "p", "q"))
print("m status", coroutine.status(multi))

-- wrap
local gen = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(i, i * i) end
  return "end"
end)
print("wrap", gen())
print("wrap", gen())
print("wrap", gen())
print("wrap", gen())
local ok, err = pcall(gen)
print("wrap dead", ok, err)

-- running and status from inside
local main_co, ismain = coroutine.running()
print("running in main", type(main_co), ismain)
local inner
inner = coroutine.create(function()
  local me, im = coroutine.running()
  print("inside: running is self", me == inner, im)
  print("inside: own status", coroutine.status(inner))
  local other = coroutine.create(function()
    print("nested: outer status", coroutine.status(inner))
  end)
  coroutine.resume(other)
  print("nested status", coroutine.status(other))
end)
coroutine.resume(inner)

-- resuming a running coroutine fails
local selfres
selfres = coroutine.create(function()
  return coroutine.resume(selfres)
end)
print("resume self", coroutine.resume(selfres))

-- yield from main is an error
print("yield main", pcall(coroutine.yield, 1))

-- coroutine.isyieldable is not in 5.1: check presence only
print("isyieldable present", type(coroutine.isyieldable))

-- producer / consumer
local function producer()
  return coroutine.create(function()
    for _, w in ipairs({ "alpha", "beta", "gamma" }) do coroutine.yield(w) end
  end)
end
local function consumer(p)
  local out = {}
  while true do
    local ok, v = coroutine.resume(p)
    if not v then break end
    out[#out + 1] = v:upper()
  end
  return table.concat(out, "+")
end
print("prodcons", consumer(producer()))

-- many resumes in a loop (hot)
local acc = coroutine.create(function(x)
  local sum = 0
  while true do
    sum = sum + x
    x = coroutine.yield(sum)
  end
end)
local last
for i = 1, 10000 do
  local _, s = coroutine.resume(acc, i)
  last = s
end
print("hot resume", last, coroutine.status(acc))
