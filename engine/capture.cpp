#include "capture.h"

#include <algorithm>
#include <charconv>
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "fault_plan.h"
#include "jdump_format.h"
#include "lua.hpp"

extern "C" {
#include "luajit_observe.h"
}
#include "text_format.h"

namespace ljp {
namespace {

const std::string& NameAt(const std::vector<std::string>& names, int i) {
  static const std::string unknown = "?";
  return i >= 0 && i < static_cast<int>(names.size()) ? names[i] : unknown;
}

// Location of a Lua function position, as lj_debug_pushloc writes it.
std::string LuaLoc(const ljo_Func& f) {
  // A load()ed string's chunk name is the whole string: look at its start only.
  const char* name = f.chunk ? f.chunk : "?";
  if (f.firstline >= 0 && name[0] != '@' && name[0] != '=' && strnlen(name, 41) > 40)
    return Format("%p:%d", f.proto, f.line);
  std::string chunk = name;
  if (f.firstline < 0) return "builtin:" + chunk;
  if (!chunk.empty() && chunk[0] == '@') {
    chunk.erase(0, 1);
    const size_t slash = chunk.find_last_of("/\\");
    if (slash != std::string::npos) chunk.erase(0, slash + 1);
    return chunk + ":" + std::to_string(f.line);
  }
  if (chunk.size() > 40) return Format("%p:%d", f.proto, f.line);
  if (!chunk.empty() && chunk[0] == '=') return chunk.substr(1) + ":" + std::to_string(f.line);
  return "\"" + chunk + "\":" + std::to_string(f.line);
}

// name + printf's "%p" of ptr (every stack slot is rendered: without printf).
std::string PointerText(const char* name, uint64_t ptr) {
  if (!ptr) return Format("%s%p", name, nullptr);  // "(nil)" or "0x0", as the C library says
  char buf[24];
  std::string s = name;
  s += "0x";
  s.append(buf, std::to_chars(buf, buf + sizeof(buf), ptr, 16).ptr);
  return s;
}

// The protocol's constant kinds are LuaJIT's (luajit_observe.h), value for value.
static_assert(static_cast<int>(IrIns::K::kNone) == LJO_K_NONE &&
              static_cast<int>(IrIns::K::kNum) == LJO_K_NUM &&
              static_cast<int>(IrIns::K::kStr) == LJO_K_STR &&
              static_cast<int>(IrIns::K::kFunc) == LJO_K_FUNC &&
              static_cast<int>(IrIns::K::kTab) == LJO_K_TAB &&
              static_cast<int>(IrIns::K::kGc) == LJO_K_GC &&
              static_cast<int>(IrIns::K::kPtr) == LJO_K_PTR &&
              static_cast<int>(IrIns::K::kInt64) == LJO_K_INT64 &&
              static_cast<int>(IrIns::K::kPri) == LJO_K_PRI &&
              static_cast<int>(IrIns::K::kProto) == LJO_K_PROTO &&
              static_cast<int>(IrIns::K::kTrace) == LJO_K_TRACE);
static_assert(static_cast<int>(StitchStep::Phase::kBefore) == LJO_STITCH_BEFORE &&
              static_cast<int>(StitchStep::Phase::kInserted) == LJO_STITCH_INSERTED &&
              static_cast<int>(StitchStep::Phase::kStop) == LJO_STITCH_STOP &&
              static_cast<int>(StitchStep::Phase::kResult) == LJO_STITCH_RESULT &&
              static_cast<int>(StitchStep::Phase::kRestored) == LJO_STITCH_RESTORED);

// A function as jit.v's fmtfunc() names it.
FuncRef ToFuncRef(const ljo_Func& f, const VmDef& vm) {
  FuncRef r;
  switch (f.kind) {
    case LJO_FUNC_LUA:
      r.loc = LuaLoc(f);
      r.proto = reinterpret_cast<uint64_t>(f.proto);
      r.pc = f.pc;
      r.line = f.line;
      break;
    case LJO_FUNC_FAST:
      r.loc = NameAt(vm.ffnames, f.ffid);
      break;
    case LJO_FUNC_C:
      r.loc = Format("C:%" PRIxPTR, f.addr);
      break;
    default:
      r.loc = "(?)";
      break;
  }
  return r;
}

IrIns ToIrIns(int ref, const ljo_IR& ir, const VmDef& vm) {
  IrIns out;
  out.ref = ref;
  out.op = ir.op;
  out.type = ir.type;
  out.mode = ir.mode;
  out.op1 = ir.op1;
  out.op2 = ir.op2;
  out.ridsp = ref > 0 ? ir.ridsp : 0;
  out.slot = ir.slot;
  out.ptr = ir.ptr;
  switch (ir.kkind) {
    case LJO_K_NUM:
      out.k = IrIns::K::kNum;
      out.num = ir.num;
      break;
    case LJO_K_STR:
      out.k = IrIns::K::kStr;
      out.str.assign(ir.str, ir.len);
      break;
    case LJO_K_FUNC:
      out.k = IrIns::K::kFunc;
      out.str = ToFuncRef(ir.fn, vm).loc;
      break;
    case LJO_K_TAB:
      out.k = IrIns::K::kTab;
      break;
    case LJO_K_GC:
      out.k = IrIns::K::kGc;
      break;
    case LJO_K_PTR:
      out.k = IrIns::K::kPtr;
      break;
    case LJO_K_INT64:
      out.k = IrIns::K::kInt64;
      out.i64 = ir.i64;
      break;
    case LJO_K_PRI:
      out.k = IrIns::K::kPri;
      break;
    case LJO_K_PROTO:
      out.k = IrIns::K::kProto;
      break;
    case LJO_K_TRACE:
      out.k = IrIns::K::kTrace;
      break;
    default:
      break;
  }
  // Trace constants (lj_ir_ktrace) are GC constants of type p64/p32.
  constexpr int kIrtP32 = 5, kIrtP64 = 9;  // lj_ir.h IRTDEF order
  const int irt = ir.type & 31;
  if (ref < 0 && out.k == IrIns::K::kGc && (irt == kIrtP64 || irt == kIrtP32)) {
    out.k = IrIns::K::kTrace;
  }
  return out;
}

std::vector<IrIns> ReadIr(lua_State* L, int traceno, int from_k, int to_k, int from_ins, int to_ins,
                          const VmDef& vm) {
  std::vector<IrIns> out;
  ljo_IR ir;
  // 64 bit constants take two IR slots: step over the payload slot.
  for (int ref = from_k; ref < to_k; ref += std::max(ir.nslots, 1)) {
    if (!ljo_ir(L, traceno, ref, &ir)) break;
    out.push_back(ToIrIns(ref, ir, vm));
  }
  for (int ref = from_ins; ref < to_ins; ++ref)
    if (ljo_ir(L, traceno, ref, &ir)) out.push_back(ToIrIns(ref, ir, vm));
  return out;
}

Snapshot ReadSnapshot(lua_State* L, int traceno, int snapno) {
  Snapshot snap;
  ljo_Snap s{};
  std::vector<uint32_t> entries(256);
  if (!ljo_snap(L, traceno, snapno, &s, entries.data(), static_cast<int>(entries.size()))) {
    return snap;
  }
  if (s.nent > static_cast<int>(entries.size())) {
    entries.resize(s.nent);
    ljo_snap(L, traceno, snapno, &s, entries.data(), s.nent);
  }
  snap.no = snapno;
  snap.ref = s.ref;
  snap.nslots = s.nslots;
  snap.topslot = s.topslot;
  snap.entries.assign(entries.begin(), entries.begin() + s.nent);
  return snap;
}

const char* const kLinkTypes[] = {"none",           "root",         "loop",
                                  "tail-recursion", "up-recursion", "down-recursion",
                                  "interpreter",    "return",       "stitch"};
const char* const kFrameTypes[] = {"lua", "c", "cont", "vararg", "luap", "cp", "pcall", "pcallh"};
const char* const kContKinds[] = {"",      "ra",   "nop",    "cat", "condt",
                                  "condf", "hook", "stitch", "ffi", "other"};

// ---- Observer trampolines: C callbacks into the Capture ----------------

Capture* Self(void* ud) { return static_cast<Capture*>(ud); }

extern "C" {
static void ObsTraceStart(void* ud, lua_State* L) { Self(ud)->OnTraceStart(L); }
static void ObsRecord(void* ud, lua_State* L) { Self(ud)->OnRecord(L); }
static void ObsRecorded(void* ud, lua_State* L) { Self(ud)->OnRecorded(L); }
static void ObsSnapshot(void* ud, lua_State* L, int n) { Self(ud)->OnSnapshot(L, n); }
static void ObsTraceStop(void* ud, lua_State* L, int t) { Self(ud)->OnTraceStop(L, t); }
static void ObsTraceAbort(void* ud, lua_State* L, int t) { Self(ud)->OnTraceAbort(L, t); }
static void ObsStitch(void* ud, lua_State* L, int phase, int err) {
  Self(ud)->OnStitch(L, phase, err);
}
static void ObsHot(void* ud, lua_State* L, int kind, const void* pt, int pc) {
  Self(ud)->OnHot(L, kind, pt, pc);
}
static void ObsPenalty(void* ud, lua_State* L, const void* pt, int pc, int black) {
  Self(ud)->OnPenalty(L, pt, pc, black != 0);
}
static void ObsFault(void* ud, lua_State* L, int point) { Self(ud)->OnFault(L, point); }
static void ObsPause(void* ud, lua_State* L) { Self(ud)->OnPause(L); }
static void ObsTraceExit(void* ud, lua_State*, int traceno, int exitno, const void* pt, int pc,
                         int started) {
  Self(ud)->OnTraceExit(traceno, exitno, pt, pc, started != 0);
}
static void ObsTraceCompiled(void* ud, int traceno, unsigned bytes, unsigned ns, const char* error,
                             const char* listing) {
  Self(ud)->OnTraceCompiled(traceno, bytes, ns, error, listing);
}
static void ObsAssert(void* ud, const char* file, int line, const char* func, const char* msg) {
  Self(ud)->OnAssert(file, line, func, msg);
}
}

}  // namespace

Capture::Capture(const VmDef& vmdef, std::function<void(EventBody)> emit)
    : vmdef_(vmdef), emit_(std::move(emit)) {
  auto* obs = new ljo_Observer{};
  obs->ud = this;
  obs->trace_start = ObsTraceStart;
  obs->record = ObsRecord;
  obs->recorded = ObsRecorded;
  obs->snapshot = ObsSnapshot;
  obs->trace_stop = ObsTraceStop;
  obs->trace_abort = ObsTraceAbort;
  obs->stitch = ObsStitch;
  obs->hot = ObsHot;
  obs->penalty = ObsPenalty;
  obs->assert_fail = ObsAssert;
  obs->fault = ObsFault;
  obs->trace_exit = ObsTraceExit;
  obs->pause = ObsPause;
  obs->trace_compiled = ObsTraceCompiled;
  observer_ = obs;
}

Capture::~Capture() { delete static_cast<ljo_Observer*>(observer_); }

void Capture::Attach(lua_State* L) { ljo_set_observer(L, static_cast<ljo_Observer*>(observer_)); }
void Capture::Detach(lua_State* L) { ljo_set_observer(L, nullptr); }

// ---- Bytecode text (jit.bc's bcline and jit.dump's dump_record) --------

namespace {

// printf's "%*d" (zero = "%0*d") and "%-*s", appended: the bytecode text is
// made for every recorded instruction, so without printf.
void AppendInt(std::string& s, int v, int width, bool zero = false) {
  char buf[16];
  const char* end = std::to_chars(buf, buf + sizeof(buf), v).ptr;
  const char* digits = buf;
  const int n = static_cast<int>(end - buf);
  if (zero && v < 0) {  // "-005"
    s += '-';
    ++digits;
  }
  if (n < width) s.append(width - n, zero ? '0' : ' ');
  s.append(digits, end);
}
void AppendLeft(std::string& s, const std::string& text, size_t width) {
  s += text;
  if (text.size() < width) s.append(width - text.size(), ' ');
}

}  // namespace

std::string Capture::BytecodeText(const void* proto, int pc, const std::string& prefix) const {
  uint32_t ins = 0;
  int m = 0, line = 0;
  if (!ljo_proto_bc(proto, pc, &ins, &m, &line)) return "";
  const int ma = m & 7, mb = m & (15 * 8), mc = m & (15 * 128);
  const int a = (ins >> 8) & 0xff;
  const std::string& op = NameAt(vmdef_.bcnames, ins & 0xff);
  // "%04d %s %-6s %3s "
  std::string s;
  s.reserve(64);
  AppendInt(s, pc, 4, true);
  s += ' ';
  s += prefix;
  s += ' ';
  AppendLeft(s, op, 6);
  s += ' ';
  if (ma == 0) {
    s += "   ";
  } else {
    AppendInt(s, a, 3);
  }
  s += ' ';
  int d = static_cast<int>(ins >> 16);
  if (mc == 13 * 128) {  // BCMjump: "=> %04d\n"
    s += "=> ";
    AppendInt(s, pc + d - 0x7fff, 4, true);
    s += '\n';
    return s;
  }
  if (mb != 0) {
    d &= 0xff;
  } else if (mc == 0) {
    return s + "\n";
  }
  std::string kc;
  bool has_kc = false;
  ljo_IR k;
  if (mc == 10 * 128 && ljo_proto_k(proto, -d - 1, &k) && k.kkind == LJO_K_STR) {  // BCMstr
    const std::string esc = EscapeControl(std::string_view(k.str, k.len));
    kc = k.len > 40 ? "\"" + esc.substr(0, 40) + "\"~" : "\"" + esc + "\"";
    has_kc = true;
  } else if (mc == 9 * 128 && ljo_proto_k(proto, d, &k)) {  // BCMnum
    double n = k.num;
    if (op == "TSETM ") n -= 4503599627370496.0;  // 2^52
    kc = LuaNumber(n);
    has_kc = true;
  } else if (mc == 12 * 128 && ljo_proto_k(proto, -d - 1, &k)) {  // BCMfunc
    kc = LuaLoc(k.fn);
    has_kc = true;
  } else if (mc == 5 * 128) {  // BCMuv
    const char* name = ljo_proto_uvname(proto, d);
    kc = name ? name : "";
    has_kc = true;
  }
  if (ma == 5) {  // BCMuv
    const char* name = ljo_proto_uvname(proto, a);
    const std::string ka = name ? name : "";
    kc = has_kc ? ka + " ; " + kc : ka;
    has_kc = true;
  }
  if (mb != 0) {  // "%3d %3d" and "  ; %s"
    AppendInt(s, static_cast<int>(ins >> 24), 3);
    s += ' ';
    AppendInt(s, d, 3);
  } else {                                                  // "%3d" and "      ; %s"
    if (!has_kc && mc == 7 * 128 && d > 32767) d -= 65536;  // BCMlits
    AppendInt(s, d, 3);
    if (has_kc) s += "    ";
  }
  if (has_kc) {
    s += "  ; ";
    s += kc;
  }
  s += '\n';
  return s;
}

std::string Capture::BytecodeLine(const void* proto, int pc, int depth) const {
  std::string prefix;
  for (int i = 0; i < depth; ++i) prefix += " .";
  if (!proto) {
    return "0000 " + prefix + " FUNCC      ";  // completed by the caller
  }
  std::string line = BytecodeText(proto, pc, prefix);
  if (line.empty()) return line;
  ljo_Func at;
  ljo_proto_pos(proto, pc, &at);
  if (pc > 0) {
    line.pop_back();
    line += "       (" + LuaLoc(at) + ")\n";
  } else {
    ljo_Func entry;
    ljo_proto_pos(proto, 0, &entry);
    line.pop_back();
    line += "         ; " + LuaLoc(entry) + "\n";
  }
  uint32_t ins = 0;
  int m = 0, l = 0;
  if (ljo_proto_bc(proto, pc, &ins, &m, &l) && (ins & 0xff) < 16) {  // comparison: add its JMP
    line += BytecodeText(proto, pc + 1, prefix);
  }
  return line;
}

// ---- State readers ------------------------------------------------------

SlotMap Capture::ReadSlots(lua_State* L) const {
  SlotMap map;
  ljo_Recorder r;
  ljo_recorder(L, &r);
  map.baseslot = r.baseslot;
  map.maxslot = r.maxslot;
  uint32_t slots[512];
  const int total = ljo_slots(L, slots, static_cast<int>(std::size(slots)));
  map.slots.assign(slots, slots + std::min<size_t>(std::max(total, 0), std::size(slots)));
  return map;
}

StackView Capture::ReadStack(lua_State* L) const {
  StackView view;
  std::vector<ljo_Frame> frames(200);
  const int n =
      ljo_frames(L, frames.data(), static_cast<int>(frames.size()), &view.base, &view.top);
  for (int i = 0; i < n; ++i) {
    const ljo_Frame& f = frames[i];
    StackFrame out;
    out.type = kFrameTypes[f.type];
    out.slot = f.slot;
    out.size = f.size;
    if (f.type == LJO_FRAME_CONT) out.cont = kContKinds[f.cont];
    out.fn = ToFuncRef(f.fn, vmdef_);
    view.frames.push_back(std::move(out));
  }
  for (int slot = 0; slot < view.top && slot < 400; ++slot) {
    ljo_Value v;
    ljo_stack_value(L, slot, &v);
    std::string s;
    switch (v.type) {
      case LUA_TNIL:
        s = "nil";
        break;
      case LUA_TBOOLEAN:
        s = v.num != 0 ? "true" : "false";
        break;
      case LUA_TNUMBER:
        s = LuaNumber(v.num);
        break;
      case LUA_TSTRING:
        s = "\"" + EscapeControl(std::string_view(v.str, std::min<size_t>(v.len, 24))) +
            (v.len > 24 ? "\"~" : "\"");
        break;
      case LUA_TTABLE:
        s = PointerText("table: ", v.ptr);
        break;
      case LUA_TFUNCTION:
        s = PointerText("function: ", v.ptr);
        break;
      case LUA_TTHREAD:
        s = PointerText("thread: ", v.ptr);
        break;
      case LUA_TUSERDATA:
        s = PointerText("userdata: ", v.ptr);
        break;
      case LUA_TLIGHTUSERDATA:
        s = PointerText("lightud: ", v.ptr);
        break;
      default:
        s = Format("<link %" PRIx64 ">", static_cast<uint64_t>(v.ptr));
        break;
    }
    view.values.push_back(std::move(s));
  }
  // Frame links hold a PC or a frame size, not Lua values: name them. With
  // 64-bit GC refs (x64, arm64: LJ_FR2) a continuation frame also keeps the
  // continuation's pc two slots below and the lj_cont_* routine three below.
  const bool fr2 = vmdef_.arch == "x64" || vmdef_.arch == "arm64";
  auto label = [&](int slot, std::string text) {
    if (slot >= 0 && slot < static_cast<int>(view.values.size()))
      view.values[slot] = std::move(text);
  };
  for (const StackFrame& f : view.frames) {
    label(f.slot, "<" + f.type + " frame link>");
    if (fr2 && f.type == "cont") {
      label(f.slot - 2, "<continuation pc>");
      label(f.slot - 3, "<lj_cont_" + f.cont + ">");
    }
  }
  return view;
}

// The abort reason as jit.v's fmterr() formats it.
std::string Capture::FormatTraceError(lua_State* L, int* code, FuncRef* where) const {
  ljo_Error e;
  ljo_error(L, &e);
  *code = e.code;
  *where = ToFuncRef(e.where, vmdef_);
  if (e.code < 0) return std::string(e.msg ? e.msg : "", e.len);
  const std::string& fmt = NameAt(vmdef_.traceerr, e.code);
  if (fmt == "NYI: bytecode %s" && e.infokind == LJO_K_NUM) {
    return Format(fmt.c_str(), NameAt(vmdef_.bcnames, static_cast<int>(e.infonum)).c_str());
  }
  std::string info;
  switch (e.infokind) {
    case LJO_K_NUM:
      info = LuaNumber(e.infonum);
      break;
    case LJO_K_STR:
      info = e.infostr ? e.infostr : "";
      break;
    case LJO_K_FUNC:
      info = ToFuncRef(e.infofn, vmdef_).loc;
      break;
    default:
      break;
  }
  // The formats use %s or %d; a Lua string.format("%d", x) of an integral
  // number prints it like %s does.
  std::string out;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] == '%' && i + 1 < fmt.size() && (fmt[i + 1] == 's' || fmt[i + 1] == 'd')) {
      out += info;
      ++i;
    } else {
      out += fmt[i];
    }
  }
  return out;
}

