// Source pane: the program with line numbers, the recorder's line highlighted.
#include <cstdio>

#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {

void DrawSourcePane(const Timeline& timeline, ViewState& state) {
  const int current = SourceLineAt(timeline, state.cursor);
  char title[256];
  std::snprintf(title, sizeof(title), "Source: %s%s", timeline.chunkname.c_str(),
                current ? "" : "  (no line recorded yet)");
  PaneTitle(title);
  ImGui::BeginChild("source_lines", ImVec2(0, 0), ImGuiChildFlags_None,
                    ImGuiWindowFlags_HorizontalScrollbar);
  int n = 0;
  for (const std::string& line : SourceLines(timeline)) {
    ++n;
    char text[1024];
    std::snprintf(text, sizeof(text), "%4d  %s", n, line.c_str());
    TextLine(text, n == current ? Colors().current_bg : 0);
    if (n == current && state.source_scrolled_for != state.cursor) ImGui::SetScrollHereY(0.4f);
  }
  state.source_scrolled_for = state.cursor;
  ImGui::EndChild();
}

}  // namespace ljp::ui
