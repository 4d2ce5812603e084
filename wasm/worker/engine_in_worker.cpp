// ljplay-engine: the engine of the web page, run in a Web Worker
// (site/engine-worker.js), never on the page's main thread. The worker calls
//   const status = engine._ljp_engine_run(request);  // UTF-8 text on the heap (_malloc)
// with the request `ljplay engine` reads on stdin (engine_request.h). The
// Session runs right here on LuaJIT with its assertions (luajit_assert, as in
// `ljplay-assert engine`), so the pre-fix stitch modes trip LuaJIT's
// assertion. Every line of the timeline (docs/timeline-protocol.md) goes to
// Module.onTimelineLine as soon as it is made, and the worker posts it to the
// page at once: whatever happens next (an assertion, a trap, an endless loop
// that makes the page terminate the worker), the lines before it have left.
// The status is ExitCodeFor's: 0 ok, 1 program error, 2 budget, 3 assertion
// or a bad request (whose message goes to Module.onEngineError, else stderr).
//
// How an assertion ends a run without ending the page is RunInProcess's
// (engine/in_process_run.cpp): the engine is abandoned where it stopped. The page
// then treats this worker as dead and starts a fresh one for the next run.
#include <emscripten.h>

#include <exception>
#include <string>

#include "engine_request.h"
#include "in_process_run.h"
#include "timeline_json.h"

// clang-format off
// (EM_JS bodies are JavaScript.)
EM_JS(void, ljp_worker_post_line, (const char* text, size_t size), {
  Module['onTimelineLine'](UTF8ToString(text, size));
});
EM_JS(void, ljp_worker_report_error, (const char* text), {
  if (Module['onEngineError']) Module['onEngineError'](UTF8ToString(text)); else err(UTF8ToString(text));
});
// clang-format on

namespace ljp {
namespace {

// Hands each line to JavaScript as it is made; nothing is kept here.
class PostEachLine : public TimelineSink {
 public:
  void Header(const Timeline& timeline) override {
    Post(TimelineHeaderLine(timeline));
    writer_ = EventWriter(timeline.vmdef);
  }
  void Append(const Event& event) override {
    line_.clear();
    writer_.Append(line_, event);
    Post(line_);
  }

 private:
  EventWriter writer_;
  std::string line_;
  static void Post(const std::string& line) { ljp_worker_post_line(line.data(), line.size()); }
};

}  // namespace
}  // namespace ljp

// A C++ exception (a request too large for memory) is reported like a bad
// request: escaping into JavaScript it would be a bare number.
extern "C" EMSCRIPTEN_KEEPALIVE int ljp_engine_run(const char* request_json) {
  try {
    ljp::Expected<ljp::EngineRequest> request = ljp::ParseEngineRequest(request_json);
    if (!request) {
      ljp_worker_report_error(request.error().c_str());
      return 3;
    }
    ljp::PostEachLine sink;
    return ljp::RunInProcess(request.value(), sink);
  } catch (const std::exception& e) {
    ljp_worker_report_error((std::string("the engine failed: ") + e.what()).c_str());
  } catch (...) {
    ljp_worker_report_error("the engine failed: an unknown C++ exception");
  }
  return 3;
}
