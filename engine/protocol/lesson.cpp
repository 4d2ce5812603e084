#include "lesson.h"

#include <charconv>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "timeline_json.h"

namespace ljp {
namespace {

using nlohmann::json;

const std::set<std::string>& PaneNames() {
  static const std::set<std::string> names = {"source", "recorder", "bytecode", "ir",     "mcode",
                                              "stack",  "traces",   "graph",    "events", "output"};
  return names;
}

// Splits at spaces, keeping "quoted text" together (without its quotes).
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false, any = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
      any = true;
    } else if ((c == ' ' || c == '\t') && !quoted) {
      if (any) words.push_back(std::move(word));
      word.clear();
      any = false;
    } else {
      word += c;
      any = true;
    }
  }
  if (any) words.push_back(std::move(word));
  return words;
}

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(" \t\r") - b + 1));
}

const json* Field(const json& j, const std::string& key) {
  const json* at = &j;
  size_t from = 0;
  for (;;) {
    const size_t dot = key.find('.', from);
    const std::string part = key.substr(from, dot == std::string::npos ? dot : dot - from);
    if (!at->is_object() || !at->contains(part)) return nullptr;
    at = &(*at)[part];
    if (dot == std::string::npos) return at;
    from = dot + 1;
  }
}

bool Matches(const json& field, const EventQuery::Condition& c) {
  const std::string text = field.is_string() ? field.get<std::string>() : field.dump();
  if (c.contains) return text.find(c.value) != std::string::npos;
  if (field.is_number()) {
    // strtod: the C++ library of the wasm build has no from_chars for doubles.
    char* end = nullptr;
    const double want = std::strtod(c.value.c_str(), &end);
    return !c.value.empty() && *end == '\0' && field.get<double>() == want;
  }
  return text == c.value;
}

// Text paragraphs: blank lines between them, none at either end.
void AddLine(std::string& text, const std::string& line) {
  if (line.empty() && (text.empty() || text.ends_with("\n\n"))) return;
  text += line + "\n";
}

std::string TrimmedText(std::string text) {
  while (text.ends_with("\n\n")) text.pop_back();
  return text;
}

}  // namespace

Expected<EventQuery> ParseEventQuery(std::string_view text) {
  EventQuery q;
  q.text = Trim(text);
  const std::vector<std::string> words = Words(text);
  if (words.empty()) return Error{"an empty query"};
  q.type = words[0];
  for (size_t i = 1; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "#last") {
      q.nth = 0;
    } else if (w.starts_with("#")) {
      int n = 0;
      const auto [end, ec] = std::from_chars(w.data() + 1, w.data() + w.size(), n);
      if (ec != std::errc() || end != w.data() + w.size() || n < 1)
        return Error{"'" + w + "': expected #N (from 1) or #last"};
      q.nth = n;
    } else {
      const size_t op = w.find_first_of("=~");
      if (op == std::string::npos || op == 0)
        return Error{"'" + w + "': expected KEY=VALUE, KEY~TEXT, #N or #last"};
      q.conditions.push_back({w.substr(0, op), w[op] == '~', w.substr(op + 1)});
    }
  }
  return q;
}

std::optional<size_t> FindEvent(const Timeline& t, const EventQuery& query) {
  std::optional<size_t> found;
  int matches = 0;
  for (size_t i = 0; i < t.events.size(); ++i) {
    if (query.type != EventTypeName(t.events[i].body)) continue;
    bool ok = true;
    if (!query.conditions.empty()) {
      const json j = json::parse(VerboseEventLine(t.events[i]), nullptr, false);
      for (const EventQuery::Condition& c : query.conditions) {
        const json* field = Field(j, c.key);
        ok = ok && field && Matches(*field, c);
      }
    }
    if (!ok) continue;
    found = i;
    if (++matches == query.nth) return found;
  }
  return query.nth == 0 ? found : std::nullopt;
}

std::string RunOptionsText(const std::vector<std::string>& options) {
  std::string text;
  for (const std::string& o : options) text += (text.empty() ? "" : " ") + o;
  return text;
}

