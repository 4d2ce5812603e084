#include "jdump_format.h"

#include <charconv>
#include <cinttypes>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "text_format.h"
namespace ljp {
namespace {

// IR operand modes (lj_ir.h IRM*), as packed in IrIns::mode.
constexpr int kModeRef = 0, kModeLit = 1, kModeNone = 3;
int Mode1(int m) { return m & 3; }
int Mode2(int m) { return (m >> 2) & 3; }

const char* const kIrTypes[] = {"nil", "fal", "tru", "lud", "str", "p32", "thr", "pro",
                                "fun", "p64", "cdt", "tab", "udt", "flt", "num", "i8 ",
                                "u8 ", "i16", "u16", "int", "u32", "i64", "u64", "sfp"};

std::string SloadFlags(int mode) {
  std::string s;
  const char* names = "PFTCRIK";
  for (int i = 0; i < 7; ++i)
    if (mode & (1 << i)) s += names[i];
  return s;
}

std::string ConvName(int mode) {
  std::string s = std::string(IrTypeName((mode >> 5) & 31)) + "." + IrTypeName(mode & 31);
  if (mode & 0x800) s += " sext";
  const int c = mode >> 12;
  if (c == 1)
    s += " none";
  else if (c == 2)
    s += " index";
  else if (c == 3)
    s += " check";
  return s;
}

// The literal operand name jit.dump shows for some ops, or nullptr.
const std::string* LitName(const VmDef& vm, const std::string& op, int lit, std::string& scratch) {
  auto pick = [&](std::initializer_list<const char*> names) -> const std::string* {
    if (lit < 0 || lit >= static_cast<int>(names.size())) return nullptr;
    scratch = *(names.begin() + lit);
    return &scratch;
  };
  auto from = [&](const std::vector<std::string>& names) -> const std::string* {
    if (lit < 0 || lit >= static_cast<int>(names.size())) return nullptr;
    return &names[lit];
  };
  if (op == "SLOAD ") return &(scratch = SloadFlags(lit));
  if (op == "XLOAD ") return pick({"", "R", "V", "RV", "U", "RU", "VU", "RVU"});
  if (op == "CONV  ") return &(scratch = ConvName(lit));
  if (op == "FLOAD " || op == "FREF  ") return from(vm.irfield);
  if (op == "FPMATH") return from(vm.irfpm);
  if (op == "TMPREF") return pick({"", "IN", "OUT", "INOUT", "", "", "OUT2", "INOUT2"});
  if (op == "BUFHDR") return pick({"RESET", "APPEND", "WRITE"});
  if (op == "TOSTR ") return pick({"INT", "NUM", "CHAR"});
  return nullptr;
}

// "%+a" as LuaJIT's string.format writes it: subnormals normalized to 0x1.h
// with a smaller exponent (C's printf writes them as 0x0.h p-1022).
std::string HexFloat(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof(bits));
  const bool negative = bits >> 63;
  int exponent = static_cast<int>((bits >> 52) & 0x7ff);
  uint64_t fraction = bits & ((uint64_t{1} << 52) - 1);
  if (exponent == 0x7ff || (exponent == 0 && fraction == 0)) return Format("%+a", v);
  if (exponent == 0) {  // subnormal: shift the leading 1 out
    exponent = -1022;
    while (!(fraction & (uint64_t{1} << 52))) {
      fraction <<= 1;
      --exponent;
    }
    fraction &= (uint64_t{1} << 52) - 1;
  } else {
    exponent -= 1023;
  }
  std::string hex = Format("%013" PRIx64, fraction);
  while (!hex.empty() && hex.back() == '0') hex.pop_back();
  return std::string(negative ? "-" : "+") + "0x1" + (hex.empty() ? "" : "." + hex) + "p" +
         (exponent >= 0 ? "+" : "") + std::to_string(exponent);
}

}  // namespace

std::string EscapeControl(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 32 || c == 127)
      out += Format("\\%03d", c);
    else
      out += static_cast<char>(c);
  }
  return out;
}

const char* IrTypeName(int type) {
  const int t = type & 31;
  return t < static_cast<int>(std::size(kIrTypes)) ? kIrTypes[t] : "???";
}

