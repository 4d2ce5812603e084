-- spectral_norm.lua: largest singular value of the infinite matrix
-- a(i,j) = 1 / ((i+j)(i+j+1)/2 + i + 1), truncated to n x n, by power iteration
-- on A^T A. Usage: spectral_norm.lua [n]
local n = tonumber(arg and arg[1]) or 2000
local sqrt = math.sqrt

local function a(i, j)            -- i, j are 0-based
  local s = i + j
  return 1.0 / (s * (s + 1) * 0.5 + i + 1)
end

local function mul_a(x, out)      -- out = A x
  for i = 0, n - 1 do
    local acc = 0
    for j = 0, n - 1 do acc = acc + a(i, j) * x[j + 1] end
    out[i + 1] = acc
  end
end

local function mul_at(x, out)     -- out = A^T x
  for i = 0, n - 1 do
    local acc = 0
    for j = 0, n - 1 do acc = acc + a(j, i) * x[j + 1] end
    out[i + 1] = acc
  end
end

local u, v, tmp = {}, {}, {}
for i = 1, n do u[i] = 1; v[i] = 0; tmp[i] = 0 end
for _ = 1, 10 do
  mul_a(u, tmp); mul_at(tmp, v)   -- v = A^T A u
  mul_a(v, tmp); mul_at(tmp, u)   -- u = A^T A v
end

local uv, vv, su = 0, 0, 0
for i = 1, n do
  uv = uv + u[i] * v[i]
  vv = vv + v[i] * v[i]
  su = su + u[i]
end
print(string.format("norm: %.6f", sqrt(uv / vv)))
print(string.format("sum u: %.6f", su))
