-- A memory error raised while trace code runs (in a string helper the trace
-- calls) unwinds to the pcall around the loop; the program goes on.
local ok, err = pcall(function()
  local parts = {}
  for i = 1, 1e7 do parts[i] = string.rep("x", 200) .. i end
end)
collectgarbage()
print(ok, err)
local s = 0
for i = 1, 1000 do s = s + i end
print("after", s)
