// What a Session is asked to do: jit.opt settings, the script's arguments,
// the fault plan, the stitch mode and budgets; and the sink a timeline is
// streamed to. Plain values of the protocol (engine requests carry them), so
// viewers can build them without the engine that runs them (session.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fault_plan.h"
#include "timeline.h"

namespace ljp {

struct Budgets {
  // Bytecodes run by the interpreter, checked when the JIT is off (a count
  // hook would abort every trace being recorded). 0: no limit.
  uint64_t instructions = 0;
  // Wall time. Checked in-process together with the instruction count; a
  // JIT-compiled loop can only be stopped from outside (RunInEngine).
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
  std::vector<Finding> unfixed;  // found LuaJIT bugs shown unfixed (--unfixed)
  Budgets budgets;
  // Run traces where they are not machine code (the portable target's C VM
  // runs their IR). Off: traces are recorded, the interpreter runs on.
  bool trace_exec = true;
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
  // The same, for an event the caller no longer needs.
  virtual void Take(Event&& event) { Append(event); }
  virtual void Flush() {}
};

}  // namespace ljp
