// The engine in this process (wasm): RunInProcess, and engine_runner.h on top
// of it. There are no processes, so the "engine process" is the Session run
// right here, in the caller's process.
//
// What the engine process gives natively, and what is left of it here:
// - The timeline is streamed as it is made (RunInEngine: to a file, then read
//   back): the same.
// - A LuaJIT assertion (the pre-fix stitch modes) ends the engine, not the
//   caller. LuaJIT reports it to the recorder observer just before it would
//   abort: the Session records AssertFailure and RunEnd "assert" and flushes
//   its sink, and the sink stops the engine there by throwing a JavaScript
//   exception that unwinds the wasm stack up to RunInProcess. The Lua state
//   and the run's memory are abandoned, as a dead engine process would leave
//   them; stdout, which the Session had redirected, is restored. (Not longjmp:
//   with Emscripten 3.1.6 a C++ function with cleanups on the way swallows it.)
// - A wall-time budget cannot stop a JIT-compiled loop from outside (no
//   process to kill): the Session checks it itself - with the JIT off in its
//   count hook, with the JIT on whenever the C VM pauses (every 2^14 loop
//   iterations, interpreted or on trace). Memory budgets apply as natively.
//   A crash ends the caller.
#include "in_process_run.h"

#include <emscripten.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "engine_io.h"
#include "engine_runner.h"
#include "fd_redirect.h"
#include "timeline_json.h"

extern "C" {
#include "luajit_observe.h"
}

// clang-format off
// (EM_JS bodies are JavaScript.)
// Calls fn(arg) (fn: a void (*)(void*)); returns 1 if ljp_stop_engine() ended
// it, else 0. The wasm frames in between are abandoned; only the stack pointer
// needs putting back.
EM_JS(int, ljp_run_stoppable, (void* fn, void* arg), {
  var sp = stackSave();
  try {
    getWasmTableEntry(fn)(arg);
    return 0;
  } catch (e) {
    if (e !== 'ljplay: engine stopped') throw e;
    stackRestore(sp);
    return 1;
  }
});

// A string, not a number: Emscripten's exception and setjmp trampolines
// rethrow anything that is not a number, so nothing on the way can catch it.
EM_JS(void, ljp_stop_engine, (), { throw 'ljplay: engine stopped'; });
// clang-format on

namespace ljp {
namespace {

// Passes the timeline on; after a LuaJIT assertion it stops the engine.
class StopAfterAssertion : public TimelineSink {
 public:
  explicit StopAfterAssertion(TimelineSink& sink) : sink_(sink) {}

  void Header(const Timeline& timeline) override { sink_.Header(timeline); }
  void Append(const Event& event) override {
    if (const auto* end = std::get_if<RunEnd>(&event.body)) {
      exit_code_ = end->exit_code;
      asserted_ = end->status == RunStatus::kAssert;
    }
    sink_.Append(event);
  }
  void Flush() override {
    sink_.Flush();
    // The Session flushes right after an assertion's RunEnd; LuaJIT aborts next.
    if (asserted_) ljp_stop_engine();
  }
  int exit_code() const { return exit_code_; }

 private:
  TimelineSink& sink_;
  int exit_code_ = 3;  // no RunEnd: the run did not end normally
  bool asserted_ = false;
};

struct SessionRun {
  const EngineRequest* request;
  TimelineSink* sink;
};

void RunSession(void* arg) {
  const auto* run = static_cast<const SessionRun*>(arg);
  Session session(run->request->options);
  session.Run(run->request->source, run->request->chunkname, run->sink);
}

}  // namespace

int RunInProcess(const EngineRequest& request, TimelineSink& sink) {
  StopAfterAssertion guarded(sink);
  SessionRun run{&request, &guarded};
  std::fflush(stdout);
  const int stdout_fd = DupFd(STDOUT_FILENO);
  if (ljp_run_stoppable(reinterpret_cast<void*>(&RunSession), &run)) {
    // LuaJIT asserted: forget its state, put stdout back as it was.
    ljo_set_observer(nullptr, nullptr);
    std::fflush(stdout);
    if (stdout_fd >= 0) RedirectFd(stdout_fd, STDOUT_FILENO);
  }
  if (stdout_fd >= 0) CloseDupFd(stdout_fd);
  return guarded.exit_code();
}

std::string DefaultEnginePath() { return "(in-process)"; }

int RunEngine(const std::string& timeline_path) {
  return ServeEngineRequest(timeline_path, RunInProcess);
}

Expected<Timeline> RunInEngine(const EngineRequest& request, const std::string& /*engine_path*/,
                               const std::string& timeline_path,
                               const std::atomic<bool>* /*cancel: nothing runs beside us*/,
                               const EventTypeFilter& keep) {
  const bool temp = StreamsToTemp(timeline_path);
  const std::string path = StreamPathFor(timeline_path);
  if (path.empty()) return Error{"cannot create a temporary timeline file"};
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  {
    FileSink sink(file);
    RunInProcess(request, sink);
  }
  std::fclose(file);

  // Read back, as the caller of an engine process does.
  std::ifstream in(path, std::ios::binary);
  Expected<Timeline> timeline = ReadTimeline(in, keep);
  in.close();
  const bool copied = !temp || CopyTimelineTo(path, timeline_path);
  if (temp) std::remove(path.c_str());
  if (!timeline) return Error{"the engine left no readable timeline (" + timeline.error() + ")"};
  if (!copied) return Error{"cannot write " + timeline_path};
  return timeline;
}

}  // namespace ljp
