// A Session runs one Lua program on LuaJIT (full JIT) with jit.opt settings and
// budgets, and records what the trace recorder did into a Timeline.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fault_plan.h"
#include "timeline.h"

namespace ljp {

struct Budgets {
  // Bytecodes run by the interpreter, checked when the JIT is off (a count
  // hook would abort every trace being recorded). 0: no limit.
  uint64_t instructions = 0;
  // Wall time. Checked in-process together with the instruction count; a
  // JIT-compiled loop can only be stopped from outside (RunIsolated).
  double wall_seconds = 0;
  uint64_t memory_bytes = 0;             // Lua heap growth; 0: no limit
  uint64_t output_bytes = 16u << 20;     // program output kept in the timeline
  uint64_t timeline_bytes = 256u << 20;  // events kept (estimated size)
};

// One setting applied before the script runs, in command-line order.
struct JitSetting {
  enum class Kind {
    kCommand,       // luajit -j: "on", "off", "flush", "v", "dump=im", ...
    kOptimization,  // luajit -O: "maxsnap=1", "3", "-fold", ...
  };
  Kind kind;
  std::string text;
};

struct SessionOptions {
  std::vector<JitSetting> settings;
  std::vector<std::string> args;        // the script's arguments: arg[1..n] and ...
  std::string program_name = "ljplay";  // arg[-1]
  // Seed of the JIT compiler's PRNG (it randomizes penalties for aborted
  // traces): a fixed seed makes the same program give the same traces.
  std::optional<uint32_t> prng_seed;
  FaultPlan faults;
  StitchMode stitch_mode = StitchMode::kFull;
  Budgets budgets;
  bool capture = true;         // record the recorder's events
  bool capture_output = true;  // put the program's stdout into the timeline
  bool echo_output = false;    // with capture_output: also pass it through to stdout
};

// Receives the timeline while it is being made, e.g. to stream it to a file
// that survives a crash of the engine.
class TimelineSink {
 public:
  virtual ~TimelineSink() = default;
  virtual void Header(const Timeline& timeline) = 0;
  virtual void Append(const Event& event) = 0;
  virtual void Flush() {}
};

class Session {
 public:
  explicit Session(SessionOptions options) : options_(std::move(options)) {}

  // Runs Lua source text. The returned timeline always ends with a RunEnd
  // event; errors in the program are events, not failures of this call.
  Timeline Run(std::string_view source, const std::string& chunkname, TimelineSink* sink = nullptr);

 private:
  SessionOptions options_;
};

// The jit.prngstate() table (eight 32-bit words) for a seed: a well-mixed,
// valid state for LuaJIT's Tausworthe generator.
std::array<uint32_t, 8> JitPrngState(uint32_t seed);

// Whether this program's LuaJIT was built with LUA_USE_ASSERT.
bool LuajitHasAssertions();

// Exit status a CLI reports for a finished timeline: 0 ok, 1 program error,
// 2 budget exceeded, 3 assertion or crash.
int ExitCodeFor(const Timeline& timeline);

}  // namespace ljp
