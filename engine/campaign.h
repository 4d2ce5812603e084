// Bug-hunting campaigns: every fault point (the named ones, and the k-th
// allocation while recording for every reachable k) over a set of programs
// and JIT settings that make the recorder work hard, each run in an engine
// process, classified against the program's JIT-off output. Runs in parallel,
// resumable (each result is a line in a results file, and a line already
// there is not run again), with a summary by fault point and each failure
// reduced to the shortest command that still shows it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine_request.h"
#include "expected.h"
#include "session_options.h"
#include "sweep.h"

namespace ljp {

struct CampaignPlan {
  std::vector<std::string> programs;  // Lua files
  // The request for a program with `ljplay run` arguments added to its
  // header's (the command line's ViewerRequestFor: the engine layer has no
  // command line).
  std::function<Expected<EngineRequest>(const std::string& program,
                                        const std::vector<std::string>& args)>
      request_for;
  // JIT settings, each a list of `--opt` values ("hotloop=1", "maxsnap=3");
  // an empty list: the program's header only.
  std::vector<std::vector<std::string>> settings;
  std::vector<std::string> named_faults;  // "ir-grow", "trace-grow", ...
  uint64_t max_alloc = 40;                // alloc=1..max_alloc (until not reached)
  std::vector<Finding> unfixed;           // found bugs shown unfixed
  int jobs = 2;
  std::string engine;   // the engine program
  std::string results;  // the results file (JSON Lines); "" keeps none
};

// The settings and faults a campaign uses by default.
std::vector<std::vector<std::string>> DefaultCampaignSettings();
std::vector<std::string> DefaultCampaignFaults();

struct CampaignRun {
  std::string program;
  std::vector<std::string> settings;
  std::string fault;  // "alloc=7", "ir-grow", ...
  SweepRun::Outcome outcome = SweepRun::Outcome::kRecovered;
  bool leak = false;  // an assertion of LuaJIT's memory accounting at close
  std::string detail;
  std::string command;  // the shortest `ljplay run` that shows a failure ("" if none)
};

struct CampaignResult {
  std::vector<CampaignRun> runs;  // those of this plan, including earlier ones from the file
  int resumed = 0;                // how many came from the results file
};

// Where a run's fault belongs in the summary: "alloc" for alloc=k, else its name.
std::string FaultPoint(const std::string& fault);
// The summary table: one row per fault point, counts by outcome (Markdown).
std::string CampaignTable(const CampaignResult& result);

// Runs the campaign; progress (optional, called from one thread at a time)
// sees each new run as it is classified.
Expected<CampaignResult> RunCampaign(
    const CampaignPlan& plan, const std::function<void(const CampaignRun&)>& progress = nullptr);

}  // namespace ljp
