-- A hot loop calling os.date, a builtin the recorder cannot compile: the trace
-- stitches around it. With jit.opt maxsnap=1 the stitch's record-stop runs out
-- of snapshots ("too many snapshots"); the trace aborts and the loop carries on
-- in the interpreter with the right result.
local total = 0
for i = 1, 200 do
  total = total + #os.date("!%Y", 0) + i % 3
end
print(total)
