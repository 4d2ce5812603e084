#include "session.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>

#include "capture.h"
#include "fd_redirect.h"
#include "jit_modules.h"
#include "lua.hpp"

extern "C" {
#include "luajit_observe.h"
}

namespace ljp {
namespace {

using Clock = std::chrono::steady_clock;

// Wraps LuaJIT's own allocator (so addresses, and with them hash layouts,
// stay as in stock LuaJIT) to count the heap and refuse growth past the budget.
// It also fails allocations made while a trace is recorded, for fault plans.
struct Allocator {
  lua_Alloc inner = nullptr;
  void* inner_ud = nullptr;
  int64_t in_use = 0;
  uint64_t limit = 0;
  bool exceeded = false;
  // Allocation faults (alloc=N, alloc-doubling).
  lua_State* L = nullptr;
  uint64_t fail_nth = 0;
  bool fail_doubling = false;
  uint64_t recording_allocations = 0;
  std::function<void(const char*, uint64_t, size_t, size_t)> on_fault;

  bool FailWhileRecording(void* ptr, size_t osize, size_t nsize) {
    // Like Lua's, LuaJIT's allocator contract says shrinking never fails.
    if (!L || nsize == 0 || (ptr && nsize <= osize) || !ljo_in_compiler(L)) return false;
    const uint64_t n = ++recording_allocations;
    if (n == fail_nth) {
      on_fault("alloc", n, ptr ? osize : 0, nsize);
      return true;
    }
    if (fail_doubling && ptr && osize > 0 && nsize == 2 * osize) {
      on_fault("alloc-doubling", n, osize, nsize);
      return true;
    }
    return false;
  }

  static void* Alloc(void* ud, void* ptr, size_t osize, size_t nsize) {
    auto* self = static_cast<Allocator*>(ud);
    if ((self->fail_nth || self->fail_doubling) && self->FailWhileRecording(ptr, osize, nsize)) {
      return nullptr;
    }
    const int64_t grow = static_cast<int64_t>(nsize) - static_cast<int64_t>(ptr ? osize : 0);
    if (self->limit && grow > 0 && self->in_use + grow > static_cast<int64_t>(self->limit)) {
      self->exceeded = true;
      return nullptr;
    }
    void* p = self->inner(self->inner_ud, ptr, osize, nsize);
    if (p || nsize == 0) self->in_use += grow;
    return p;
  }
};

// Sends the program's stdout (fd 1) to a temporary file while it runs, so that
// output can be put in the timeline in order with the recorder's events.
class OutputCapture {
 public:
  explicit OutputCapture(bool enabled) {
    if (!enabled) return;
    std::fflush(stdout);
    file_ = std::tmpfile();
    if (!file_) return;
    saved_ = DupFd(STDOUT_FILENO);
    RedirectFd(fileno(file_), STDOUT_FILENO);
  }
  ~OutputCapture() {
    if (saved_ < 0) return;
    std::fflush(stdout);
    RedirectFd(saved_, STDOUT_FILENO);
    CloseDupFd(saved_);
    std::fclose(file_);
  }
  OutputCapture(const OutputCapture&) = delete;
  OutputCapture& operator=(const OutputCapture&) = delete;

  // Output written since the last call.
  std::string Drain() {
    if (saved_ < 0) return {};
    std::fflush(stdout);
    std::string out;
    char buf[8192];
    ssize_t n;
    while ((n = pread(fileno(file_), buf, sizeof(buf), offset_)) > 0) {
      out.append(buf, n);
      offset_ += n;
    }
    return out;
  }
  // Writes to the real stdout (the one before capture).
  void Echo(const std::string& text) {
    if (saved_ < 0 || text.empty()) return;
    size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = write(saved_, text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += n;
    }
  }

