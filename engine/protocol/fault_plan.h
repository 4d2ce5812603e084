// Fault plans and stitch modes: what the stitch failure lab can do to a run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "expected.h"

namespace ljp {

// One fault, as written on the command line: --fault NAME[=ARG].
struct Fault {
  enum class Kind {
    kIrGrow,           // next IR buffer growth while recording
    kIrGrowCanon,      // IR emission inside canonicalize_slots (ir-grow=canon)
    kSnapGrow,         // next snapshot buffer growth while recording
    kSnapGrowStitch,   // snapshot added by a stitch's record-stop (snap-grow=stitch)
    kIrConst,          // the stitch's IR constants (fixed only after the pinned source)
    kAlloc,            // the N-th allocation made while recording
    kAllocDoubling,    // every doubling reallocation while recording
    kMaxsnap,          // jit.opt maxsnap=N
    kTraceGrow,        // the next growth of the trace number table
    kTraceGrowAlways,  // every growth of it (trace-grow=always: memory stays short)
    kStrNew,           // the next new string while the JIT compiler runs (str-new)
    kLoopSubst,        // the loop optimiser's substitution table (loop-subst); keep last
  };
  Kind kind;
  uint64_t arg = 0;  // N for kAlloc and kMaxsnap
};

using FaultPlan = std::vector<Fault>;
// How many kinds of fault there are (Fault::Kind values are 0 .. kFaultKinds-1).
inline constexpr size_t kFaultKinds = static_cast<size_t>(Fault::Kind::kLoopSubst) + 1;

Expected<Fault> ParseFault(std::string_view text);
std::string FaultName(const Fault& fault);  // back to "alloc=3" etc.

// recff_stitch()'s history (LJO_STITCH_MODE_* in the LuaJIT patch).
enum class StitchMode {
  kFull,          // default: also the stitch's IR constants before the stack
  kUnprotected,   // the original bug: record-stop unprotected
  kPrecheck2021,  // snapshot limit checked before the stack is touched
  kCpcall2024,    // under lj_vm_cpcall; memory errors leave a non-string reason
  kRecerr2024,    // the pinned source: memory errors reported as RECERR
};

Expected<StitchMode> ParseStitchMode(std::string_view text);
const char* StitchModeName(StitchMode mode);
std::vector<StitchMode> AllStitchModes();

// Names of the patch's fault points (LJO_FAULT_* bits), for events.
std::string FaultPointName(int point);

// LuaJIT bugs the playground found and fixed (docs/findings.md,
// LJO_UNFIX_* in the LuaJIT patch): a run can show one unfixed.
enum class Finding {
  kLoopSubstOom,     // loop_unroll(): the substitution table's size set before it exists
  kAbortStaleStart,  // trace_start(): an abort with the previous trace's start
  kRoundString,      // recff_math_round(): a string argument read as a number (ARM64)
  kHotCallOom,       // lj_err_mem(): the stack top lowered below a hot call's arguments
};

Expected<Finding> ParseFinding(std::string_view text);
const char* FindingName(Finding finding);
std::vector<Finding> AllFindings();

}  // namespace ljp
