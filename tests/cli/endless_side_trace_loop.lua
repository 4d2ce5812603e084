-- Never ends: every iteration takes the other branch, so the loop's root
-- trace exits into a side trace that links back to the root's start. Trace
-- code runs on and on without a trace's loop repeating, and without the
-- interpreter. A budget must still stop it.
local i, odd, even = 0, 0, 0
while true do
  i = i + 1
  if i % 2 == 0 then even = even + 1 else odd = odd + 1 end
end
