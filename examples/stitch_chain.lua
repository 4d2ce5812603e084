-- Several builtins that stop a trace, in one hot loop: each one stitches, so
-- the loop becomes a chain of stitched traces.
local n = 0
for i = 1, 400 do
  local s = os.date("!%d", 86400 * (i % 28))
  n = n + tonumber(s) + os.difftime(i, 0)
end
print(n)
