// The traces as a graph: one node per recording attempt, edges for side
// traces, stitches and links, in layers (roots on top, children below).
// Computed from the timeline alone, for the trace graph pane and its tests.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "timeline.h"

namespace ljp::ui {

struct TraceNode {
  int trace = 0;
  size_t start_index = 0, end_index = static_cast<size_t>(-1);
  std::string status;    // recording, stopped, aborted
  std::string start;     // where it starts ("file.lua:5")
  std::string linktype;  // stopped traces: how it ends
  std::string reason;    // aborted traces: why
  int layer = 0;         // 0: roots; a child lies one below its parent
  int column = 0;        // position within its layer, in timeline order
};

struct TraceEdge {
  enum class Kind {
    kSide,    // parent -> side trace, label "exit N"
    kStitch,  // trace -> the trace continuing after its stitch
    kLink,    // a stopped trace -> the trace it links to (loop, root, ...)
  };
  Kind kind = Kind::kSide;
  size_t from = 0, to = 0;  // node indexes (from == to: a trace looping to itself)
  std::string label;
  bool operator==(const TraceEdge&) const = default;
};

struct TraceGraph {
  std::vector<TraceNode> nodes;  // in timeline order
  std::vector<TraceEdge> edges;
  int layers = 0;
  int columns = 0;  // the widest layer
};

TraceGraph BuildTraceGraph(const Timeline& t);

}  // namespace ljp::ui
