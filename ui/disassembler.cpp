// Capstone lives here and nowhere else; without it this file only explains.
#include "disassembler.h"

#include <cstdio>

#ifdef LJP_HAVE_CAPSTONE
#include <capstone/capstone.h>
#endif

namespace ljp::ui {

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ParseHex(const std::string& hex, std::vector<uint8_t>& out) {
  if (hex.size() % 2 != 0) return false;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = HexDigit(hex[i]), lo = HexDigit(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<uint8_t>(hi << 4 | lo));
  }
  return true;
}

}  // namespace

#ifdef LJP_HAVE_CAPSTONE
namespace {

// "0000000000401000  48 89 c3            mov rbx, rax"
std::string Line(uint64_t addr, const uint8_t* bytes, size_t n, const std::string& text) {
  std::string hex;
  for (size_t i = 0; i < n; ++i) {
    char b[4];
    std::snprintf(b, sizeof(b), i ? " %02x" : "%02x", bytes[i]);
    hex += b;
  }
  char head[64];
  std::snprintf(head, sizeof(head), "%012llx  %-32s ", static_cast<unsigned long long>(addr),
                hex.c_str());
  return head + text;
}

}  // namespace

bool HaveDisassembler() { return true; }

std::vector<std::string> Disassemble(const std::string& hex, uint64_t addr,
                                     const std::string& arch) {
  std::vector<uint8_t> code;
  if (!ParseHex(hex, code)) return {"machine code: not a hex string"};
  cs_arch cs_a;
  cs_mode cs_m;
  size_t unit = 1;  // bytes to step over where nothing decodes (data among the code)
  if (arch == "x64" || arch == "x86_64") {
    cs_a = CS_ARCH_X86;
    cs_m = CS_MODE_64;
  } else if (arch == "x86") {
    cs_a = CS_ARCH_X86;
    cs_m = CS_MODE_32;
  } else if (arch == "arm64" || arch == "aarch64") {
    cs_a = CS_ARCH_ARM64;
    cs_m = CS_MODE_LITTLE_ENDIAN;
    unit = 4;
  } else {
    return {"machine code: no disassembler for arch \"" + arch + "\""};
  }
  csh handle;
  if (cs_open(cs_a, cs_m, &handle) != CS_ERR_OK) return {"machine code: Capstone failed to open"};
  std::vector<std::string> lines;
  cs_insn* insn = cs_malloc(handle);
  const uint8_t* p = code.data();
  size_t left = code.size();
  uint64_t at = addr;
  while (left > 0) {
    if (cs_disasm_iter(handle, &p, &left, &at, insn)) {
      std::string text = insn->mnemonic;
      if (insn->op_str[0]) (text += ' ') += insn->op_str;
      lines.push_back(Line(insn->address, insn->bytes, insn->size, text));
      continue;
    }
    const size_t n = left < unit ? left : unit;
    lines.push_back(Line(at, p, n, ".byte"));
    p += n;
    left -= n;
    at += n;
  }
  cs_free(insn, 1);
  cs_close(&handle);
  return lines;
}

#else

bool HaveDisassembler() { return false; }

// The bytes, 16 to a line after their address, under a note.
std::vector<std::string> Disassemble(const std::string& hex, uint64_t addr, const std::string&) {
  std::vector<uint8_t> code;
  if (!ParseHex(hex, code)) return {"machine code: not a hex string"};
  std::vector<std::string> lines = {
      "(no disassembler in this build: the bytes as recorded; `ljplay gui FILE.jsonl` on a "
      "desktop disassembles them)"};
  for (size_t at = 0; at < code.size(); at += 16) {
    char line[96];
    int n =
        std::snprintf(line, sizeof(line), "%012llx ", static_cast<unsigned long long>(addr + at));
    for (size_t i = at; i < std::min(code.size(), at + 16); ++i)
      n += std::snprintf(line + n, sizeof(line) - n, " %02x", code[i]);
    lines.push_back(line);
  }
  return lines;
}

#endif

}  // namespace ljp::ui
