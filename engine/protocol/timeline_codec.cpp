#include "timeline_codec.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <unordered_map>

#include "timeline_json_types.h"

namespace ljp {

// A trace's IR by ref, as lines gave it (refs are dense: nk..-1, 1..nins-1).
class IrTable {
 public:
  const IrIns* Find(int ref) const {
    const auto& v = ref < 0 ? k_ : i_;
    const size_t at = Index(ref);
    return at < v.size() && v[at] ? &*v[at] : nullptr;
  }
  void Set(const IrIns& ins) {
    auto& v = ins.ref < 0 ? k_ : i_;
    const size_t at = Index(ins.ref);
    if (at >= v.size()) v.resize(at + 1);
    v[at] = ins;
  }
  void Clear() {
    k_.clear();
    i_.clear();
  }
  // f(ins) for the refs in [lo, hi) it has, in ref order.
  template <class F>
  void ForRange(int lo, int hi, F&& f) const {
    lo = std::max(lo, -static_cast<int>(k_.size()));
    hi = std::min(hi, static_cast<int>(i_.size()));
    for (int ref = lo; ref < hi; ++ref) {
      if (const IrIns* ins = ref ? Find(ref) : nullptr) f(*ins);
    }
  }

 private:
  static size_t Index(int ref) { return ref < 0 ? static_cast<size_t>(-ref - 1) : ref; }
  std::vector<std::optional<IrIns>> k_, i_;  // constants by -ref - 1, instructions by ref
};

// What the lines so far said that later lines may leave out. Writer and reader
// update it alike, from the whole event, after each line (Learn), so a line
// depends only on the lines before it.
struct CodecState {
  std::vector<int> irmode;                               // from the header
  std::string arch;                                      // from the header
  std::unordered_map<uint64_t, std::string> loc_prefix;  // proto -> loc before ":line"
  std::unordered_map<uint64_t, int64_t> proto_id;  // proto -> its number, in order of appearance
  std::vector<uint64_t> protos;                    // by number - 1
  std::unordered_map<uint64_t, std::vector<std::string>> listing;  // proto -> text by pc
  uint64_t next_seq = 0;               // the seq of a line that leaves it out
  int step = 0;                        // of the last record
  std::string ffname;                  // of the last stitch
  std::vector<uint32_t> snap_entries;  // of the last snapshot line
  uint64_t mcode_addr = 0;             // of the last trace_stop
  int trace = 0;                       // of the last trace_start, record, record_done or snapshot
  int nins = 0, nk = 0;                // IR bounds after the last record or record_done
  SlotMap slots;                       // the last slot map
  StackView stack;                     // the last stitch's stack
  IrTable ir;                          // the current trace's IR as its events gave it
  std::vector<std::optional<Snapshot>> snaps;  // and its snapshots, by number
};

namespace {

// ---- Helpers ------------------------------------------------------------

void Member(JsonWriter& w, std::string_view quoted_key) { w.QuotedKey(quoted_key); }
void IntMember(JsonWriter& w, std::string_view key, int64_t v) {
  w.QuotedKey(key);
  w.Int(v);
}
void IntUnless(JsonWriter& w, std::string_view key, int64_t v, int64_t dflt) {
  if (v != dflt) IntMember(w, key, v);
}

int IntOr(const json& j, const char* key, int dflt) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<int>() : dflt;
}
std::string StringOr(const json& j, const char* key, const std::string& dflt = "") {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : dflt;
}

bool SameIns(const IrIns& a, const IrIns& b) {  // all but ridsp
  return a.ref == b.ref && a.op == b.op && a.type == b.type && a.mode == b.mode && a.op1 == b.op1 &&
         a.op2 == b.op2 && a.k == b.k && std::memcmp(&a.num, &b.num, sizeof a.num) == 0 &&
         a.i64 == b.i64 && a.str == b.str && a.ptr == b.ptr && a.slot == b.slot;
}

// ---- Function references ------------------------------------------------
// "os.date" (no Lua function), [proto, pc, line] (a Lua function whose loc is
// its known prefix and ":line"), [proto, pc, line, "loc"] otherwise; a proto
// an earlier line named is written as -N, its number in order of appearance.

std::optional<std::string_view> LocPrefix(const FuncRef& f) {
  char suffix[16] = ":";
  const std::string_view end(suffix, std::to_chars(suffix + 1, suffix + 16, f.line).ptr - suffix);
  const std::string_view loc = f.loc;
  if (loc.size() <= end.size() || !loc.ends_with(end)) return std::nullopt;
  return loc.substr(0, loc.size() - end.size());
}

void LearnProto(CodecState& s, uint64_t proto) {
  if (s.proto_id.emplace(proto, static_cast<int64_t>(s.protos.size()) + 1).second)
    s.protos.push_back(proto);
}

void Learn(CodecState& s, const FuncRef& f) {
  if (!f.proto) return;
  LearnProto(s, f.proto);
  if (const std::optional<std::string_view> prefix = LocPrefix(f)) {
    std::string& known = s.loc_prefix[f.proto];
    if (known != *prefix) known = *prefix;
  } else {
    s.loc_prefix.erase(f.proto);
  }
}

void WriteFunc(JsonWriter& w, const CodecState& s, const FuncRef& f) {
  if (!f.proto && f.pc == -1 && f.line == 0) {
    w.String(f.loc);
    return;
  }
  w.BeginArray();
  if (const auto id = s.proto_id.find(f.proto); f.proto && id != s.proto_id.end()) {
    w.Int(-id->second);
  } else {
    w.Uint(f.proto);
  }
  w.Int(f.pc);
  w.Int(f.line);
  const auto known = f.proto ? s.loc_prefix.find(f.proto) : s.loc_prefix.end();
  const std::optional<std::string_view> prefix = LocPrefix(f);
  if (known == s.loc_prefix.end() || !prefix || *prefix != known->second) w.String(f.loc);
  w.EndArray();
}

FuncRef ReadFuncRef(const json& j, const CodecState& s) {
  FuncRef f;
  if (j.is_string()) {
    f.loc = j.get<std::string>();
  } else if (j.is_array() && j.size() >= 3) {
    if (!j[0].is_number_unsigned()) {  // -N (a pointer is unsigned, even past 2^63)
      const uint64_t id = static_cast<uint64_t>(-j[0].get<int64_t>());
      f.proto = id <= s.protos.size() ? s.protos[id - 1] : 0;
    } else {
      f.proto = j[0].get<uint64_t>();
    }
    f.pc = j[1].get<int>();
    f.line = j[2].get<int>();
    if (j.size() > 3) {
      f.loc = j[3].get<std::string>();
    } else if (auto it = s.loc_prefix.find(f.proto); it != s.loc_prefix.end()) {
      f.loc = it->second + ":" + std::to_string(f.line);
    }
  } else if (j.is_object()) {
    f = j.get<FuncRef>();
  }
  return f;
}

void FuncMember(JsonWriter& w, const CodecState& s, std::string_view key, const FuncRef& f) {
  if (f == FuncRef{}) return;
  w.QuotedKey(key);
  WriteFunc(w, s, f);
}
FuncRef FuncOr(const json& j, const char* key, const CodecState& s) {
  const auto it = j.find(key);
  return it == j.end() ? FuncRef{} : ReadFuncRef(*it, s);
}

// ---- IR -----------------------------------------------------------------
// [ref, op, type, op1, op2] with ridsp after when set; constants
// [ref, op, type, op1, op2, kind, value] with the KSLOT slot after when set.
// The operand mode comes from the header; an instruction whose mode differs
// from it (or that fits no array) is written as a protocol 1 object.

constexpr const char* kKindNames[] = {"",    "num",   "str", "func",  "tab",  "gc",
                                      "ptr", "int64", "pri", "proto", "trace"};

bool FitsArray(const IrIns& ins, const CodecState& s) {
  if (ins.op < 0 || ins.op >= static_cast<int>(s.irmode.size())) return false;
  if (s.irmode[ins.op] != ins.mode) return false;
  if (ins.k == IrIns::K::kNone) return ins.slot < 0;
  return ins.ridsp == 0;
}

void WriteNumber(JsonWriter& w, double v) {
  if (std::isfinite(v)) {
    w.Double(v);
  } else {
    w.String(std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
  }
}
double ReadNumber(const json& j) {
  if (j.is_number()) return j.get<double>();
  const std::string s = j.is_string() ? j.get<std::string>() : "nan";
  return s == "inf" ? HUGE_VAL : s == "-inf" ? -HUGE_VAL : std::nan("");
}

void WriteIns(JsonWriter& w, const CodecState& s, const IrIns& ins, bool with_ridsp = true) {
  if (!FitsArray(ins, s)) {
    IrIns copy = ins;
    if (!with_ridsp) copy.ridsp = 0;
    ljp::Write(w, copy);
    return;
  }
  w.BeginArray();
  w.Int(ins.ref);
  w.Int(ins.op);
  w.Int(ins.type);
  w.Int(ins.op1);
  w.Int(ins.op2);
  if (ins.k == IrIns::K::kNone) {
    if (with_ridsp && ins.ridsp) w.Int(ins.ridsp);
  } else {
    w.String(kKindNames[static_cast<int>(ins.k)]);
    switch (ins.k) {
      case IrIns::K::kNum:
        WriteNumber(w, ins.num);
        break;
      case IrIns::K::kInt64:
        w.Int(ins.i64);
        break;
      case IrIns::K::kStr:
      case IrIns::K::kFunc:
        w.String(ins.str);
        break;
      default:
        w.Uint(ins.ptr);
        break;
    }
    if (ins.slot >= 0) w.Int(ins.slot);
  }
  w.EndArray();
}

IrIns ReadIrIns(const json& j, const CodecState& s) {
  if (j.is_object()) return j.get<IrIns>();
  IrIns ins;
  ins.ref = j.at(0).get<int>();
  ins.op = j.at(1).get<int>();
  ins.type = j.at(2).get<int>();
  ins.op1 = j.at(3).get<int>();
  ins.op2 = j.at(4).get<int>();
  if (ins.op >= 0 && ins.op < static_cast<int>(s.irmode.size())) ins.mode = s.irmode[ins.op];
  if (j.size() > 5 && j[5].is_number()) {
    ins.ridsp = j[5].get<int>();
  } else if (j.size() > 6) {
    const std::string kind = j[5].get<std::string>();
    for (int k = 1; k < static_cast<int>(std::size(kKindNames)); ++k) {
      if (kind == kKindNames[k]) ins.k = static_cast<IrIns::K>(k);
    }
    const json& v = j[6];
    switch (ins.k) {
      case IrIns::K::kNum:
        ins.num = ReadNumber(v);
        break;
      case IrIns::K::kInt64:
        ins.i64 = v.get<int64_t>();
        break;
      case IrIns::K::kStr:
      case IrIns::K::kFunc:
        ins.str = v.get<std::string>();
        break;
      default:
        ins.ptr = v.get<uint64_t>();
        break;
    }
    if (j.size() > 7) ins.slot = j[7].get<int>();
  }
  return ins;
}

void WriteIr(JsonWriter& w, const CodecState& s, const std::vector<IrIns>& ir) {
  w.BeginArray();
  for (const IrIns& ins : ir) WriteIns(w, s, ins);
  w.EndArray();
}
std::vector<IrIns> ReadIr(const json& j, const CodecState& s) {
  std::vector<IrIns> ir;
  if (!j.is_array()) return ir;
  ir.reserve(j.size());
  for (const json& e : j) ir.push_back(ReadIrIns(e, s));
  return ir;
}

// An IR list as the part earlier lines did not give: "ir_range" [klo, khi,
// ilo, ihi] says the list is the refs in [klo, khi) and [ilo, ihi) that
// earlier lines of this trace gave or "ir" gives, "ir" what differs or is new.
// Written so only where the reader's result is exactly the list.
struct IrRange {
  int klo = 0, khi = 0, ilo = 0, ihi = 0;
  bool Holds(int ref) const { return (ref >= klo && ref < khi) || (ref >= ilo && ref < ihi); }
};

std::optional<IrRange> DeltaRange(const CodecState& s, const std::vector<IrIns>& ir) {
  if (ir.empty()) return std::nullopt;
  IrRange r;
  int last = INT32_MIN;
  for (const IrIns& ins : ir) {
    if (ins.ref <= last || ins.ref == 0) return std::nullopt;
    last = ins.ref;
    if (ins.ref < 0) {
      if (r.klo == r.khi) r.klo = ins.ref;
      r.khi = ins.ref + 1;
    } else {
      if (r.ilo == r.ihi) r.ilo = ins.ref;
      r.ihi = ins.ref + 1;
    }
  }
  // Every ref the reader knows in the range must be in the list.
  size_t next = 0;
  bool covered = true;
  for (const auto& [lo, hi] : {std::pair{r.klo, r.khi}, std::pair{r.ilo, r.ihi}}) {
    s.ir.ForRange(lo, hi, [&](const IrIns& known) {
      while (next < ir.size() && ir[next].ref < known.ref) ++next;
      covered = covered && next < ir.size() && ir[next].ref == known.ref;
    });
  }
  if (!covered) return std::nullopt;
  return r;
}

bool Known(const CodecState& s, const IrIns& ins) {
  const IrIns* known = s.ir.Find(ins.ref);
  return known && SameIns(*known, ins) && known->ridsp == ins.ridsp;
}

void IrMember(JsonWriter& w, const CodecState& s, const std::vector<IrIns>& ir) {
  const std::optional<IrRange> range = DeltaRange(s, ir);
  const bool delta =
      range && std::any_of(ir.begin(), ir.end(), [&](const IrIns& ins) { return Known(s, ins); });
  if (delta) {
    Member(w, "\"ir_range\":");
    w.BeginArray();
    for (int v : {range->klo, range->khi, range->ilo, range->ihi}) w.Int(v);
    w.EndArray();
  }
  if (!delta && ir.empty()) return;
  Member(w, "\"ir\":");
  w.BeginArray();
  for (const IrIns& ins : ir) {
    if (!delta || !Known(s, ins)) WriteIns(w, s, ins);
  }
  w.EndArray();
}

std::vector<IrIns> ReadIrMember(const json& j, const CodecState& s) {
  std::vector<IrIns> written = ReadIr(j.value("ir", json::array()), s);
  const auto range_json = j.find("ir_range");
  if (range_json == j.end() || !range_json->is_array() || range_json->size() != 4) return written;
  const IrRange range{(*range_json)[0].get<int>(), (*range_json)[1].get<int>(),
                      (*range_json)[2].get<int>(), (*range_json)[3].get<int>()};
  std::map<int, IrIns> ir;
  for (const auto& [lo, hi] : {std::pair{range.klo, range.khi}, std::pair{range.ilo, range.ihi}}) {
    s.ir.ForRange(lo, hi, [&](const IrIns& known) { ir.emplace(known.ref, known); });
  }
  for (IrIns& ins : written) ir[ins.ref] = std::move(ins);
  std::vector<IrIns> out;
  out.reserve(ir.size());
  for (auto& [ref, ins] : ir) out.push_back(std::move(ins));
  return out;
}

// ---- Machine code ---------------------------------------------------------
// The capture has it as hex; lines carry it as base64 ("mcode64"), a third shorter.

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::optional<std::string> HexToBase64(const std::string& hex) {
  if (hex.size() % 2) return std::nullopt;
  std::vector<uint8_t> bytes;
  bytes.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int v = 0;
    for (char c : {hex[i], hex[i + 1]}) {
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return std::nullopt;  // only what the capture writes: lower-case hex
      v = v * 16 + d;
    }
    bytes.push_back(static_cast<uint8_t>(v));
  }
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const uint32_t n = bytes[i] << 16 | (i + 1 < bytes.size() ? bytes[i + 1] << 8 : 0) |
                       (i + 2 < bytes.size() ? bytes[i + 2] : 0);
    out += kBase64[n >> 18];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kBase64[n & 63] : '=';
  }
  return out;
}

