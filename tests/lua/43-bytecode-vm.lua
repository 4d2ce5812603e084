-- a tiny stack-machine interpreter written in Lua: hot dispatch loop over an instruction array, branches, calls
local OP = { PUSH = 1, ADD = 2, SUB = 3, MUL = 4, JMPZ = 5, JMP = 6, DUP = 7, SWAP = 8, POP = 9, LOAD = 10, STORE = 11, LT = 12, PRINT = 13, HALT = 14, MOD = 15 }

local function run(code, out)
  local stack, sp = {}, 0
  local vars = {}
  local pc = 1
  local steps = 0
  while true do
    local op, arg = code[pc], code[pc + 1]
    pc = pc + 2
    steps = steps + 1
    if op == OP.PUSH then sp = sp + 1; stack[sp] = arg
    elseif op == OP.ADD then stack[sp - 1] = stack[sp - 1] + stack[sp]; sp = sp - 1
    elseif op == OP.SUB then stack[sp - 1] = stack[sp - 1] - stack[sp]; sp = sp - 1
    elseif op == OP.MUL then stack[sp - 1] = stack[sp - 1] * stack[sp]; sp = sp - 1
    elseif op == OP.MOD then stack[sp - 1] = stack[sp - 1] % stack[sp]; sp = sp - 1
    elseif op == OP.LT then stack[sp - 1] = (stack[sp - 1] < stack[sp]) and 1 or 0; sp = sp - 1
    elseif op == OP.JMPZ then
      local v = stack[sp]; sp = sp - 1
      if v == 0 then pc = arg end
    elseif op == OP.JMP then pc = arg
    elseif op == OP.DUP then sp = sp + 1; stack[sp] = stack[sp - 1]
    elseif op == OP.SWAP then stack[sp], stack[sp - 1] = stack[sp - 1], stack[sp]
    elseif op == OP.POP then sp = sp - 1
    elseif op == OP.LOAD then sp = sp + 1; stack[sp] = vars[arg] or 0
    elseif op == OP.STORE then vars[arg] = stack[sp]; sp = sp - 1
    elseif op == OP.PRINT then out[#out + 1] = tostring(stack[sp]); sp = sp - 1
    elseif op == OP.HALT then return steps, sp
    else error("bad opcode " .. tostring(op) .. " at " .. (pc - 2)) end
  end
end

-- tiny assembler with labels
local function assemble(src)
  local code, labels, fixups = {}, {}, {}
  for line in src:gmatch("[^\n]+") do
    line = line:gsub("#.*", ""):match("^%s*(.-)%s*$")
    if line ~= "" then
      local label = line:match("^(%w+):$")
      if label then
        labels[label] = #code + 1
      else
        local name, arg = line:match("^(%u+)%s*(%S*)$")
        assert(OP[name], "unknown op " .. tostring(name))
        code[#code + 1] = OP[name]
        if arg ~= "" and not tonumber(arg) then
          fixups[#code + 1] = arg
          code[#code + 1] = 0
        else
          code[#code + 1] = tonumber(arg) or 0
        end
      end
    end
  end
  for pos, label in pairs(fixups) do code[pos] = assert(labels[label], "no label " .. label) end
  return code
end

-- sum of i*i for i < 2000, and count of multiples of 7
local prog = assemble([[
  PUSH 0
  STORE 1        # i = 0
  PUSH 0
  STORE 2        # sum = 0
  PUSH 0
  STORE 3        # sevens = 0
loop:
  LOAD 1
  PUSH 2000
  LT
  JMPZ done
  LOAD 2
  LOAD 1
  DUP
  MUL
  ADD
  STORE 2
  LOAD 1
  PUSH 7
  MOD
  JMPZ seven
  JMP next
seven:
  LOAD 3
  PUSH 1
  ADD
  STORE 3
next:
  LOAD 1
  PUSH 1
  ADD
  STORE 1
  JMP loop
done:
  LOAD 2
  PRINT
  LOAD 3
  PRINT
  HALT
]])
local out = {}
local steps, sp = run(prog, out)
print("vm result", table.concat(out, " "), "steps", steps, "sp", sp)

-- factorial loop in the VM
local fact = assemble([[
  PUSH 1
  STORE 1
  PUSH 15
  STORE 2
top:
  LOAD 2
  JMPZ end
  LOAD 1
  LOAD 2
  MUL
  STORE 1
  LOAD 2
  PUSH 1
  SUB
  STORE 2
  JMP top
end:
  LOAD 1
  PRINT
  HALT
]])
out = {}
print("vm factorial", run(fact, out), out[1])

-- bad opcode error
print("vm error", pcall(run, { 99, 0 }, {}))
print("asm error", pcall(assemble, "FOO 1"))
