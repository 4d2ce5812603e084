// Allocation sweeps: fail the k-th allocation made while recording, for
// k = 1..K, each run in an engine process, and classify what happened.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine_request.h"
#include "expected.h"

namespace ljp {

struct SweepRun {
  enum class Outcome { kRecovered, kAssertion, kCrash, kHang, kWrongOutput, kNotReached };
  uint64_t k = 0;
  Outcome outcome = Outcome::kRecovered;
  std::string detail;  // abort reason, assertion text, crash message, ...
};

struct SweepResult {
  std::string reference_output;  // the program with the JIT off
  std::vector<SweepRun> runs;
  int Count(SweepRun::Outcome outcome) const;
  bool AllRecovered() const;
};

const char* OutcomeName(SweepRun::Outcome outcome);

// Runs the sweep. `request` carries the program and options (its faults are
// replaced by alloc=k). Stops early once the fault is no longer reached.
// progress (optional) sees each run as it finishes.
Expected<SweepResult> Sweep(const EngineRequest& request, uint64_t max_k,
                            const std::string& engine_path,
                            const std::function<void(const SweepRun&)>& progress = nullptr);

}  // namespace ljp