std::string Base64ToHex(const std::string& b64) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : b64) {
    const char* at = std::strchr(kBase64, c);
    if (c == '=' || !c || !at) break;
    acc = (acc << 6) | static_cast<uint32_t>(at - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const uint32_t byte = (acc >> bits) & 0xff;
      hex += kHex[byte >> 4];
      hex += kHex[byte & 15];
    }
  }
  return hex;
}

// ---- Snapshots, slot maps, stacks ---------------------------------------

void WriteSnapshot(JsonWriter& w, const Snapshot& snap) {  // [no, ref, nslots, topslot, [entries]]
  w.BeginArray();
  w.Int(snap.no);
  w.Int(snap.ref);
  w.Int(snap.nslots);
  w.Int(snap.topslot);
  ljp::Write(w, snap.entries);
  w.EndArray();
}
Snapshot ReadSnapshot(const json& j) {
  if (j.is_object()) return j.get<Snapshot>();
  Snapshot snap;
  snap.no = j.at(0).get<int>();
  snap.ref = j.at(1).get<int>();
  snap.nslots = j.at(2).get<int>();
  snap.topslot = j.at(3).get<int>();
  snap.entries = j.at(4).get<std::vector<uint32_t>>();
  return snap;
}

// [baseslot, maxslot, size, index, value, index, value, ...]: the slots that
// differ from the last slot map (past its end: that are not 0).
void WriteSlots(JsonWriter& w, const CodecState& s, const SlotMap& map) {
  w.BeginArray();
  w.Int(map.baseslot);
  w.Int(map.maxslot);
  w.Uint(map.slots.size());
  for (size_t i = 0; i < map.slots.size(); ++i) {
    const uint32_t old = i < s.slots.slots.size() ? s.slots.slots[i] : 0;  // new slots read 0
    if (old == map.slots[i]) continue;
    w.Uint(i);
    w.Uint(map.slots[i]);
  }
  w.EndArray();
}
SlotMap ReadSlotMap(const json& j, const CodecState& s) {
  if (j.is_object()) return j.get<SlotMap>();
  SlotMap map;
  if (!j.is_array() || j.size() < 3) return map;
  map.baseslot = j[0].get<int>();
  map.maxslot = j[1].get<int>();
  map.slots = s.slots.slots;
  map.slots.resize(j[2].get<size_t>());
  for (size_t i = 3; i + 1 < j.size(); i += 2) {
    const size_t at = j[i].get<size_t>();
    if (at < map.slots.size()) map.slots[at] = j[i + 1].get<uint32_t>();
  }
  return map;
}

