-- string.format: %d %i %5.2f %g %e %x %X %o %q %s %c %% with widths, precision, flags, large and negative numbers
local f = string.format
print(f("%d|%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42, 42))
print(f("%d|%d|%d", -7, 0, 2147483647))
print(f("%d|%d", 2 ^ 31, -2 ^ 31))
print(f("%d|%d", 2 ^ 53, -2 ^ 53))
print(f("%d", 1e15), f("%i", 123))
print(f("%d", 3.7), f("%d", -3.7))
print(f("%5.2f|%-8.3f|%08.2f|%.0f|%+.1f", 3.14159, 2.5, -1.5, 2.5, 0.05))
print(f("%.2f|%.2f|%.2f", 1 / 3, 2 / 3, 100 / 7))
print(f("%f|%.10f", 1.5, 0.1))
print(f("%g|%g|%g|%g|%g", 1, 0.5, 1e20, 1e-5, 123456789))
print(f("%g|%.3g|%10.4g|%-10g|", 100 / 3, 100 / 3, 100 / 3, 2.5))
print(f("%e|%.2e|%E|%.0e", 12345.678, 0.000123, 1e100, 5e-324 * 0 + 7))
print(f("%x|%X|%#x|%08x|%x", 255, 255, 255, 48879, 0))
print(f("%o|%#o|%o", 8, 8, 511))
print(f("%x", 2 ^ 32 + 15))
print(f("%c%c%c|%5c|%-3c|", 76, 117, 97, 65, 66))
print(f("%s|%10s|%-10s|%.3s|%5.1s|", "str", "right", "left", "truncate", "xyz"))
print(f("%s %s %s %s", nil, true, 12, 1.5))
print(f("100%% sure, %d%%", 50))
print(f("%q", 'he said "hi"\n\tand \\ left\0end'))
print(f("%q", "\r\1\127"), #f("%q", "\200\255"))
print(f("%q", 1 / 4))
print(f("%5s|%-5s|", 12, 3.5))
print(f("[%3d] [%-3d] [%03d]", -5, -5, -5))
print(f("%.3d|%.0d|%5.3d", 7, 0, 42))
print(f("%s", setmetatable({}, { __tostring = function() return "tostring-meta" end })))
print(f("no args"))
print(f("%d items", "12"))

-- huge, inf and nan
print(f("%.0f", 1e20), f("%.1f", -1e15))
print(f("%d|%x", -1, 4294967295))
print(f("%g|%g", 1 / 0, -1 / 0))
print(f("%f", 1 / 0), f("%5.1f|", -1 / 0))

-- errors
print(pcall(f, "%d", "x"))
print(pcall(f, "%d"))
print(pcall(f, "%y", 1))
print(pcall(f, "%10.123f", 1))

-- hot formatting loop
local acc = 0
local last
for i = 1, 3000 do
  last = f("%05d:%x:%.2f:%s", i, i * 7, i / 4, i % 3 == 0 and "fizz" or "no")
  acc = acc + #last
end
print("hot format", acc, last)

-- formatting a table of rows
local rows = { { "apple", 3, 0.5 }, { "banana", 12, 0.25 }, { "cherry", 150, 2 } }
for _, r in ipairs(rows) do
  print(f("%-8s|%4d|%7.3f|%6.2e", r[1], r[2], r[3], r[2] * r[3]))
end
