-- Capture benchmark: stitching. Many loops, each calling builtins the
-- recorder cannot compile (os.date, a C function), so every loop's trace is a
-- chain of stitched traces. Argument: N loops (default 2000).
local n = tonumber(arg and arg[1]) or 2000
local total = 0
for i = 1, n do
  local f = load("local s = 0 for j = 1, 60 do s = s + #os.date('!%d', j) + j * " .. i ..
                 " s = s + #os.date('!%m', j) end return s")
  total = total + f()
end
print(total)
