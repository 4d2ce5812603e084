// How a run ends: every timeline closes with a RunEnd event (timeline.h),
// whose exit code is what `ljplay run` exits with.
#pragma once

#include "timeline.h"

namespace ljp {

// Exit status a CLI reports for a finished timeline: 0 ok, 1 program error,
// 2 budget exceeded, 3 assertion or crash (also for a timeline without its end).
int ExitCodeFor(const Timeline& timeline);

}  // namespace ljp
