// Trace graph pane: the traces as boxes (number, start, status colour) in
// layers, with arrows for side traces, stitches and links. Clicking a box
// moves the cursor to that trace's start.
#include <algorithm>
#include <cmath>
#include <string>

#include "pane_style.h"
#include "panes.h"
#include "trace_graph.h"
#include "view_model.h"

namespace ljp::ui {
namespace {

ImVec2 Add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }
ImVec2 Sub(ImVec2 a, ImVec2 b) { return ImVec2(a.x - b.x, a.y - b.y); }
ImVec2 Scale(ImVec2 a, float s) { return ImVec2(a.x * s, a.y * s); }

// Where the ray from a box's centre towards `to` leaves the box.
ImVec2 BoxExit(ImVec2 center, ImVec2 half, ImVec2 to) {
  const ImVec2 d = Sub(to, center);
  const float tx = d.x != 0 ? half.x / std::fabs(d.x) : 1e9f;
  const float ty = d.y != 0 ? half.y / std::fabs(d.y) : 1e9f;
  return Add(center, Scale(d, std::min({tx, ty, 1.0f})));
}

void Arrowhead(ImDrawList* dl, ImVec2 from, ImVec2 tip, ImU32 color, float size) {
  ImVec2 d = Sub(tip, from);
  const float len = std::sqrt(d.x * d.x + d.y * d.y);
  if (len < 1) return;
  d = Scale(d, 1 / len);
  const ImVec2 n(-d.y, d.x);
  const ImVec2 back = Sub(tip, Scale(d, size));
  dl->AddTriangleFilled(tip, Add(back, Scale(n, size * 0.5f)), Sub(back, Scale(n, size * 0.5f)),
                        color);
}

void DashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float dash) {
  const ImVec2 d = Sub(b, a);
  const float len = std::sqrt(d.x * d.x + d.y * d.y);
  for (float s = 0; s < len; s += dash * 1.8f) {
    const float e = std::min(s + dash, len);
    dl->AddLine(Add(a, Scale(d, s / len)), Add(a, Scale(d, e / len)), color, thickness);
  }
}

std::string NodeTitle(const TraceNode& n) {
  std::string s = "TRACE " + std::to_string(n.trace);
  if (n.status == "stopped") return s + " -> " + n.linktype;
  return s + " " + n.status;
}

}  // namespace

