// The web viewer's side of the engine (an EngineClient): it asks the page,
// which runs the engine in its Web Worker (site/engine-worker.js, whose module
// is wasm/worker/engine_in_worker.cpp), through
//   window.ljplayEngine = { start(requestJson), stop() }
// The page streams the run back by calling the module's exports
// ljp_viewer_timeline_line (one JSON Lines line each) and
// ljp_viewer_run_finished (the end, or the worker's death). README.md has the
// contract.
//
// The page runs one program at a time, so the runs of several PageEngineClients
// (the two sides of a comparison) queue: the next one starts when the page is
// free. PumpWorkerQueue() starts it, once a frame from the main loop (never
// from inside a call the page made).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "engine_client.h"
#include "run_end.h"

namespace ljp::web {

class PageEngineClient : public ui::EngineClient {
 public:
  ~PageEngineClient() override;

  void Start(const EngineRequest& request) override;
  void Stop() override;
  void StopAndDiscard() override;
  std::optional<Expected<Timeline>> TakeResult() override;
  bool Busy() const override { return state_ != State::kIdle; }

  // From the page (through the exports), for the run in progress.
  void AppendLine(std::string_view line);
  void Finish(bool crashed, const std::string& message);

  // For the queue.
  bool StartInPage();  // false when the page has no engine
  bool WaitedTooLongForThePage() const;
  void FailToStart(const std::string& why);

 private:
  using Clock = std::chrono::steady_clock;
  enum class State { kIdle, kQueued, kRunning };

  // Ends the run: the timeline so far, sealed with what the viewer knows of
  // how the worker went (SealTimeline), or `no_timeline` when nothing
  // readable arrived.
  void Complete(const EngineGone& gone, const std::string& no_timeline);
  void CheckDeadline();

  State state_ = State::kIdle;
  std::string request_json_;
  double wall_seconds_ = 0;
  Clock::time_point queued_at_, started_at_;
  std::string lines_;  // the timeline as received, JSON Lines
  std::optional<Expected<Timeline>> result_;
};

// Starts the next queued run when the page's engine is free.
void PumpWorkerQueue();

}  // namespace ljp::web
