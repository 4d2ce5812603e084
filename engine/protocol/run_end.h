// How a run ends: every timeline closes with a RunEnd event (timeline.h). The
// engine writes it when the program stops by itself; a runner that stopped or
// lost the engine (the engine process, the in-process runner, the page's
// worker) seals the timeline with SealTimeline(), so all of them end runs the
// same way, with the same messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "timeline.h"

namespace ljp {

// "ok", "error", "budget", "assert", "crash", "killed": the protocol's names.
const char* RunStatusName(RunStatus status);
std::optional<RunStatus> ParseRunStatus(std::string_view name);

// What `ljplay run` exits with: 0 ok, 1 program error, 2 budget exceeded,
// 3 assertion, crash or a stop.
int ExitCodeOf(RunStatus status);

RunEnd EndOfRun(RunStatus status, std::string message = "");

// The exit code of a finished timeline (3 for one without its end).
int ExitCodeFor(const Timeline& timeline);

// "LuaJIT ASSERT lj_dispatch.c:495: lj_dispatch_call: unbalanced stack ...".
std::string AssertionText(const AssertFailure& failure);

// "wall-time budget exceeded: the program ran longer than 2 s" and, from a
// runner that stopped the engine, " (engine process stopped)" after it.
std::string WallTimeMessage(double seconds, std::string_view stopped_by = "");

// How a runner saw its engine go, for a timeline that may lack its end.
struct EngineGone {
  enum class How {
    kFinished,  // the engine ended by itself (an end is there, or it crashed)
    kWallTime,  // the runner stopped it past its wall-time budget
    kByUser,    // the runner stopped it because the user asked
  } how = How::kFinished;
  double wall_seconds = 0;  // kWallTime: the budget
  std::string engine;       // "engine process", "engine worker": what was stopped
  std::string died;         // kFinished without an end: how (" with signal Killed")
};

// Appends what the runner knows to a timeline read back from the engine: a
// wall-time budget (BudgetExceeded, then RunEnd budget), a user's stop (RunEnd
// killed, unless the engine had ended) or an engine that died without an end
// (RunEnd crash). Returns whether it appended anything.
bool SealTimeline(Timeline& timeline, const EngineGone& gone);

}  // namespace ljp
