// Bytecode pane: the recorded bytecode of the function at the cursor, by pc,
// the current one highlighted, with the source line each comes from.
#include <cstdio>

#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {

void DrawBytecodePane(const Timeline& timeline, ViewState& state) {
  const BytecodeView v = BytecodeAt(timeline, state.cursor);
  if (v.rows.empty()) {
    PaneTitle("Bytecode");
    ImGui::TextDisabled("No Lua bytecode recorded yet. Press Step (F10).");
    return;
  }
  char title[256];
  std::snprintf(title, sizeof(title), "Bytecode of the function at %s", v.function.c_str());
  PaneTitle(title);
  ImGui::TextColored(Colors().dim, "Recorded so far: %zu of its bytecodes (line  pc  ins)",
                     v.rows.size());
  ImGui::SetItemTooltip(
      "The timeline carries only the bytecodes the recorder recorded; a full listing needs "
      "the engine to send the prototypes.");
  ImGui::BeginChild("bytecode_rows", ImVec2(0, 0), ImGuiChildFlags_None,
                    ImGuiWindowFlags_HorizontalScrollbar);
  for (const BytecodeRow& r : v.rows) {
    char text[512];
    std::snprintf(text, sizeof(text), "%4d  %s", r.line, r.text.c_str());
    TextLine(text, r.current ? Colors().current_bg : 0);
    if (r.seen > 1) ImGui::SetItemTooltip("recorded %d times", r.seen);
  }
  ImGui::EndChild();
}

}  // namespace ljp::ui
