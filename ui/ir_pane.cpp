// IR pane: the trace's IR at the cursor (so far while recording, final once
// stopped), snapshots interleaved, the last step's additions highlighted.
#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {

void DrawIrPane(const Timeline& timeline, ViewState& state) {
  const IrView v = IrAtCursor(timeline, state.cursor);
  if (v.state == IrView::State::kNone) {
    PaneTitle("IR");
    ImGui::TextDisabled("No trace recorded yet.");
    return;
  }
  PaneTitle(v.heading.c_str());
  ImGui::BeginChild("ir_lines", ImVec2(0, 0), ImGuiChildFlags_None,
                    ImGuiWindowFlags_HorizontalScrollbar);
  for (const IrLine& line : v.lines) {
    if (line.snapshot)
      TextLine(line.text.c_str(), 0, &Colors().dim);
    else
      TextLine(line.text.c_str(), line.added ? Colors().added_bg : 0);
  }
  if (v.state == IrView::State::kAborted) ImGui::TextColored(Colors().warn, "-- aborted");
  ImGui::EndChild();
}

}  // namespace ljp::ui
