#include "session.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "budget_allocator.h"
#include "capture.h"
#include "jit_modules.h"
#include "lua.hpp"
#include "output_capture.h"

extern "C" {
#include "luajit_observe.h"
// LuaJIT's table of IR operand modes (lj_ir.c), by IR op; not in any public header.
extern const uint8_t lj_ir_mode[];
}

namespace ljp {
namespace {

using Clock = std::chrono::steady_clock;

// Rough size of an event in memory, for the timeline cap.
size_t EstimateSize(const EventBody& body) {
  size_t size = sizeof(Event);
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, RecordStep>) {
          size += b.bc.size() + b.slots.slots.size() * 4;
        } else if constexpr (std::is_same_v<T, RecordDone>) {
          size += b.ir.size() * sizeof(IrIns);
        } else if constexpr (std::is_same_v<T, TraceStop>) {
          size += b.ir.size() * sizeof(IrIns);
          for (const Snapshot& s : b.snaps) size += sizeof(Snapshot) + s.entries.size() * 4;
        } else if constexpr (std::is_same_v<T, StitchStep>) {
          size += b.stack.frames.size() * sizeof(StackFrame) + b.stack.values.size() * 24 +
                  b.slots.slots.size() * 4;
        } else if constexpr (std::is_same_v<T, Output>) {
          size += b.text.size();
        } else if constexpr (std::is_same_v<T, ProtoListing>) {
          for (const ProtoListing::Line& l : b.lines) size += sizeof(l) + l.text.size();
        }
      },
      body);
  return size;
}

std::vector<std::string> StringList(lua_State* L, int table, bool names6) {
  std::vector<std::string> out;
  if (lua_type(L, table) == LUA_TSTRING) {  // bcnames/irnames: 6 characters per name
    size_t len = 0;
    const char* s = lua_tolstring(L, table, &len);
    for (size_t i = 0; i + 6 <= len; i += 6) out.emplace_back(s + i, 6);
    return out;
  }
  if (lua_type(L, table) != LUA_TTABLE) return out;
  for (int i = 0;; ++i) {
    lua_rawgeti(L, table, i);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      if (i == 0) continue;  // some tables start at 1
      break;
    }
    const char* s = lua_tostring(L, -1);
    out.emplace_back(s ? s : "");
    lua_pop(L, 1);
  }
  (void)names6;
  return out;
}

