-- An inner loop of 100 iterations entered 50 times: it never pauses, so it is
-- compiled only after jit.opt hotwasm entries.
local x = 0
for j = 1, 50 do
  for i = 1, 100 do x = x + i * j end
end
print(x)