// ---- Events -------------------------------------------------------------

void Capture::OnTraceStart(lua_State* L) {
  ljo_Recorder r;
  ljo_recorder(L, &r);
  trace_ = r.traceno;
  step_ = 0;
  nins_ = r.nins;
  nk_ = r.nk;
  start_ = ToFuncRef(r.start, vmdef_);
  parent_ = r.parent;
  exitno_ = r.parent ? r.exitno : 0;
  stitch_from_ = r.stitched ? r.exitno : 0;
  stitch_error_.clear();
  emit_(TraceStart{trace_, parent_, exitno_, stitch_from_, start_});
  // Constants and instructions set up before the first bytecode.
  std::vector<IrIns> ir = ReadIr(L, 0, r.nk, 0, 1, r.nins, vmdef_);
  if (!ir.empty()) emit_(RecordDone{trace_, -1, std::move(ir), r.nins, r.nk});
}

// Sends a function's whole bytecode the first time a step records in it (again
// if the address now holds another function).
void Capture::ListProtoOnce(const void* proto) {
  ljo_Func fn;
  int sizebc = 0, numparams = 0, framesize = 0;
  ljo_proto_info(proto, &fn, &sizebc, &numparams, &framesize);
  const std::string key = LuaLoc(fn) + "#" + std::to_string(sizebc);
  auto it = listed_protos_.find(proto);
  if (it != listed_protos_.end() && it->second == key) return;
  listed_protos_[proto] = key;
  ProtoListing listing;
  listing.proto = reinterpret_cast<uint64_t>(proto);
  listing.loc = LuaLoc(fn);
  for (int pc = 0; pc < sizebc; ++pc) {
    uint32_t ins = 0;
    int mode = 0, line = 0;
    if (!ljo_proto_bc(proto, pc, &ins, &mode, &line)) break;
    std::string text = BytecodeText(proto, pc, "  ");
    if (!text.empty() && text.back() == '\n') text.pop_back();
    listing.lines.push_back({pc, line, std::move(text)});
  }
  emit_(std::move(listing));
}

