-- Hot loops for the trace compiler: a long numeric loop (it pauses every 2^14
-- iterations and goes on compiled), array reads, and a branch that becomes a
-- side trace.
local s = 0
for i = 1, 300000 do s = s + i % 7 end
print(s)
local t = {}
for i = 1, 100 do t[i] = i * 1.5 end
local x = 0
for _ = 1, 1000 do
  for i = 1, 100 do
    if i % 3 == 0 then x = x + t[i] else x = x - 1 end
  end
end
print(x)
