-- Traced code around coroutines: generators whose bodies are compiled yield
-- across them, jit.flush() runs in the middle of hot loops (it is a builtin
-- the recorder stitches around), and coroutines stay suspended while every
-- trace is flushed.
-- The GC stays off: GC steps follow heap bytes, which differ between builds
-- (this program's trace story is compared with LuaJIT's x86 VM).
collectgarbage("stop")
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do
      local x = i * i
      if x % 3 == 0 then coroutine.yield(x) end
    end
  end)
end
local total, count = 0, 0
for v in gen(3000) do total = total + v; count = count + 1 end
print("generator", total, count)

-- jit.flush() every 500 iterations of a hot loop
local acc = 0
for i = 1, 3000 do
  acc = acc + i % 13
  if i % 500 == 0 then jit.flush() end
end
print("flush in loop", acc)

-- coroutines suspended while traces are flushed, then resumed
local cos = {}
for k = 1, 4 do
  cos[k] = coroutine.create(function(a)
    local s = 0
    for i = 1, 200 do
      s = s + i * a
      if i % 50 == 0 then a = coroutine.yield(s) or a end
    end
    return "done", s
  end)
end
local results = {}
for round = 1, 6 do
  for k = 1, 4 do
    if coroutine.status(cos[k]) ~= "dead" then
      local ok, v, w = coroutine.resume(cos[k], k)
      results[#results + 1] = tostring(v) .. (w and ("/" .. w) or "")
    end
  end
  if round % 2 == 0 then jit.flush() end
end
print("suspended", table.concat(results, " "))

-- errors raised in traced code and caught by pcall: the loop goes on
local caught, good = 0, 0
for i = 1, 2000 do
  local ok = pcall(function(v)
    if v % 97 == 0 then error("bad " .. v) end
    return v
  end, i)
  if ok then good = good + 1 else caught = caught + 1 end
end
print("errors", good, caught)