// Reads the name tables from LuaJIT's own jit.vmdef module.
VmDef ReadVmDef(lua_State* L) {
  VmDef vm;
  lua_getglobal(L, "require");
  lua_pushstring(L, "jit.vmdef");
  if (lua_pcall(L, 1, 1, 0) != 0) {
    lua_pop(L, 1);
    return vm;
  }
  const int t = lua_gettop(L);
  const struct {
    const char* key;
    std::vector<std::string>* out;
  } tables[] = {{"bcnames", &vm.bcnames}, {"irnames", &vm.irnames}, {"irfpm", &vm.irfpm},
                {"irfield", &vm.irfield}, {"ircall", &vm.ircall},   {"traceerr", &vm.traceerr},
                {"ffnames", &vm.ffnames}};
  for (const auto& entry : tables) {
    lua_getfield(L, t, entry.key);
    *entry.out = StringList(L, lua_gettop(L), true);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  for (size_t op = 0; op < vm.irnames.size(); ++op) vm.irmode.push_back(lj_ir_mode[op]);
  lua_getglobal(L, "jit");
  lua_getfield(L, -1, "version");
  vm.luajit_version = lua_tostring(L, -1) ? lua_tostring(L, -1) : "";
  lua_getfield(L, -2, "arch");
  vm.arch = lua_tostring(L, -1) ? lua_tostring(L, -1) : "";
  lua_pop(L, 3);
  return vm;
}

int AddTraceback(lua_State* L) {
  if (!lua_isstring(L, 1)) {
    if (lua_isnoneornil(L, 1) || !luaL_callmeta(L, 1, "__tostring") || !lua_isstring(L, -1)) {
      lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
  }
  luaL_traceback(L, L, lua_tostring(L, -1), 1);
  return 1;
}

// The state of one run, reachable from the Lua hook.
struct RunState {
  const SessionOptions* options = nullptr;
  BudgetAllocator alloc;
  Clock::time_point deadline{};
  bool has_deadline = false;
  uint64_t instructions = 0;
  const char* stopped_by = nullptr;  // budget that ended the run
};

constexpr int kHookPeriod = 1000;

RunState* StateOf(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "ljplay.run");
  auto* run = static_cast<RunState*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return run;
}

// Count hook (JIT off): instruction and wall-time budgets. Once a budget is
// exceeded every instruction raises the error, so pcall cannot swallow it.
void BudgetHook(lua_State* L, lua_Debug*) {
  RunState* run = StateOf(L);
  if (!run->stopped_by) {
    run->instructions += kHookPeriod;
    const Budgets& b = run->options->budgets;
    if (b.instructions && run->instructions > b.instructions) {
      run->stopped_by = "instructions";
    } else if (run->has_deadline && Clock::now() > run->deadline) {
      run->stopped_by = "wall-time";
    }
    if (!run->stopped_by) return;
    lua_sethook(L, BudgetHook, LUA_MASKCOUNT, 1);
  }
  luaL_error(L, "%s budget exceeded", run->stopped_by);
}

std::string BudgetMessage(const std::string& budget, const Budgets& b) {
  if (budget == "instructions") {
    return "instruction budget exceeded: the program ran more than " +
           std::to_string(b.instructions) + " bytecodes";
  }
  if (budget == "wall-time") return WallTimeMessage(b.wall_seconds);
  if (budget == "memory") {
    return "memory budget exceeded: the program needed more than " +
           std::to_string(b.memory_bytes) + " bytes";
  }
  return "output budget exceeded: the program wrote more than " + std::to_string(b.output_bytes) +
         " bytes; the rest was not kept (raise the budget with --max-output BYTES, on the "
         "command line or a '-- ljplay:' line)";
}

uint64_t BudgetLimit(const std::string& budget, const Budgets& b) {
  if (budget == "instructions") return b.instructions;
  if (budget == "wall-time") return static_cast<uint64_t>(b.wall_seconds * 1000);
  if (budget == "memory") return b.memory_bytes;
  return b.output_bytes;
}

// Pushes the comma-separated arguments of "a,b,c"; returns their count.
int PushCommaArgs(lua_State* L, std::string_view text) {
  int count = 0;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    lua_pushlstring(L, item.data(), item.size());
    ++count;
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return count;
}

// "-jcmd=args": a function of the jit library (on, off, flush) or start() of
// module jit.cmd (v, dump, p, ...). "-Oparams": jit.opt.start(params).
bool ApplySetting(lua_State* L, const JitSetting& setting, std::string* error) {
  const std::string_view text = setting.text;
  int nargs = 0;
  if (setting.kind == JitSetting::Kind::kOptimization) {
    lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
    lua_getfield(L, -1, "jit.opt");
    lua_getfield(L, -1, "start");
    lua_replace(L, -3);
    lua_pop(L, 1);
    nargs = PushCommaArgs(L, text);
  } else {
    const size_t eq = text.find('=');
    const std::string name(text.substr(0, eq));
    lua_getglobal(L, "jit");
    lua_getfield(L, -1, name.c_str());
    lua_remove(L, -2);
    if (!lua_isfunction(L, -1)) {
      lua_pop(L, 1);
      lua_getglobal(L, "require");
      lua_pushstring(L, ("jit." + name).c_str());
      if (lua_pcall(L, 1, 1, 0) != 0) {
        *error = "unknown -j command '" + name + "': " + lua_tostring(L, -1);
        lua_pop(L, 1);
        return false;
      }
      lua_getfield(L, -1, "start");
      lua_remove(L, -2);
      if (!lua_isfunction(L, -1)) {
        *error = "module jit." + name + " has no start function";
        lua_pop(L, 1);
        return false;
      }
    }
    if (eq != std::string_view::npos) nargs = PushCommaArgs(L, text.substr(eq + 1));
  }
  if (lua_pcall(L, nargs, 0, 0) != 0) {
    *error = lua_tostring(L, -1) ? lua_tostring(L, -1) : "bad setting";
    lua_pop(L, 1);
    return false;
  }
  return true;
}

// arg[0] is the script, arg[1..n] its arguments, as in the stock front end.
void SetScriptArgs(lua_State* L, const std::string& chunkname, const SessionOptions& options) {
  lua_createtable(L, static_cast<int>(options.args.size()), 2);
  lua_pushstring(L, options.program_name.c_str());
  lua_rawseti(L, -2, -1);
  lua_pushstring(L, chunkname.c_str());
  lua_rawseti(L, -2, 0);
  for (size_t i = 0; i < options.args.size(); ++i) {
    lua_pushstring(L, options.args[i].c_str());
    lua_rawseti(L, -2, static_cast<int>(i + 1));
  }
  lua_setglobal(L, "arg");
}

// luaL_loadfile skips a first line starting with '#' (a shebang); so do we,
// keeping line numbers.
std::string_view SkipShebang(std::string_view source, std::string& storage) {
  if (source.empty() || source[0] != '#') return source;
  const size_t nl = source.find('\n');
  storage = nl == std::string_view::npos ? "" : std::string(source.substr(nl));
  return storage;
}

}  // namespace

