-- bit library: band/bor/bxor/bnot/lshift/rshift/arshift/rol/ror/tobit/tohex/bswap, wraparound, hot loops
local bit = require("bit")
print("band", bit.band(0xff, 0x0f), bit.band(0xf0f0, 0xff00, 0x0ff0), bit.band(-1, 12345))
print("bor", bit.bor(1, 2, 4, 8), bit.bor(0xf000, 0x000f), bit.bor(0))
print("bxor", bit.bxor(0xff, 0x0f), bit.bxor(5, 5), bit.bxor(1, 2, 4))
print("bnot", bit.bnot(0), bit.bnot(-1), bit.bnot(0x0f))
print("lshift", bit.lshift(1, 0), bit.lshift(1, 4), bit.lshift(1, 31), bit.lshift(1, 32), bit.lshift(0xff, 28))
print("rshift", bit.rshift(256, 4), bit.rshift(-1, 28), bit.rshift(-1, 0), bit.rshift(0x80000000, 31))
print("arshift", bit.arshift(256, 4), bit.arshift(-256, 4), bit.arshift(-1, 31), bit.arshift(0x80000000, 4))
print("rol", bit.rol(1, 1), bit.rol(0x80000000, 1), bit.rol(0x12345678, 8), bit.rol(1, 33))
print("ror", bit.ror(1, 1), bit.ror(2, 1), bit.ror(0x12345678, 8), bit.ror(0xff, 4))
print("tobit", bit.tobit(0xffffffff), bit.tobit(2 ^ 32 + 5), bit.tobit(-1), bit.tobit(2 ^ 31), bit.tobit(1.5))
print("tohex", bit.tohex(255), bit.tohex(-1), bit.tohex(255, 2), bit.tohex(255, -4), bit.tohex(0x1234abcd, 4))
print("tohex more", bit.tohex(0), bit.tohex(1, 1), bit.tohex(0xdeadbeef), bit.tohex(0xdeadbeef, -8))
print("bswap", bit.tohex(bit.bswap(0x12345678)), bit.bswap(0), bit.tohex(bit.bswap(0xff)))
print("shift counts mod 32", bit.lshift(1, 33), bit.rshift(8, 35), bit.lshift(1, -1))

-- number formatting of results: results are signed 32-bit
print("signed", bit.bor(0x80000000, 0), bit.band(0xffffffff, 0xffffffff), bit.lshift(3, 30))

-- popcount, parity, bit reversal written with bit ops
local function popcount(x)
  local c = 0
  x = bit.tobit(x)
  while x ~= 0 do
    x = bit.band(x, x - 1)
    c = c + 1
  end
  return c
end
print("popcount", popcount(0), popcount(255), popcount(-1), popcount(0x55555555))

local function reverse_bits(x)
  local r = 0
  for _ = 1, 32 do
    r = bit.bor(bit.lshift(r, 1), bit.band(x, 1))
    x = bit.rshift(x, 1)
  end
  return r
end
print("reverse", bit.tohex(reverse_bits(1)), bit.tohex(reverse_bits(0x0000ffff)), bit.tohex(reverse_bits(0x12345678)))

-- hot: FNV-1a-like hash over a string (32-bit multiply emulated with split)
local function mul32(a, b)
  local alo, ahi = bit.band(a, 0xffff), bit.rshift(a, 16)
  return bit.tobit(alo * b + bit.lshift(bit.tobit(ahi * b), 16))
end
local function fnv1a(s)
  local h = bit.tobit(0x811c9dc5)
  for i = 1, #s do
    h = bit.bxor(h, s:byte(i))
    h = mul32(h, 0x01000193)
  end
  return h
end
print("fnv1a", bit.tohex(fnv1a("")), bit.tohex(fnv1a("a")), bit.tohex(fnv1a("hello world")))

-- hot: xorshift32 PRNG
local state = 2463534242
local function xorshift()
  state = bit.bxor(state, bit.lshift(state, 13))
  state = bit.bxor(state, bit.rshift(state, 17))
  state = bit.bxor(state, bit.lshift(state, 5))
  return state
end
local acc = 0
for i = 1, 50000 do acc = bit.bxor(acc, xorshift()) end
print("xorshift", bit.tohex(state), bit.tohex(acc))

-- hot: bit ops mixed with arithmetic
local s = 0
for i = 1, 100000 do
  s = s + bit.band(i, 0xff) + bit.rshift(i, 8) - bit.arshift(-i, 30) + bit.rol(i, 3) % 7
end
print("hot mixed", s)

-- CRC32 (bitwise, no table)
local function crc32(str)
  local crc = bit.bnot(0)
  for i = 1, #str do
    crc = bit.bxor(crc, str:byte(i))
    for _ = 1, 8 do
      local mask = -bit.band(crc, 1)
      crc = bit.bxor(bit.rshift(crc, 1), bit.band(0xEDB88320, mask))
    end
  end
  return bit.bnot(crc)
end
print("crc32", bit.tohex(crc32("The quick brown fox jumps over the lazy dog")), bit.tohex(crc32("")))
