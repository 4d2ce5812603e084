// Recorder step pane: the bytecode being recorded, the recorder's slot map and
// the IR that recording it added.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

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
  // As many columns as the widest slot fits, one at least.
  std::vector<std::string> cells;
  float widest = 0;
  for (const SlotRow& r : v.slots) {
    char head[16];
    std::snprintf(head, sizeof(head), "%s%3d  ", r.base ? "base" : "    ", r.slot);
    cells.push_back(head + r.text);
    widest = std::max(widest, ImGui::CalcTextSize(cells.back().c_str()).x);
  }
  const float cell = widest + 2 * ImGui::GetStyle().CellPadding.x + 1;
  const int columns = std::clamp(static_cast<int>(ImGui::GetContentRegionAvail().x / cell), 1, 4);
  if (ImGui::BeginTable("slots", columns,
                        ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) {
    for (size_t i = 0; i < cells.size(); ++i) {
      ImGui::TableNextColumn();
      if (v.slots[i].base) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, Colors().current_bg);
      ImGui::TextUnformatted(cells[i].c_str());
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