namespace {

// One Session::Run: the Lua state, the timeline being made and the steps of
// a run, each a member function, in the order Run calls them.
class SessionRun {
 public:
  SessionRun(const SessionOptions& options, TimelineSink* sink)
      : options_(options), budgets_(options.budgets), sink_(sink) {
    run_.options = &options_;
  }
  ~SessionRun() {
    if (L_) lua_close(L_);
  }

  // The timeline's header: the program, its settings, faults and mode.
  void Describe(std::string_view source, const std::string& chunkname);
  // A fresh state with the libraries and the jit.* modules; false if none.
  bool OpenState();
  // -j / -O settings in order, then the JIT's PRNG seed: "" or the error.
  std::string ApplySettings();
  // The fault plan and the stitch mode; a maxsnap fault may fail like a setting.
  void ArmFaults(std::string& setup_error);
  // arg and ... for the script, as the stock front end sets them.
  void SetArgs(const std::string& chunkname) { SetScriptArgs(L_, chunkname, options_); }
  // Memory, instruction and wall-time budgets; allocation faults.
  void InstallBudgets();
  void StartCapture();
  // Loads and runs the program unless setup failed: how it ended.
  RunEnd LoadAndRun(std::string_view source, const std::string& chunkname,
                    const std::string& setup_error);
  // The last output, the output budget, closing the state, the end event.
  Timeline Finish(RunEnd end);

  Timeline TakeUnstarted() { return std::move(timeline_); }

 private:
  void Append(EventBody body);
  void Drain();
  void Emit(EventBody body);

