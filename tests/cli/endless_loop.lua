-- Never ends: a JIT-compiled loop (or an interpreted one with --jit off).
local i = 0
while true do i = i + 1 end
