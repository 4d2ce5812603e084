-- hot loops (200+ iterations) calling builtins LuaJIT cannot compile into a trace (trace stitching)
-- os.date with fixed format and fixed time, string.format('%q'), table.concat, tostring with __tostring
local years = 0
local lastdate
for i = 1, 400 do
  lastdate = os.date("!%Y-%m-%d %H:%M:%S", i * 86400)
  years = years + tonumber(os.date("!%Y", 0)) - 1970 + #lastdate
end
print("os.date", years, lastdate, os.date("!%j %w %y", 0))

-- string.format('%q') in a loop
local qlen = 0
local lastq
for i = 1, 500 do
  lastq = string.format("%q", "line" .. i .. "\n\"q\"")
  qlen = qlen + #lastq
end
print("%q", qlen, lastq)

-- table.concat inside a hot loop
local parts = { "a", "b", "c", "d" }
local clen = 0
local lastc
for i = 1, 1000 do
  parts[(i % 4) + 1] = tostring(i)
  lastc = table.concat(parts, "-")
  clen = clen + #lastc
end
print("concat", clen, lastc)

-- tostring on a table with __tostring in a hot loop
local Obj = setmetatable({ n = 0 }, { __tostring = function(self) return "Obj#" .. self.n end })
local tlen = 0
for i = 1, 600 do
  Obj.n = i
  tlen = tlen + #tostring(Obj)
end
print("tostring meta", tlen, tostring(Obj))

-- mixing several non-compiled builtins in one loop body
local acc, lastmix = 0, nil
for i = 1, 300 do
  local d = os.date("!%d", (i % 28) * 86400)
  local q = string.format("%q", d)
  local c = table.concat({ d, q, tostring(Obj) }, "|")
  acc = acc + #c + tonumber(d)
  lastmix = c
end
print("mixed", acc, lastmix)

-- string.rep with separator, string.char with many args, select('#') in hot loop
local sx = 0
for i = 1, 500 do
  local r = string.rep("ab", i % 4, ",")
  sx = sx + #r + select('#', string.byte(r, 1, -1))
end
print("rep/byte", sx)

-- gsub with a function callback inside a hot loop
local gs = 0
for i = 1, 300 do
  local r = ("a1b2c3"):gsub("%d", function(d) return d + i end)
  gs = gs + #r
end
print("gsub cb", gs)

-- setmetatable/getmetatable/rawget/next in a hot loop
local mt = { __index = function(_, k) return k end }
local meta_sum = 0
for i = 1, 500 do
  local t = setmetatable({ [1] = i }, mt)
  meta_sum = meta_sum + t[1] + t[2] + (getmetatable(t) == mt and 1 or 0) + rawget(t, 1)
  local k = next(t)
  meta_sum = meta_sum + k
end
print("meta builtins", meta_sum)
