-- Case 3: the IR buffer cannot grow while the stitch canonicalizes slots.
-- ljplay: --fault ir-grow=canon
--
-- At the stitch, lj_record_stop() calls canonicalize_slots(), which converts
-- every integer slot still live (a, b, c and the loop counter) back to a
-- number: one IR instruction each. The fault makes the IR buffer's growth fail
-- there, with the out-of-memory error a failed allocation raises.
-- Broken in: unprotected and precheck-2021 (the memory error escapes with the
-- stack shifted).
-- Fixed from: cpcall-2024 (caught, stack restored; its abort reason is whatever
-- value sits in the error slot) and recerr-2024/full, which report the memory
-- error as "error thrown or hook called during recording".
local total = 0
for i = 1, 100 do
  local a, b, c = i + 1, i * 2, i - 3
  total = total + a + b + c + #os.date("!%Y", 0)
end
print(total)
