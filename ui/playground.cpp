// The playground's panes in resizable rows and columns:
//   source | recorder step, bytecode                        (top row)
//   trace IR, machine code | Lua stack | traces over log    (bottom row)
// The bars between panes drag (a double-click puts that row back to its
// default); each pane group has Copy and Maximise buttons in its top-right
// corner. Shares live in ViewState::layout, which the host remembers.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>

#include "imgui_internal.h"  // the table being drawn: its columns' widths
#include "pane_style.h"
#include "panes.h"
#include "view_model.h"

namespace ljp::ui {
namespace {

// Defaults: the top row's share of the height, the bottom row's widths, the
// trace list's share of its column. The source pane's default share fits this
// many characters of code (plus its line numbers) where the window allows.
constexpr float kTopShare = 0.55f;
constexpr float kIrShare = 0.34f, kStackShare = 0.31f, kRightShare = 0.35f;
constexpr float kTracesShare = 0.45f;
constexpr int kSourceColumns = 64;

struct Tab {
  const char* pane;  // DumpPaneText's name
  const char* label;
  bool shown;
  void (*draw)(const Timeline&, ViewState&);
};

// One pane group's place in a row or column: its share, the default share,
// and what draws it into a given size.
struct Part {
  bool shown;
  float share;
  float fallback;
  std::function<void(ImVec2)> draw;
};

ImVec2 Centre(ImVec2 min, ImVec2 max) { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }

// Copy and Max / Back, at the top-right corner of the group's child.
void CornerButtons(const char* group, const Timeline& timeline, ViewState& state,
                   const char* pane) {
  const bool copied_now = state.copied == group && ImGui::GetTime() - state.copied_at < 1.5;
  const char* copy = copied_now ? "Copied" : "Copy";
  const bool maximized = state.layout.maximized == group;
  const char* size = maximized ? "Back" : "Max";
  const ImGuiStyle& style = ImGui::GetStyle();
  const float w = ImGui::CalcTextSize(copy).x + ImGui::CalcTextSize(size).x +
                  4 * style.FramePadding.x + style.ItemSpacing.x;
  const ImVec2 corner(ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - style.WindowPadding.x - w,
                      ImGui::GetWindowPos().y + style.WindowPadding.y);
  ImGui::SetCursorScreenPos(corner);
  // A backdrop, so that a long title under the buttons does not show through.
  ImGui::GetWindowDrawList()->AddRectFilled(
      ImVec2(corner.x - style.ItemSpacing.x, corner.y),
      ImVec2(corner.x + w, corner.y + ImGui::GetFrameHeight()),
      ImGui::GetColorU32(ImGuiCol_WindowBg, 1.0f) | IM_COL32_A_MASK);
  LayoutReport::Box& box = LastLayout().panes.back();
  bool do_copy = ImGui::SmallButton(copy);
  box.copy = Centre(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  ImGui::SetItemTooltip("Copy this pane's text (Ctrl+C while the pane has the focus)");
  ImGui::SameLine();
  if (ImGui::SmallButton(size)) state.layout.maximized = maximized ? "" : group;
  box.maximise = Centre(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  ImGui::SetItemTooltip(maximized ? "Back to all panes (Escape)"
                                  : "Fill the playground with this pane");
  // The cursor stays after the buttons: moving it back past the content would
  // claim room that no item uses.
  do_copy = do_copy || ImGui::Shortcut(ImGuiMod_Ctrl | ImGuiKey_C, ImGuiInputFlags_RouteFocused);
  if (do_copy && pane) {
    ImGui::SetClipboardText(DumpPaneText(timeline, state, pane).c_str());
    state.copied = group;
    state.copied_at = ImGui::GetTime();
  }
}

// A bordered child for one pane group, one tab per shown pane (groups of one
// pane have no tab bar: the pane's title says what it is), with its corner
// buttons.
void Group(const char* group, ImVec2 size, std::initializer_list<Tab> tabs,
           const Timeline& timeline, ViewState& state) {
  ImGui::BeginChild(group, size, ImGuiChildFlags_Borders);
  LastLayout().panes.push_back({group, ImGui::GetWindowPos(), size, {}, {}});
  const char* pane = nullptr;
  const auto highlighted = [&](const Tab& t) {
    return std::find(state.highlight.begin(), state.highlight.end(), t.pane) !=
           state.highlight.end();
  };
  bool outlined = false;
  if (tabs.size() == 1) {
    for (const Tab& t : tabs)
      if (t.shown) {
        pane = t.pane;
        outlined = highlighted(t);
        t.draw(timeline, state);
      }
  } else if (ImGui::BeginTabBar(group)) {
    for (const Tab& t : tabs) {
      const bool bring = state.select_highlighted && highlighted(t);
      outlined = outlined || (t.shown && highlighted(t));
      if (t.shown &&
          ImGui::BeginTabItem(t.label, nullptr, bring ? ImGuiTabItemFlags_SetSelected : 0)) {
        pane = t.pane;
        t.draw(timeline, state);
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  CornerButtons(group, timeline, state, pane);
  ImGui::EndChild();
  // A lesson's panes get an outline.
  if (outlined) {
    const float w = 3 * ImGui::GetStyle().ChildBorderSize + 1;
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                        IM_COL32(240, 170, 40, 255), 0, 0, w);
  }
}

// Lays out the shown parts along x (a row) or y (a column) in `size`, with a
// drag bar between each two. Returns true when a bar moved the shares (then
// each part's share is its new one) or was double-clicked (then each share is
// 0: the default).
bool Split(const char* id, bool along_x, ImVec2 size, std::span<Part> parts) {
  std::vector<Part*> shown;
  float total = 0;
  for (Part& p : parts) {
    if (!p.shown) continue;
    if (p.share <= 0) p.share = p.fallback;
    shown.push_back(&p);
    total += p.share;
  }
  if (shown.empty()) return false;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float bar = along_x ? style.ItemSpacing.x : style.ItemSpacing.y;
  const float length = along_x ? size.x : size.y;
  const float avail = std::max(1.0f, length - bar * (shown.size() - 1));
  const float min_px = std::min(avail / shown.size(), ImGui::GetFontSize() * 4);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  bool changed = false, reset = false;
  float at = 0;
  for (size_t i = 0; i < shown.size(); ++i) {
    const bool last = i + 1 == shown.size();
    const float px = last ? length - at : std::round(avail * shown[i]->share / total);
    ImGui::SetCursorScreenPos(along_x ? ImVec2(origin.x + at, origin.y)
                                      : ImVec2(origin.x, origin.y + at));
    shown[i]->draw(along_x ? ImVec2(px, size.y) : ImVec2(size.x, px));
    at += px;
    if (last) break;
    ImGui::SetCursorScreenPos(along_x ? ImVec2(origin.x + at, origin.y)
                                      : ImVec2(origin.x, origin.y + at));
    ImGui::PushID(id);
    ImGui::PushID(static_cast<int>(i));
    ImGui::InvisibleButton("bar", along_x ? ImVec2(bar, size.y) : ImVec2(size.x, bar));
    ImGui::PopID();
    ImGui::PopID();
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) {
      ImGui::SetMouseCursor(along_x ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
      ImGui::GetWindowDrawList()->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                                ImGui::GetColorU32(ImGuiCol_SeparatorHovered));
    }
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) reset = true;
    const float a = avail * shown[i]->share / total, b = avail * shown[i + 1]->share / total;
    if (const std::optional<float> to = DraggedTo(a, along_x)) {
      const float moved = std::clamp(*to, min_px, a + b - min_px) - a;
      if (moved != 0) {
        shown[i]->share += moved / avail * total;
        shown[i + 1]->share -= moved / avail * total;
        changed = true;
      }
    }
    at += bar;
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);
  if (reset)
    for (Part& p : parts) p.share = 0;
  return changed || reset;
}

// The source pane's default share of the top row: room for kSourceColumns
// characters and its line numbers, between a third and two thirds.
float SourceFallback(float row_width) {
  const float chars = ImGui::CalcTextSize("0").x * (kSourceColumns + 7);
  const float want =
      chars + 2 * ImGui::GetStyle().WindowPadding.x + ImGui::GetStyle().ScrollbarSize;
  return std::clamp(want / std::max(1.0f, row_width), 0.34f, 0.66f);
}

}  // namespace

std::optional<float> DraggedTo(float size, bool along_x) {
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID id = ImGui::GetItemID();
  if (ImGui::IsItemActivated()) storage->SetFloat(id, size);
  if (!ImGui::IsItemActive()) return std::nullopt;
  const ImVec2 drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f);
  return storage->GetFloat(id, size) + (along_x ? drag.x : drag.y);
}

LayoutReport& LastLayout() {
  static LayoutReport report;
  return report;
}

void EndCheckedTable() {
  const ImGuiTable* table = ImGui::GetCurrentTable();
  if (table && (table->Flags & ImGuiTableFlags_NoClip) == 0) {
    const bool scrolls_x = (table->Flags & ImGuiTableFlags_ScrollX) != 0;
    const std::vector<LayoutReport::Box>& panes = LastLayout().panes;
    const std::string group = panes.empty() ? "" : panes.back().name;
    for (int i = 0; i < table->ColumnsCount; ++i) {
      const ImGuiTableColumn& c = table->Columns[i];
      const char* name = ImGui::TableGetColumnName(i);
      if (!c.IsEnabled || !name || !*name || table->IsLayoutLocked == false) continue;
      const float room = c.MaxX - c.MinX - 2 * table->CellPaddingX;
      const bool hidden = !scrolls_x && c.MinX >= table->InnerClipRect.Max.x;
      if (hidden || room + 0.5f < ImGui::CalcTextSize(name, nullptr, true).x)
        LastLayout().cut_headers.push_back(group + ": " + name);
    }
  }
  ImGui::EndTable();
}

std::string LayoutJson(const LayoutReport& report) {
  nlohmann::json panes = nlohmann::json::array();
  const auto point = [](ImVec2 p) { return nlohmann::json::array({p.x, p.y}); };
  for (const LayoutReport::Box& b : report.panes)
    panes.push_back({{"name", b.name},
                     {"x", b.pos.x},
                     {"y", b.pos.y},
                     {"width", b.size.x},
                     {"height", b.size.y},
                     {"copy", point(b.copy)},
                     {"maximise", point(b.maximise)}});
  const nlohmann::json j = {{"char_width", report.char_width},
                            {"source_columns", report.source_columns},
                            {"panes", panes},
                            {"cut_headers", report.cut_headers}};
  return j.dump();
}

void DrawPlayground(const Timeline& timeline, ViewState& state) {
  state.cursor = ClampCursor(timeline, state.cursor);
  LastLayout() = LayoutReport{};
  LastLayout().char_width = ImGui::CalcTextSize("0").x;
  DrawControls(timeline, state);
  const PaneToggles& p = state.panes;
  PaneLayout& layout = state.layout;
  const ImVec2 avail = ImGui::GetContentRegionAvail();

  const auto source = [&](ImVec2 size) {
    Group("source", size, {{"source", "Source", p.source, DrawSourcePane}}, timeline, state);
  };
  const auto recorder = [&](ImVec2 size) {
    Group("recorder", size,
          {{"recorder", "Recorder step", p.recorder, DrawRecorderPane},
           {"bytecode", "Bytecode", p.bytecode, DrawBytecodePane}},
          timeline, state);
  };
  const auto ir = [&](ImVec2 size) {
    Group("ir", size,
          {{"ir", "Trace IR", p.ir, DrawIrPane},
           {"mcode", "Machine code", p.mcode, DrawMachineCodePane}},
          timeline, state);
  };
  const auto stack = [&](ImVec2 size) {
    Group("stack", size, {{"stack", "Lua stack", p.stack, DrawStackPane}}, timeline, state);
  };
  const auto traces = [&](ImVec2 size) {
    Group("traces", size,
          {{"traces", "Trace list", p.traces, DrawTraceListPane},
           {"graph", "Trace graph", p.graph, DrawTraceGraphPane}},
          timeline, state);
  };
  const auto log = [&](ImVec2 size) {
    Group("log", size,
          {{"events", "Event log", p.events, DrawEventLogPane},
           {"output", "Output", p.output, DrawOutputPane}},
          timeline, state);
  };

  // One group maximised: it alone, until Restore or Escape.
  const std::pair<const char*, std::function<void(ImVec2)>> groups[] = {
      {"source", source}, {"recorder", recorder}, {"ir", ir},
      {"stack", stack},   {"traces", traces},     {"log", log}};
  for (const auto& [name, draw] : groups) {
    if (layout.maximized != name) continue;
    if (ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput)
      layout.maximized.clear();
    draw(avail);
    return;
  }
  layout.maximized.clear();

  const bool top_shown = p.source || p.recorder || p.bytecode;
  const bool right_shown = p.traces || p.graph || p.events || p.output;
  const bool bottom_shown = p.ir || p.mcode || p.stack || right_shown;
  Part top_row[] = {
      {p.source, layout.source, SourceFallback(avail.x), source},
      {p.recorder || p.bytecode, layout.source > 0 ? 1 - layout.source : 0,
       1 - SourceFallback(avail.x), recorder},
  };
  Part right_column[] = {
      {p.traces || p.graph, layout.traces, kTracesShare, traces},
      {p.events || p.output, layout.traces > 0 ? 1 - layout.traces : 0, 1 - kTracesShare, log},
  };
  Part bottom_row[] = {
      {p.ir || p.mcode, layout.ir, kIrShare, ir},
      {p.stack, layout.stack, kStackShare, stack},
      {right_shown, layout.right, kRightShare,
       [&](ImVec2 size) {
         if (Split("right", false, size, right_column)) {
           const float sum = right_column[0].share + right_column[1].share;
           layout.traces = right_column[0].share > 0 ? right_column[0].share / sum : 0;
         }
       }},
  };
  Part rows[] = {
      {top_shown, layout.top, kTopShare,
       [&](ImVec2 size) {
         if (Split("top", true, size, top_row)) {
           const float sum = top_row[0].share + top_row[1].share;
           layout.source = top_row[0].share > 0 ? top_row[0].share / sum : 0;
         }
       }},
      {bottom_shown, layout.top > 0 ? 1 - layout.top : 0, 1 - kTopShare,
       [&](ImVec2 size) {
         if (Split("bottom", true, size, bottom_row)) {
           layout.ir = bottom_row[0].share;
           layout.stack = bottom_row[1].share;
           layout.right = bottom_row[2].share;
         }
       }},
  };
  if (Split("rows", false, avail, rows)) {
    const float sum = rows[0].share + rows[1].share;
    layout.top = rows[0].share > 0 ? rows[0].share / sum : 0;
  }
  state.select_highlighted = false;
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
  ImGui::BeginChild("stack", ImVec2(0, h * 0.64f), ImGuiChildFlags_Borders);
  DrawStackPane(timeline, state);
  ImGui::EndChild();
  ImGui::BeginChild("traces", ImVec2(0, 0), ImGuiChildFlags_Borders);
  DrawTraceListPane(timeline, state);
  ImGui::EndChild();
}

}  // namespace ljp::ui
