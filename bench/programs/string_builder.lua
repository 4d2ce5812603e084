-- string_builder.lua: build text with the .. operator, table.concat and
-- string.format, and fold the results into a checksum.
-- Usage: string_builder.lua [records]
local n = tonumber(arg and arg[1]) or 500000
local fmt, concat, byte, sub, rep = string.format, table.concat, string.byte, string.sub, string.rep
local MOD = 1000000007

-- hash of a string: its length and every step-th byte
local function fold(h, s)
  local len = #s
  h = (h * 31 + len) % MOD
  local stepw = math.floor(len / 32) + 1
  for i = 1, len, stepw do h = (h * 31 + byte(s, i)) % MOD end
  return h
end

local names = { "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf" }
local h, total = 0, 0

-- 1. short strings glued with .. (integers only, so every Lua prints them alike)
local parts, np = {}, 0
for i = 1, n do
  local line = names[i % 7 + 1] .. "#" .. i .. ":" .. (i * 7 % 13) .. ";"
  np = np + 1; parts[np] = line
  if np == 500 then
    local block = concat(parts, "", 1, np)
    h = fold(h, block); total = total + #block
    np = 0
  end
end
if np > 0 then local block = concat(parts, "", 1, np); h = fold(h, block); total = total + #block end
print(string.format("concat lines: %d bytes, hash %d", total, h))

-- 2. string.format records joined with a separator
h, total = 0, 0
local rows = {}
for i = 1, n do
  rows[#rows + 1] = fmt("%-8s|%05d|%8.3f|%x|%s", names[i % 7 + 1], i % 100000, i / 7, i, i % 3 == 0 and "yes" or "no")
  if #rows == 250 then
    local block = concat(rows, "\n")
    h = fold(h, block); total = total + #block
    rows = {}
  end
end
if #rows > 0 then local block = concat(rows, "\n"); h = fold(h, block); total = total + #block end
print(string.format("format rows: %d bytes, hash %d", total, h))

-- 3. growing a string with .. (bounded, so it stays linear), plus sub and rep
h, total = 0, 0
local s = ""
for i = 1, n do
  s = s .. sub(names[i % 7 + 1], 1, i % 5 + 1) .. (i % 10)
  if #s > 400 then
    h = fold(h, s); total = total + #s
    s = rep("-", i % 4) .. sub(s, -8)
  end
end
h = fold(h, s); total = total + #s
print(string.format("grown strings: %d bytes, hash %d", total, h))

-- 4. nested: format a row from concatenated pieces, then join rows into pages
h, total = 0, 0
local page, npage = {}, 0
for i = 1, math.floor(n / 4) do
  local key = "k" .. (i * 37 % 1000)
  -- (not /8: LuaJIT rounds exact ties like 0.125 half away from zero, libc to even)
  local cell = fmt("[%s=%d]", key, i) .. fmt("{%.2f}", (i % 1000) / 7)
  npage = npage + 1; page[npage] = cell
  if npage == 100 then
    local text = concat(page, ",", 1, npage)
    h = fold(h, text); total = total + #text
    npage = 0
  end
end
print(string.format("pages: %d bytes, hash %d", total, h))
