// The playground's panes: Dear ImGui functions over a Timeline and a ViewState.
// Each draws into the current window or child; none keeps state of its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "run_settings.h"
#include "timeline.h"
#include "view_state.h"

namespace ljp::ui {

void DrawSourcePane(const Timeline& timeline, ViewState& state);
void DrawRecorderPane(const Timeline& timeline, ViewState& state);
void DrawIrPane(const Timeline& timeline, ViewState& state);
void DrawStackPane(const Timeline& timeline, ViewState& state);
void DrawTraceListPane(const Timeline& timeline, ViewState& state);
void DrawOutputPane(const Timeline& timeline, ViewState& state);
void DrawEventLogPane(const Timeline& timeline, ViewState& state);
void DrawBytecodePane(const Timeline& timeline, ViewState& state);
void DrawMachineCodePane(const Timeline& timeline, ViewState& state);
void DrawTraceGraphPane(const Timeline& timeline, ViewState& state);

// Step / Step back / Step over trace / Run to next stitch / Run to next abort /
// start / end, and their keys. Returns true when the cursor moved.
bool DrawControls(const Timeline& timeline, ViewState& state);
// Keyboard shortcuts only, for hosts that draw their own buttons: F10 and F11
// step (into the next recorded bytecode), Shift+F10 steps back, Ctrl+F10 steps
// over the trace.
bool HandleStepKeys(const Timeline& timeline, ViewState& state);

// One run of a comparison: the stack at the stitch over the trace list, with
// stepping buttons, filling the current child.
void DrawComparedRun(const Timeline& timeline, ViewState& state);

// Settings panel editors (jit.opt, fault plan); return true when changed.
bool DrawJitOptEditor(RunSettings& settings);
bool DrawFaultEditor(RunSettings& settings);

// Every pane, in resizable rows and columns (state.layout) filling the current
// window's remaining space. Each pane group has Copy (also Ctrl+C while it has
// the focus) and Maximise buttons; Escape restores a maximised pane.
void DrawPlayground(const Timeline& timeline, ViewState& state);

// What the last frame laid out, for tests (`ljplay gui --dump-layout`, the
// page's ljp_viewer_layout_json) and the layout checks at each window size.
struct LayoutReport {
  struct Box {
    std::string name;       // a pane group: "source", "recorder", "ir", ...
    ImVec2 pos, size;       // in the window's pixels (the page: CSS pixels times the pixel ratio)
    ImVec2 copy, maximise;  // the centres of its Copy and Max / Back buttons
  };
  float char_width = 0;    // of the pane font, in pixels
  int source_columns = 0;  // characters of code the source pane shows per line
  std::vector<Box> panes;
  std::vector<std::string> cut_headers;  // "traces: link / reason": narrower than its text
};
LayoutReport& LastLayout();
// While the last item (a bar between panes) is dragged: where the size before
// it goes, from its size when the drag began and how far the mouse went since
// the click (not the mouse's movement per frame: the first can come with the
// click, from far away).
std::optional<float> DraggedTo(float size, bool along_x = true);
// ImGui::EndTable(), first noting in LastLayout() each header its column cuts.
void EndCheckedTable();
// "{"char_width": .., "source_columns": .., "panes": [..], "cut_headers": [..]}"
std::string LayoutJson(const LayoutReport& report);

// The text a pane shows at the state's cursor: "source", "recorder", "ir",
// "stack", "traces", "output", "events", "bytecode", "mcode", "graph". For
// tests; "" for an unknown pane.
std::string DumpPaneText(const Timeline& timeline, const ViewState& state, std::string_view pane);

// Cursor moves shared by the buttons and keys; false when there is nowhere to go.
bool StepForward(const Timeline& timeline, ViewState& state);
bool StepBack(const Timeline& timeline, ViewState& state);
bool RunToNextStitch(const Timeline& timeline, ViewState& state);
bool RunToNextAbort(const Timeline& timeline, ViewState& state);
bool StepOverTrace(const Timeline& timeline, ViewState& state);

}  // namespace ljp::ui
