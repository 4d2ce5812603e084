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

// What a run with a fault armed did, against the program's JIT-off output:
// its fault fired (a fault event whose name starts with `fault`, else not
// reached: not_reached says why), and then the program recovered, or hit an
// assertion, a crash, the time budget, or printed something else. k is the
// run's number in a sweep (0 elsewhere).
SweepRun ClassifyRun(uint64_t k, const Timeline& t, const std::string& reference,
                     const std::string& fault, const std::string& not_reached);
std::string OutputOf(const Timeline& t);

// Runs the sweep. `request` carries the program and options (its faults are
// replaced by alloc=k). Stops early once the fault is no longer reached.
// progress (optional) sees each run as it finishes.
Expected<SweepResult> Sweep(const EngineRequest& request, uint64_t max_k,
                            const std::string& engine_path,
                            const std::function<void(const SweepRun&)>& progress = nullptr);

}  // namespace ljp