void Capture::OnRecord(lua_State* L) {
  ljo_Recorder r;
  ljo_recorder(L, &r);
  if (r.fn.kind == LJO_FUNC_LUA) ListProtoOnce(r.fn.proto);
  RecordStep step;
  step.trace = r.traceno;
  step.step = step_;
  step.fn = ToFuncRef(r.fn, vmdef_);
  step.ins = r.ins;
  step.depth = r.framedepth;
  if (r.fn.kind == LJO_FUNC_LUA) {
    step.bc = BytecodeLine(r.fn.proto, r.fn.pc, r.framedepth);
  } else {
    step.bc = BytecodeLine(nullptr, -1, r.framedepth) + "         ; " + step.fn.loc + "\n";
  }
  step.slots = ReadSlots(L);
  step.nins = r.nins;
  step.nk = r.nk;
  emit_(std::move(step));
}

void Capture::OnRecorded(lua_State* L) {
  ljo_Recorder r;
  ljo_recorder(L, &r);
  RecordDone done;
  done.trace = r.traceno;
  done.step = step_++;
  done.ir = ReadIr(L, 0, r.nk, std::min(nk_, 0), std::max(nins_, 1), r.nins, vmdef_);
  done.nins = r.nins;
  done.nk = r.nk;
  nins_ = r.nins;
  nk_ = r.nk;
  emit_(std::move(done));
}