// frames: [kept, frame...]: the new innermost frames, then the last stack's
// `kept` outermost ones; a frame is [type, slot, size, fn] (and cont when set).
// values: [kept, value...]: the last stack's first `kept` values, then these.
void WriteStack(JsonWriter& w, const CodecState& s, const StackView& v) {
  const std::vector<StackFrame>& old_frames = s.stack.frames;
  size_t kept = 0;
  while (kept < v.frames.size() && kept < old_frames.size() &&
         v.frames[v.frames.size() - 1 - kept] == old_frames[old_frames.size() - 1 - kept])
    ++kept;
  w.BeginObject();
  IntMember(w, "\"base\":", v.base);
  IntMember(w, "\"top\":", v.top);
  Member(w, "\"frames\":");
  w.BeginArray();
  w.Uint(kept);
  for (size_t i = 0; i + kept < v.frames.size(); ++i) {
    const StackFrame& f = v.frames[i];
    w.BeginArray();
    w.String(f.type);
    w.Int(f.slot);
    w.Int(f.size);
    WriteFunc(w, s, f.fn);
    if (!f.cont.empty()) w.String(f.cont);
    w.EndArray();
  }
  w.EndArray();
  size_t same = 0;
  while (same < v.values.size() && same < s.stack.values.size() &&
         v.values[same] == s.stack.values[same])
    ++same;
  Member(w, "\"values\":");
  w.BeginArray();
  w.Uint(same);
  for (size_t i = same; i < v.values.size(); ++i) w.String(v.values[i]);
  w.EndArray();
  w.EndObject();
}
StackView ReadStack(const json& j, const CodecState& s) {
  StackView v;
  if (!j.is_object()) return v;
  v.base = IntOr(j, "base", 0);
  v.top = IntOr(j, "top", 0);
  const json& frames = j.value("frames", json::array());
  const json& values = j.value("values", json::array());
  if (!frames.empty() && frames[0].is_object()) return j.get<StackView>();  // protocol 1
  for (size_t i = 1; i < frames.size(); ++i) {
    const json& f = frames[i];
    StackFrame frame;
    frame.type = f.at(0).get<std::string>();
    frame.slot = f.at(1).get<int>();
    frame.size = f.at(2).get<int>();
    frame.fn = ReadFuncRef(f.at(3), s);
    if (f.size() > 4) frame.cont = f[4].get<std::string>();
    v.frames.push_back(std::move(frame));
  }
  if (!frames.empty()) {
    const size_t kept = std::min(frames[0].get<size_t>(), s.stack.frames.size());
    v.frames.insert(v.frames.end(), s.stack.frames.end() - kept, s.stack.frames.end());
  }
  if (!values.empty()) {
    const size_t kept = std::min(values[0].get<size_t>(), s.stack.values.size());
    v.values.assign(s.stack.values.begin(), s.stack.values.begin() + kept);
    for (size_t i = 1; i < values.size(); ++i) v.values.push_back(values[i].get<std::string>());
  }
  return v;
}

