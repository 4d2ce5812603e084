// Event log pane: every event, filtered by text; clicking one moves the cursor.
#include <vector>

#include "imgui.h"
// imgui_stdlib.h needs imgui.h first.
#include "imgui_stdlib.h"
#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {

void DrawEventLogPane(const Timeline& timeline, ViewState& state) {
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##filter", "filter events (e.g. stitch, abort, trace 2)",
                           &state.filter);
  // Without a filter every event is a row; with one, the matching events
  // (looked for when the filter or the timeline changed).
  const bool filtered = !state.filter.empty();
  ViewState::FilterRows& cache = state.filtered;
  if (filtered && (cache.filter != state.filter || cache.timeline != &timeline ||
                   cache.events != timeline.events.size())) {
    cache.filter = state.filter;
    cache.timeline = &timeline;
    cache.events = timeline.events.size();
    cache.rows.clear();
    for (size_t i = 0; i < timeline.events.size(); ++i)
      if (MatchesFilter(EventSummary(timeline, i), state.filter)) cache.rows.push_back(i);
  }
  const std::vector<size_t>& shown = cache.rows;
  const int count = static_cast<int>(filtered ? shown.size() : timeline.events.size());
  ImGui::BeginChild("event_rows", ImVec2(0, 0), ImGuiChildFlags_None,
                    ImGuiWindowFlags_HorizontalScrollbar);
  const bool follow = state.events_scrolled_for != state.cursor;
  ImGuiListClipper clipper;
  clipper.Begin(count);
  if (follow && state.cursor < timeline.events.size()) {
    // Make sure the cursor's row is submitted so it can be scrolled to.
    if (!filtered) clipper.IncludeItemByIndex(static_cast<int>(state.cursor));
  }
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const size_t i = filtered ? shown[row] : static_cast<size_t>(row);
      const std::string text = EventSummary(timeline, i);
      ImGui::PushID(row);
      if (ImGui::Selectable(text.c_str(), i == state.cursor)) {
        state.cursor = i;
        state.events_scrolled_for = i;  // clicked: it is visible already
      }
      if (follow && i == state.cursor) ImGui::SetScrollHereY(0.5f);
      ImGui::PopID();
    }
  }
  state.events_scrolled_for = state.cursor;
  ImGui::EndChild();
}

}  // namespace ljp::ui