void Capture::OnSnapshot(lua_State* L, int snapno) {
  ljo_Recorder r;
  ljo_recorder(L, &r);
  emit_(SnapshotAdded{trace_, ReadSnapshot(L, 0, snapno),
                      ReadIr(L, 0, r.nk, std::min(nk_, 0), std::max(nins_, 1), r.nins, vmdef_)});
}

void Capture::OnTraceStop(lua_State* L, int traceno) {
  ljo_Trace t;
  if (!ljo_trace(L, traceno, &t)) return;
  // A new trace with this number: its exits count from zero.
  for (auto it = exits_.lower_bound({traceno, 0});
       it != exits_.end() && it->first.first == traceno;)
    it = exits_.erase(it);
  ljo_Recorder r;
  ljo_recorder(L, &r);
  TraceStop stop;
  stop.trace = traceno;
  stop.linktype = t.linktype >= 0 && t.linktype < 9 ? kLinkTypes[t.linktype] : "?";
  stop.link = t.link;
  stop.start = start_;
  stop.stop = ToFuncRef(r.fn, vmdef_);
  stop.parent = parent_;
  stop.exitno = exitno_;
  stop.stitch_from = stitch_from_;
  stop.ir = ReadIr(L, traceno, t.nk, 0, 1, t.nins, vmdef_);
  for (int i = 0; i < t.nsnap; ++i) stop.snaps.push_back(ReadSnapshot(L, traceno, i));
  stop.mcode_size = static_cast<int>(t.szmcode);
  stop.mcode_addr = reinterpret_cast<uint64_t>(t.mcode);
  stop.arch = vmdef_.arch;
  if (t.mcode && t.szmcode) {
    static const char kHex[] = "0123456789abcdef";
    const auto* bytes = static_cast<const unsigned char*>(t.mcode);
    stop.mcode.reserve(t.szmcode * 2);
    for (size_t i = 0; i < t.szmcode; ++i) {
      stop.mcode += kHex[bytes[i] >> 4];
      stop.mcode += kHex[bytes[i] & 15];
    }
  }
  emit_(std::move(stop));
  trace_ = 0;
}

