-- nbody.lua: a star with four planets on near-circular orbits, integrated with a
-- symplectic Euler step (velocities from pairwise gravity, then positions).
-- Prints the total energy before and after. Units: AU, years, G*M_star = 4*pi^2.
-- Usage: nbody.lua [steps]
local steps = tonumber(arg and arg[1]) or 1200000
local sqrt = math.sqrt
local PI = 3.141592653589793
local GM = 4 * PI * PI
local dt = 0.002

-- name-less bodies: radius (AU), mass (star masses), inclination factor
local planets = {
  { 4.8, 1.1e-3, 0.020 },
  { 9.1, 2.6e-4, 0.035 },
  { 18.7, 4.7e-5, 0.011 },
  { 29.6, 5.3e-5, 0.027 },
}

local bodies = { { x = 0, y = 0, z = 0, vx = 0, vy = 0, vz = 0, m = GM } }
for k = 1, #planets do
  local p = planets[k]
  local r, m, inc = p[1], p[2], p[3]
  local ang = k * 1.7                     -- spread the planets around the star
  local v = sqrt(GM / r)                  -- circular orbit speed
  bodies[#bodies + 1] = {
    x = r * math.cos(ang), y = r * math.sin(ang), z = r * inc,
    vx = -v * math.sin(ang), vy = v * math.cos(ang), vz = -v * inc * 0.5,
    m = m * GM,
  }
end
local nb = #bodies

-- make the total momentum zero by moving the star
do
  local px, py, pz = 0, 0, 0
  for i = 1, nb do
    local b = bodies[i]
    px = px + b.vx * b.m; py = py + b.vy * b.m; pz = pz + b.vz * b.m
  end
  local s = bodies[1]
  s.vx = -px / GM; s.vy = -py / GM; s.vz = -pz / GM
end

local function energy()
  local e = 0
  for i = 1, nb do
    local bi = bodies[i]
    e = e + 0.5 * bi.m * (bi.vx * bi.vx + bi.vy * bi.vy + bi.vz * bi.vz)
    for j = i + 1, nb do
      local bj = bodies[j]
      local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
      e = e - bi.m * bj.m / sqrt(dx * dx + dy * dy + dz * dz)
    end
  end
  return e
end

local function step()
  for i = 1, nb do
    local bi = bodies[i]
    local xi, yi, zi, mi = bi.x, bi.y, bi.z, bi.m
    local vxi, vyi, vzi = bi.vx, bi.vy, bi.vz
    for j = i + 1, nb do
      local bj = bodies[j]
      local dx, dy, dz = xi - bj.x, yi - bj.y, zi - bj.z
      local d2 = dx * dx + dy * dy + dz * dz
      local mag = dt / (d2 * sqrt(d2))
      local mj = bj.m * mag
      vxi = vxi - dx * mj; vyi = vyi - dy * mj; vzi = vzi - dz * mj
      local mm = mi * mag
      bj.vx = bj.vx + dx * mm; bj.vy = bj.vy + dy * mm; bj.vz = bj.vz + dz * mm
    end
    bi.vx, bi.vy, bi.vz = vxi, vyi, vzi
  end
  for i = 1, nb do
    local b = bodies[i]
    b.x = b.x + dt * b.vx; b.y = b.y + dt * b.vy; b.z = b.z + dt * b.vz
  end
end

print(string.format("energy before: %.6f", energy() * 1e6))
for _ = 1, steps do step() end
print(string.format("energy after:  %.6f", energy() * 1e6))
local s = 0
for i = 1, nb do local b = bodies[i]; s = s + b.x + b.y + b.z end
print(string.format("position sum:  %.6f", s))
