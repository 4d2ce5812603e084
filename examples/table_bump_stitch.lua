-- Case 2: a table grows while the trace records it (table bump).
--
-- LuaJIT is built with LUAJIT_ENABLE_TABLE_BUMP: when a table created on the
-- trace grows, the recorder bumps the size of its template and asks to record
-- again. It says so when the trace stops: lj_record_stop() throws "retry
-- recording" - here, inside the stitch around os.date.
-- Broken in: unprotected and precheck-2021 (the retry error escapes with the
-- continuation frame still in the stack: "unbalanced stack after hot
-- instruction").
-- Fixed from: cpcall-2024: the stack is restored, the trace aborts with "retry
-- recording", and the second attempt, with the bigger template, stitches.
local sum = 0
for i = 1, 300 do
  local t = {}
  t[1] = i; t[2] = i; t[3] = i; t[4] = i; t[5] = i
  sum = sum + #t + #os.date("!%Y", 0)
end
print(sum)
