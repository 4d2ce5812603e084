// Colours and small drawing helpers the panes share.
#pragma once

#include "imgui.h"

namespace ljp::ui {

// The panes' colours, for the dark or the light ImGui theme.
struct PaneColors {
  ImU32 current_bg;  // the cursor's line
  ImU32 added_bg;    // IR just added
  ImU32 stitch_bg;   // the stitch continuation
  ImVec4 dim;        // snapshots, notes
  ImVec4 warn;       // aborts, errors
  ImVec4 good;       // balanced, stopped
  ImVec4 title;      // pane titles
};

inline constexpr PaneColors kDarkPaneColors{
    IM_COL32(70, 90, 150, 255),  IM_COL32(60, 110, 60, 255),  IM_COL32(140, 90, 30, 255),
    {0.60f, 0.60f, 0.65f, 1.0f}, {1.00f, 0.55f, 0.35f, 1.0f}, {0.55f, 0.90f, 0.55f, 1.0f},
    {0.95f, 0.85f, 0.45f, 1.0f}};
inline constexpr PaneColors kLightPaneColors{
    IM_COL32(170, 195, 245, 255), IM_COL32(170, 225, 170, 255), IM_COL32(245, 200, 130, 255),
    {0.40f, 0.40f, 0.45f, 1.0f},  {0.75f, 0.20f, 0.05f, 1.0f},  {0.10f, 0.50f, 0.10f, 1.0f},
    {0.45f, 0.30f, 0.00f, 1.0f}};

// The colours in use (the host switches them with its theme).
inline PaneColors& Colors() {
  static PaneColors colors = kDarkPaneColors;
  return colors;
}

// One line of text with a full-width background (bg 0: none).
inline void TextLine(const char* text, ImU32 bg = 0, const ImVec4* color = nullptr) {
  if (bg != 0) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + ImGui::GetTextLineHeight()),
                                              bg);
  }
  if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
  ImGui::TextUnformatted(text);
  if (color) ImGui::PopStyleColor();
}

inline void PaneTitle(const char* title) {
  ImGui::PushStyleColor(ImGuiCol_Text, Colors().title);
  ImGui::TextUnformatted(title);
  ImGui::PopStyleColor();
  ImGui::Separator();
}

}  // namespace ljp::ui
