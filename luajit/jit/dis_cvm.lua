-- jit.dis_cvm: what jit.dump asks of a disassembler, for LuaJIT's
-- portable target. It has no machine code and no registers, so there is
-- nothing to disassemble; register names only exist for other targets.
local M = {}

function M.create()
  error("the portable target has no machine code", 2)
end

function M.disass()
  error("the portable target has no machine code", 2)
end

-- Never reached for portable traces (no instruction gets a register).
function M.regname(r)
  return "r" .. r
end

return M
