-- A loop that becomes a chain of stitched traces: each builtin the recorder
-- cannot compile (os.date, os.difftime) ends one trace and starts the next.
-- No fault: this is what a successful stitch looks like.
local n = 0
for i = 1, 400 do
  local s = os.date("!%d", 86400 * (i % 28))
  n = n + tonumber(s) + os.difftime(i, 0)
end
print(n)