Expected<Lesson> ParseLesson(std::string_view text, const std::string& name) {
  Lesson lesson;
  lesson.name = name;
  std::string intro;
  std::vector<std::string> run;  // the run options in force
  LessonStep* step = nullptr;
  std::string* block = nullptr;  // the fenced block being read into
  bool in_text_block = false;    // a fenced block that is part of the text
  int n = 0;
  const auto error = [&](const std::string& what) {
    return Error{name + ".md:" + std::to_string(n) + ": " + what};
  };
  size_t from = 0;
  while (from <= text.size()) {
    const size_t end = std::min(text.find('\n', from), text.size());
    const std::string line(text.substr(from, end - from));
    from = end + 1;
    ++n;
    std::string& body = step ? step->text : intro;
    if (block || in_text_block) {
      if (line.starts_with("```")) {
        if (in_text_block) AddLine(body, line);
        block = nullptr;
        in_text_block = false;
      } else if (block) {
        *block += line + "\n";
      } else {
        AddLine(body, line);
      }
      if (end == text.size()) break;
      continue;
    }
    if (line.starts_with("```")) {
      const std::vector<std::string> info = Words(line.substr(3));
      const std::string kind = info.size() > 1 ? info[1] : "";
      if (kind == "program") {
        if (step) return error("the program comes before the first step");
        block = &lesson.program;
      } else if (kind == "solution") {
        if (!step || !step->exercise) return error("a solution belongs to an exercise");
        block = &step->solution;
      } else {
        in_text_block = true;
        AddLine(body, line);
      }
    } else if (line.starts_with("# ") && lesson.title.empty()) {
      lesson.title = Trim(line.substr(2));
    } else if (line.starts_with("## ")) {
      lesson.steps.push_back(LessonStep{});
      step = &lesson.steps.back();
      step->title = Trim(line.substr(3));
      step->line = n;
      step->exercise = step->title.starts_with("Exercise:");
      step->run_options = run;
    } else if (line.starts_with("@")) {
      const size_t space = line.find(' ');
      const std::string directive = line.substr(0, space);
      const std::string arg = space == std::string::npos ? "" : Trim(line.substr(space + 1));
      if (directive == "@program" || directive == "@chunkname" || directive == "@applies") {
        if (step) return error(directive + " comes before the first step");
        if (directive == "@program") {
          lesson.program_path = arg;
        } else if (directive == "@chunkname") {
          lesson.chunkname = arg;
        } else {
          lesson.native = lesson.web = false;
          for (const std::string& w : Words(arg)) {
            if (w == "native")
              lesson.native = true;
            else if (w == "web")
              lesson.web = true;
            else
              return error("@applies takes native and web, not '" + w + "'");
          }
        }
        continue;
      }
      if (!step) return error(directive + " belongs to a step");
      if (directive == "@target" || directive == "@check" || directive == "@check-not") {
        Expected<EventQuery> q = ParseEventQuery(arg);
        if (!q) return error(directive + ": " + q.error());
        if (directive == "@target")
          step->target = std::move(q).value();
        else
          (directive == "@check" ? step->checks : step->check_nots).push_back(std::move(q).value());
      } else if (directive == "@panes") {
        for (const std::string& p : Words(arg)) {
          if (!PaneNames().count(p)) return error("no pane '" + p + "'");
          step->panes.push_back(p);
        }
      } else if (directive == "@run") {
        run = Words(arg);
        step->run_options = run;
      } else if (directive == "@hint") {
        step->hint = arg;
      } else {
        return error("unknown directive " + directive);
      }
    } else {
      AddLine(body, line);
    }
    if (end == text.size()) break;
  }
  if (block || in_text_block) return error("a fenced block is not closed");
  if (lesson.title.empty()) return Error{name + ".md: no '# Title' line"};
  if (lesson.program.empty() == lesson.program_path.empty())
    return Error{name + ".md: give the program once: @program FILE or a ```lua program block"};
  if (lesson.steps.empty()) return Error{name + ".md: no steps ('## ' headings)"};
  for (LessonStep& s : lesson.steps) {
    n = s.line;
    s.text = TrimmedText(s.text);
    if (s.exercise && s.checks.empty() && s.check_nots.empty())
      return error("an exercise needs @check or @check-not");
    if (s.exercise && s.solution.empty()) return error("an exercise needs a ```lua solution block");
    if (!s.exercise && !s.target) return error("a step needs @target");
  }
  intro = TrimmedText(intro);
  lesson.summary = intro.substr(0, intro.find("\n\n"));
  if (lesson.chunkname.empty()) {
    const std::string& path = lesson.program_path;
    lesson.chunkname = path.empty() ? name + ".lua" : path.substr(path.rfind('/') + 1);
  }
  return lesson;
}

std::string ExerciseVerdict(const LessonStep& step, const Timeline& run) {
  for (const EventQuery& q : step.checks)
    if (!FindEvent(run, q)) return "no event " + q.text;
  for (const EventQuery& q : step.check_nots)
    if (FindEvent(run, q)) return "an event " + q.text;
  return "";
}

}  // namespace ljp
