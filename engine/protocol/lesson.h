// Lessons (docs/lessons.md): a Markdown file with a program and steps, each
// step a paragraph, a query for the event it shows, the panes it brings
// forward and the run options it needs; exercises check the reader's run with
// queries. Parsing and the queries only: hosts load the files, run the
// programs and show the steps (ui/lesson_player.h, `ljplay lesson`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expected.h"
#include "timeline.h"

namespace ljp {

// "TYPE [KEY=VALUE | KEY~TEXT]... [#N | #last]": an event of a timeline.
struct EventQuery {
  struct Condition {
    std::string key;    // a field; "at.loc" for one inside an object
    bool contains;      // KEY~TEXT (else KEY=VALUE)
    std::string value;  // unquoted
  };
  std::string type;  // the protocol's name: "stitch", "trace_abort", ...
  std::vector<Condition> conditions;
  int nth = 1;       // the N-th match, from 1; 0: the last
  std::string text;  // as written
};

Expected<EventQuery> ParseEventQuery(std::string_view text);
// The index in t.events of the event the query names; nullopt when none matches.
std::optional<size_t> FindEvent(const Timeline& t, const EventQuery& query);

struct LessonStep {
  std::string title;
  std::string text;  // Markdown paragraphs, separated by blank lines
  int line = 0;      // of its heading in the file
  std::optional<EventQuery> target;
  std::vector<std::string> panes;  // to bring forward: "source", "ir", "stack", ...
  // The `ljplay run` options added to the program's header for this step's
  // run ("--stitch-mode unprotected"), one argument each.
  std::vector<std::string> run_options;
  // Exercises: the reader's run must have every check's event and none of the
  // check_nots'; the reference solution passes.
  bool exercise = false;
  std::vector<EventQuery> checks, check_nots;
  std::string hint;
  std::string solution;
};

struct Lesson {
  std::string name;  // the file's name without ".md"
  std::string title;
  std::string summary;             // its first paragraph
  std::string program_path;        // @program (relative to the repository), or ""
  std::string program;             // the inline program (the host loads program_path)
  std::string chunkname;           // what the program runs as
  bool native = true, web = true;  // @applies
  std::vector<LessonStep> steps;
};

// Parses a lesson file; errors name the line.
Expected<Lesson> ParseLesson(std::string_view text, const std::string& name);

// The run options as one string ("" for the program as it is), for showing
// and for telling runs apart.
std::string RunOptionsText(const std::vector<std::string>& options);

// An exercise's verdict on a run: "" when it passes, else the first check
// that failed ("no event trace_stop trace=1", "an event trace_abort").
std::string ExerciseVerdict(const LessonStep& step, const Timeline& run);

}  // namespace ljp
