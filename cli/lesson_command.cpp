#include "lesson_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "engine_runner.h"
#include "lesson.h"
#include "run_command.h"

namespace ljp::cli {
namespace {

namespace fs = std::filesystem;

struct Options {
  std::string lesson;
  bool check = false;
};

std::optional<std::string> Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A file, lessons/NAME.md, or the lesson whose name ends in -NAME.
fs::path FindLesson(const std::string& arg) {
  std::error_code ec;
  if (fs::is_regular_file(arg, ec)) return arg;
  const fs::path dir = "lessons";
  if (fs::is_regular_file(dir / (arg + ".md"), ec)) return dir / (arg + ".md");
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".md" && e.path().stem().string().ends_with("-" + arg))
      return e.path();
  return "";
}

// The runs of a lesson's program, one per set of step options.
class Runs {
 public:
  Runs(const Lesson& lesson, std::string program) : lesson_(lesson), program_(std::move(program)) {}

  // The run with these options (the first time: run it), or why there is none.
  const Expected<Timeline>& With(const std::vector<std::string>& options,
                                 const std::string* source = nullptr) {
    const std::string key = RunOptionsText(options) + (source ? "\n" + *source : "");
    auto it = runs_.find(key);
    if (it == runs_.end()) it = runs_.emplace(key, Run(options, source ? *source : program_)).first;
    return it->second;
  }

 private:
  Expected<Timeline> Run(const std::vector<std::string>& options, const std::string& source) {
    Expected<EngineRequest> r = ViewerRequestFor(source, lesson_.chunkname, true, options);
    if (!r) return Error{r.error()};
    return RunInEngine(r.value(), DefaultEnginePath(), "", nullptr);
  }

