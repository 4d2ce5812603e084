// What both engine runners share (the engine process, engine_process.cpp, and
// the in-process runner of the wasm builds, in_process_run.cpp): the timeline
// file a run streams to, and `ljplay engine`'s request on stdin.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "engine_request.h"
#include "session_options.h"
#include "timeline_codec.h"

namespace ljp {

// Streams a timeline into a file, one JSON Lines line per event, written in
// batches. With periodic (an engine process, which its runner may kill at any
// moment, e.g. in a compiled endless loop that makes no more events), a thread
// writes what is pending every kFlushMillis, so a killed engine loses at most
// that much of its end. Flush() writes everything at once; the Session calls
// it after an assertion and at the end, and the engine process's crash
// handler writes what is pending (WritePendingForCrash).
class FileSink : public TimelineSink {
 public:
  explicit FileSink(FILE* file, bool periodic = false);
  ~FileSink() override;
  void Header(const Timeline& timeline) override;
  void Append(const Event& event) override;
  void Flush() override;

  // For a fatal signal handler: writes the pending lines with write(2) only.
  void WritePendingForCrash() const;

  static constexpr int kFlushMillis = 50;
  static constexpr size_t kFlushBytes = 1 << 16;

 private:
  void WriteOutLocked();
  FILE* file_;
  EventWriter writer_lines_;  // the file's lines, each after the ones it builds on
  std::string pending_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread writer_;
};

// A new empty file for a timeline in $TMPDIR (else /tmp); "" if none can be made.
std::string TempTimelinePath();

// Where a run streams its timeline: the user's path when it is (or will be) a
// regular file the runner can read back; a temporary file for "" and for
// devices, pipes and links (/dev/null, /dev/stdout), which then get the finished
// timeline from CopyTimelineTo(). "" if no temporary file can be made.
std::string StreamPathFor(const std::string& user_path);
// Whether StreamPathFor() chose a temporary file for user_path.
bool StreamsToTemp(const std::string& user_path);
// Copies the timeline file at path, as it is, to user_path ("": nowhere);
// false if it cannot.
bool CopyTimelineTo(const std::string& path, const std::string& user_path);
// Appends events[from, end) to the timeline file at path, after cutting off
// a partial last line (what a killed engine was writing); false if it cannot.
bool AppendEventLines(const std::string& path, const std::vector<Event>& events, size_t from);

// `ljplay engine`: reads the request on stdin, runs it with `run` streaming to
// timeline_path and returns run's exit status (3 for a bad request or file).
using RunWithSink = std::function<int(const EngineRequest& request, TimelineSink& sink)>;
int ServeEngineRequest(const std::string& timeline_path, const RunWithSink& run);

}  // namespace ljp
