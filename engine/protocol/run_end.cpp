#include "run_end.h"

#include <cstdio>
#include <variant>

namespace ljp {
namespace {

constexpr const char* kNames[] = {"ok", "error", "budget", "assert", "crash", "killed"};

void Append(Timeline& timeline, EventBody body) {
  const uint64_t seq = timeline.events.empty() ? 0 : timeline.events.back().seq + 1;
  timeline.events.push_back({seq, std::move(body)});
}

bool HasEnd(const Timeline& timeline) {
  return !timeline.events.empty() && std::holds_alternative<RunEnd>(timeline.events.back().body);
}

}  // namespace

const char* RunStatusName(RunStatus status) { return kNames[static_cast<int>(status)]; }

std::optional<RunStatus> ParseRunStatus(std::string_view name) {
  for (int i = 0; i < static_cast<int>(std::size(kNames)); ++i)
    if (name == kNames[i]) return static_cast<RunStatus>(i);
  return std::nullopt;
}

int ExitCodeOf(RunStatus status) {
  switch (status) {
    case RunStatus::kOk:
      return 0;
    case RunStatus::kError:
      return 1;
    case RunStatus::kBudget:
      return 2;
    case RunStatus::kAssert:
    case RunStatus::kCrash:
    case RunStatus::kKilled:
      return 3;
  }
  return 3;
}

RunEnd EndOfRun(RunStatus status, std::string message) {
  return RunEnd{status, ExitCodeOf(status), std::move(message)};
}

int ExitCodeFor(const Timeline& timeline) {
  if (timeline.events.empty()) return 3;
  if (const auto* end = std::get_if<RunEnd>(&timeline.events.back().body)) return end->exit_code;
  return 3;
}

std::string AssertionText(const AssertFailure& a) {
  return "LuaJIT ASSERT " + a.file + ":" + std::to_string(a.line) + ": " + a.func + ": " +
         a.message;
}

std::string WallTimeMessage(double seconds, std::string_view stopped_by) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g s", seconds);
  std::string msg = std::string("wall-time budget exceeded: the program ran longer than ") + buf;
  if (!stopped_by.empty()) msg += " (" + std::string(stopped_by) + " stopped)";
  return msg;
}

bool SealTimeline(Timeline& timeline, const EngineGone& gone) {
  using How = EngineGone::How;
  if (gone.how == How::kWallTime) {
    const std::string msg = WallTimeMessage(gone.wall_seconds, gone.engine);
    Append(timeline,
           BudgetExceeded{"wall-time", static_cast<uint64_t>(gone.wall_seconds * 1000), msg});
    Append(timeline, EndOfRun(RunStatus::kBudget, msg));
    return true;
  }
  if (HasEnd(timeline)) return false;
  if (gone.how == How::kByUser) {
    Append(timeline,
           EndOfRun(RunStatus::kKilled, "stopped by the user (" + gone.engine + " stopped)"));
  } else {
    Append(timeline, EndOfRun(RunStatus::kCrash, "the " + gone.engine + " died" + gone.died));
  }
  return true;
}

}  // namespace ljp