  const SessionOptions& options_;
  const Budgets& budgets_;
  TimelineSink* sink_;
  Timeline timeline_;
  lua_State* L_ = nullptr;
  RunState run_;
  std::optional<OutputCapture> output_;
  std::unique_ptr<Capture> capture_;
  uint64_t seq_ = 0;
  size_t timeline_bytes_ = 0;
  size_t output_bytes_ = 0;
  bool output_cut_ = false;  // output past the budget was dropped
  bool truncated_ = false;
};

void SessionRun::Describe(std::string_view source, const std::string& chunkname) {
  timeline_.chunkname = chunkname;
  timeline_.source = std::string(source);
  for (const Fault& fault : options_.faults) timeline_.faults.push_back(FaultName(fault));
  timeline_.stitch_mode = StitchModeName(options_.stitch_mode);
  for (Finding f : options_.unfixed) timeline_.unfixed.push_back(FindingName(f));
  timeline_.assertions = LuajitHasAssertions();
  for (const JitSetting& setting : options_.settings) {
    const bool command = setting.kind == JitSetting::Kind::kCommand;
    timeline_.options.push_back((command ? "-j" : "-O") + setting.text);
    if (command && (setting.text == "on" || setting.text == "off")) {
      timeline_.jit = setting.text == "on";
    }
  }
}

bool SessionRun::OpenState() {
  L_ = luaL_newstate();
  if (!L_) {
    timeline_.events.push_back({0, EndOfRun(RunStatus::kError, "cannot create a Lua state")});
    return false;
  }
  lua_gc(L_, LUA_GCSTOP, 0);
  luaL_openlibs(L_);
  ljp_preload_jit_modules(L_);
  lua_gc(L_, LUA_GCRESTART, -1);
  // Name tables only when recording a timeline: loading jit.vmdef grows the
  // heap, which would change when the GC runs compared with stock LuaJIT.
  if (options_.capture) timeline_.vmdef = ReadVmDef(L_);
  if (sink_) sink_->Header(timeline_);
  // Output from here on goes into the timeline, in order with the events.
  output_.emplace(options_.capture_output);
  return true;
}

void SessionRun::Append(EventBody body) {
  const size_t size = EstimateSize(body);
  const bool essential =
      std::holds_alternative<RunEnd>(body) || std::holds_alternative<RunError>(body) ||
      std::holds_alternative<BudgetExceeded>(body) || std::holds_alternative<AssertFailure>(body);
  if (!essential && timeline_bytes_ + size > budgets_.timeline_bytes) {
    if (!truncated_) {
      truncated_ = true;
      Event cap{seq_++, Truncated{budgets_.timeline_bytes}};
      if (sink_) sink_->Append(cap);
      timeline_.events.push_back(std::move(cap));
    }
    return;
  }
  timeline_bytes_ += size;
  Event event{seq_++, std::move(body)};
  if (sink_) {
    // The sink has every event; the returned timeline keeps how the run ended.
    if (!essential) {
      sink_->Take(std::move(event));
      return;
    }
    sink_->Append(event);
  }
  timeline_.events.push_back(std::move(event));
}

void SessionRun::Drain() {
  std::string text = output_->Drain();
  if (text.empty()) return;
  if (options_.echo_output) output_->Echo(text);
  if (output_bytes_ + text.size() > budgets_.output_bytes) {
    output_cut_ = true;
    text.resize(budgets_.output_bytes - output_bytes_);
    if (text.empty()) return;
  }
  output_bytes_ += text.size();
  Append(Output{std::move(text)});
}

void SessionRun::Emit(EventBody body) {
  // Output can only appear between recorder events, not inside a bytecode.
  if (!std::holds_alternative<RecordStep>(body) && !std::holds_alternative<RecordDone>(body) &&
      !std::holds_alternative<SnapshotAdded>(body) &&
      !std::holds_alternative<FaultInjected>(body) && !std::holds_alternative<ProtoListing>(body)) {
    Drain();
  }
  const bool is_assert = std::holds_alternative<AssertFailure>(body);
  Append(std::move(body));
  if (is_assert) {  // LuaJIT aborts the process right after this.
    Append(EndOfRun(RunStatus::kAssert, "LuaJIT assertion failed"));
    if (sink_) sink_->Flush();
  }
}

std::string SessionRun::ApplySettings() {
  std::string error;
  for (const JitSetting& setting : options_.settings) {
    if (!ApplySetting(L_, setting, &error)) return error;
  }
  if (!ljo_set_trace_exec(L_, options_.trace_exec ? 1 : 0)) {
    return "--trace-exec off: this build's traces are machine code, they always run";
  }
  if (!options_.prng_seed) return "";
  lua_getglobal(L_, "jit");
  lua_getfield(L_, -1, "prngstate");
  const std::array<uint32_t, 8> state = JitPrngState(*options_.prng_seed);
  lua_createtable(L_, 8, 0);
  for (int i = 0; i < 8; ++i) {
    lua_pushnumber(L_, state[i]);
    lua_rawseti(L_, -2, i + 1);
  }
  if (lua_pcall(L_, 1, 0, 0) != 0) {
    error = lua_tostring(L_, -1) ? lua_tostring(L_, -1) : "cannot seed the JIT's PRNG";
    lua_pop(L_, 1);
  }
  lua_pop(L_, 1);
  return error;
}

// The LuaJIT fault points (LJO_FAULT_* bits) each kind of fault arms, by
// Fault::Kind; 0 for the kinds armed elsewhere (maxsnap, alloc, alloc-doubling).
constexpr std::array<unsigned int, kFaultKinds> kFaultPoints = [] {
  std::array<unsigned int, kFaultKinds> p{};
  const auto at = [&p](Fault::Kind k) -> unsigned int& { return p[static_cast<size_t>(k)]; };
  at(Fault::Kind::kIrGrow) = LJO_FAULT_IRGROW;
  at(Fault::Kind::kIrGrowCanon) = LJO_FAULT_IRGROW_CANON;
  at(Fault::Kind::kSnapGrow) = LJO_FAULT_SNAPGROW;
  at(Fault::Kind::kSnapGrowStitch) = LJO_FAULT_SNAPGROW_STITCH;
  at(Fault::Kind::kIrConst) = LJO_FAULT_IRCONST;
  at(Fault::Kind::kTraceGrow) = LJO_FAULT_TRACEGROW;
  at(Fault::Kind::kTraceGrowAlways) = LJO_FAULT_TRACEGROW | LJO_FAULT_STICKY;
  at(Fault::Kind::kStrNew) = LJO_FAULT_STRNEW;
  at(Fault::Kind::kLoopSubst) = LJO_FAULT_LOOPSUBST;
  return p;
}();

void SessionRun::ArmFaults(std::string& setup_error) {
  // maxsnap is a jit.opt parameter, named faults are armed in LuaJIT,
  // allocation faults live in the allocator (InstallBudgets).
  unsigned int points = 0;
  for (const Fault& fault : options_.faults) {
    if (fault.kind == Fault::Kind::kMaxsnap) {
      if (setup_error.empty()) {
        ApplySetting(L_, {JitSetting::Kind::kOptimization, "maxsnap=" + std::to_string(fault.arg)},
                     &setup_error);
      }
    } else if (fault.kind == Fault::Kind::kAlloc) {
      run_.alloc.fail_nth = fault.arg;
    } else if (fault.kind == Fault::Kind::kAllocDoubling) {
      run_.alloc.fail_doubling = true;
    } else {
      points |= kFaultPoints[static_cast<size_t>(fault.kind)];
    }
  }
  ljo_arm_faults(L_, points);
  // The protocol's StitchMode is LuaJIT's ljo_StitchMode, value for value.
  static_assert(static_cast<int>(StitchMode::kFull) == LJO_STITCH_MODE_FULL &&
                static_cast<int>(StitchMode::kUnprotected) == LJO_STITCH_MODE_UNPROTECTED &&
                static_cast<int>(StitchMode::kPrecheck2021) == LJO_STITCH_MODE_PRECHECK_2021 &&
                static_cast<int>(StitchMode::kCpcall2024) == LJO_STITCH_MODE_CPCALL_2024 &&
                static_cast<int>(StitchMode::kRecerr2024) == LJO_STITCH_MODE_RECERR_2024);
  ljo_set_stitch_mode(L_, static_cast<int>(options_.stitch_mode));
  // Finding i is LJO_UNFIX_* bit i.
  static_assert(1 << static_cast<int>(Finding::kLoopSubstOom) == LJO_UNFIX_LOOP_SUBST &&
                1 << static_cast<int>(Finding::kAbortStaleStart) == LJO_UNFIX_ABORT_STALE &&
                1 << static_cast<int>(Finding::kRoundString) == LJO_UNFIX_ROUND_STRING &&
                1 << static_cast<int>(Finding::kHotCallOom) == LJO_UNFIX_HOTCALL_OOM);
  unsigned int unfixed = 0;
  for (Finding f : options_.unfixed) unfixed |= 1u << static_cast<int>(f);
  ljo_set_unfixed(L_, unfixed);
}

void SessionRun::InstallBudgets() {
  // The budget allocator only when a budget or a fault needs it.
  BudgetAllocator& alloc = run_.alloc;
  alloc.inner = lua_getallocf(L_, &alloc.inner_ud);
  alloc.limit = budgets_.memory_bytes;
  alloc.L = L_;
  if (alloc.Needed()) lua_setallocf(L_, BudgetAllocator::Alloc, &alloc);
  alloc.on_fault = [this](const char* name, uint64_t n, size_t osize, size_t nsize) {
    Emit(FaultInjected{name == std::string("alloc") ? "alloc=" + std::to_string(n) : name, n, osize,
                       nsize});
  };
  lua_pushlightuserdata(L_, &run_);
  lua_setfield(L_, LUA_REGISTRYINDEX, "ljplay.run");
  if (budgets_.wall_seconds > 0) {
    run_.has_deadline = true;
    run_.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(budgets_.wall_seconds));
  }
  if (!timeline_.jit && (budgets_.instructions || run_.has_deadline)) {
    lua_sethook(L_, BudgetHook, LUA_MASKCOUNT, kHookPeriod);
  }
}

