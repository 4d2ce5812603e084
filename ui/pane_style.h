// Colours and small drawing helpers the panes share.
#pragma once

#include "imgui.h"

namespace ljp::ui {

inline constexpr ImU32 kCurrentBg = IM_COL32(70, 90, 150, 255);  // the cursor's line
inline constexpr ImU32 kAddedBg = IM_COL32(60, 110, 60, 255);    // IR just added
inline constexpr ImU32 kStitchBg = IM_COL32(140, 90, 30, 255);   // the stitch continuation
inline constexpr ImVec4 kDimText{0.60f, 0.60f, 0.65f, 1.0f};     // snapshots, notes
inline constexpr ImVec4 kWarnText{1.00f, 0.55f, 0.35f, 1.0f};    // aborts, errors
inline constexpr ImVec4 kGoodText{0.55f, 0.90f, 0.55f, 1.0f};    // balanced, stopped
inline constexpr ImVec4 kTitleText{0.95f, 0.85f, 0.45f, 1.0f};   // pane titles

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
  ImGui::PushStyleColor(ImGuiCol_Text, kTitleText);
  ImGui::TextUnformatted(title);
  ImGui::PopStyleColor();
  ImGui::Separator();
}

}  // namespace ljp::ui
