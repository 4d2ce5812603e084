-- Never ends, and catches every error: a JIT-compiled loop inside pcall, over
-- and over. A budget must still stop it.
repeat
  pcall(function()
    local i = 0
    while true do i = i + 1 end
  end)
until false
