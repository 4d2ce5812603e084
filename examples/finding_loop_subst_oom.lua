-- Finding: out of memory in the loop optimiser breaks the GC's byte count.
-- ljplay: --fault alloc=5
--
-- A LuaJIT bug the playground found (docs/findings.md). The loop optimiser
-- (lj_opt_loop.c, loop_unroll) copies the loop body with a substitution
-- table; it sets the table's size before allocating it. The fifth allocation
-- while recording this loop is that table: when it fails, the cleanup frees a
-- NULL table of that size and the GC's count of allocated bytes drops below
-- what is really allocated.
-- Broken in: --unfixed loop-subst-oom (the code of every LuaJIT 2.1 so far):
-- the program prints the right sum, then LuaJIT asserts at exit
-- "close_state: memory leak of -14 bytes" (without assertions the count
-- just stays wrong, and the GC paces itself on it).
-- Fixed in: the playground's LuaJIT (patch 0009): the size is set once the
-- table exists; the trace aborts with "not enough memory" and nothing leaks.
local s = 0
for i = 1, 100 do s = s + i end
print(s)
