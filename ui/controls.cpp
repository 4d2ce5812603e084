// Cursor controls: step through recorded bytecodes, jump to stitches and aborts.
#include <cstdio>

#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {
namespace {

bool MoveTo(ViewState& state, size_t index) {
  if (index == kNone || index == state.cursor) return false;
  state.cursor = index;
  return true;
}

}  // namespace

bool StepForward(const Timeline& t, ViewState& state) {
  return MoveTo(state, NextRecordStep(t, state.cursor));
}
bool StepBack(const Timeline& t, ViewState& state) {
  return MoveTo(state, PreviousRecordStep(t, state.cursor));
}
bool RunToNextStitch(const Timeline& t, ViewState& state) {
  return MoveTo(state, NextStitch(t, state.cursor));
}
bool RunToNextAbort(const Timeline& t, ViewState& state) {
  return MoveTo(state, NextAbort(t, state.cursor));
}

bool StepOverTrace(const Timeline& t, ViewState& state) {
  return MoveTo(state, NextTraceBoundary(t, state.cursor));
}

bool HandleStepKeys(const Timeline& timeline, ViewState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsKeyPressed(ImGuiKey_F11)) return StepForward(timeline, state);
  if (!ImGui::IsKeyPressed(ImGuiKey_F10)) return false;
  if (io.KeyCtrl) return StepOverTrace(timeline, state);
  return io.KeyShift ? StepBack(timeline, state) : StepForward(timeline, state);
}

bool DrawControls(const Timeline& timeline, ViewState& state) {
  bool moved = HandleStepKeys(timeline, state);
  const bool empty = timeline.events.empty();
  ImGui::BeginDisabled(empty);
  if (ImGui::Button("|< Start")) moved |= MoveTo(state, 0);
  ImGui::SameLine();
  if (ImGui::Button("< Step back")) moved |= StepBack(timeline, state);
  ImGui::SetItemTooltip("Previous recorded bytecode (Shift+F10)");
  ImGui::SameLine();
  if (ImGui::Button("Step into >")) moved |= StepForward(timeline, state);
  ImGui::SetItemTooltip("Next recorded bytecode (F10, F11)");
  ImGui::SameLine();
  if (ImGui::Button("Step over trace >>")) moved |= StepOverTrace(timeline, state);
  ImGui::SetItemTooltip(
      "To the next trace start, or the end of another trace: past the rest of this one "
      "(Ctrl+F10)");
  ImGui::SameLine();
  if (ImGui::Button("Next stitch >>")) moved |= RunToNextStitch(timeline, state);
  ImGui::SetItemTooltip("The next phase of a stitch (recff_stitch)");
  ImGui::SameLine();
  if (ImGui::Button("Next abort >>")) moved |= RunToNextAbort(timeline, state);
  ImGui::SetItemTooltip("The next trace abort");
  ImGui::SameLine();
  if (ImGui::Button("End >|")) moved |= MoveTo(state, empty ? 0 : timeline.events.size() - 1);
  ImGui::SameLine();
  int position = static_cast<int>(state.cursor);
  const int last = empty ? 0 : static_cast<int>(timeline.events.size()) - 1;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.35f);
  if (ImGui::SliderInt("##cursor", &position, 0, last, "event %d")) {
    moved |= MoveTo(state, static_cast<size_t>(position));
  }
  ImGui::SameLine();
  const std::string at = EventSummary(timeline, state.cursor);
  ImGui::TextUnformatted(at.c_str());
  ImGui::EndDisabled();
  return moved;
}

}  // namespace ljp::ui
