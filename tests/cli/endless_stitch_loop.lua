-- Never ends: a loop whose traces stitch around table.sort (a C function the
-- recorder does not compile), so every iteration leaves trace code for the
-- interpreter and comes back through the stitch continuation: no trace loop
-- and no interpreted back-edge is ever taken. A budget must still stop it.
local t, sort, n = {}, table.sort, 0
while true do
  sort(t)
  n = n + 1
end
