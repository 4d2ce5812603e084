// The engine in this process (wasm): a Session whose LuaJIT assertion stops
// the run, not the program. in_process_run.cpp explains how.
#pragma once

#include "engine_request.h"
#include "session.h"

namespace ljp {

// Runs the request, streaming its timeline into `sink` (flushed at the end and
// after an assertion). Returns the exit status the timeline ends with, as
// ExitCodeFor would: 0 ok, 1 program error, 2 budget, 3 assertion.
int RunInProcess(const EngineRequest& request, TimelineSink& sink);

}  // namespace ljp