void Capture::OnTraceAbort(lua_State* L, int traceno) {
  TraceAbort abort;
  abort.trace = traceno;
  abort.reason = FormatTraceError(L, &abort.code, &abort.where);
  abort.start = start_;
  abort.parent = parent_;
  abort.exitno = exitno_;
  abort.stitch_from = stitch_from_;
  emit_(std::move(abort));
  trace_ = 0;
}

void Capture::OnStitch(lua_State* L, int phase, int errcode) {
  StitchStep s;
  s.trace = trace_;
  s.phase = static_cast<StitchStep::Phase>(phase);
  s.errcode = errcode;
  ljo_Recorder r;
  ljo_recorder(L, &r);
  s.ffname = ToFuncRef(r.fn, vmdef_).loc;
  if (s.phase == StitchStep::Phase::kResult && errcode != 0) {
    int code = 0;
    FuncRef where;
    stitch_error_ = FormatTraceError(L, &code, &where);
  }
  if (errcode != 0) s.error = stitch_error_;
  s.stack = ReadStack(L);
  s.slots = ReadSlots(L);
  emit_(std::move(s));
}

void Capture::OnHot(lua_State* L, int kind, const void* proto, int pc) {
  HotCounter hot;
  hot.kind = kind == LJO_HOT_EXIT ? "exit" : "loop";
  ljo_Func at;
  ljo_proto_pos(proto, pc, &at);
  hot.at = ToFuncRef(at, vmdef_);
  if (kind == LJO_HOT_EXIT) {
    ljo_Recorder r;
    ljo_recorder(L, &r);
    hot.parent = r.parent;
    hot.exitno = r.exitno;
  }
  emit_(std::move(hot));
}

