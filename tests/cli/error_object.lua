-- error() with a table that has __tostring, and the exit status it causes.
local E = setmetatable({}, {__tostring = function() return "custom error object" end})
error(E)
