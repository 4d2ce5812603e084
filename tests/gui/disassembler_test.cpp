// The machine code pane's disassembler, on x86-64 and arm64 bytes encoded by
// hand from the architecture manuals.
#include "disassembler.h"

#include <gtest/gtest.h>

namespace ljp::ui {
namespace {

#ifdef LJP_HAVE_CAPSTONE

// The instruction text of a one-instruction line ("mov rbx, rax").
std::string Instruction(const std::string& line) {
  // "address  bytes  mnemonic operands": the text after the padded bytes.
  const size_t gap = line.rfind("  ");
  return gap == std::string::npos ? line : line.substr(line.find_first_not_of(' ', gap));
}

TEST(Disassembler, X64_MovRegReg) {
  const std::vector<std::string> lines = Disassemble("4889c3", 0x1000, "x64");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(Instruction(lines[0]), "mov rbx, rax");
  EXPECT_EQ(lines[0].substr(0, 12), "000000001000");
  EXPECT_NE(lines[0].find("48 89 c3"), std::string::npos) << lines[0];
}

TEST(Disassembler, X64_SequenceGetsOneLinePerInstructionAtItsAddress) {
  // xor eax, eax; add rax, 1; jmp rel32 0 (to the next instruction); ret
  const std::vector<std::string> lines = Disassemble("31c04883c001e900000000c3", 0x400000, "x64");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(Instruction(lines[0]), "xor eax, eax");
  EXPECT_EQ(Instruction(lines[1]), "add rax, 1");
  EXPECT_EQ(lines[1].substr(0, 12), "000000400002");
  EXPECT_EQ(Instruction(lines[2]), "jmp 0x40000b");
  EXPECT_EQ(Instruction(lines[3]), "ret");
  EXPECT_EQ(lines[3].substr(0, 12), "00000040000b");
}

TEST(Disassembler, X64_UndecodableByteBecomesByteLineAndDecodingGoesOn) {
  // 0x06 (push es) does not exist in 64-bit mode.
  const std::vector<std::string> lines = Disassemble("06c3", 0, "x64");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(Instruction(lines[0]), ".byte");
  EXPECT_EQ(Instruction(lines[1]), "ret");
}

TEST(Disassembler, Arm64_Ret) {
  const std::vector<std::string> lines = Disassemble("c0035fd6", 0x2000, "arm64");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(Instruction(lines[0]), "ret");
}

TEST(Disassembler, BadHexOrUnknownArch_OneExplainingLine) {
  EXPECT_EQ(Disassemble("4g", 0, "x64"),
            std::vector<std::string>{"machine code: not a hex string"});
  const std::vector<std::string> lines = Disassemble("c3", 0, "mips");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("mips"), std::string::npos);
}

#else

TEST(Disassembler, WithoutCapstone_ShowsTheBytesSixteenToALineUnderANote) {
  EXPECT_FALSE(HaveDisassembler());
  const std::vector<std::string> lines =
      Disassemble("000102030405060708090a0b0c0d0e0f10c3", 0x401000, "x64");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("no disassembler in this build"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1], "000000401000  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f");
  EXPECT_EQ(lines[2], "000000401010  10 c3");
  EXPECT_EQ(Disassemble("4g", 0, "x64"),
            std::vector<std::string>{"machine code: not a hex string"});
}

#endif

}  // namespace
}  // namespace ljp::ui
