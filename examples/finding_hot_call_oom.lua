-- Finding: out of memory in a hot call leaves the Lua stack a slot short.
-- ljplay: --opt hotloop=1 --fault trace-grow=always
--
-- A LuaJIT bug the playground's campaign found (docs/findings.md). The
-- metamethod below takes no parameters but is called with both operands, so
-- its frame is smaller than the arguments it gets. When it gets hot, the trace
-- it starts runs out of memory (the fault plan fails every growth of the trace
-- table), and lj_err_mem() lowers the stack top to the frame's top before it
-- pushes the error object: the object lands on an argument, and once the
-- abort pops it the stack is a slot short.
-- Broken in: --unfixed hot-call-oom (the code of every LuaJIT 2.1 so far):
-- LuaJIT asserts "unbalanced stack after hot call"; without assertions the
-- caller goes on with a stack one slot shorter than it should be.
-- Fixed in: the playground's LuaJIT (patch 0009): while the JIT compiler runs,
-- the top is not lowered; the trace aborts and the program prints 200.
local add = setmetatable({}, { __add = function() return 2 end })
local s = 0
for i = 1, 100 do s = s + (add + i) end
print(s)
