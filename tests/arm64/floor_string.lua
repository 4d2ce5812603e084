-- docs/findings.md, round-string: math.floor of a string in a hot loop. On
-- ARM64 (dual-number mode) the recorder used to read the string as a number.
local s = 0
for i = 1, 100 do s = s + math.floor("2.5") + math.ceil("1.5") end
print(s)
