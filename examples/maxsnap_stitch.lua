-- Case 1: the snapshot limit is reached while a stitched trace is stopped.
-- ljplay: --opt maxsnap=1
--
-- The loop calls os.date, a builtin the recorder cannot compile, so the trace
-- stitches around it: recff_stitch() inserts a continuation frame into the Lua
-- stack and stops the trace. Stopping adds a snapshot; with maxsnap=1 there is
-- no room ("too many snapshots").
-- Broken in: unprotected (the error escapes with the stack shifted and LuaJIT
-- asserts "unbalanced stack after hot instruction").
-- Fixed from: precheck-2021 (the limit is checked before the stack is touched);
-- from cpcall-2024 the record-stop runs under lj_vm_cpcall, the stack is
-- restored and the trace aborts with "too many snapshots". The loop carries on
-- in the interpreter and prints the right total.
local total = 0
for i = 1, 200 do
  total = total + #os.date("!%Y", 0) + i % 3
end
print(total)