// ---- Bytecode text --------------------------------------------------------

// A record step's bytecode line as the capture writes it (Capture::BytecodeLine),
// made from its function's listing; nullopt where the listing does not tell.
std::optional<std::string> DerivedBc(const CodecState& s, const RecordStep& r) {
  std::string prefix;
  for (int i = 0; i < r.depth; ++i) prefix += " .";
  if (!r.fn.proto) return "0000 " + prefix + " FUNCC               ; " + r.fn.loc + "\n";
  const auto it = s.listing.find(r.fn.proto);
  if (it == s.listing.end()) return std::nullopt;
  const std::vector<std::string>& texts = it->second;
  auto text = [&](int pc) -> std::optional<std::string> {
    if (pc < 0 || pc >= static_cast<int>(texts.size())) return std::nullopt;
    const std::string& t = texts[pc];
    if (t.size() < 8 || t.compare(4, 3, "   ") != 0) return std::nullopt;
    return t.substr(0, 5) + prefix + t.substr(7);
  };
  std::optional<std::string> bc = text(r.fn.pc);
  if (!bc) return std::nullopt;
  *bc += r.fn.pc > 0 ? "       (" + r.fn.loc + ")\n" : "         ; " + r.fn.loc + "\n";
  if ((r.ins & 0xff) < 16) {  // a comparison: its JMP follows
    std::optional<std::string> jump = text(r.fn.pc + 1);
    if (!jump) return std::nullopt;
    *bc += *jump + "\n";
  }
  return bc;
}

// ---- What a line teaches ----------------------------------------------------

void LearnIr(CodecState& s, const std::vector<IrIns>& ir) {
  for (const IrIns& ins : ir) s.ir.Set(ins);
}

