// The text of each pane, from the same view models the panes draw.
#include <cstdio>

#include "panes.h"
#include "trace_graph.h"
#include "view_model.h"

namespace ljp::ui {
namespace {

std::string SourceText(const Timeline& t, const ViewState& s) {
  const int current = SourceLineAt(t, s.cursor);
  const SourceError error = SourceErrorOf(t);
  std::string out;
  int n = 0;
  for (const std::string& line : SourceLines(t)) {
    ++n;
    char head[32];
    std::snprintf(head, sizeof(head), "%s%4d  ", n == current ? "> " : "  ", n);
    out += head + line + (n == error.line ? "   <- error: " + error.message : "") + "\n";
  }
  return out;
}

std::string BytecodeText(const Timeline& t, const ViewState& s) {
  const BytecodeView v = BytecodeAt(t, s.cursor);
  if (v.rows.empty()) return "no Lua bytecode recorded yet\n";
  std::string out = "function at " + v.function + " (recorded bytecodes only)\n";
  for (const BytecodeRow& r : v.rows) {
    char head[32];
    std::snprintf(head, sizeof(head), "%s%4d  ", r.current ? "> " : "  ", r.line);
    out += head + r.text + "\n";
  }
  return out;
}

std::string MachineCodeText(const Timeline& t, const ViewState& s) {
  const MachineCodeView v = MachineCodeAt(t, s.cursor);
  std::string out = v.heading + "\n";
  for (const std::string& line : v.lines) out += line + "\n";
  return out;
}

std::string GraphText(const Timeline& t, const ViewState&) {
  const TraceGraph g = BuildTraceGraph(t);
  std::string out;
  for (const TraceNode& n : g.nodes) {
    out += "node trace " + std::to_string(n.trace) + " " + n.status + " at " + n.start +
           " (layer " + std::to_string(n.layer) + ", column " + std::to_string(n.column) + ")\n";
  }
  for (const TraceEdge& e : g.edges) {
    const char* kind = e.kind == TraceEdge::Kind::kSide     ? "side"
                       : e.kind == TraceEdge::Kind::kStitch ? "stitch"
                                                            : "link";
    out += std::string("edge ") + kind + " " + std::to_string(g.nodes[e.from].trace) + " -> " +
           std::to_string(g.nodes[e.to].trace) + " (" + e.label + ")\n";
  }
  return out;
}

// The output up to the cursor, then what the pane adds: the timeline's cap
// once the cursor passed it, the output budget at the end.
std::string OutputText(const Timeline& t, const ViewState& s) {
  std::string out = OutputUpTo(t, s.cursor);
  if (s.cursor >= CapIndex(t) && s.cursor < t.events.size()) out += "-- " + CapNotice(t) + "\n";
  const std::string cut = OutputCutNotice(t);
  if (!cut.empty() && s.cursor + 1 >= t.events.size()) out += "-- " + cut + "\n";
  return out;
}

std::string RecorderText(const Timeline& t, const ViewState& s) {
  const RecorderStepView v = RecorderStepAt(t, s.cursor);
  if (!v.step) return "no bytecode recorded yet\n";
  std::string out = "trace " + std::to_string(v.step->trace) + " step " +
                    std::to_string(v.step->step) + " (depth " + std::to_string(v.step->depth) +
                    ")\n" + v.step->bc;
  out += "slots (base " + std::to_string(v.step->slots.baseslot) + "):\n";
  for (const SlotRow& r : v.slots)
    out += (r.base ? "  base " : "       ") + std::to_string(r.slot) + ": " + r.text + "\n";
  out += "IR added:\n";
  for (const std::string& line : v.added_ir) out += "  " + line + "\n";
  return out;
}

std::string IrText(const Timeline& t, const ViewState& s) {
  const IrView v = IrAtCursor(t, s.cursor);
  if (v.state == IrView::State::kNone) return "no trace yet\n";
  std::string out = v.heading + "\n";
  for (const IrLine& l : v.lines) out += (l.added ? "* " : "  ") + l.text + "\n";
  return out;
}

std::string StackText(const Timeline& t, const ViewState& s) {
  const StackAtCursorView v = StackAtCursor(t, s.cursor);
  if (!v.stitch) return "no stitch yet\n";
  std::string out = v.summary + "\nframes (innermost first):\n";
  for (const FrameRow& f : v.frames) {
    char line[64];
    std::snprintf(line, sizeof(line), "  slot %3d  size %3d  %-6s ", f.slot, f.size,
                  f.type.c_str());
    out += line + (f.is_cont ? "lj_cont_" + f.cont + " " : "") + f.fn +
           (f.is_stitch ? "   <- the stitch continuation" : "") + "\n";
  }
  for (const StackColumn& c : v.columns) {
    out += "-- " + c.title;
    if (c.index == kNone) {
      out += ": none\n";
      continue;
    }
    out += " (event " + std::to_string(c.index) + (c.reached ? "" : ", ahead of the cursor") +
           ", base " + std::to_string(c.base) + ", top " + std::to_string(c.top) + ")\n";
    for (const SlotValueRow& r : c.slots) {
      char head[32];
      std::snprintf(head, sizeof(head), "  %3d %-4s ", r.slot,
                    r.base ? "base" : (r.top ? "top" : ""));
      out += head + r.value + (r.frame.empty() ? "" : "   [" + r.frame + "]") + "\n";
    }
  }
  if (!v.balance.empty()) out += "stack: " + v.balance + "\n";
  return out;
}

std::string TracesText(const Timeline& t, const ViewState&) {
  std::string out;
  for (const TraceRow& r : TraceList(t)) {
    out += "trace " + std::to_string(r.trace) + "  " + r.status;
    if (!r.linktype.empty()) out += " -> " + r.linktype;
    if (r.link && r.link != r.trace) (out += ' ') += std::to_string(r.link);
    if (!r.reason.empty()) out += ": " + r.reason;
    out += "  (" + r.origin + ", " + r.start + ")";
    if (r.exits) {
      out += "  " + std::to_string(r.exits) + (r.exits == 1 ? " exit" : " exits") + " through " +
             std::to_string(r.exits_used);
    }
    if (r.wasm_bytes) out += "  wasm " + std::to_string(r.wasm_bytes) + " bytes";
    out += "\n";
  }
  return out;
}

std::string EventsText(const Timeline& t, const ViewState& s) {
  std::string out;
  for (size_t i = 0; i < t.events.size(); ++i) {
    const std::string line = EventSummary(t, i);
    if (MatchesFilter(line, s.filter)) out += (i == s.cursor ? "> " : "  ") + line + "\n";
  }
  return out;
}

}  // namespace

std::string DumpPaneText(const Timeline& timeline, const ViewState& state, std::string_view pane) {
  if (pane == "source") return SourceText(timeline, state);
  if (pane == "recorder") return RecorderText(timeline, state);
  if (pane == "ir") return IrText(timeline, state);
  if (pane == "stack") return StackText(timeline, state);
  if (pane == "traces") return TracesText(timeline, state);
  if (pane == "output") return OutputText(timeline, state);
  if (pane == "events") return EventsText(timeline, state);
  if (pane == "bytecode") return BytecodeText(timeline, state);
  if (pane == "mcode") return MachineCodeText(timeline, state);
  if (pane == "graph") return GraphText(timeline, state);
  return "";
}

}  // namespace ljp::ui
