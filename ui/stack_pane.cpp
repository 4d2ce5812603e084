// Lua stack pane: the frames at the last stitch step (continuation frames
// marked, the stitch continuation highlighted) and the stack before the
// continuation, with it inserted, and restored, side by side.
#include <algorithm>
#include <string>

#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {
namespace {

// Tables scroll sideways in a narrow pane rather than cut their columns.
void DrawFrames(const StackAtCursorView& v) {
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingFixedFit;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float row = ImGui::GetTextLineHeight() + 2 * style.CellPadding.y;
  const float height = std::min(row * (v.frames.size() + 1) + style.ScrollbarSize + 2,
                                ImGui::GetContentRegionAvail().y * 0.45f);
  if (!ImGui::BeginTable("frames", 5, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("slot");
  ImGui::TableSetupColumn("size");
  ImGui::TableSetupColumn("type");
  ImGui::TableSetupColumn("continuation");
  ImGui::TableSetupColumn("function");
  ImGui::TableHeadersRow();
  for (const FrameRow& f : v.frames) {
    ImGui::TableNextRow();
    if (f.is_stitch) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, Colors().stitch_bg);
    ImGui::TableNextColumn();
    ImGui::Text("%d", f.slot);
    ImGui::TableNextColumn();
    ImGui::Text("%d", f.size);
    ImGui::TableNextColumn();
    if (f.is_cont)
      ImGui::TextColored(Colors().title, "cont");
    else
      ImGui::TextUnformatted(f.type.c_str());
    ImGui::TableNextColumn();
    if (f.is_cont) {
      const std::string cont = "lj_cont_" + f.cont + (f.is_stitch ? "  <- stitch" : "");
      ImGui::TextUnformatted(cont.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(f.fn.c_str());
  }
  EndCheckedTable();
}

void DrawColumns(const StackAtCursorView& v, ViewState& state) {
  size_t rows = 0;
  for (const StackColumn& c : v.columns) rows = std::max(rows, c.slots.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuterH |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("stitch_states", 4, flags)) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("slot");
  for (const StackColumn& c : v.columns) {
    std::string head = c.title;
    if (c.index == kNone)
      head += " (none)";
    else if (!c.reached)
      head += " (ahead)";
    else
      head += " (base " + std::to_string(c.base) + ", top " + std::to_string(c.top) + ")";
    ImGui::TableSetupColumn(head.c_str());
  }
  ImGui::TableHeadersRow();
  for (size_t row = 0; row < rows; ++row) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%zu", row);
    // Bring the stitch's slots into view once after the cursor moved.
    bool interesting = false;
    for (const StackColumn& c : v.columns)
      interesting |= row < c.slots.size() && (c.slots[row].stitch || c.slots[row].top);
    if (interesting && state.stack_scrolled_for != state.cursor) {
      ImGui::SetScrollHereY(0.7f);
      state.stack_scrolled_for = state.cursor;
    }
    for (const StackColumn& c : v.columns) {
      ImGui::TableNextColumn();
      if (row >= c.slots.size()) continue;
      const SlotValueRow& r = c.slots[row];
      if (r.stitch)
        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, Colors().stitch_bg);
      else if (r.base)
        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, Colors().current_bg);
      std::string text = r.base ? "base> " : (r.top ? "top>  " : "");
      if (!r.frame.empty()) text += "[" + r.frame + "] ";
      text += r.value;
      if (!c.reached) ImGui::PushStyleColor(ImGuiCol_Text, Colors().dim);
      ImGui::TextUnformatted(text.c_str());
      if (!c.reached) ImGui::PopStyleColor();
    }
  }
  EndCheckedTable();
}

}  // namespace

void DrawStackPane(const Timeline& timeline, ViewState& state) {
  const StackAtCursorView v = StackAtCursor(timeline, state.cursor);
  PaneTitle("Lua stack at the stitch");
  if (!v.stitch) {
    ImGui::TextDisabled("No stitch yet. Use 'Next stitch' to go to one.");
    return;
  }
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(v.summary.c_str());
  if (!v.balance.empty()) {
    // Beside the summary when it fits, else below it (narrow panes, side by side).
    const std::string balance = "  stack " + v.balance;
    const float room = ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x;
    if (ImGui::CalcTextSize(balance.c_str()).x < room) ImGui::SameLine();
    ImGui::TextColored(v.balance.rfind("NOT", 0) == 0 ? Colors().warn : Colors().good, "%s",
                       balance.c_str());
  }
  ImGui::PopTextWrapPos();
  DrawFrames(v);
  ImGui::Spacing();
  DrawColumns(v, state);
}

}  // namespace ljp::ui
