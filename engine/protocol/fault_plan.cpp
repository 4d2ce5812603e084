#include "fault_plan.h"

#include <charconv>

namespace ljp {
namespace {

struct Named {
  const char* name;
  Fault::Kind kind;
  bool takes_number;
};

// Order matters: "ir-grow=canon" before "ir-grow".
const Named kFaults[] = {
    {"ir-grow=canon", Fault::Kind::kIrGrowCanon, false},
    {"ir-grow", Fault::Kind::kIrGrow, false},
    {"snap-grow=stitch", Fault::Kind::kSnapGrowStitch, false},
    {"snap-grow", Fault::Kind::kSnapGrow, false},
    {"ir-const", Fault::Kind::kIrConst, false},
    {"alloc-doubling", Fault::Kind::kAllocDoubling, false},
    {"alloc", Fault::Kind::kAlloc, true},
    {"maxsnap", Fault::Kind::kMaxsnap, true},
    {"trace-grow=always", Fault::Kind::kTraceGrowAlways, false},
    {"trace-grow", Fault::Kind::kTraceGrow, false},
    {"str-new", Fault::Kind::kStrNew, false},
    {"loop-subst", Fault::Kind::kLoopSubst, false},
};

const char* const kFindings[] = {"loop-subst-oom", "abort-stale-start", "round-string",
                                 "hot-call-oom"};

const char* const kModes[] = {"full", "unprotected", "precheck-2021", "cpcall-2024", "recerr-2024"};

}  // namespace

Expected<Fault> ParseFault(std::string_view text) {
  for (const Named& f : kFaults) {
    const std::string_view name = f.name;
    if (!f.takes_number) {
      if (text == name) return Fault{f.kind, 0};
      continue;
    }
    if (text.substr(0, name.size()) != name || text.size() <= name.size() + 1 ||
        text[name.size()] != '=') {
      continue;
    }
    const std::string_view num = text.substr(name.size() + 1);
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
    if (ec != std::errc() || end != num.data() + num.size() || n == 0) {
      return Error{"fault '" + std::string(text) + "': " + f.name + " needs a number >= 1"};
    }
    return Fault{f.kind, n};
  }
  return Error{"unknown fault '" + std::string(text) +
               "' (known: ir-grow, ir-grow=canon, snap-grow, snap-grow=stitch, ir-const, "
               "alloc=N, alloc-doubling, maxsnap=N, trace-grow, trace-grow=always, str-new, "
               "loop-subst)"};
}

std::string FaultName(const Fault& fault) {
  for (const Named& f : kFaults) {
    if (f.kind == fault.kind) {
      return f.takes_number ? std::string(f.name) + "=" + std::to_string(fault.arg) : f.name;
    }
  }
  return "?";
}

Expected<StitchMode> ParseStitchMode(std::string_view text) {
  for (size_t i = 0; i < std::size(kModes); ++i)
    if (text == kModes[i]) return static_cast<StitchMode>(i);
  return Error{"unknown stitch mode '" + std::string(text) +
               "' (known: full, unprotected, precheck-2021, cpcall-2024, recerr-2024)"};
}

const char* StitchModeName(StitchMode mode) { return kModes[static_cast<int>(mode)]; }

std::vector<StitchMode> AllStitchModes() {
  return {StitchMode::kFull, StitchMode::kUnprotected, StitchMode::kPrecheck2021,
          StitchMode::kCpcall2024, StitchMode::kRecerr2024};
}

Expected<Finding> ParseFinding(std::string_view text) {
  for (size_t i = 0; i < std::size(kFindings); ++i)
    if (text == kFindings[i]) return static_cast<Finding>(i);
  return Error{"unknown finding '" + std::string(text) +
               "' (known: loop-subst-oom, abort-stale-start, round-string, hot-call-oom)"};
}

const char* FindingName(Finding finding) { return kFindings[static_cast<int>(finding)]; }

std::vector<Finding> AllFindings() {
  return {Finding::kLoopSubstOom, Finding::kAbortStaleStart, Finding::kRoundString,
          Finding::kHotCallOom};
}

std::string FaultPointName(int point) {
  switch (point) {
    case 0x01:
      return "ir-grow";
    case 0x02:
      return "ir-grow=canon";
    case 0x04:
      return "snap-grow";
    case 0x08:
      return "snap-grow=stitch";
    case 0x10:
      return "ir-const";
    case 0x20:
      return "trace-grow";
    case 0x40:
      return "str-new";
    case 0x100:
      return "loop-subst";
    default:
      return "fault point " + std::to_string(point);
  }
}

}  // namespace ljp