void Learn(CodecState& s, const Event& event) {
  std::visit(
      [&s](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, TraceStart>) {
          s.trace = b.trace;
          s.ir.Clear();
          s.snaps.clear();
          Learn(s, b.start);
        } else if constexpr (std::is_same_v<T, RecordStep>) {
          s.step = b.step;
          s.trace = b.trace;
          s.nins = b.nins;
          s.nk = b.nk;
          s.slots = b.slots;
          Learn(s, b.fn);
        } else if constexpr (std::is_same_v<T, RecordDone>) {
          s.trace = b.trace;
          s.nins = b.nins;
          s.nk = b.nk;
          LearnIr(s, b.ir);
        } else if constexpr (std::is_same_v<T, SnapshotAdded>) {
          s.trace = b.trace;
          if (b.snap.no >= 0) {
            if (static_cast<size_t>(b.snap.no) >= s.snaps.size()) s.snaps.resize(b.snap.no + 1);
            s.snaps[b.snap.no] = b.snap;
          }
          s.snap_entries = b.snap.entries;
          LearnIr(s, b.ir);
        } else if constexpr (std::is_same_v<T, StitchStep>) {
          s.ffname = b.ffname;
          s.slots = b.slots;
          s.stack = b.stack;
          for (const StackFrame& f : b.stack.frames) Learn(s, f.fn);
        } else if constexpr (std::is_same_v<T, TraceStop>) {
          if (b.mcode_addr) s.mcode_addr = b.mcode_addr;
          Learn(s, b.start);
          Learn(s, b.stop);
        } else if constexpr (std::is_same_v<T, TraceAbort>) {
          Learn(s, b.where);
          Learn(s, b.start);
        } else if constexpr (std::is_same_v<T, HotCounter> || std::is_same_v<T, Penalty>) {
          Learn(s, b.at);
        } else if constexpr (std::is_same_v<T, TraceExit>) {
          Learn(s, b.at);
        } else if constexpr (std::is_same_v<T, ProtoListing>) {
          LearnProto(s, b.proto);
          std::vector<std::string>& texts = s.listing[b.proto];
          texts.clear();
          for (const ProtoListing::Line& l : b.lines) {
            if (l.pc != static_cast<int>(texts.size())) break;  // pcs in order only
            texts.push_back(l.text);
          }
        }
      },
      event.body);
}

// ---- Writing events -------------------------------------------------------

void TraceMember(JsonWriter& w, const CodecState& s, int trace) {
  // Left out when it is the trace the last record event was about.
  if (trace != s.trace) IntMember(w, "\"trace\":", trace);
}
int TraceOr(const json& j, const CodecState& s) { return IntOr(j, "trace", s.trace); }

void WriteBody(JsonWriter& w, const CodecState& s, const TraceStart& b) {
  IntUnless(w, "\"trace\":", b.trace, s.trace + 1);
  IntUnless(w, "\"parent\":", b.parent, 0);
  IntUnless(w, "\"exitno\":", b.exitno, 0);
  IntUnless(w, "\"stitch_from\":", b.stitch_from, 0);
  FuncMember(w, s, "\"start\":", b.start);
}

void WriteBody(JsonWriter& w, const CodecState& s, const RecordStep& b) {
  TraceMember(w, s, b.trace);
  IntMember(w, "\"step\":", b.step);
  FuncMember(w, s, "\"fn\":", b.fn);
  IntMember(w, "\"ins\":", b.ins);
  if (DerivedBc(s, b) != b.bc) {
    Member(w, "\"bc\":");
    w.String(b.bc);
  }
  IntUnless(w, "\"depth\":", b.depth, 0);
  Member(w, "\"slots\":");
  WriteSlots(w, s, b.slots);
  IntUnless(w, "\"nins\":", b.nins, s.nins);
  IntUnless(w, "\"nk\":", b.nk, s.nk);
}

// What a record_done's bounds usually are: just past the IR it added, else
// the last ones.
std::pair<int, int> UsualBounds(const CodecState& s, const std::vector<IrIns>& ir) {
  int nins = s.nins, nk = s.nk;
  bool ins = false, k = false;
  for (const IrIns& i : ir) {
    if (i.ref > 0) nins = ins ? std::max(nins, i.ref + 1) : i.ref + 1, ins = true;
    if (i.ref < 0) nk = k ? std::min(nk, i.ref) : i.ref, k = true;
  }
  return {nins, nk};
}

void WriteBody(JsonWriter& w, const CodecState& s, const RecordDone& b) {
  TraceMember(w, s, b.trace);
  IntUnless(w, "\"step\":", b.step, s.step);  // the record's, usually
  IrMember(w, s, b.ir);
  const auto [nins, nk] = UsualBounds(s, b.ir);
  IntUnless(w, "\"nins\":", b.nins, nins);
  IntUnless(w, "\"nk\":", b.nk, nk);
}

void WriteBody(JsonWriter& w, const CodecState& s, const SnapshotAdded& b) {
  TraceMember(w, s, b.trace);
  Member(w, "\"snap\":");
  // [no, ref, nslots, topslot, kept, [entries]]: the last snapshot line's
  // first `kept` entries, then these (a trace's snapshots share their start).
  size_t kept = 0;
  const std::vector<uint32_t>& e = b.snap.entries;
  while (kept < e.size() && kept < s.snap_entries.size() && e[kept] == s.snap_entries[kept]) ++kept;
  if (kept == 0) {
    WriteSnapshot(w, b.snap);
  } else {
    w.BeginArray();
    for (int v : {b.snap.no, b.snap.ref, b.snap.nslots, b.snap.topslot}) w.Int(v);
    w.Uint(kept);
    w.BeginArray();
    for (size_t i = kept; i < e.size(); ++i) w.Uint(e[i]);
    w.EndArray();
    w.EndArray();
  }
  IrMember(w, s, b.ir);
}

void WriteBody(JsonWriter& w, const CodecState& s, const StitchStep& b) {
  TraceMember(w, s, b.trace);
  Member(w, "\"phase\":");
  ljp::Write(w, b.phase);
  IntUnless(w, "\"errcode\":", b.errcode, 0);
  if (!b.error.empty()) {
    Member(w, "\"error\":");
    w.String(b.error);
  }
  if (b.ffname != s.ffname) {
    Member(w, "\"ffname\":");
    w.String(b.ffname);
  }
  Member(w, "\"stack\":");
  WriteStack(w, s, b.stack);
  Member(w, "\"slots\":");
  WriteSlots(w, s, b.slots);
}

