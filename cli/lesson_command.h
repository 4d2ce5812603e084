// `ljplay lesson NAME|FILE [--check]`: a lesson (docs/lessons.md) as text, each
// step with the event it shows and the text of its panes there, from real runs
// of its program; exercises checked against the program and the solution.
// --check prints only the verdicts. The host shows events and panes as its
// viewer does (ui/): the native program and the node build.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "lesson.h"
#include "ljplay_cli.h"
#include "timeline.h"

namespace ljp::cli {

struct LessonViews {
  // One line about events[at]; the text of a pane ("stack", "ir", ...) there.
  std::function<std::string(const Timeline& t, size_t at)> summary;
  std::function<std::string(const Timeline& t, size_t at, const std::string& pane)> pane;
};

HostCommand LessonCommand(LessonViews views);

// The lessons in `dir` (lessons/*.md) that apply to this build, by name, their
// programs loaded (@program paths are relative to the directory above `dir`).
// A lesson that does not parse is left out with a message on stderr.
std::vector<Lesson> LoadLessons(const std::string& dir);

}  // namespace ljp::cli
