// Walks the cursor over a recorded timeline and renders every pane's text at
// each position, as a user stepping through it would see it:
//   pane_walk TIMELINE.jsonl [--max-cursors N]
// Fails (exit 1) when a pane prints an IR or snapshot operand it could not
// resolve ("?", "???"), or when an IR line that the recorder step pane or the
// IR pane prints for a trace that later stops differs from the line
// `ljplay run --explain` prints for the same instruction of that trace (the
// two mark columns aside: "+" for PHI operands and "}" for sunk stores are set
// once the loop is optimised; an ABC's bound, widened in place by later
// steps, may be smaller at the cursor). Long timelines are sampled at an even stride,
// always including every trace start, stop, abort and stitch step.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "explain.h"
#include "jdump_format.h"
#include "panes.h"
#include "timeline_json.h"
#include "view_model.h"
#include "view_state.h"

namespace {

using ljp::Timeline;

// Panes that print IR or snapshot entries, where an unresolved operand shows.
constexpr const char* kIrPanes[] = {"recorder", "ir"};
// Every pane, rendered at each cursor: none may fail to render.
constexpr const char* kAllPanes[] = {"source", "recorder", "ir",       "stack", "traces",
                                     "output", "events",   "bytecode", "mcode", "graph"};
// Panes whose text covers the whole timeline whatever the cursor: rendered at
// a few cursors only (they cost O(events) each).
bool IsWholeTimelinePane(const char* pane) {
  return !std::strcmp(pane, "events") || !std::strcmp(pane, "traces") ||
         !std::strcmp(pane, "output") || !std::strcmp(pane, "source");
}

struct Findings {
  int unresolved = 0;
  int mismatched = 0;
  int compared = 0;
  std::vector<std::string> first;  // the first few, printed
  void Add(int& counter, std::string what) {
    ++counter;
    if (first.size() < 20) first.push_back(std::move(what));
  }
};

// An IR listing line's instruction number ("0012 >+ int ADD ..."), or 0 for
// any other line (bytecode "0012  ADDVV ...", snapshots, LOOP, headings).
int RefOf(const std::string& line) {
  if (line.size() < 13 || line[4] != ' ' || line[7] != ' ' || line[11] != ' ') return 0;
  for (int i = 0; i < 4; ++i)
    if (line[i] < '0' || line[i] > '9') return 0;
  if (!std::strchr(" >}", line[5]) || !std::strchr(" +", line[6])) return 0;
  const std::string type = line.substr(8, 3);
  for (int t = 0; t < 32; ++t)
    if (type == ljp::IrTypeName(t)) return std::stoi(line.substr(0, 4));
  return 0;
}

// The line without its two mark columns (guard/sunk and PHI).
std::string WithoutMarks(const std::string& line) {
  return line.size() < 7 ? line : line.substr(0, 5) + line.substr(7);
}

bool IsAbc(const std::string& line) { return line.size() > 23 && line.compare(12, 4, "ABC ") == 0; }

bool HasUnresolvedOperand(const std::string& line) {
  std::istringstream in(line);
  for (std::string token; in >> token;)
    if (token == "?" || token == "???") return true;
  return false;
}

// "---- TRACE n IR" sections of --explain, in the order the traces stopped:
// instruction number -> line.
std::vector<std::map<int, std::string>> ExplainedIr(const std::string& explain) {
  std::vector<std::map<int, std::string>> traces;
  std::istringstream in(explain);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("---- TRACE ")) {
      inside = line.ends_with(" IR");
      if (inside) traces.emplace_back();
      continue;
    }
    if (inside)
      if (const int ref = RefOf(line)) traces.back()[ref] = line;
  }
  return traces;
}

template <typename T>
bool Is(const Timeline& t, size_t i) {
  return std::holds_alternative<T>(t.events[i].body);
}

// For each event, the index of the stop of the trace being recorded there
// (counted among all stops), or -1 when that recording attempt never stops.
std::vector<int> StopOrdinals(const Timeline& t) {
  std::vector<int> out(t.events.size(), -1);
  std::map<int, std::vector<size_t>> open;  // trace number -> events of its attempt
  int stops = 0;
  int current = 0;
  for (size_t i = 0; i < t.events.size(); ++i) {
    const auto& body = t.events[i].body;
    if (const auto* s = std::get_if<ljp::TraceStart>(&body)) {
      current = s->trace;
      open[current].clear();
    }
    if (current) open[current].push_back(i);
    if (const auto* s = std::get_if<ljp::TraceStop>(&body)) {
      for (size_t j : open[s->trace]) out[j] = stops;
      open.erase(s->trace);
      ++stops;
      current = 0;
    } else if (const auto* a = std::get_if<ljp::TraceAbort>(&body)) {
      open.erase(a->trace);
      current = 0;
    }
  }
  return out;
}

