-- Writes a precompiled (binary) chunk to the file named by arg[1].
local f = assert(io.open(arg[1], "wb"))
f:write(string.dump(function() print("binary chunk ran") end))
f:close()