void SessionRun::StartCapture() {
  if (!options_.capture) return;
  capture_ =
      std::make_unique<Capture>(timeline_.vmdef, [this](EventBody b) { Emit(std::move(b)); });
  if (timeline_.jit && run_.has_deadline) {
    // With the JIT on there is no count hook (it would abort every trace being
    // recorded). In a process of its own the engine is killed at the deadline;
    // in-process (wasm) the C VM's pauses check it, on trace too.
    capture_->SetPause([](lua_State* L) {
      RunState* run = StateOf(L);
      if (!run->stopped_by && Clock::now() > run->deadline) run->stopped_by = "wall-time";
      if (!run->stopped_by) return;
      // From now on every interpreted instruction raises it too (as BudgetHook
      // does), so a pcall around the loop cannot swallow it.
      lua_sethook(L, BudgetHook, LUA_MASKCOUNT, 1);
      luaL_error(L, "%s budget exceeded", run->stopped_by);
    });
  }
  capture_->Attach(L_);
}

RunEnd SessionRun::LoadAndRun(std::string_view source, const std::string& chunkname,
                              const std::string& setup_error) {
  if (!setup_error.empty()) {
    Emit(RunError{"setup", setup_error, ""});
    return EndOfRun(RunStatus::kError, setup_error);
  }
  if (!source.empty() && source[0] == LUA_SIGNATURE[0]) {
    const std::string msg = chunkname + ": binary chunks are refused; give Lua source text";
    Emit(RunError{"load", msg, ""});
    return EndOfRun(RunStatus::kError, msg);
  }
  std::string storage;
  source = SkipShebang(source, storage);
  if (luaL_loadbufferx(L_, source.data(), source.size(), ("@" + chunkname).c_str(), "t")) {
    const std::string msg = lua_tostring(L_, -1) ? lua_tostring(L_, -1) : "cannot load";
    lua_pop(L_, 1);
    Emit(RunError{"syntax", msg, ""});
    return EndOfRun(RunStatus::kError, msg);
  }
  lua_pushcfunction(L_, AddTraceback);
  lua_insert(L_, -2);
  for (const std::string& a : options_.args) lua_pushstring(L_, a.c_str());
  const int nargs = static_cast<int>(options_.args.size());
  const int status = lua_pcall(L_, nargs, 0, -2 - nargs);
  RunEnd end = EndOfRun(RunStatus::kOk);
  if (status != 0) {
    std::string text = lua_tostring(L_, -1) ? lua_tostring(L_, -1) : "(error)";
    lua_pop(L_, 1);
    const size_t tb = text.find("\nstack traceback:");
    const std::string message = text.substr(0, tb);
    const std::string traceback = tb == std::string::npos ? "" : text.substr(tb + 1);
    const char* budget = run_.stopped_by                               ? run_.stopped_by
                         : run_.alloc.exceeded && status == LUA_ERRMEM ? "memory"
                                                                       : nullptr;
    if (!budget && run_.alloc.exceeded && message.find("not enough memory") != std::string::npos) {
      budget = "memory";
    }
    if (budget) {
      const std::string msg = BudgetMessage(budget, budgets_);
      Emit(BudgetExceeded{budget, BudgetLimit(budget, budgets_), msg});
      end = EndOfRun(RunStatus::kBudget, msg);
    } else {
      Emit(RunError{status == LUA_ERRMEM ? "memory" : "runtime", message, traceback});
      end = EndOfRun(RunStatus::kError, message);
    }
  }
  lua_pop(L_, 1);  // traceback handler
  return end;
}