// The final IR and snapshots: "ir_bounds": [nk, nins] and only what differs
// from what the trace's record and snapshot events gave (with every
// instruction's ridsp in "ridsp", in ref order), or, where those events do not
// cover the rest, "ir" and "snaps" whole.
bool WriteTraceIrDelta(JsonWriter& w, const CodecState& s, const TraceStop& b) {
  if (b.trace != s.trace) return false;
  int nk = 0, nins = 1;
  for (const IrIns& ins : b.ir) {
    nk = std::min(nk, ins.ref);
    nins = std::max(nins, ins.ref + 1);
  }
  int last = nk - 1;
  for (const IrIns& ins : b.ir) {
    if (ins.ref <= last || ins.ref == 0 || (ins.ref < 0 && ins.ridsp)) return false;
    last = ins.ref;
  }
  size_t next = 0;  // every ref the reader knows in the bounds must be in the final IR
  bool covered = true;
  s.ir.ForRange(nk, nins, [&](const IrIns& known) {
    while (next < b.ir.size() && b.ir[next].ref < known.ref) ++next;
    covered = covered && next < b.ir.size() && b.ir[next].ref == known.ref;
  });
  if (!covered) return false;
  for (const Snapshot& snap : b.snaps) {
    if (snap.no < 0 || snap.no >= static_cast<int>(b.snaps.size()) || &b.snaps[snap.no] != &snap)
      return false;  // numbered otherwise than by position
  }
  Member(w, "\"ir_bounds\":");
  w.BeginArray();
  w.Int(nk);
  w.Int(nins);
  w.EndArray();
  Member(w, "\"ir\":");
  w.BeginArray();
  for (const IrIns& ins : b.ir) {
    const IrIns* known = s.ir.Find(ins.ref);
    if (!known || !SameIns(*known, ins)) WriteIns(w, s, ins, false);
  }
  w.EndArray();
  Member(w, "\"ridsp\":");
  w.BeginArray();
  for (const IrIns& ins : b.ir) {
    if (ins.ref > 0) w.Int(ins.ridsp);
  }
  w.EndArray();
  IntMember(w, "\"nsnap\":", static_cast<int64_t>(b.snaps.size()));
  Member(w, "\"snaps\":");
  w.BeginArray();
  for (const Snapshot& snap : b.snaps) {
    const bool known = static_cast<size_t>(snap.no) < s.snaps.size() && s.snaps[snap.no] &&
                       *s.snaps[snap.no] == snap;
    if (!known) WriteSnapshot(w, snap);
  }
  w.EndArray();
  return true;
}

void WriteBody(JsonWriter& w, const CodecState& s, const TraceStop& b) {
  IntMember(w, "\"trace\":", b.trace);
  Member(w, "\"linktype\":");
  w.String(b.linktype);
  IntUnless(w, "\"link\":", b.link, 0);
  FuncMember(w, s, "\"start\":", b.start);
  FuncMember(w, s, "\"stop\":", b.stop);
  IntUnless(w, "\"parent\":", b.parent, 0);
  IntUnless(w, "\"exitno\":", b.exitno, 0);
  IntUnless(w, "\"stitch_from\":", b.stitch_from, 0);
  if (!WriteTraceIrDelta(w, s, b)) {
    Member(w, "\"ir\":");
    WriteIr(w, s, b.ir);
    Member(w, "\"snaps\":");
    w.BeginArray();
    for (const Snapshot& snap : b.snaps) WriteSnapshot(w, snap);
    w.EndArray();
  }
  // The size is the code's (when it is there); the address as the distance
  // from the last trace's ("mcode_at").
  IntUnless(w, "\"mcode_size\":", b.mcode_size, static_cast<int64_t>(b.mcode.size() / 2));
  if (b.mcode_addr && s.mcode_addr) {
    Member(w, "\"mcode_at\":");
    w.Int(static_cast<int64_t>(b.mcode_addr - s.mcode_addr));
  } else if (b.mcode_addr) {
    Member(w, "\"mcode_addr\":");
    w.Uint(b.mcode_addr);
  }
  if (!b.mcode.empty()) {
    if (std::optional<std::string> b64 = HexToBase64(b.mcode)) {
      Member(w, "\"mcode64\":");
      w.String(*b64);
    } else {
      Member(w, "\"mcode\":");
      w.String(b.mcode);
    }
  }
  if (b.arch != s.arch) {
    Member(w, "\"arch\":");
    w.String(b.arch);
  }
}

void WriteBody(JsonWriter& w, const CodecState& s, const HotCounter& b) {
  if (b.kind != "loop") {
    Member(w, "\"kind\":");
    w.String(b.kind);
  }
  FuncMember(w, s, "\"at\":", b.at);
  IntUnless(w, "\"parent\":", b.parent, 0);
  IntUnless(w, "\"exitno\":", b.exitno, 0);
}

void WriteBody(JsonWriter& w, const CodecState& s, const TraceExit& b) {
  TraceMember(w, s, b.trace);
  IntMember(w, "\"exitno\":", b.exitno);
  FuncMember(w, s, "\"at\":", b.at);
  if (b.count != 1) {
    Member(w, "\"count\":");
    w.Uint(b.count);
  }
  if (b.side_started) {
    Member(w, "\"side_started\":");
    w.Bool(true);
  }
}

// A listing line's text starts with its pc as "%04d" and a four-space indent.
std::string PcPrefix(int pc) {
  std::string digits = std::to_string(pc);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  return digits + "    ";
}

// The length of that prefix at the start of the line's text, or 0.
size_t ListingPcPrefix(const ProtoListing::Line& l) {
  const std::string prefix = PcPrefix(l.pc);
  return l.pc >= 0 && std::string_view(l.text).starts_with(prefix) ? prefix.size() : 0;
}

std::string ListingLineText(int pc, std::string_view rest) {
  std::string text = PcPrefix(pc);
  text += rest;
  return text;
}

