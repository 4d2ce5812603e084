// Recorder step pane: the bytecode being recorded, the recorder's slot map and
// the IR that recording it added.
#include <cstdio>

#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {

void DrawRecorderPane(const Timeline& timeline, ViewState& state) {
  const RecorderStepView v = RecorderStepAt(timeline, state.cursor);
  if (!v.step) {
    PaneTitle("Recorder step");
    ImGui::TextDisabled("No bytecode recorded yet. Press Step (F10).");
    return;
  }
  char title[128];
  std::snprintf(title, sizeof(title), "Recorder step: trace %d, step %d, depth %d", v.step->trace,
                v.step->step, v.step->depth);
  PaneTitle(title);
  std::string bc = v.step->bc;
  if (!bc.empty() && bc.back() == '\n') bc.pop_back();
  TextLine(bc.c_str(), Colors().current_bg);

  ImGui::BeginChild("recorder_body", ImVec2(0, 0));
  ImGui::TextColored(Colors().dim, "Slot map (J->slot, base at %d):", v.step->slots.baseslot);
  if (ImGui::BeginTable("slots", 3,
                        ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) {
    for (const SlotRow& r : v.slots) {
      ImGui::TableNextColumn();
      if (r.base) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, Colors().current_bg);
      ImGui::Text("%s%3d  %s", r.base ? "base" : "    ", r.slot, r.text.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  if (v.done_index == kNone) {
    ImGui::TextColored(Colors().dim, "IR added: none (the trace ended in this step)");
  } else {
    ImGui::TextColored(Colors().dim, "IR added by this step%s:",
                       v.done_index > state.cursor ? " (after the cursor)" : "");
    for (const std::string& line : v.added_ir) TextLine(line.c_str(), Colors().added_bg);
    if (v.added_ir.empty()) ImGui::TextDisabled("  none");
  }
  ImGui::EndChild();
}

}  // namespace ljp::ui
