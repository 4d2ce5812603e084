// Trace list pane: every recording attempt, how it ended and where it came from.
#include <string>

#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {

void DrawTraceListPane(const Timeline& timeline, ViewState& state) {
  const WholeTimelineViews& whole = Whole(timeline, state);
  const std::vector<TraceRow>& rows = whole.traces;
  if (rows.empty()) {
    ImGui::TextDisabled("No trace recorded.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingFixedFit;
  // The wasm column only exists where traces are compiled to WebAssembly.
  const bool any_wasm = whole.any_wasm;
  if (!ImGui::BeginTable("traces", any_wasm ? 7 : 6, flags)) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("#");
  ImGui::TableSetupColumn("status");
  ImGui::TableSetupColumn("link / reason");
  ImGui::TableSetupColumn("origin");
  ImGui::TableSetupColumn("start");
  ImGui::TableSetupColumn("exits");
  if (any_wasm) ImGui::TableSetupColumn("wasm");
  ImGui::TableHeadersRow();
  // Only the rows in view are drawn: a run can make tens of thousands of traces.
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const TraceRow& r = rows[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(i);
      const bool at_cursor =
          r.start_index <= state.cursor && (r.end_index == kNone || state.cursor <= r.end_index);
      const std::string label = std::to_string(r.trace);
      if (ImGui::Selectable(label.c_str(), at_cursor, ImGuiSelectableFlags_SpanAllColumns)) {
        state.selected_trace = r.trace;
        state.cursor = r.start_index;
      }
      ImGui::PopID();
      ImGui::TableNextColumn();
      if (r.status == "aborted")
        ImGui::TextColored(Colors().warn, "aborted");
      else if (r.status == "stopped")
        ImGui::TextColored(Colors().good, "stopped");
      else
        ImGui::TextUnformatted(r.status.c_str());
      ImGui::TableNextColumn();
      if (!r.reason.empty()) {
        ImGui::TextUnformatted(r.reason.c_str());
      } else if (!r.linktype.empty()) {
        std::string link = "-> " + r.linktype;
        if (r.link && r.link != r.trace) (link += ' ') += std::to_string(r.link);
        ImGui::TextUnformatted(link.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.origin.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.start.c_str());
      ImGui::TableNextColumn();
      if (r.exits) {
        const std::string exits = std::to_string(r.exits) + " (" + std::to_string(r.exits_used) +
                                  (r.exits_used == 1 ? " exit)" : " exits)");
        ImGui::TextUnformatted(exits.c_str());
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip(
              "Times the running trace was left through a failed guard, and how "
              "many of its exits were taken.");
      }
      if (any_wasm && ImGui::TableNextColumn() && r.wasm_bytes) {
        const std::string bytes = std::to_string(r.wasm_bytes) + " B";
        ImGui::TextUnformatted(bytes.c_str());
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("Compiled to WebAssembly (a module of this size): see Machine code.");
      }
    }
  }
  EndCheckedTable();
}

}  // namespace ljp::ui