void DrawTraceGraphPane(const Timeline& timeline, ViewState& state) {
  PaneTitle("Trace graph");
  const TraceGraph& g = Whole(timeline, state).graph;
  if (g.nodes.empty()) {
    ImGui::TextDisabled("No trace recorded.");
    return;
  }
  const PaneColors& pc = Colors();
  const ImU32 side_color = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 stitch_color = IM_COL32(230, 150, 40, 255);
  const ImU32 link_color = IM_COL32(90, 150, 240, 255);
  ImGui::TextColored(pc.dim, "solid: side trace (exit)   dashed orange: stitch   blue: link");

  const float f = ImGui::GetFontSize();
  float w = 0;
  for (const TraceNode& n : g.nodes) {
    w = std::max(
        {w, ImGui::CalcTextSize(NodeTitle(n).c_str()).x, ImGui::CalcTextSize(n.start.c_str()).x});
  }
  const ImVec2 box(w + f, 2 * ImGui::GetTextLineHeightWithSpacing() + f * 0.5f);
  const ImVec2 gap(4.5f * f, 2.2f * f);
  ImGui::BeginChild("graph_canvas", ImVec2(0, 0), ImGuiChildFlags_None,
                    ImGuiWindowFlags_HorizontalScrollbar);
  const ImVec2 origin = Add(ImGui::GetCursorScreenPos(), ImVec2(f * 0.5f, f * 0.5f));
  auto corner = [&](const TraceNode& n) {
    return Add(origin, ImVec2(n.column * (box.x + gap.x), n.layer * (box.y + gap.y)));
  };
  auto center = [&](const TraceNode& n) { return Add(corner(n), Scale(box, 0.5f)); };
  ImDrawList* dl = ImGui::GetWindowDrawList();

  for (const TraceEdge& e : g.edges) {
    const TraceNode& a = g.nodes[e.from];
    const TraceNode& b = g.nodes[e.to];
    const ImU32 color = e.kind == TraceEdge::Kind::kSide     ? side_color
                        : e.kind == TraceEdge::Kind::kStitch ? stitch_color
                                                             : link_color;
    if (e.from == e.to) {  // a loop back into itself: an arc on the right
      const ImVec2 p = corner(a);
      const ImVec2 top(p.x + box.x, p.y + box.y * 0.3f), bottom(p.x + box.x, p.y + box.y * 0.7f);
      dl->AddBezierCubic(top, Add(top, ImVec2(1.8f * f, -f)), Add(bottom, ImVec2(1.8f * f, f)),
                         bottom, color, 1.5f);
      Arrowhead(dl, Add(bottom, ImVec2(0.6f * f, 0.3f * f)), bottom, color, 0.5f * f);
      dl->AddText(Add(top, ImVec2(1.2f * f, -1.2f * f)), color, e.label.c_str());
      continue;
    }
    if (e.kind == TraceEdge::Kind::kLink && a.layer != b.layer) {
      // Back up (or down) the layers: a curve out on the right, clear of the
      // side and stitch edges between them.
      const ImVec2 from(corner(a).x + box.x, center(a).y);
      const ImVec2 to(corner(b).x + box.x, center(b).y);
      const float bulge = f * (1.5f + 0.5f * std::abs(a.layer - b.layer));
      dl->AddBezierCubic(from, Add(from, ImVec2(bulge, 0)), Add(to, ImVec2(bulge, 0)), to, color,
                         1.5f);
      Arrowhead(dl, Add(to, ImVec2(f, 0)), to, color, 0.6f * f);
      dl->AddText(Add(Scale(Add(from, to), 0.5f), ImVec2(0.75f * bulge + 0.2f * f, -0.5f * f)),
                  color, e.label.c_str());
      continue;
    }
    const ImVec2 from = BoxExit(center(a), Scale(box, 0.5f), center(b));
    const ImVec2 to = BoxExit(center(b), Scale(box, 0.5f), center(a));
    if (e.kind == TraceEdge::Kind::kStitch)
      DashedLine(dl, from, to, color, 1.5f, 0.4f * f);
    else
      dl->AddLine(from, to, color, 1.5f);
    Arrowhead(dl, from, to, color, 0.6f * f);
    const ImVec2 mid = Scale(Add(from, to), 0.5f);
    dl->AddText(Add(mid, ImVec2(0.3f * f, -0.5f * f)), color, e.label.c_str());
  }

  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const TraceNode& n = g.nodes[i];
    const ImVec2 p = corner(n);
    const bool at_cursor =
        n.start_index <= state.cursor && (n.end_index == kNone || state.cursor <= n.end_index);
    const ImVec4 status = n.status == "aborted"   ? pc.warn
                          : n.status == "stopped" ? pc.good
                                                  : pc.dim;
    dl->AddRectFilled(p, Add(p, box),
                      ImGui::GetColorU32(ImVec4(status.x, status.y, status.z, 0.25f)), 0.3f * f);
    dl->AddRect(p, Add(p, box),
                at_cursor ? ImGui::GetColorU32(pc.title) : ImGui::GetColorU32(status), 0.3f * f, 0,
                at_cursor ? 3.0f : 1.5f);
    const ImVec2 text(p.x + 0.5f * f, p.y + 0.25f * f);
    dl->AddText(text, ImGui::GetColorU32(status), NodeTitle(n).c_str());
    dl->AddText(Add(text, ImVec2(0, ImGui::GetTextLineHeightWithSpacing())),
                ImGui::GetColorU32(ImGuiCol_Text), n.start.c_str());
    ImGui::SetCursorScreenPos(p);
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::InvisibleButton("node", box)) {
      state.selected_trace = n.trace;
      state.cursor = n.start_index;
    }
    ImGui::PopID();
    if (ImGui::BeginItemTooltip()) {
      ImGui::Text("trace %d, %s, starts at %s", n.trace, n.status.c_str(), n.start.c_str());
      if (!n.reason.empty()) ImGui::Text("aborted: %s", n.reason.c_str());
      ImGui::TextDisabled("click: move the cursor to its start (event %zu)", n.start_index);
      ImGui::EndTooltip();
    }
  }
  // The canvas' extent, for scrolling (and room for the loop arcs).
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(g.columns * (box.x + gap.x), g.layers * (box.y + gap.y)));
  ImGui::EndChild();
}

}  // namespace ljp::ui
