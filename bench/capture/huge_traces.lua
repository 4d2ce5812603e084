-- Capture benchmark: huge traces with many snapshots. Each of 40 chunks is one
-- loop whose body has N branches on table fields (a guard and a snapshot
-- each), so recording it makes thousands of record events, a long IR and many
-- snapshots. Argument: N (default 400).
local n = tonumber(arg and arg[1]) or 400
local body = {}
for k = 1, n do
  body[#body + 1] = ("if t[%d] > j then s = s + t[%d] else s = s - 1 end"):format(k % 50 + 1, k % 37 + 1)
end
local src = "local t = ... local s = 0 for j = 1, 60 do " .. table.concat(body, " ") .. " end return s"
local t = {}
for k = 1, 50 do t[k] = k end
local total = 0
for c = 1, 40 do
  local f = load(src)
  total = total + f(t)
end
print(total)