std::string LuaNumber(double n) {
  if (std::isnan(n)) return std::signbit(n) ? "-nan" : "nan";
  if (std::isinf(n)) return n > 0 ? "inf" : "-inf";
  // Integers of up to 14 digits print as themselves under %.14g: the common
  // case, without printf (stack views render every slot).
  if (n == std::trunc(n) && std::fabs(n) < 1e14 && !(n == 0 && std::signbit(n))) {
    char buf[24];
    return std::string(buf, std::to_chars(buf, buf + sizeof(buf), static_cast<int64_t>(n)).ptr);
  }
#if defined(__cpp_lib_to_chars)
  // The same as printf's (the standard says so), much faster on denormals.
  char buf[32];
  return std::string(buf,
                     std::to_chars(buf, buf + sizeof(buf), n, std::chars_format::general, 14).ptr);
#else
  return Format("%.14g", n);
#endif
}

IrListing::IrListing(const VmDef& vmdef, const std::vector<IrIns>& ir) : vmdef_(vmdef) { Add(ir); }

void IrListing::Add(const std::vector<IrIns>& ir) {
  for (const IrIns& ins : ir) ir_[ins.ref] = ins;
}

const IrIns* IrListing::Find(int ref) const {
  auto it = ir_.find(ref);
  return it == ir_.end() ? nullptr : &it->second;
}

std::string IrListing::OpName(int op) const {
  return op >= 0 && op < static_cast<int>(vmdef_.irnames.size()) ? vmdef_.irnames[op] : "???   ";
}

// jit.dump's formatk(): a constant, optionally as a snapshot entry.
std::string IrListing::FormatK(int ref, uint32_t sn, bool in_snapshot) const {
  const IrIns* k = Find(ref);
  if (!k) return Format("%-4s", "?");
  const int t = k->type & 31;
  std::string s;
  switch (k->k) {
    case IrIns::K::kNum:
    case IrIns::K::kPtr: {
      const double v = k->k == IrIns::K::kPtr ? static_cast<double>(k->ptr) : k->num;
      if (t < 12) {
        s = v == 0 ? "NULL" : Format("[0x%08" PRIx64 "]", static_cast<uint64_t>(v));
      } else if (in_snapshot && (sn & 0x30000) != 0) {
        s = (sn & 0x20000) ? "contpc" : "ftsz";
      } else if (v == 6755399441055744.0) {  // 2^52 + 2^51
        s = "bias";
      } else if (v > 0 && v < 0x1p-1026) {
        s = HexFloat(v);
      } else {
        s = std::isfinite(v) ? Format("%+.14g", v) : (v != v ? "nan" : (v > 0 ? "+inf" : "-inf"));
      }
      break;
    }
    case IrIns::K::kStr: {
      const std::string esc = EscapeControl(k->str);
      s = k->str.size() > 20 ? "\"" + esc.substr(0, 20) + "\"~" : "\"" + esc + "\"";
      break;
    }
    case IrIns::K::kFunc:
      s = k->str;
      break;
    case IrIns::K::kTab:
      s = Format("{0x%" PRIx64 "}", k->ptr);
      break;
    case IrIns::K::kInt64:
      s = Format("%+" PRId64, k->i64);
      break;
    case IrIns::K::kPri:
      if (in_snapshot && sn == 0x1057fff) return "----";  // LJ_FR2 slot 1
      s = t == 0 ? "nil" : (t == 1 ? "false" : "true");
      break;
    case IrIns::K::kProto:
      s = Format("proto: 0x%" PRIx64, k->ptr);
      break;
    case IrIns::K::kTrace:
      s = Format("trace: 0x%" PRIx64, k->ptr);
      break;
    case IrIns::K::kGc:
      s = t == 12 ? Format("userdata:0x%" PRIx64, k->ptr) : Format("[0x%" PRIx64 "]", k->ptr);
      break;
    case IrIns::K::kNone:
      s = "?";
      break;
  }
  s = Format("%-4s", s.c_str());
  if (k->slot >= 0) s += Format(" @%d", k->slot);
  return s;
}

void IrListing::CallFunc(std::string& out, int ref, std::string& ctype) const {
  if (ref > 0) {
    const IrIns* ins = Find(ref);
    if (ins && (ins->type & 31) == 0) {  // CARG(func, ctype)
      ctype = FormatK(ins->op2);
      ref = ins->op1;
    }
  }
  if (ref < 0) {
    const IrIns* k = Find(ref);
    const uint64_t addr = k ? (k->k == IrIns::K::kPtr ? k->ptr : static_cast<uint64_t>(k->num)) : 0;
    out += Format("[0x%" PRIx64 "](", addr);
  } else {
    out += Format("%04d (", ref);
  }
}

