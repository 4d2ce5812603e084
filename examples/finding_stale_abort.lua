-- Finding: a trace that cannot get a number aborts with the last trace's start.
-- ljplay: --fault trace-grow=always
--
-- A LuaJIT bug the playground found (docs/findings.md). trace_start() gets a
-- new trace number before it sets up the trace it starts; finding one can grow
-- the table of traces, which fails when memory is short. The abort then works
-- on what the previous trace left behind: it penalizes that trace's start
-- (here, the first trace: no start at all) instead of the loop that got hot,
-- and after enough failures it blacklists that stale start.
-- The fault plan fails every growth of the trace table, as memory that stays
-- short would.
-- Broken in: --unfixed abort-stale-start (the code of every LuaJIT 2.1 so
-- far): the penalties land on no bytecode ("(?)" in the event log), and the
-- blacklisting that follows writes through a NULL pointer: the engine crashes.
-- Fixed in: the playground's LuaJIT (patch 0009): the start is set up first,
-- so the loop itself is penalized and then blacklisted, and the program runs
-- on in the interpreter and prints the right sum.
local s = 0
for i = 1, 20000 do s = s + i % 7 end
print(s)
