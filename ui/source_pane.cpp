// Source pane: the program with line numbers and Lua colours, the recorder's
// line highlighted and the line the program failed on marked; or, with
// "Edit", an editor whose text the next Run (F5) takes.
#include <cstdio>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "lua_highlight.h"
#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {
namespace {

ImVec4 TokenColor(LuaTokenKind kind) {
  const bool light = Colors().current_bg == kLightPaneColors.current_bg;
  switch (kind) {
    case LuaTokenKind::kKeyword:
      return light ? ImVec4(0.05f, 0.20f, 0.70f, 1) : ImVec4(0.45f, 0.65f, 1.00f, 1);
    case LuaTokenKind::kString:
      return light ? ImVec4(0.60f, 0.25f, 0.05f, 1) : ImVec4(0.90f, 0.65f, 0.45f, 1);
    case LuaTokenKind::kComment:
      return light ? ImVec4(0.15f, 0.50f, 0.15f, 1) : ImVec4(0.45f, 0.70f, 0.45f, 1);
    case LuaTokenKind::kNumber:
      return light ? ImVec4(0.45f, 0.10f, 0.55f, 1) : ImVec4(0.75f, 0.60f, 0.95f, 1);
    case LuaTokenKind::kText:
      break;
  }
  return ImGui::GetStyle().Colors[ImGuiCol_Text];
}

// One source line: its number, then its spans in their colours.
void HighlightedLine(int n, const std::string& line, const std::vector<LuaSpan>& spans, ImU32 bg) {
  char head[16];
  std::snprintf(head, sizeof(head), "%4d  ", n);
  TextLine(head, bg, &Colors().dim);
  for (const LuaSpan& s : spans) {
    if (s.end > line.size()) break;
    ImGui::SameLine(0, 0);
    const ImVec4 color = TokenColor(s.kind);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(line.data() + s.begin, line.data() + s.end);
    ImGui::PopStyleColor();
  }
}

void DrawHighlighted(const Timeline& timeline, ViewState& state, int current,
                     const SourceError& error) {
  const std::vector<std::string> lines = SourceLines(timeline);
  const std::vector<std::vector<LuaSpan>> spans = HighlightLua(timeline.source);
  const ImU32 error_bg = IM_COL32(170, 40, 40, 255);
  for (size_t i = 0; i < lines.size(); ++i) {
    const int n = static_cast<int>(i) + 1;
    const ImU32 bg = n == error.line ? error_bg : (n == current ? Colors().current_bg : 0);
    ImGui::BeginGroup();
    HighlightedLine(n, lines[i], i < spans.size() ? spans[i] : std::vector<LuaSpan>{}, bg);
    ImGui::EndGroup();
    if (n == error.line) ImGui::SetItemTooltip("%s", error.message.c_str());
    if (n == current && state.source_scrolled_for != state.cursor) ImGui::SetScrollHereY(0.4f);
  }
  state.source_scrolled_for = state.cursor;
}

}  // namespace

void DrawSourcePane(const Timeline& timeline, ViewState& state) {
  const int current = SourceLineAt(timeline, state.cursor);
  const SourceError& error = Whole(timeline, state).source_error;
  SourceEditor& editor = state.editor;
  char title[256];
  std::snprintf(title, sizeof(title), "Source: %s%s", timeline.chunkname.c_str(),
                editor.editing ? "  (editing)" : (current ? "" : "  (no line recorded yet)"));
  ImGui::PushStyleColor(ImGuiCol_Text, Colors().title);
  ImGui::TextUnformatted(title);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  if (ImGui::SmallButton(editor.editing ? "View" : "Edit")) {
    editor.editing = !editor.editing;
    if (editor.editing && !editor.edited) editor.text = timeline.source;
  }
  ImGui::SetItemTooltip(editor.editing ? "Back to the highlighted view of the run"
                                       : "Edit the program; Run (F5) runs the edited text");
  if (editor.edited) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Revert")) editor = SourceEditor{};
    ImGui::SetItemTooltip("Drop the edits: Run (F5) runs the file again");
    ImGui::SameLine();
    ImGui::TextColored(Colors().warn, "edited: press Run (F5)");
  }
  if (error.line > 0) {
    ImGui::TextColored(Colors().warn, "error at line %d", error.line);
    ImGui::SetItemTooltip("%s", error.message.c_str());
  }
  ImGui::Separator();
  if (editor.editing) {
    if (ImGui::InputTextMultiline("##source_edit", &editor.text, ImVec2(-1, -1),
                                  ImGuiInputTextFlags_AllowTabInput))
      editor.edited = true;
    return;
  }
  ImGui::BeginChild("source_lines", ImVec2(0, 0), ImGuiChildFlags_None,
                    ImGuiWindowFlags_HorizontalScrollbar);
  const float code_width = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("0000  ").x;
  LastLayout().source_columns = static_cast<int>(code_width / ImGui::CalcTextSize("0").x);
  DrawHighlighted(timeline, state, current, error);
  ImGui::EndChild();
}

}  // namespace ljp::ui
