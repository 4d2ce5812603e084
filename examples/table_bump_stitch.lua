-- A table grows while the trace records it (LUAJIT_ENABLE_TABLE_BUMP): the
-- recorder bumps the table's size template and asks to record again ("retry
-- recording"); the second attempt stitches around os.date.
local sum = 0
for i = 1, 300 do
  local t = {}
  t[1] = i; t[2] = i; t[3] = i; t[4] = i; t[5] = i
  sum = sum + #t + #os.date("!%Y", 0)
end
print(sum)
