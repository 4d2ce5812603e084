-- A syntax error on line 4: the parser's message names it.
local ok = 1
if ok then
  local = 2
end
