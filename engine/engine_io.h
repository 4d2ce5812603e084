// What both engine runners share (the engine process, engine_process.cpp, and
// the in-process runner of the wasm builds, in_process_run.cpp): the timeline
// file a run streams to, and `ljplay engine`'s request on stdin.
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "engine_request.h"
#include "session_options.h"

namespace ljp {

// Streams a timeline into a file, one JSON Lines line per event, flushed at
// once: what a killed or crashed engine wrote stays readable.
class FileSink : public TimelineSink {
 public:
  explicit FileSink(FILE* file) : file_(file) {}
  void Header(const Timeline& timeline) override;
  void Append(const Event& event) override;
  void Flush() override { std::fflush(file_); }

 private:
  void Write(const std::string& line);
  FILE* file_;
};

// A new empty file for a timeline in $TMPDIR (else /tmp); "" if none can be made.
std::string TempTimelinePath();

// Where a run streams its timeline: the user's path when it is (or will be) a
// regular file the runner can read back; a temporary file for "" and for
// devices and pipes (/dev/null, /dev/stdout), which then get the finished
// timeline from WriteTimelineTo(). "" if no temporary file can be made.
std::string StreamPathFor(const std::string& user_path);
// Whether StreamPathFor() chose a temporary file for user_path.
bool StreamsToTemp(const std::string& user_path);
// Writes a finished timeline to user_path ("": nowhere); false if it cannot.
bool WriteTimelineTo(const std::string& user_path, const Timeline& timeline);

// `ljplay engine`: reads the request on stdin, runs it with `run` streaming to
// timeline_path and returns run's exit status (3 for a bad request or file).
using RunWithSink = std::function<int(const EngineRequest& request, TimelineSink& sink)>;
int ServeEngineRequest(const std::string& timeline_path, const RunWithSink& run);

}  // namespace ljp
