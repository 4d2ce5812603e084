// The fixed layout of all panes: source, recorder step / bytecode and IR /
// machine code on top; the Lua stack, trace list / graph and output / event
// log below.
#include <initializer_list>

#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {
namespace {

void Pane(const char* id, float width, float height, bool shown,
          void (*draw)(const Timeline&, ViewState&), const Timeline& timeline, ViewState& state) {
  if (!shown) return;
  ImGui::BeginChild(id, ImVec2(width, height), ImGuiChildFlags_Borders);
  draw(timeline, state);
  ImGui::EndChild();
}

struct Tab {
  const char* label;
  bool shown;
  void (*draw)(const Timeline&, ViewState&);
};

// A bordered child with one tab per shown pane (no tab bar for just one).
void TabbedPane(const char* id, float width, float height, std::initializer_list<Tab> tabs,
                const Timeline& timeline, ViewState& state) {
  int shown = 0;
  for (const Tab& t : tabs) shown += t.shown;
  if (shown == 0) return;
  ImGui::BeginChild(id, ImVec2(width, height), ImGuiChildFlags_Borders);
  if (shown == 1) {
    for (const Tab& t : tabs)
      if (t.shown) t.draw(timeline, state);
  } else if (ImGui::BeginTabBar(id)) {
    for (const Tab& t : tabs) {
      if (t.shown && ImGui::BeginTabItem(t.label)) {
        t.draw(timeline, state);
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
}

}  // namespace

void DrawPlayground(const Timeline& timeline, ViewState& state) {
  state.cursor = ClampCursor(timeline, state.cursor);
  DrawControls(timeline, state);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float top_h = avail.y * 0.52f;
  const float bottom_h = avail.y - top_h - ImGui::GetStyle().ItemSpacing.y;
  const PaneToggles& p = state.panes;

  // Top row: source | recorder step, bytecode | IR, machine code.
  const float w3 = (avail.x - 2 * spacing) / 3;
  Pane("source", w3 * 0.85f, top_h, p.source, DrawSourcePane, timeline, state);
  if (p.source) ImGui::SameLine();
  TabbedPane(
      "recorder", w3 * 1.05f, top_h,
      {{"Recorder step", p.recorder, DrawRecorderPane}, {"Bytecode", p.bytecode, DrawBytecodePane}},
      timeline, state);
  if (p.recorder || p.bytecode) ImGui::SameLine();
  TabbedPane("ir", 0, top_h,
             {{"Trace IR", p.ir, DrawIrPane}, {"Machine code", p.mcode, DrawMachineCodePane}},
             timeline, state);

  // Bottom row: Lua stack | traces over output and event log.
  const float stack_w = (avail.x - spacing) * 0.58f;
  Pane("stack", stack_w, bottom_h, p.stack, DrawStackPane, timeline, state);
  if (p.stack) ImGui::SameLine();
  ImGui::BeginGroup();
  const float traces_h = bottom_h * 0.45f;
  TabbedPane(
      "traces", 0, traces_h,
      {{"Trace list", p.traces, DrawTraceListPane}, {"Trace graph", p.graph, DrawTraceGraphPane}},
      timeline, state);
  if (p.output || p.events) {
    ImGui::BeginChild("log", ImVec2(0, 0), ImGuiChildFlags_Borders);
    if (ImGui::BeginTabBar("log_tabs")) {
      if (p.events && ImGui::BeginTabItem("Event log")) {
        DrawEventLogPane(timeline, state);
        ImGui::EndTabItem();
      }
      if (p.output && ImGui::BeginTabItem("Output")) {
        DrawOutputPane(timeline, state);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
    ImGui::EndChild();
  }
  ImGui::EndGroup();
}

void DrawComparedRun(const Timeline& timeline, ViewState& state) {
  state.cursor = ClampCursor(timeline, state.cursor);
  if (ImGui::Button("< Step")) StepBack(timeline, state);
  ImGui::SameLine();
  if (ImGui::Button("Step >")) StepForward(timeline, state);
  ImGui::SameLine();
  if (ImGui::Button("Over trace >>")) StepOverTrace(timeline, state);
  ImGui::SetItemTooltip("To the next trace start, or the end of another trace");
  ImGui::SameLine();
  if (ImGui::Button("Next stitch >>")) RunToNextStitch(timeline, state);
  ImGui::SameLine();
  if (ImGui::Button("Next abort >>")) RunToNextAbort(timeline, state);
  ImGui::SameLine();
  const std::string at = EventSummary(timeline, state.cursor);
  ImGui::TextUnformatted(at.c_str());
  const float h = ImGui::GetContentRegionAvail().y;
  Pane("stack", 0, h * 0.64f, true, DrawStackPane, timeline, state);
  Pane("traces", 0, 0, true, DrawTraceListPane, timeline, state);
}

}  // namespace ljp::ui
