#include "page_engine_client.h"

#include <emscripten.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <sstream>

#include "run_end.h"
#include "timeline_json.h"
#include "viewer.h"

// clang-format off
// (EM_JS bodies are JavaScript.)
// 1: started; 0: the page has no window.ljplayEngine (yet); -1: start() threw.
EM_JS(int, ljp_page_engine_start, (const char* request_json), {
  if (typeof window === 'undefined' || !window.ljplayEngine) return 0;
  try {
    window.ljplayEngine.start(UTF8ToString(request_json));
    return 1;
  } catch (e) {
    console.error('ljplay viewer: ljplayEngine.start failed:', e);
    return -1;
  }
});
EM_JS(void, ljp_page_engine_stop, (), {
  try {
    if (typeof window !== 'undefined' && window.ljplayEngine) window.ljplayEngine.stop();
  } catch (e) {
    console.error('ljplay viewer: ljplayEngine.stop failed:', e);
  }
});
// clang-format on

namespace ljp::web {
namespace {

// How long a run waits for the page to set window.ljplayEngine.
constexpr double kPageEngineWaitSeconds = 10;
// How long past its wall-time budget a run may take before the viewer stops
// the worker itself (the worker also has to load and compile the engine).
constexpr double kDeadlineGraceSeconds = 3;

std::deque<PageEngineClient*>& Queue() {
  static std::deque<PageEngineClient*> queue;
  return queue;
}

PageEngineClient*& Running() {
  static PageEngineClient* running = nullptr;
  return running;
}

void Dequeue(PageEngineClient* engine) {
  std::deque<PageEngineClient*>& q = Queue();
  q.erase(std::remove(q.begin(), q.end(), engine), q.end());
}

}  // namespace

PageEngineClient::~PageEngineClient() {
  Dequeue(this);
  if (Running() == this) {
    ljp_page_engine_stop();
    Running() = nullptr;
  }
}

void PageEngineClient::Start(const EngineRequest& request) {
  if (Busy()) return;
  result_.reset();
  lines_.clear();
  request_json_ = EngineRequestJson(request);
  wall_seconds_ = request.options.budgets.wall_seconds;
  state_ = State::kQueued;
  queued_at_ = Clock::now();
  Queue().push_back(this);
}

bool PageEngineClient::StartInPage() {
  const int started = ljp_page_engine_start(request_json_.c_str());
  if (started == 0) return false;
  request_json_.clear();
  if (started < 0) {
    state_ = State::kIdle;
    result_.emplace(Error{"the page's engine could not start the run (see the console)"});
    return true;
  }
  state_ = State::kRunning;
  started_at_ = Clock::now();
  Running() = this;
  return true;
}

bool PageEngineClient::WaitedTooLongForThePage() const {
  return std::chrono::duration<double>(Clock::now() - queued_at_).count() > kPageEngineWaitSeconds;
}

void PageEngineClient::FailToStart(const std::string& why) {
  Dequeue(this);
  state_ = State::kIdle;
  request_json_.clear();
  result_.emplace(Error{why});
}

void PageEngineClient::AppendLine(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  lines_.append(line);
  lines_ += '\n';
}

void PageEngineClient::Complete(const EngineGone& gone, const std::string& no_timeline) {
  if (Running() == this) Running() = nullptr;
  state_ = State::kIdle;
  // Read where the lines are (no copy of a timeline that may be hundreds of
  // megabytes), then let them go.
  struct LinesView : std::streambuf {
    explicit LinesView(std::string& s) { setg(s.data(), s.data(), s.data() + s.size()); }
  } view(lines_);
  std::istream in(&view);
  Expected<Timeline> read = ReadTimeline(in);
  lines_.clear();
  lines_.shrink_to_fit();
  if (!read) {
    result_.emplace(Error{no_timeline + " (" + read.error() + ")"});
    return;
  }
  Timeline timeline = std::move(read).value();
  SealTimeline(timeline, gone);
  result_.emplace(std::move(timeline));
}

void PageEngineClient::Finish(bool crashed, const std::string& message) {
  if (state_ != State::kRunning) return;
  EngineGone gone{.engine = "engine worker"};
  gone.died =
      crashed ? (message.empty() ? "" : ": " + message) : ": it finished without an end event";
  Complete(gone, "the engine left no readable timeline" + (message.empty() ? "" : ": " + message));
}

void PageEngineClient::Stop() {
  if (state_ == State::kQueued) {
    FailToStart("the engine was stopped before it wrote a timeline");
  } else if (state_ == State::kRunning) {
    ljp_page_engine_stop();
    Complete({.how = EngineGone::How::kByUser, .engine = "engine worker"},
             "the engine was stopped before it wrote a timeline");
  }
}

void PageEngineClient::StopAndDiscard() {
  Stop();
  result_.reset();
}

// A run that outlasts its wall-time budget is stopped as native's engine
// process is (RunInEngine): the page may not enforce budgets itself.
void PageEngineClient::CheckDeadline() {
  if (state_ != State::kRunning || wall_seconds_ <= 0) return;
  const double ran = std::chrono::duration<double>(Clock::now() - started_at_).count();
  if (ran <= wall_seconds_ + kDeadlineGraceSeconds) return;
  ljp_page_engine_stop();
  Complete(
      {.how = EngineGone::How::kWallTime, .wall_seconds = wall_seconds_, .engine = "engine worker"},
      "the engine worker was stopped before it wrote a timeline");
}

std::optional<Expected<Timeline>> PageEngineClient::TakeResult() {
  CheckDeadline();
  std::optional<Expected<Timeline>> out = std::move(result_);
  result_.reset();
  return out;
}

void PumpWorkerQueue() {
  if (Running() || Queue().empty()) return;
  PageEngineClient* next = Queue().front();
  if (next->StartInPage()) {
    Dequeue(next);
  } else if (next->WaitedTooLongForThePage()) {
    next->FailToStart("no engine: the page did not set window.ljplayEngine");
  }
}

}  // namespace ljp::web

// ---- Calls from the page -------------------------------------------------------

extern "C" {

EMSCRIPTEN_KEEPALIVE void ljp_viewer_timeline_line(const char* jsonl_line) {
  ljp::web::RequestRedraw();
  ljp::web::Guarded("timeline_line", 0, [&] {
    if (ljp::web::PageEngineClient* running = ljp::web::Running(); running && jsonl_line)
      running->AppendLine(jsonl_line);
    return 0;
  });
}

EMSCRIPTEN_KEEPALIVE void ljp_viewer_run_finished(int crashed, const char* message) {
  ljp::web::RequestRedraw();
  ljp::web::Guarded("run_finished", 0, [&] {
    if (ljp::web::PageEngineClient* running = ljp::web::Running())
      running->Finish(crashed != 0, message ? message : "");
    return 0;
  });
}

}  // extern "C"