void WriteBody(JsonWriter& w, const CodecState&, const ProtoListing& b) {
  Member(w, "\"proto\":");
  w.Uint(b.proto);
  Member(w, "\"loc\":");
  w.String(b.loc);
  // "text": texts without their "%04d    " pc, each line's number before
  // the first text it numbers; pcs counting from 0. Else "lines" as [pc, line, text].
  bool plain = true;
  for (size_t pc = 0; pc < b.lines.size() && plain; ++pc) {
    plain = b.lines[pc].pc == static_cast<int>(pc) && ListingPcPrefix(b.lines[pc]) > 0;
  }
  Member(w, plain ? "\"text\":" : "\"lines\":");
  w.BeginArray();
  int line = INT32_MIN;
  for (const ProtoListing::Line& l : b.lines) {
    if (!plain) {
      w.BeginArray();
      w.Int(l.pc);
      w.Int(l.line);
      w.String(l.text);
      w.EndArray();
      continue;
    }
    if (l.line != line) w.Int(line = l.line);
    w.String(std::string_view(l.text).substr(ListingPcPrefix(l)));
  }
  w.EndArray();
}

// The rest are rare: their protocol 1 form.
template <class T>
void WriteBody(JsonWriter& w, const CodecState&, const T& b) {
  WriteMembers(w, b);
}

// ---- Reading events ---------------------------------------------------------

TraceStart ReadTraceStart(const json& j, const CodecState& s) {
  return TraceStart{IntOr(j, "trace", s.trace + 1), IntOr(j, "parent", 0), IntOr(j, "exitno", 0),
                    IntOr(j, "stitch_from", 0), FuncOr(j, "start", s)};
}

RecordStep ReadRecordStep(const json& j, const CodecState& s) {
  RecordStep r;
  r.trace = TraceOr(j, s);
  r.step = IntOr(j, "step", 0);
  r.fn = FuncOr(j, "fn", s);
  r.ins = j.value("ins", uint32_t{0});
  r.depth = IntOr(j, "depth", 0);
  if (j.contains("bc")) {
    r.bc = StringOr(j, "bc");
  } else {
    r.bc = DerivedBc(s, r).value_or("");
  }
  if (j.contains("slots")) r.slots = ReadSlotMap(j["slots"], s);
  r.nins = IntOr(j, "nins", s.nins);
  r.nk = IntOr(j, "nk", s.nk);
  return r;
}

RecordDone ReadRecordDone(const json& j, const CodecState& s) {
  RecordDone r;
  r.trace = TraceOr(j, s);
  r.step = IntOr(j, "step", s.step);
  r.ir = ReadIrMember(j, s);
  const auto [nins, nk] = UsualBounds(s, r.ir);
  r.nins = IntOr(j, "nins", nins);
  r.nk = IntOr(j, "nk", nk);
  return r;
}

SnapshotAdded ReadSnapshotAdded(const json& j, const CodecState& s) {
  SnapshotAdded r;
  r.trace = TraceOr(j, s);
  if (const auto snap = j.find("snap"); snap != j.end() && snap->is_array() && snap->size() == 6) {
    r.snap =
        ReadSnapshot(json::array({(*snap)[0], (*snap)[1], (*snap)[2], (*snap)[3], (*snap)[5]}));
    const size_t kept = std::min((*snap)[4].get<size_t>(), s.snap_entries.size());
    r.snap.entries.insert(r.snap.entries.begin(), s.snap_entries.begin(),
                          s.snap_entries.begin() + kept);
  } else if (snap != j.end()) {
    r.snap = ReadSnapshot(*snap);
  }
  r.ir = ReadIrMember(j, s);
  return r;
}

StitchStep ReadStitchStep(const json& j, const CodecState& s) {
  StitchStep r;
  r.trace = TraceOr(j, s);
  if (j.contains("phase")) j["phase"].get_to(r.phase);
  r.errcode = IntOr(j, "errcode", 0);
  r.error = StringOr(j, "error");
  r.ffname = StringOr(j, "ffname", s.ffname);
  if (j.contains("stack")) r.stack = ReadStack(j["stack"], s);
  if (j.contains("slots")) r.slots = ReadSlotMap(j["slots"], s);
  return r;
}

void ReadTraceIr(const json& j, const CodecState& s, TraceStop& r) {
  std::vector<IrIns> written = ReadIr(j.value("ir", json::array()), s);
  if (!j.contains("ir_bounds")) {
    r.ir = std::move(written);
    for (const json& snap : j.value("snaps", json::array())) r.snaps.push_back(ReadSnapshot(snap));
    return;
  }
  const json& bounds = j["ir_bounds"];
  const int nk = bounds.at(0).get<int>(), nins = bounds.at(1).get<int>();
  std::map<int, IrIns> ir;
  if (s.trace == r.trace)
    s.ir.ForRange(nk, nins, [&](const IrIns& known) { ir.emplace(known.ref, known); });
  for (IrIns& ins : written) ir[ins.ref] = std::move(ins);
  const json& ridsp = j.value("ridsp", json::array());
  size_t next = 0;
  for (auto& [ref, ins] : ir) {
    ins.ridsp = ref > 0 && next < ridsp.size() ? ridsp[next++].get<int>() : 0;
    r.ir.push_back(std::move(ins));
  }
  std::map<int, Snapshot> snaps;
  for (const json& snap : j.value("snaps", json::array())) {
    Snapshot read = ReadSnapshot(snap);
    snaps[read.no] = std::move(read);
  }
  const int nsnap = IntOr(j, "nsnap", 0);
  for (int no = 0; no < nsnap; ++no) {
    if (auto it = snaps.find(no); it != snaps.end()) {
      r.snaps.push_back(std::move(it->second));
    } else if (static_cast<size_t>(no) < s.snaps.size() && s.snaps[no] && s.trace == r.trace) {
      r.snaps.push_back(*s.snaps[no]);
    } else {
      Snapshot missing;
      missing.no = no;
      r.snaps.push_back(missing);
    }
  }
}

