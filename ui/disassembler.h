// Machine code as text: one line per instruction, "address  bytes  mnemonic
// operands", from Capstone when the build has it (LJP_HAVE_CAPSTONE).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ljp::ui {

// False in builds without Capstone (the web build): Disassemble then returns
// one line saying so.
bool HaveDisassembler();

// Disassembles machine code given as hex ("4889c3c3") that lives at `addr`,
// for `arch` ("x64", "arm64"). Bytes that do not decode become ".byte" lines;
// an unknown arch or bad hex gives one line explaining it.
std::vector<std::string> Disassemble(const std::string& hex, uint64_t addr,
                                     const std::string& arch);

}  // namespace ljp::ui
