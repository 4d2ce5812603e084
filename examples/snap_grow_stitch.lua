-- Case 4: the snapshot buffer cannot grow for the stitch's last snapshot.
-- ljplay: --fault snap-grow=stitch
--
-- Stopping a stitched trace adds one more snapshot (lj_snap_add in
-- lj_record_stop). The fault fails the snapshot buffer's growth right there,
-- as an allocation failure would when the buffer is full.
-- Broken in: unprotected and precheck-2021.
-- Fixed from: cpcall-2024; recerr-2024 and full report "error thrown or hook
-- called during recording". The program's output is unchanged.
local count = 0
for i = 1, 100 do
  if i > 1000 then count = count - 1 end
  if i > 2000 then count = count - 2 end
  count = count + #os.date("!%m", 86400 * 40)
end
print(count)