TraceStop ReadTraceStop(const json& j, const CodecState& s) {
  TraceStop r;
  r.trace = IntOr(j, "trace", 0);
  r.linktype = StringOr(j, "linktype");
  r.link = IntOr(j, "link", 0);
  r.start = FuncOr(j, "start", s);
  r.stop = FuncOr(j, "stop", s);
  r.parent = IntOr(j, "parent", 0);
  r.exitno = IntOr(j, "exitno", 0);
  r.stitch_from = IntOr(j, "stitch_from", 0);
  ReadTraceIr(j, s, r);
  r.mcode_addr = j.value("mcode_addr", uint64_t{0});
  if (const auto at = j.find("mcode_at"); at != j.end())
    r.mcode_addr = s.mcode_addr + static_cast<uint64_t>(at->get<int64_t>());
  r.mcode = j.contains("mcode64") ? Base64ToHex(StringOr(j, "mcode64")) : StringOr(j, "mcode");
  r.arch = StringOr(j, "arch", s.arch);
  r.mcode_size = IntOr(j, "mcode_size", static_cast<int>(r.mcode.size() / 2));
  return r;
}

HotCounter ReadHotCounter(const json& j, const CodecState& s) {
  return HotCounter{StringOr(j, "kind", "loop"), FuncOr(j, "at", s), IntOr(j, "parent", 0),
                    IntOr(j, "exitno", 0)};
}

TraceExit ReadTraceExit(const json& j, const CodecState& s) {
  return TraceExit{TraceOr(j, s), IntOr(j, "exitno", 0), FuncOr(j, "at", s),
                   j.value("count", uint64_t{1}), j.value("side_started", false)};
}

ProtoListing ReadProtoListing(const json& j) {
  ProtoListing r;
  r.proto = j.value("proto", uint64_t{0});
  r.loc = StringOr(j, "loc");
  for (const json& l : j.value("lines", json::array())) {
    if (l.is_object()) {
      r.lines.push_back(l.get<ProtoListing::Line>());
    } else {
      r.lines.push_back({l.at(0).get<int>(), l.at(1).get<int>(), l.at(2).get<std::string>()});
    }
  }
  int line = 0;
  for (const json& t : j.value("text", json::array())) {
    if (t.is_number()) {
      line = t.get<int>();
    } else {
      const int pc = static_cast<int>(r.lines.size());
      r.lines.push_back({pc, line, ListingLineText(pc, t.get<std::string>())});
    }
  }
  return r;
}

bool ReadBody(const std::string& type, const json& j, const CodecState& s, EventBody& body) {
  if (type == "trace_start") {
    body = ReadTraceStart(j, s);
  } else if (type == "record") {
    body = ReadRecordStep(j, s);
  } else if (type == "record_done") {
    body = ReadRecordDone(j, s);
  } else if (type == "snapshot") {
    body = ReadSnapshotAdded(j, s);
  } else if (type == "stitch") {
    body = ReadStitchStep(j, s);
  } else if (type == "trace_stop") {
    body = ReadTraceStop(j, s);
  } else if (type == "hot") {
    body = ReadHotCounter(j, s);
  } else if (type == "exit") {
    body = ReadTraceExit(j, s);
  } else if (type == "proto") {
    body = ReadProtoListing(j);
  } else {
    return ParseBody(type, j, body);
  }
  return true;
}

}  // namespace

// ---- EventWriter / EventReader ----------------------------------------------

EventWriter::EventWriter() : state_(std::make_unique<CodecState>()) {}
EventWriter::EventWriter(const VmDef& vmdef) : EventWriter() {
  state_->irmode = vmdef.irmode;
  state_->arch = vmdef.arch;
}
EventWriter::~EventWriter() = default;
EventWriter::EventWriter(EventWriter&&) noexcept = default;
EventWriter& EventWriter::operator=(EventWriter&&) noexcept = default;

void EventWriter::Append(std::string& line, const Event& event) {
  JsonWriter w(line);
  w.BeginObject();
  w.Key("type");
  w.String(EventTypeName(event.body));
  if (event.seq != state_->next_seq) {  // left out when it follows the last line's
    w.Key("seq");
    w.Uint(event.seq);
  }
  state_->next_seq = event.seq + 1;
  std::visit([&](const auto& body) { WriteBody(w, *state_, body); }, event.body);
  w.EndObject();
  Learn(*state_, event);
}

EventReader::EventReader(const Timeline& header)
    : state_(std::make_unique<CodecState>()), version_(header.version) {
  state_->irmode = header.vmdef.irmode;
  state_->arch = header.vmdef.arch;
}
EventReader::~EventReader() = default;

uint64_t EventReader::Skip(std::string_view line) {
  uint64_t seq = state_->next_seq;
  constexpr std::string_view kSeq = "\"seq\":";
  const size_t at = line.find(kSeq);
  const size_t first_member = line.find("\",\"");  // after "type"
  if (at != std::string_view::npos && at == first_member + 2) {
    const char* digits = line.data() + at + kSeq.size();
    std::from_chars(digits, line.data() + line.size(), seq);
  }
  state_->next_seq = seq + 1;
  return seq;
}
EventReader::EventReader(EventReader&&) noexcept = default;
EventReader& EventReader::operator=(EventReader&&) noexcept = default;

Expected<Event> EventReader::Parse(const std::string& line) {
  try {
    const json j = json::parse(line);
    Event event;
    const auto seq = j.find("seq");
    event.seq = seq != j.end() ? seq->get<uint64_t>() : state_->next_seq;
    state_->next_seq = event.seq + 1;
    const std::string type = j.at("type").get<std::string>();
    const bool known =
        version_ < 2 ? ParseBody(type, j, event.body) : ReadBody(type, j, *state_, event.body);
    if (!known) return Error{"unknown event type '" + type + "'"};
    Learn(*state_, event);
    return event;
  } catch (const json::exception& e) {
    return Error{e.what()};
  }
}

}  // namespace ljp
