#include "trace_graph.h"

#include <algorithm>
#include <map>

#include "view_model.h"

namespace ljp::ui {
namespace {

// The node of trace `number` as it stood before event `before`: the last one
// that stopped by then, else the last attempt with that number. kNone if none.
size_t NodeOf(const std::vector<TraceNode>& nodes, size_t count, int number, size_t before) {
  size_t any = kNone;
  for (size_t j = count; j-- > 0;) {
    if (nodes[j].trace != number) continue;
    if (nodes[j].status == "stopped" && nodes[j].end_index <= before) return j;
    if (any == kNone) any = j;
  }
  return any;
}

}  // namespace

TraceGraph BuildTraceGraph(const Timeline& t) {
  TraceGraph g;
  for (const TraceRow& r : TraceList(t)) {
    TraceNode n;
    n.trace = r.trace;
    n.start_index = r.start_index;
    n.end_index = r.end_index;
    n.status = r.status;
    n.start = r.start;
    n.linktype = r.linktype;
    n.reason = r.reason;
    g.nodes.push_back(std::move(n));
  }
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    TraceNode& n = g.nodes[i];
    const auto* s = std::get_if<TraceStart>(&t.events[n.start_index].body);
    if (s && s->parent) {
      const size_t from = NodeOf(g.nodes, i, s->parent, n.start_index);
      if (from != kNone)
        g.edges.push_back({TraceEdge::Kind::kSide, from, i, "exit " + std::to_string(s->exitno)});
    }
    if (s && s->stitch_from) {
      const size_t from = NodeOf(g.nodes, i, s->stitch_from, n.start_index);
      if (from != kNone) g.edges.push_back({TraceEdge::Kind::kStitch, from, i, "stitch"});
    }
    if (n.status != "stopped") continue;
    const auto* stop = std::get_if<TraceStop>(&t.events[n.end_index].body);
    if (!stop || stop->link == 0) continue;
    const size_t to = stop->link == n.trace ? i : NodeOf(g.nodes, i, stop->link, n.end_index);
    if (to != kNone) g.edges.push_back({TraceEdge::Kind::kLink, i, to, stop->linktype});
  }

  // Layers: a side or stitched trace lies below the trace it comes from
  // (those always come first in the timeline).
  for (const TraceEdge& e : g.edges) {
    if (e.kind != TraceEdge::Kind::kLink && e.from < e.to)
      g.nodes[e.to].layer = std::max(g.nodes[e.to].layer, g.nodes[e.from].layer + 1);
  }
  std::map<int, int> used;  // layer -> columns taken
  for (TraceNode& n : g.nodes) {
    n.column = used[n.layer]++;
    g.layers = std::max(g.layers, n.layer + 1);
    g.columns = std::max(g.columns, n.column + 1);
  }
  return g;
}

}  // namespace ljp::ui