std::vector<size_t> Cursors(const Timeline& t, size_t max_cursors) {
  std::vector<size_t> out;
  const size_t n = t.events.size();
  const size_t stride = std::max<size_t>(1, (n + max_cursors - 1) / max_cursors);
  for (size_t i = 0; i < n; ++i) {
    if (i % stride == 0 || Is<ljp::TraceStart>(t, i) || Is<ljp::TraceStop>(t, i) ||
        Is<ljp::TraceAbort>(t, i) || Is<ljp::StitchStep>(t, i))
      out.push_back(i);
  }
  return out;
}

void CompareWithExplain(const std::string& where, const std::vector<std::string>& lines,
                        const std::map<int, std::string>* final_ir, Findings& f) {
  for (const std::string& line : lines) {
    if (HasUnresolvedOperand(line)) f.Add(f.unresolved, where + ": unresolved operand: " + line);
    if (!final_ir) continue;
    const int ref = RefOf(line);
    auto it = final_ir->find(ref);
    if (!ref || it == final_ir->end()) continue;  // a constant, or gone (NOP) by the stop
    ++f.compared;
    // rec_idx_abc() widens an earlier ABC's constant bound in place when a
    // later index needs more: the pane rightly shows the bound of its time.
    if (IsAbc(line) && IsAbc(it->second) && line.substr(0, 23) == it->second.substr(0, 23))
      continue;
    if (WithoutMarks(line) != WithoutMarks(it->second))
      f.Add(f.mismatched, where + ":\n      pane:    " + line + "\n      explain: " + it->second);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pane_walk TIMELINE.jsonl [--max-cursors N]\n");
    return 2;
  }
  size_t max_cursors = 3000;
  if (argc == 4 && !std::strcmp(argv[2], "--max-cursors")) max_cursors = std::stoul(argv[3]);
  std::ifstream in(argv[1]);
  auto read = ljp::ReadTimeline(in);
  if (!read) {
    std::fprintf(stderr, "pane_walk: %s: %s\n", argv[1], read.error().c_str());
    return 2;
  }
  const Timeline& t = read.value();
  if (t.events.empty()) {
    std::fprintf(stderr, "pane_walk: %s: no events\n", argv[1]);
    return 2;
  }
  const auto explained = ExplainedIr(ljp::Explain(t));
  const auto stop_of = StopOrdinals(t);
  const std::vector<size_t> cursors = Cursors(t, max_cursors);

  Findings f;
  size_t rendered = 0;
  ljp::ui::ViewState state;
  for (size_t k = 0; k < cursors.size(); ++k) {
    const size_t cursor = cursors[k];
    state.cursor = cursor;
    const bool whole = k == 0 || k + 1 == cursors.size() || k % 500 == 0;
    for (const char* pane : kAllPanes) {
      if (IsWholeTimelinePane(pane) && !whole) continue;
      const std::string text = ljp::ui::DumpPaneText(t, state, pane);
      ++rendered;
      if (std::find_if(std::begin(kIrPanes), std::end(kIrPanes),
                       [&](const char* p) { return !std::strcmp(p, pane); }) == std::end(kIrPanes))
        continue;
      std::vector<std::string> lines;
      std::istringstream text_in(text);
      for (std::string line; std::getline(text_in, line);) {
        // The IR pane marks the last step's lines with "* ".
        if (line.starts_with("* ") || line.starts_with("  ")) line.erase(0, 2);
        lines.push_back(line);
      }
      // The trace the pane shows: the recorder step's, or the IR pane's.
      const size_t shown = !std::strcmp(pane, "recorder")
                               ? ljp::ui::RecorderStepAt(t, cursor).index
                               : ljp::ui::IrAtCursor(t, cursor).start_index;
      const int ordinal = shown < stop_of.size() ? stop_of[shown] : -1;
      const std::map<int, std::string>* final_ir =
          ordinal >= 0 && ordinal < static_cast<int>(explained.size()) ? &explained[ordinal]
                                                                       : nullptr;
      CompareWithExplain("event " + std::to_string(cursor) + ", pane " + pane, lines, final_ir, f);
    }
  }
  std::printf("%s: %zu events, %zu cursors, %zu pane texts, %d IR lines compared with --explain\n",
              argv[1], t.events.size(), cursors.size(), rendered, f.compared);
  for (const std::string& s : f.first) std::printf("  %s\n", s.c_str());
  std::printf("unresolved operands: %d, lines unlike --explain: %d\n", f.unresolved, f.mismatched);
  // A timeline with stopped traces must have had lines to compare.
  const bool compared_enough = explained.empty() || f.compared > 0;
  if (!compared_enough) std::printf("no IR line of a stopped trace was compared\n");
  return f.unresolved == 0 && f.mismatched == 0 && compared_enough ? 0 : 1;
}