 private:
  FILE* file_ = nullptr;
  int saved_ = -1;
  off_t offset_ = 0;
};

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
  Allocator alloc;
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
         " bytes";
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

Timeline Session::Run(std::string_view source, const std::string& chunkname, TimelineSink* sink) {
  Timeline timeline;
  timeline.chunkname = chunkname;
  timeline.source = std::string(source);
  for (const Fault& fault : options_.faults) timeline.faults.push_back(FaultName(fault));
  timeline.stitch_mode = StitchModeName(options_.stitch_mode);
  timeline.assertions = LuajitHasAssertions();
  for (const JitSetting& setting : options_.settings) {
    const bool command = setting.kind == JitSetting::Kind::kCommand;
    timeline.options.push_back((command ? "-j" : "-O") + setting.text);
    if (command && (setting.text == "on" || setting.text == "off")) {
      timeline.jit = setting.text == "on";
    }
  }

  RunState run;
  run.options = &options_;
  const Budgets& budgets = options_.budgets;

  lua_State* L = luaL_newstate();
  if (!L) {
    timeline.events.push_back({0, EndOfRun(RunStatus::kError, "cannot create a Lua state")});
    return timeline;
  }
  lua_gc(L, LUA_GCSTOP, 0);
  luaL_openlibs(L);
  ljp_preload_jit_modules(L);
  lua_gc(L, LUA_GCRESTART, -1);
  // Name tables only when recording a timeline: loading jit.vmdef grows the
  // heap, which would change when the GC runs compared with stock LuaJIT.
  if (options_.capture) timeline.vmdef = ReadVmDef(L);
  if (sink) sink->Header(timeline);

  // Event plumbing: output first, so it stays in order with the events.
  OutputCapture output(options_.capture_output);
  uint64_t seq = 0;
  size_t timeline_bytes = 0;
  size_t output_bytes = 0;
  bool truncated = false;
  auto append = [&](EventBody body) {
    const size_t size = EstimateSize(body);
    const bool essential =
        std::holds_alternative<RunEnd>(body) || std::holds_alternative<RunError>(body) ||
        std::holds_alternative<BudgetExceeded>(body) || std::holds_alternative<AssertFailure>(body);
    if (!essential && timeline_bytes + size > budgets.timeline_bytes) {
      if (!truncated) {
        truncated = true;
        Event cap{seq++, Truncated{budgets.timeline_bytes}};
        if (sink) sink->Append(cap);
        timeline.events.push_back(std::move(cap));
      }
      return;
    }
    timeline_bytes += size;
    Event event{seq++, std::move(body)};
    if (sink) sink->Append(event);
    timeline.events.push_back(std::move(event));
  };
  auto drain = [&]() {
    std::string text = output.Drain();
    if (text.empty()) return;
    if (options_.echo_output) output.Echo(text);
    if (output_bytes >= budgets.output_bytes) return;
    if (output_bytes + text.size() > budgets.output_bytes) {
      text.resize(budgets.output_bytes - output_bytes);
    }
    output_bytes += text.size();
    append(Output{std::move(text)});
  };
  auto emit = [&](EventBody body) {
    // Output can only appear between recorder events, not inside a bytecode.
    if (!std::holds_alternative<RecordStep>(body) && !std::holds_alternative<RecordDone>(body) &&
        !std::holds_alternative<SnapshotAdded>(body) &&
        !std::holds_alternative<FaultInjected>(body) &&
        !std::holds_alternative<ProtoListing>(body)) {
      drain();
    }
    const bool is_assert = std::holds_alternative<AssertFailure>(body);
    append(std::move(body));
    if (is_assert) {  // LuaJIT aborts the process right after this.
      append(EndOfRun(RunStatus::kAssert, "LuaJIT assertion failed"));
      if (sink) sink->Flush();
    }
  };

  // Settings, in order, as luajit's -j and -O options apply them.
  std::string setup_error;
  for (const JitSetting& setting : options_.settings) {
    if (!ApplySetting(L, setting, &setup_error)) break;
  }
  if (setup_error.empty() && options_.prng_seed) {
    lua_getglobal(L, "jit");
    lua_getfield(L, -1, "prngstate");
    const std::array<uint32_t, 8> state = JitPrngState(*options_.prng_seed);
    lua_createtable(L, 8, 0);
    for (int i = 0; i < 8; ++i) {
      lua_pushnumber(L, state[i]);
      lua_rawseti(L, -2, i + 1);
    }
    if (lua_pcall(L, 1, 0, 0) != 0) {
      setup_error = lua_tostring(L, -1) ? lua_tostring(L, -1) : "cannot seed the JIT's PRNG";
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  // The fault plan: maxsnap is a jit.opt parameter, named faults are armed in
  // LuaJIT, allocation faults live in the allocator (below).
  unsigned int points = 0;
  for (const Fault& fault : options_.faults) {
    switch (fault.kind) {
      case Fault::Kind::kMaxsnap:
        if (setup_error.empty()) {
          ApplySetting(L, {JitSetting::Kind::kOptimization, "maxsnap=" + std::to_string(fault.arg)},
                       &setup_error);
        }
        break;
      case Fault::Kind::kIrGrow:
        points |= LJO_FAULT_IRGROW;
        break;
      case Fault::Kind::kIrGrowCanon:
        points |= LJO_FAULT_IRGROW_CANON;
        break;
      case Fault::Kind::kSnapGrow:
        points |= LJO_FAULT_SNAPGROW;
        break;
      case Fault::Kind::kSnapGrowStitch:
        points |= LJO_FAULT_SNAPGROW_STITCH;
        break;
      case Fault::Kind::kIrConst:
        points |= LJO_FAULT_IRCONST;
        break;
      case Fault::Kind::kAlloc:
        run.alloc.fail_nth = fault.arg;
        break;
      case Fault::Kind::kAllocDoubling:
        run.alloc.fail_doubling = true;
        break;
    }
  }
  ljo_arm_faults(L, points);
  // The protocol's StitchMode is LuaJIT's ljo_StitchMode, value for value.
  static_assert(static_cast<int>(StitchMode::kFull) == LJO_STITCH_MODE_FULL &&
                static_cast<int>(StitchMode::kUnprotected) == LJO_STITCH_MODE_UNPROTECTED &&
                static_cast<int>(StitchMode::kPrecheck2021) == LJO_STITCH_MODE_PRECHECK_2021 &&
                static_cast<int>(StitchMode::kCpcall2024) == LJO_STITCH_MODE_CPCALL_2024 &&
                static_cast<int>(StitchMode::kRecerr2024) == LJO_STITCH_MODE_RECERR_2024);
  ljo_set_stitch_mode(L, static_cast<int>(options_.stitch_mode));
  SetScriptArgs(L, chunkname, options_);

  // Budgets.
  // The counting allocator only when a budget or a fault needs it.
  run.alloc.inner = lua_getallocf(L, &run.alloc.inner_ud);
  run.alloc.limit = budgets.memory_bytes;
  run.alloc.L = L;
  if (run.alloc.limit || run.alloc.fail_nth || run.alloc.fail_doubling) {
    lua_setallocf(L, Allocator::Alloc, &run.alloc);
  }
  run.alloc.on_fault = [&](const char* name, uint64_t n, size_t osize, size_t nsize) {
    emit(FaultInjected{name == std::string("alloc") ? "alloc=" + std::to_string(n) : name, n, osize,
                       nsize});
  };
  lua_pushlightuserdata(L, &run);
  lua_setfield(L, LUA_REGISTRYINDEX, "ljplay.run");
  if (budgets.wall_seconds > 0) {
    run.has_deadline = true;
    run.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(budgets.wall_seconds));
  }
  if (!timeline.jit && (budgets.instructions || run.has_deadline)) {
    lua_sethook(L, BudgetHook, LUA_MASKCOUNT, kHookPeriod);
  }

  std::unique_ptr<Capture> capture;
  if (options_.capture) {
    capture = std::make_unique<Capture>(timeline.vmdef, emit);
    capture->Attach(L);
  }

  RunEnd end = EndOfRun(RunStatus::kOk);
  if (!setup_error.empty()) {
    emit(RunError{"setup", setup_error, ""});
    end = EndOfRun(RunStatus::kError, setup_error);
  } else if (!source.empty() && source[0] == LUA_SIGNATURE[0]) {
    const std::string msg = chunkname + ": binary chunks are refused; give Lua source text";
    emit(RunError{"load", msg, ""});
    end = EndOfRun(RunStatus::kError, msg);
  } else if (std::string storage;
             (source = SkipShebang(source, storage)),
             luaL_loadbufferx(L, source.data(), source.size(), ("@" + chunkname).c_str(), "t")) {
    const std::string msg = lua_tostring(L, -1) ? lua_tostring(L, -1) : "cannot load";
    lua_pop(L, 1);
    emit(RunError{"syntax", msg, ""});
    end = EndOfRun(RunStatus::kError, msg);
  } else {
    lua_pushcfunction(L, AddTraceback);
    lua_insert(L, -2);
    for (const std::string& a : options_.args) lua_pushstring(L, a.c_str());
    const int status = lua_pcall(L, static_cast<int>(options_.args.size()), 0,
                                 -2 - static_cast<int>(options_.args.size()));
    if (status != 0) {
      std::string text = lua_tostring(L, -1) ? lua_tostring(L, -1) : "(error)";
      lua_pop(L, 1);
      const size_t tb = text.find("\nstack traceback:");
      const std::string message = text.substr(0, tb);
      const std::string traceback = tb == std::string::npos ? "" : text.substr(tb + 1);
      const char* budget = run.stopped_by                               ? run.stopped_by
                           : run.alloc.exceeded && status == LUA_ERRMEM ? "memory"
                                                                        : nullptr;
      if (!budget && run.alloc.exceeded && message.find("not enough memory") != std::string::npos) {
        budget = "memory";
      }
      if (budget) {
        const std::string msg = BudgetMessage(budget, budgets);
        emit(BudgetExceeded{budget, BudgetLimit(budget, budgets), msg});
        end = EndOfRun(RunStatus::kBudget, msg);
      } else {
        emit(RunError{status == LUA_ERRMEM ? "memory" : "runtime", message, traceback});
        end = EndOfRun(RunStatus::kError, message);
      }
    }
    lua_pop(L, 1);  // traceback handler
  }
  drain();
  if (output_bytes >= budgets.output_bytes && end.status == RunStatus::kOk) {
    const std::string msg = BudgetMessage("output", budgets);
    append(BudgetExceeded{"output", budgets.output_bytes, msg});
  }
  lua_sethook(L, nullptr, 0, 0);
  lua_setallocf(L, run.alloc.inner, run.alloc.inner_ud);
  // The observer stays for lua_close: LuaJIT checks its memory accounting
  // there, and such an assertion belongs in the timeline too.
  lua_close(L);
  ljo_set_observer(nullptr, nullptr);
  append(std::move(end));
  if (sink) sink->Flush();
  return timeline;
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
