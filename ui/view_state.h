// What the viewer is looking at: the cursor into the timeline and the view's
// settings. Plain values; the panes read and change it, nothing mirrors it.
#pragma once

#include <cstddef>
#include <string>

namespace ljp::ui {

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
  std::string filter;  // event log filter (substring, case-insensitive)
  SourceEditor editor;
  // Scrolling follows the cursor once after it moved, then leaves the user alone.
  size_t source_scrolled_for = static_cast<size_t>(-1);
  size_t events_scrolled_for = static_cast<size_t>(-1);
  size_t stack_scrolled_for = static_cast<size_t>(-1);
};

}  // namespace ljp::ui
