// Output pane: what the program printed up to the cursor.
#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {

void DrawOutputPane(const Timeline& timeline, ViewState& state) {
  const WholeTimelineViews& whole = Whole(timeline, state);
  const std::string_view text = OutputUpTo(whole, state.cursor);
  ImGui::BeginChild("output_text", ImVec2(0, 0), ImGuiChildFlags_None,
                    ImGuiWindowFlags_HorizontalScrollbar);
  if (text.empty()) ImGui::TextDisabled("(no output up to the cursor)");
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  if (state.cursor >= whole.cap_index && state.cursor < timeline.events.size()) {
    ImGui::PushStyleColor(ImGuiCol_Text, Colors().warn);
    ImGui::TextWrapped("-- %s", whole.cap_notice.c_str());
    ImGui::PopStyleColor();
  }
  const std::string& status = whole.run_end;
  const std::string& cut = whole.output_cut;
  if (!cut.empty() && state.cursor + 1 >= timeline.events.size()) {
    ImGui::PushStyleColor(ImGuiCol_Text, Colors().warn);
    ImGui::TextWrapped("-- %s", cut.c_str());
    ImGui::PopStyleColor();
  }
  if (!status.empty() && state.cursor + 1 >= timeline.events.size())
    ImGui::TextColored(status.starts_with("ok") ? Colors().good : Colors().warn, "-- run ended: %s",
                       status.c_str());
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
}

}  // namespace ljp::ui
