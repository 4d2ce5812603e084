// Runs a request in the engine. Natively (engine_process.cpp) that is a
// separate engine process (`ljplay-assert engine`), so that nothing the
// program or LuaJIT does (an endless JIT-compiled loop, an assertion in a
// pre-fix stitch mode, a crash) can take the caller down: the engine streams
// the timeline to a file, the parent enforces the wall-time budget and seals
// the timeline if the engine died. In wasm (in_process_run.cpp) there are no
// processes: the engine runs in the caller's process, an assertion ends only
// the run, and nothing can cancel it or stop a compiled endless loop.
#pragma once

#include <atomic>
#include <string>

#include "engine_request.h"
#include "expected.h"
#include "timeline.h"
#include "timeline_json.h"

namespace ljp {

// The engine program: $LJPLAY_ENGINE if set, else ljplay-assert beside the
// running executable (LuaJIT with assertions), else the running executable itself.
std::string DefaultEnginePath();

// Returns the timeline, whose last event (RunEnd) says how the run ended.
// timeline_path: where the JSON Lines timeline is kept ("" for a temp file).
// cancel (engine process only): when it becomes true, the engine process is
// killed and the timeline ends killed (an error if the engine had written
// nothing yet).
// keep: the events to parse and return (all by default; the file keeps all).
Expected<Timeline> RunInEngine(const EngineRequest& request, const std::string& engine_path,
                               const std::string& timeline_path,
                               const std::atomic<bool>* cancel = nullptr,
                               const EventTypeFilter& keep = {});

// The engine side: reads a request from stdin, streams the timeline to
// timeline_path, returns the exit status.
int RunEngine(const std::string& timeline_path);

}  // namespace ljp
