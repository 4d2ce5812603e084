// What the viewer is looking at: the cursor into the timeline and the view's
// settings. Plain values; the panes read and change it, nothing mirrors it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace ljp::ui {

struct WholeTimelineViews;  // view_model.h

struct PaneToggles {
  bool source = true;
  bool recorder = true;
  bool ir = true;
  bool stack = true;
  bool traces = true;
  bool output = true;
  bool events = true;
  bool bytecode = true;  // a tab beside the recorder step
  bool mcode = true;     // a tab beside the trace IR
  bool graph = true;     // a tab beside the trace list
};

// Where the panes sit (shares of their row or column; 0: the default) and
// which one fills the playground alone ("": none). Dragging the bars between
// panes changes it; the host remembers it.
struct PaneLayout {
  float settings_width = 0;  // the settings panel, in font sizes
  float top = 0;             // the top row's share of the height
  float source = 0;          // the source pane's share of the top row
  float ir = 0;              // bottom row: IR / machine code, the stack, traces and log
  float stack = 0;
  float right = 0;
  float traces = 0;       // the trace list's share of the bottom right column
  std::string maximized;  // "source", "recorder", "ir", "stack", "traces" or "log"
};

// The source pane's editor. It outlives a run (the host keeps it when a new
// timeline arrives), so Run can take the edited text.
struct SourceEditor {
  bool editing = false;  // the editor shows instead of the highlighted view
  bool edited = false;   // text differs from the program as loaded
  std::string text;
};

struct ViewState {
  size_t cursor = 0;       // index into Timeline::events
  int selected_trace = 0;  // trace number picked in the trace list (0: none)
  PaneToggles panes;
  PaneLayout layout;
  std::string filter;  // event log filter (substring, case-insensitive)
  // The events the filter matched, found when it changed (not every frame).
  struct FilterRows {
    std::string filter;
    const void* timeline = nullptr;
    size_t events = 0;
    std::vector<size_t> rows;
  } filtered;
  SourceEditor editor;
  // Scrolling follows the cursor once after it moved, then leaves the user alone.
  size_t source_scrolled_for = static_cast<size_t>(-1);
  size_t events_scrolled_for = static_cast<size_t>(-1);
  size_t stack_scrolled_for = static_cast<size_t>(-1);
  // Panes a lesson step points at: outlined, and their tabs brought forward
  // once (select_highlighted, cleared after the frame).
  std::vector<std::string> highlight;
  bool select_highlighted = false;
  // The pane group whose text was copied last, and when (ImGui::GetTime()).
  std::string copied;
  double copied_at = 0;
  // What panes show of the whole timeline (the trace list and graph, the
  // source's error), made once per timeline, not every frame (Whole()).
  std::shared_ptr<const WholeTimelineViews> whole;
};

}  // namespace ljp::ui
