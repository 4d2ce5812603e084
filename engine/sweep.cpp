#include "sweep.h"

#include <algorithm>

#include "engine_runner.h"

namespace ljp {

std::string OutputOf(const Timeline& t) {
  std::string out;
  for (const Event& e : t.events)
    if (const auto* o = std::get_if<Output>(&e.body)) out += o->text;
  return out;
}

SweepRun ClassifyRun(uint64_t k, const Timeline& t, const std::string& reference,
                     const std::string& fault, const std::string& not_reached) {
  SweepRun run{k, SweepRun::Outcome::kRecovered, ""};
  bool fired = false;
  std::string last_abort;
  for (const Event& e : t.events) {
    if (const auto* f = std::get_if<FaultInjected>(&e.body)) {
      fired = fired || f->fault.rfind(fault, 0) == 0;
    } else if (const auto* a = std::get_if<TraceAbort>(&e.body)) {
      if (fired && last_abort.empty()) last_abort = "trace aborted: " + a->reason;
    } else if (const auto* a = std::get_if<AssertFailure>(&e.body)) {
      run.outcome = SweepRun::Outcome::kAssertion;
      run.detail = a->file + ":" + std::to_string(a->line) + ": " + a->func + ": " + a->message;
      return run;
    }
  }
  const RunEnd* end = t.events.empty() ? nullptr : std::get_if<RunEnd>(&t.events.back().body);
  if (!end || end->status == RunStatus::kCrash) {
    run.outcome = SweepRun::Outcome::kCrash;
    run.detail = end ? end->message : "no end event";
  } else if (end->status == RunStatus::kBudget) {
    run.outcome = SweepRun::Outcome::kHang;
    run.detail = end->message;
  } else if (!fired) {
    run.outcome = SweepRun::Outcome::kNotReached;
    run.detail = not_reached;
  } else if (end->status != RunStatus::kOk || OutputOf(t) != reference) {
    run.outcome = SweepRun::Outcome::kWrongOutput;
    run.detail =
        end->status != RunStatus::kOk ? end->message : "output differs from the JIT-off run";
  } else {
    run.detail = last_abort.empty() ? "trace completed" : last_abort;
  }
  return run;
}

const char* OutcomeName(SweepRun::Outcome outcome) {
  switch (outcome) {
    case SweepRun::Outcome::kRecovered:
      return "recovered";
    case SweepRun::Outcome::kAssertion:
      return "assertion";
    case SweepRun::Outcome::kCrash:
      return "crash";
    case SweepRun::Outcome::kHang:
      return "hang";
    case SweepRun::Outcome::kWrongOutput:
      return "wrong output";
    case SweepRun::Outcome::kNotReached:
      return "not reached";
  }
  return "?";
}

int SweepResult::Count(SweepRun::Outcome outcome) const {
  int n = 0;
  for (const SweepRun& r : runs) n += r.outcome == outcome;
  return n;
}

bool SweepResult::AllRecovered() const {
  for (const SweepRun& r : runs) {
    if (r.outcome != SweepRun::Outcome::kRecovered && r.outcome != SweepRun::Outcome::kNotReached) {
      return false;
    }
  }
  return true;
}

Expected<SweepResult> Sweep(const EngineRequest& request, uint64_t max_k,
                            const std::string& engine_path,
                            const std::function<void(const SweepRun&)>& progress) {
  SweepResult result;
  EngineRequest reference = request;
  reference.options.faults.clear();
  reference.options.settings.push_back({JitSetting::Kind::kCommand, "off"});
  reference.options.capture = false;
  Expected<Timeline> ref = RunInEngine(reference, engine_path, "");
  if (!ref) return Error{"reference run: " + ref.error()};
  result.reference_output = OutputOf(ref.value());

  for (uint64_t k = 1; k <= max_k; ++k) {
    EngineRequest run = request;
    run.options.faults.erase(std::remove_if(run.options.faults.begin(), run.options.faults.end(),
                                            [](const Fault& f) {
                                              return f.kind == Fault::Kind::kAlloc ||
                                                     f.kind == Fault::Kind::kAllocDoubling;
                                            }),
                             run.options.faults.end());
    run.options.faults.push_back({Fault::Kind::kAlloc, k});
    run.options.echo_output = false;
    Expected<Timeline> t = RunInEngine(run, engine_path, "");
    if (!t) return Error{"run with alloc=" + std::to_string(k) + ": " + t.error()};
    SweepRun classified =
        ClassifyRun(k, t.value(), result.reference_output, "alloc",
                    "fewer than " + std::to_string(k) + " allocations while recording");
    result.runs.push_back(classified);
    if (progress) progress(classified);
    if (classified.outcome == SweepRun::Outcome::kNotReached) break;
  }
  return result;
}

}  // namespace ljp
