-- bit fast functions: tobit wraparound, fractions, huge/negative/nan/inf inputs, shift counts mod 32, coercion, errors, hot loops
local bit = require("bit")

local function try(f, ...)
  local r = { pcall(f, ...) }
  if r[1] then return "ok " .. table.concat(r, " ", 2, table.maxn(r)) end
  return "error " .. tostring(r[2])
end

local nan, inf = 0 / 0, math.huge
local values = { 0, 1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, 255.9, 0x7fffffff, 0x80000000,
  -0x80000000, -0x80000001, 0xffffffff, 0x100000000, 0x100000001, 0x123456789, -0x123456789, 2 ^ 51, 2 ^ 52 - 1,
  2 ^ 52 + 1, 2 ^ 53, -(2 ^ 52), 1e15 + 0.5, 1e300, -1e300, 1e-310, inf, -inf, nan, 0x12345678, 0xdeadbeef }

print("-- tobit bnot bswap")
for _, x in ipairs(values) do
  print(string.format("%.17g", x), bit.tobit(x), bit.bnot(x), bit.bswap(x))
end

print("-- shifts")
local counts = { 0, 1, 4, 31, 32, 33, 63, 64, -1, -4, -31, -32, 2.7, -2.7, 0.5, 1e10, 2 ^ 32 + 3, inf, nan }
for _, x in ipairs({ 1, -1, 0x12345678, 0x80000000, 0xdeadbeef, -0x7fffffff, 3.99 }) do
  local l, r, a, rl, rr = {}, {}, {}, {}, {}
  for _, n in ipairs(counts) do
    l[#l + 1] = bit.lshift(x, n)
    r[#r + 1] = bit.rshift(x, n)
    a[#a + 1] = bit.arshift(x, n)
    rl[#rl + 1] = bit.rol(x, n)
    rr[#rr + 1] = bit.ror(x, n)
  end
  print(string.format("%.17g", x))
  print("  lshift", table.concat(l, " "))
  print("  rshift", table.concat(r, " "))
  print("  arshift", table.concat(a, " "))
  print("  rol", table.concat(rl, " "))
  print("  ror", table.concat(rr, " "))
end

print("-- band bor bxor")
print(bit.band(-1), bit.bor(0x100000005), bit.bxor(2.5), bit.band(0.5), bit.bor(-0.5))
print(bit.band(0xff, 0x0f), bit.bor(0xf0, 0x0f), bit.bxor(0xff, 0x0f))
print(bit.band(0xffffffff, 0x80000001, -1), bit.bor(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024),
  bit.bxor(1, 3, 7, 15, 31, 63, 127, 255))
print(bit.band(0x123456789, 0xfffffffff), bit.bor(-0x80000001, 0), bit.bxor(1e300, 1), bit.band(nan, -1),
  bit.bor(inf, 1), bit.bxor(-inf, 0))
print(bit.band(2 ^ 52, 2 ^ 53 - 1), bit.bor(2 ^ 31, 2 ^ 31), bit.bxor(0.5, 1.5, 2.5, 3.5))
local many = {}
for i = 1, 40 do many[i] = i * 0x01010101 end
print(bit.band(unpack(many)), bit.bor(unpack(many)), bit.bxor(unpack(many)))

print("-- string coercion (fallback)")
print(bit.tobit("0x7fffffff"), bit.tobit("4294967297"), bit.bnot("0"), bit.bswap("0x11223344"))
print(bit.band("0xff", 0x0f), bit.bor(1, "2", 4), bit.bxor(1, 2, "  3  "), bit.band(7, "6.5"))
print(bit.lshift("1", 4), bit.rshift(256, "4"), bit.arshift("-256", "4"), bit.rol(1, "33"), bit.ror("1", 1))

print("-- errors")
for _, name in ipairs({ "tobit", "bnot", "bswap" }) do
  local f = bit[name]
  print(name, try(f), try(f, "x"), try(f, nil), try(f, {}), try(f, true))
end
for _, name in ipairs({ "lshift", "rshift", "arshift", "rol", "ror", "band", "bor", "bxor" }) do
  local f = bit[name]
  print(name, try(f), try(f, 1), try(f, 1, "y"), try(f, "x", 1), try(f, 1, nil), try(f, 1, 2, {}))
end
-- Not tail calls, so the error names the function.
print(try(function() local r = bit.band(1, 2, "z") return r end))
print(try(function() local r = bit.lshift(1) return r end))
print(try(function() local r = bit.tobit() return r end))

print("-- extra arguments are ignored")
print(bit.tobit(1, "x"), bit.bnot(0, {}), bit.bswap(1, nil), bit.lshift(1, 2, 3), bit.rol(1, 1, "x"))

print("-- hot loops")
local h = 0
for i = 1, 200 do
  local x = i * 0x01234567 + 0.5
  h = bit.bxor(h, bit.band(x, 0xffff), bit.lshift(i, i % 40), bit.rshift(x, i % 33))
  h = bit.bor(bit.rol(h, 5), bit.arshift(h, 31 - i % 32)) + bit.ror(bit.bnot(h), i)
  h = bit.tobit(h + bit.bswap(i))
end
print(h)
local crc = 0xffffffff
local s = "The quick brown fox jumps over the lazy dog"
for i = 1, #s do
  crc = bit.bxor(crc, s:byte(i))
  for _ = 1, 8 do
    local mask = -bit.band(crc, 1)
    crc = bit.bxor(bit.rshift(crc, 1), bit.band(0xedb88320, mask))
  end
end
print(bit.bnot(crc), bit.tohex(bit.bnot(crc)))
local mixed = { 1, "2", 3.5, "0x10", -1 }
local t = 0
for i = 1, 200 do
  local v = mixed[i % 5 + 1]
  t = t + bit.band(v, 0xff) + bit.lshift(v, 1) + bit.bnot(v)
end
print(t)