Timeline SessionRun::Finish(RunEnd end) {
  Drain();
  if (capture_) capture_->EmitExitCounts();
  if (output_cut_ && end.status == RunStatus::kOk) {
    const std::string msg = BudgetMessage("output", budgets_);
    Append(BudgetExceeded{"output", budgets_.output_bytes, msg});
  }
  lua_sethook(L_, nullptr, 0, 0);
  lua_setallocf(L_, run_.alloc.inner, run_.alloc.inner_ud);
  // The observer stays for lua_close: LuaJIT checks its memory accounting
  // there, and such an assertion belongs in the timeline too.
  lua_close(L_);
  L_ = nullptr;
  ljo_set_observer(nullptr, nullptr);
  Append(std::move(end));
  if (sink_) sink_->Flush();
  return std::move(timeline_);
}

}  // namespace

Timeline Session::Run(std::string_view source, const std::string& chunkname, TimelineSink* sink) {
  SessionRun run(options_, sink);
  run.Describe(source, chunkname);
  if (!run.OpenState()) return run.TakeUnstarted();
  std::string setup_error = run.ApplySettings();
  run.ArmFaults(setup_error);
  run.SetArgs(chunkname);
  run.InstallBudgets();
  run.StartCapture();
  return run.Finish(run.LoadAndRun(source, chunkname, setup_error));
}

std::array<uint32_t, 8> JitPrngState(uint32_t seed) {
  // splitmix64 spreads the seed over the four 64-bit words; each word then
  // gets the minimum magnitude lj_prng.c's conditioning requires.
  uint64_t x = seed;
  const uint64_t minimum[4] = {1u << 1, 1u << 6, 1u << 9, 1u << 17};
  std::array<uint32_t, 8> out{};
  for (int i = 0; i < 4; ++i) {
    x += 0x9e3779b97f4a7c15ull;
    uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    if (z < minimum[i]) z += minimum[i];
    out[2 * i] = static_cast<uint32_t>(z);
    out[2 * i + 1] = static_cast<uint32_t>(z >> 32);
  }
  return out;
}

bool LuajitHasAssertions() { return ljo_assertions() != 0; }

}  // namespace ljp
