-- coroutine_ring.lua: a ring of N coroutines passes a token M times. Each
-- coroutine receives the token, changes it and yields it back to the driver,
-- which hands it to the next coroutine in the ring.
-- Usage: coroutine_ring.lua [M] [N]
local M = tonumber(arg and arg[1]) or 3000000
local N = tonumber(arg and arg[2]) or 503
local create, resume, yield, status = coroutine.create, coroutine.resume, coroutine.yield, coroutine.status
local MOD = 1000003

local ring = {}
for id = 1, N do
  ring[id] = create(function(token)
    local seen = 0
    while true do
      seen = seen + 1
      if token < 0 then return seen end      -- stop signal: report how often we ran
      token = yield((token * 31 + id) % MOD)
    end
  end)
end

local token, pos = 1, 1
for _ = 1, M do
  local ok, t = resume(ring[pos], token)
  if not ok then error(t) end
  token = t
  pos = pos + 1
  if pos > N then pos = 1 end
end

local sum = 0
for id = 1, N do
  local ok, seen = resume(ring[id], -1)
  if not ok or status(ring[id]) ~= "dead" then error("coroutine did not finish") end
  sum = sum + seen * id
end
print(string.format("passes: %d, ring: %d", M, N))
print(string.format("token: %d, next holder: %d", token, pos))
print(string.format("weighted visits: %d", sum))

-- a second pattern: wrapped generators chained into a pipeline
local function gen(limit)
  return coroutine.wrap(function()
    for i = 1, limit do yield(i) end
  end)
end
local function mapper(src, k)
  return coroutine.wrap(function()
    for v in src do yield((v * k) % MOD) end
  end)
end
local psum = 0
for v in mapper(mapper(gen(math.floor(M / 4)), 3), 7) do psum = (psum + v) % MOD end
print(string.format("pipeline sum: %d", psum))
