// Runs a Session in a separate engine process (`ljplay-assert engine`), so
// that nothing the program or LuaJIT does (an endless JIT-compiled loop, an
// assertion in a pre-fix stitch mode, a crash) can take the caller down. The
// engine streams the timeline to a file; the parent enforces the wall-time
// budget and completes the timeline if the engine died.
#pragma once

#include <atomic>
#include <string>

#include "engine_request.h"
#include "expected.h"
#include "timeline.h"

namespace ljp {

// The engine program: $LJPLAY_ENGINE if set, else ljplay-assert beside the
// running executable (LuaJIT with assertions), else the running executable itself.
std::string DefaultEnginePath();

// Returns the timeline, whose last event (RunEnd) says how the run ended.
// timeline_path: where the JSON Lines timeline is kept ("" for a temp file).
// cancel: when it becomes true, the engine process is killed and the timeline
// ends with RunEnd{"killed"} (an error if the engine had written nothing yet).
Expected<Timeline> RunIsolated(const EngineRequest& request, const std::string& engine_path,
                               const std::string& timeline_path,
                               const std::atomic<bool>* cancel = nullptr);

// The engine side: reads a request from stdin, streams the timeline to
// timeline_path, returns the exit status.
int RunEngine(const std::string& timeline_path);

}  // namespace ljp
