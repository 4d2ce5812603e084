-- The JIT compiler makes new strings while it records this loop (folding
-- string.format with constant arguments): the str-new fault point fails the
-- first of them, the trace aborts, and the program goes on with the right output.
local t = {}
for i = 1, 200 do t[#t + 1] = ("x"):rep(3) .. tostring(i % 7) end
local n = 0
for i = 1, 200 do n = n + #string.format("%d-%s", i, "ab") end
print(#t, n)
