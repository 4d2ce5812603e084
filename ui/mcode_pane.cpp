// Machine code pane: the trace's machine code, disassembled by Capstone
// (ui/disassembler.cpp) in builds that have it, else as bytes (a timeline
// recorded natively, opened in the page); or in the WebAssembly build the
// trace's WebAssembly once it was compiled.
#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {

void DrawMachineCodePane(const Timeline& timeline, ViewState& state) {
  const MachineCodeView v = MachineCodeAt(timeline, state.cursor);
  PaneTitle(v.heading.c_str());
  ImGui::BeginChild("mcode_lines", ImVec2(0, 0), ImGuiChildFlags_None,
                    ImGuiWindowFlags_HorizontalScrollbar);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(v.lines.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      ImGui::TextUnformatted(v.lines[i].c_str());
  ImGui::EndChild();
}

}  // namespace ljp::ui
