-- fannkuch.lua: for every permutation of 1..n, repeatedly reverse the first k
-- elements (k = the first element) until 1 comes first; report the most flips and
-- an alternating-sign sum of flip counts. Permutations are enumerated by rotating
-- prefixes with a mixed-radix counter. Usage: fannkuch.lua [n]
local n = tonumber(arg and arg[1]) or 10

local function run(n)
  local p, q, cnt = {}, {}, {}
  for i = 1, n do p[i] = i; cnt[i] = 0 end
  local most, sum, sign, perms = 0, 0, 1, 0
  while true do
    perms = perms + 1
    local k = p[1]
    if k ~= 1 then
      for i = 2, n do q[i] = p[i] end
      local flips = 0
      repeat
        -- reverse q[1..k]; q[1] is k itself, so write it to q[k] last
        local lo, hi = 2, k - 1
        while lo < hi do
          q[lo], q[hi] = q[hi], q[lo]
          lo = lo + 1; hi = hi - 1
        end
        local nk = q[k]
        q[k] = k
        k = nk
        flips = flips + 1
      until k == 1
      if flips > most then most = flips end
      sum = sum + sign * flips
    end
    sign = -sign
    -- next permutation: rotate p[1..r] left by one for the lowest r whose counter
    -- does not wrap
    local r = 2
    while true do
      if r > n then return most, sum, perms end
      local first = p[1]
      for i = 1, r - 1 do p[i] = p[i + 1] end
      p[r] = first
      local c = cnt[r] + 1
      if c < r then cnt[r] = c; break end
      cnt[r] = 0
      r = r + 1
    end
  end
end

local most, sum, perms = run(n)
print(string.format("permutations: %d", perms))
print(string.format("checksum: %d", sum))
print(string.format("max flips(%d): %d", n, most))
