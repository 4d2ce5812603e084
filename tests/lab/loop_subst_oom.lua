-- The smallest loop LuaJIT optimizes with copy-substitution (lj_opt_loop).
-- Failing the allocation of its substitution table exposes a LuaJIT bug: the
-- table's size is set before the allocation, so the cleanup frees a NULL
-- pointer with that size and the GC's byte count goes negative
-- (LUA_USE_ASSERT: "close_state: memory leak of -N bytes").
local s = 0
for i = 1, 100 do s = s + i end
print(s)
