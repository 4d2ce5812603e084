-- More traces than may be compiled at a time (2000): each of 2050 loaded
-- chunks has a hot loop and stays alive. The traces past the cap stay in the
-- trace executor; jit.flush() frees the compiled ones, and a new hot loop is
-- compiled again.
local keep, total = {}, 0
for k = 1, 2050 do
  local f = load("local s = 0 for i = 1, 100 do s = s + i * " .. k .. " end return s")
  keep[k] = f
  total = total + f()
end
print(total)
jit.flush()
local s = 0
for i = 1, 1000 do s = s + i % 5 end
print(s)
