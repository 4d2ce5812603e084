-- Capture benchmark: many small traces. N load()ed chunks, each with a loop
-- that becomes a trace of its own (the kind of load a real application with
-- much code produces). Argument: N (default 20000).
local n = tonumber(arg and arg[1]) or 20000
local total = 0
for i = 1, n do
  local f = load("local s = 0 for j = 1, 100 do s = s + j * " .. i .. " end return s")
  total = total + f()
end
print(total)
