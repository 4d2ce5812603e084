// How the app shell runs a program: through the host's engine, on the desktop
// a child process (native/gui_app.cpp), in the browser a Web Worker
// (wasm/web/). The shell polls it once a frame; nothing here may block.
#pragma once

#include <optional>

#include "engine_request.h"
#include "expected.h"
#include "timeline.h"

namespace ljp::ui {

class EngineClient {
 public:
  virtual ~EngineClient() = default;

  // Starts a run; ignored while Busy().
  virtual void Start(const EngineRequest& request) = 0;
  // Stops the run. Its result still arrives: the timeline so far, ending with
  // RunEnd{"killed"}, or an error when the engine had written nothing.
  virtual void Stop() = 0;
  // Stops the run and drops its result, so the next Start begins afresh.
  virtual void StopAndDiscard() = 0;
  // The finished run, once: its timeline (the last event says how it ended),
  // or why there is none.
  virtual std::optional<Expected<Timeline>> TakeResult() = 0;
  virtual bool Busy() const = 0;
};

}  // namespace ljp::ui