void IrListing::CallArgs(std::string& out, int ref) const {
  if (ref < 0) {
    out += FormatK(ref);
    return;
  }
  const IrIns* ins = Find(ref);
  if (ins && OpName(ins->op) == "CARG  ") {
    CallArgs(out, ins->op1);
    out += ins->op2 < 0 ? " " + FormatK(ins->op2) : Format(" %04d", ins->op2);
  } else {
    out += Format("%04d", ref);
  }
}

std::string IrListing::Line(int ref) const {
  const IrIns* ins = Find(ref);
  if (!ins || ref <= 0) return "";
  const std::string op = OpName(ins->op);
  if (op == "LOOP  ") return Format("%04d ------ LOOP ------------\n", ref);
  if (op == "NOP   " || op == "CARG  " || op == "RENAME") return "";
  const int rid = ins->ridsp & 255;
  std::string out = Format("%04d ", ref);
  out += (rid == 254 || rid == 253) ? "}" : ((ins->type & 128) ? ">" : " ");
  out += (ins->type & 64) ? "+" : " ";
  out += Format(" %s %s ", IrTypeName(ins->type), op.c_str());
  const int m1 = Mode1(ins->mode), m2 = Mode2(ins->mode);
  if (op.compare(0, 4, "CALL") == 0) {
    std::string ctype;
    if (m2 == kModeLit) {
      const std::string name = ins->op2 >= 0 && ins->op2 < static_cast<int>(vmdef_.ircall.size())
                                   ? vmdef_.ircall[ins->op2]
                                   : "?";
      out += Format("%-10s  (", name.c_str());
    } else {
      CallFunc(out, ins->op2, ctype);
    }
    if (ins->op1 != -1) CallArgs(out, ins->op1);
    out += ")";
    if (!ctype.empty()) out += " ctype " + ctype;
  } else if (op == "CNEW  " && ins->op2 == -1) {
    out += FormatK(ins->op1);
  } else if (m1 != kModeNone) {
    if (ins->op1 < 0)
      out += FormatK(ins->op1);
    else
      out += Format(m1 == kModeRef ? "%04d" : "#%-3d", ins->op1);
    if (m2 != kModeNone) {
      std::string scratch;
      if (m2 == kModeLit) {
        if (const std::string* name = LitName(vmdef_, op, ins->op2, scratch)) {
          out += "  " + *name;
        } else if (op == "UREFO " || op == "UREFC ") {
          out += Format("  #%-3d", ins->op2 >> 8);
        } else {
          out += Format("  #%-3d", ins->op2);
        }
      } else if (ins->op2 < 0) {
        out += "  " + FormatK(ins->op2);
      } else {
        out += Format("  %04d", ins->op2);
      }
    }
  }
  out += "\n";
  return out;
}

std::string IrListing::SnapshotEntries(const Snapshot& snap) const {
  std::string out = "[ ";
  size_t n = 0;
  for (int s = 0; s < snap.nslots; ++s) {
    const uint32_t sn = n < snap.entries.size() ? snap.entries[n] : 0xff000000u;
    if (static_cast<int>(sn >> 24) == s) {
      ++n;
      const int ref = static_cast<int>(sn & 0xffff) - 0x8000;
      if (ref < 0)
        out += FormatK(ref, sn, true);
      else if (sn & 0x80000)
        out += Format("%04d/%04d", ref, ref + 1);
      else
        out += Format("%04d", ref);
      out += (sn & 0x10000) ? "|" : " ";
    } else {
      out += "---- ";
    }
  }
  out += "]\n";
  return out;
}

std::string IrListing::Dump(const std::vector<Snapshot>* snaps) const {
  std::string out;
  size_t next = 0;
  auto snapshot = [&](const Snapshot& s) {
    out += Format("....        SNAP   #%-3d ", s.no) + SnapshotEntries(s);
  };
  const int nins = max_ref();
  for (int ref = 1; ref <= nins; ++ref) {
    // Like jit.dump: at most one snapshot before each instruction.
    if (snaps && next < snaps->size() && ref >= (*snaps)[next].ref) snapshot((*snaps)[next++]);
    out += Line(ref);
  }
  if (snaps && next < snaps->size()) snapshot((*snaps)[next++]);
  return out;
}

}  // namespace ljp
