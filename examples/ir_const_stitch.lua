-- Case 5: the IR constants of the stitch cannot be allocated.
-- ljplay: --fault ir-const
--
-- recff_stitch() emits three IR constants (the continuation, its pc and the
-- trace placeholder). In the pinned LuaJIT source they are emitted after the
-- Lua stack was shifted and outside lj_vm_cpcall, so an out-of-memory error
-- there still escapes with the stack shifted - LuaJIT fixed this only later.
-- Broken in: every mode but full (the assertion).
-- Fixed in: full (our patch): the constants are emitted before the stack is
-- touched, the error aborts the trace ("not enough memory") and nothing needs
-- restoring.
local total = 0
for i = 1, 100 do
  total = total + i + #os.date("!%d", 0)
end
print(total)