  const Lesson& lesson_;
  std::string program_;
  std::map<std::string, Expected<Timeline>> runs_;
};

#ifdef __EMSCRIPTEN__
bool AppliesHere(const Lesson& l) { return l.web; }
#else
bool AppliesHere(const Lesson& l) { return l.native; }
#endif

// The program's text: inline, or the file @program names.
std::optional<std::string> ProgramOf(const Lesson& lesson, const fs::path& file) {
  if (lesson.program_path.empty()) return lesson.program;
  return Slurp(file.parent_path().parent_path() / lesson.program_path);
}

// At most this many lines of a pane.
std::string Head(const std::string& text, int lines) {
  size_t at = 0;
  for (int i = 0; i < lines && at != std::string::npos; ++i) {
    at = text.find('\n', at);
    if (at != std::string::npos) ++at;
  }
  return at == std::string::npos ? text : text.substr(0, at) + "   ...\n";
}

int Run(const Options& o, const LessonViews& views) {
  const fs::path file = FindLesson(o.lesson);
  const std::optional<std::string> text = file.empty() ? std::nullopt : Slurp(file);
  if (!text) {
    std::fprintf(stderr, "ljplay: no lesson %s (a file, or a name in lessons/)\n",
                 o.lesson.c_str());
    return 1;
  }
  Expected<Lesson> parsed = ParseLesson(*text, file.stem().string());
  if (!parsed) {
    std::fprintf(stderr, "ljplay: %s\n", parsed.error().c_str());
    return 1;
  }
  const Lesson& lesson = parsed.value();
  if (!AppliesHere(lesson)) {
    std::printf("skip: %s does not apply to this build\n", lesson.name.c_str());
    return 77;
  }
  const std::optional<std::string> program = ProgramOf(lesson, file);
  if (!program) {
    std::fprintf(stderr, "ljplay: %s: cannot read its program %s\n", lesson.name.c_str(),
                 lesson.program_path.c_str());
    return 1;
  }
  Runs runs(lesson, *program);
  int failures = 0;
  const auto fail = [&](const std::string& what) {
    ++failures;
    std::printf("FAIL: %s\n", what.c_str());
  };
  if (!o.check) std::printf("# %s\n\n%s\n", lesson.title.c_str(), lesson.summary.c_str());
  for (size_t i = 0; i < lesson.steps.size(); ++i) {
    const LessonStep& step = lesson.steps[i];
    const std::string where =
        lesson.name + " step " + std::to_string(i + 1) + " (" + step.title + ")";
    const std::string run_text = RunOptionsText(step.run_options);
    if (!o.check) {
      std::printf("\n== %zu/%zu %s%s\n\n%s\n", i + 1, lesson.steps.size(), step.title.c_str(),
                  run_text.empty() ? "" : ("   [run with " + run_text + "]").c_str(),
                  step.text.c_str());
    }
    const Expected<Timeline>& run = runs.With(step.run_options);
    if (!run) {
      fail(where + ": the run failed: " + run.error());
      continue;
    }
    if (step.exercise) {
      const std::string start = ExerciseVerdict(step, run.value());
      const Expected<Timeline>& solved = runs.With(step.run_options, &step.solution);
      const std::string solution = solved ? ExerciseVerdict(step, solved.value()) : solved.error();
      if (start.empty()) fail(where + ": the lesson's program already passes the exercise");
      if (!solution.empty()) fail(where + ": the solution fails: " + solution);
      if (!o.check) {
        std::printf("\nthe lesson's program: %s\nthe solution: %s\n",
                    start.empty() ? "passes" : ("does not pass yet: " + start).c_str(),
                    solution.empty() ? "passes" : solution.c_str());
      } else if (start.size() && solution.empty()) {
        std::printf("ok: %s: the program fails its checks (%s), the solution passes\n",
                    where.c_str(), start.c_str());
      }
      continue;
    }
    const std::optional<size_t> at = FindEvent(run.value(), *step.target);
    if (!at) {
      fail(where + ": no event " + step.target->text +
           (run_text.empty() ? "" : " in the run with " + run_text));
      continue;
    }
    if (o.check) {
      std::printf("ok: %s: %s -> event %zu\n", where.c_str(), step.target->text.c_str(), *at);
      continue;
    }
    std::printf("\n-> %s:\n%s\n", step.target->text.c_str(),
                views.summary(run.value(), *at).c_str());
    for (const std::string& pane : step.panes) {
      std::printf("\n--- %s ---\n%s", pane.c_str(),
                  Head(views.pane(run.value(), *at, pane), 24).c_str());
    }
  }
  if (o.check)
    std::printf("%s: %zu steps, %d failed\n", lesson.name.c_str(), lesson.steps.size(), failures);
  return failures ? 1 : 0;
}

}  // namespace

std::vector<Lesson> LoadLessons(const std::string& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Lesson> lessons;
  for (const fs::path& f : files) {
    const std::optional<std::string> text = Slurp(f);
    Expected<Lesson> l = text ? ParseLesson(*text, f.stem().string()) : Error{"cannot read it"};
    std::optional<std::string> program = l ? ProgramOf(l.value(), f) : std::nullopt;
    if (!l || !program) {
      std::fprintf(stderr, "ljplay: lesson %s: %s\n", f.string().c_str(),
                   l ? "cannot read its program" : l.error().c_str());
      continue;
    }
    if (!AppliesHere(l.value())) continue;
    l.value().program = std::move(*program);
    lessons.push_back(std::move(l).value());
  }
  return lessons;
}

HostCommand LessonCommand(LessonViews views) {
  static Options options;
  return {[](CLI::App& app) {
            options = Options{};
            CLI::App* sub = app.add_subcommand(
                "lesson", "Print a lesson with what each step shows, from real runs");
            sub->add_option("lesson", options.lesson,
                            "A lesson file, or its name in lessons/ (03-snapshot-limit, "
                            "snapshot-limit)")
                ->required();
            sub->add_flag("--check", options.check,
                          "Only check that every step's event is there and each exercise's "
                          "checks fail on the program and pass with the solution");
            sub->footer(
                "Exit status: 0 all good, 1 a step or exercise failed, 77 the lesson "
                "does not apply to this build.");
            return sub;
          },
          [views] { return Run(options, views); }};
}

}  // namespace ljp::cli