// A hot loop exits thousands of times: after the first few exits of a trace's
// exit only the power-of-two ones become events (and one that starts a side
// trace); EmitExitCounts() has the totals.
constexpr uint64_t kExitsInFull = 3;

void Capture::OnTraceExit(int traceno, int exitno, const void* proto, int pc, bool started) {
  const uint64_t count = ++exits_[{traceno, exitno}];
  if (count > kExitsInFull && (count & (count - 1)) != 0 && !started) return;
  TraceExit exit;
  exit.trace = traceno;
  exit.exitno = exitno;
  exit.count = count;
  exit.side_started = started;
  if (proto) {
    ljo_Func at;
    ljo_proto_pos(proto, pc, &at);
    exit.at = ToFuncRef(at, vmdef_);
  }
  emit_(std::move(exit));
}

void Capture::OnTraceCompiled(int traceno, unsigned bytes, unsigned ns, const char* error,
                              const char* listing) {
  emit_(TraceCompiled{traceno, bytes, ns / 1e6, error ? error : "", listing ? listing : ""});
}

void Capture::EmitExitCounts() {
  if (exits_.empty()) return;
  ExitCounts totals;
  for (const auto& [key, count] : exits_) totals.counts.push_back({key.first, key.second, count});
  emit_(std::move(totals));
}

void Capture::OnPenalty(lua_State*, const void* proto, int pc, bool blacklisted) {
  ljo_Func at;
  ljo_proto_pos(proto, pc, &at);
  emit_(Penalty{ToFuncRef(at, vmdef_), blacklisted});
}

void Capture::OnFault(lua_State*, int point) {
  emit_(FaultInjected{FaultPointName(point), 0, 0, 0});
}

void Capture::OnAssert(const char* file, int line, const char* func, const char* msg) {
  std::string name = file ? file : "";
  name.erase(0, name.find_last_of('/') + 1);  // the build directory means nothing to users
  emit_(AssertFailure{name, line, func ? func : "", msg ? msg : ""});
}

}  // namespace ljp
