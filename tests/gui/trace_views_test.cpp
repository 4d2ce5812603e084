// The bytecode view, the trace graph, the source error marker, "step over
// trace" and the machine code view: on small timelines built by hand (the
// expected answers follow from the events) and on stitch_chain.lua.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "disassembler.h"
#include "panes.h"
#include "session.h"
#include "trace_graph.h"
#include "view_model.h"

namespace ljp::ui {
namespace {

Timeline Of(std::vector<EventBody> bodies) {
  Timeline t;
  t.chunkname = "demo.lua";
  for (size_t i = 0; i < bodies.size(); ++i) t.events.push_back({i, std::move(bodies[i])});
  return t;
}

FuncRef At(uint64_t proto, int pc, int line) {
  return {"demo.lua:" + std::to_string(line), proto, pc, line};
}

RecordStep Step(int trace, uint64_t proto, int pc, int line) {
  RecordStep r;
  r.trace = trace;
  r.fn = At(proto, pc, line);
  r.bc = (pc < 10 ? "000" : "00") + std::to_string(pc) + "  OP\n";
  return r;
}

TraceStart Start(int trace, int parent = 0, int exitno = 0, int stitch_from = 0) {
  TraceStart s;
  s.trace = trace;
  s.parent = parent;
  s.exitno = exitno;
  s.stitch_from = stitch_from;
  s.start = At(1, 0, 1);
  return s;
}

TraceStop Stop(int trace, const std::string& linktype, int link) {
  TraceStop s;
  s.trace = trace;
  s.linktype = linktype;
  s.link = link;
  return s;
}

TraceAbort Abort(int trace) {
  TraceAbort a;
  a.trace = trace;
  a.reason = "NYI";
  return a;
}

const Timeline& StitchChain() {
  static const Timeline t = [] {
    std::ifstream in(std::string(LJP_TEST_EXAMPLES) + "/stitch_chain.lua", std::ios::binary);
    std::stringstream source;
    source << in.rdbuf();
    SessionOptions options;
    options.prng_seed = 1;
    return Session(options).Run(source.str(), "stitch_chain.lua");
  }();
  return t;
}

// ---- Bytecode ----

TEST(BytecodeView, ListsRecordedBytecodesOfTheCurrentFunctionByPc) {
  const Timeline t = Of({Start(1), Step(1, 0xA, 5, 2), Step(1, 0xA, 3, 1), Step(1, 0xB, 1, 9),
                         Step(1, 0xA, 5, 2), Step(1, 0xA, 7, 3), Step(1, 0, -1, 0)});
  const BytecodeView v = BytecodeAt(t, 5);
  EXPECT_EQ(v.proto, 0xAu);
  ASSERT_EQ(v.rows.size(), 3u);
  EXPECT_EQ(v.rows[0].pc, 3);
  EXPECT_EQ(v.rows[1].pc, 5);
  EXPECT_EQ(v.rows[2].pc, 7);
  EXPECT_EQ(v.rows[1].seen, 2);
  EXPECT_EQ(v.rows[1].line, 2);
  EXPECT_EQ(v.rows[2].text, "0007  OP");
  EXPECT_FALSE(v.rows[0].current || v.rows[1].current);
  EXPECT_TRUE(v.rows[2].current);
  EXPECT_EQ(v.function, "demo.lua:1");

  // A builtin (no prototype) at the cursor: still the last Lua function.
  EXPECT_EQ(BytecodeAt(t, 6).rows.size(), 3u);
  // Only what was recorded up to the cursor.
  const BytecodeView early = BytecodeAt(t, 2);
  ASSERT_EQ(early.rows.size(), 2u);
  EXPECT_TRUE(early.rows[0].current);
  // In the other function.
  const BytecodeView other = BytecodeAt(t, 3);
  ASSERT_EQ(other.rows.size(), 1u);
  EXPECT_EQ(other.proto, 0xBu);
}

std::string Squeezed(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string FirstLineWithoutLoc(const std::string& bc) {
  std::string line = bc.substr(0, bc.find('\n'));
  const size_t loc = line.rfind("  (");
  if (loc != std::string::npos) line.erase(loc);
  return line;
}

TEST(BytecodeView, StitchChain_ListsTheWholeFunction) {
  const Timeline& t = StitchChain();
  const size_t i = NextRecordStep(t, kNone);
  const BytecodeView v = BytecodeAt(t, i);
  ASSERT_FALSE(v.rows.empty());
  EXPECT_EQ(v.rows.front().pc, 0);  // from FUNCV on, recorded or not
  int unrecorded = 0;
  for (const BytecodeRow& row : v.rows) unrecorded += row.seen == 0;
  EXPECT_GT(unrecorded, 0);
}

TEST(BytecodeView, StitchChain_CurrentRowIsTheRecordedBytecodeAtTheCursor) {
  const Timeline& t = StitchChain();
  for (size_t i = NextRecordStep(t, kNone); i != kNone; i = NextRecordStep(t, i)) {
    const auto& step = std::get<RecordStep>(t.events[i].body);
    if (step.fn.proto == 0) continue;
    const BytecodeView v = BytecodeAt(t, i);
    int current = 0;
    for (size_t r = 0; r < v.rows.size(); ++r) {
      if (r) EXPECT_LT(v.rows[r - 1].pc, v.rows[r].pc);
      if (!v.rows[r].current) continue;
      ++current;
      EXPECT_EQ(v.rows[r].pc, step.fn.pc);
      EXPECT_EQ(v.rows[r].line, step.fn.line);
      // The row is jit.bc's listing line from when the function was first
      // seen; the step's is the recorder's. The same instruction, unless LuaJIT
      // patched it since (FORL -> JFORL when a trace starts there).
      const std::string row = Squeezed(v.rows[r].text);
      const std::string rec = Squeezed(FirstLineWithoutLoc(step.bc));
      EXPECT_EQ(row.substr(0, 4), rec.substr(0, 4));
      if (rec.find(" J") == std::string::npos && rec.find(" I") == std::string::npos) {
        EXPECT_EQ(row, rec);
      }
    }
    EXPECT_EQ(current, 1) << "at event " << i;
  }
}

// ---- Trace graph ----

TEST(TraceGraph, EdgesForSideTracesStitchesAndLinks) {
  // 1: a root loop; 2: a side trace of 1/3 linking back to 1; 3: stitched
  // from 1, aborted; 3 again (the number reused): stitched from 2.
  const Timeline t = Of({Start(1), Stop(1, "loop", 1), Start(2, 1, 3), Stop(2, "root", 1),
                         Start(3, 0, 0, 1), Abort(3), Start(3, 0, 0, 2), Stop(3, "stitch", 0)});
  const TraceGraph g = BuildTraceGraph(t);
  ASSERT_EQ(g.nodes.size(), 4u);
  EXPECT_EQ(g.nodes[2].status, "aborted");
  EXPECT_EQ(g.nodes[3].trace, 3);
  using E = TraceEdge;
  const std::vector<TraceEdge> expected = {
      {E::Kind::kLink, 0, 0, "loop"},     {E::Kind::kSide, 0, 1, "exit 3"},
      {E::Kind::kLink, 1, 0, "root"},     {E::Kind::kStitch, 0, 2, "stitch"},
      {E::Kind::kStitch, 1, 3, "stitch"},
  };
  EXPECT_EQ(g.edges, expected);
  EXPECT_EQ(g.nodes[0].layer, 0);
  EXPECT_EQ(g.nodes[1].layer, 1);
  EXPECT_EQ(g.nodes[2].layer, 1);
  EXPECT_EQ(g.nodes[3].layer, 2);
  EXPECT_EQ(g.nodes[2].column, 1);
  EXPECT_EQ(g.layers, 3);
  EXPECT_EQ(g.columns, 2);
}

TEST(TraceGraph, StitchChain_EveryStitchedTraceHangsBelowTheTraceItContinues) {
  const Timeline& t = StitchChain();
  const TraceGraph g = BuildTraceGraph(t);
  int stitched = 0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const auto& start = std::get<TraceStart>(t.events[g.nodes[i].start_index].body);
    if (!start.stitch_from) continue;
    ++stitched;
    bool found = false;
    for (const TraceEdge& e : g.edges) {
      if (e.kind != TraceEdge::Kind::kStitch || e.to != i) continue;
      found = true;
      EXPECT_EQ(g.nodes[e.from].trace, start.stitch_from);
      EXPECT_GT(g.nodes[i].layer, g.nodes[e.from].layer);
    }
    EXPECT_TRUE(found) << "no stitch edge into trace " << g.nodes[i].trace;
  }
  EXPECT_GE(stitched, 1) << DumpPaneText(t, ViewState{}, "graph");
}

// ---- Step over trace ----

TEST(Navigation, StepOverTrace_GoesToTheNextTraceStartOrTheEndOfThisOne) {
  const Timeline t = Of({Start(1), Step(1, 0xA, 1, 1), Step(1, 0xA, 2, 1), Stop(1, "loop", 1),
                         Output{"x"}, Start(2, 1, 1), Step(2, 0xA, 3, 1), Abort(2)});
  EXPECT_EQ(NextTraceBoundary(t, 1), 5u);  // past the rest of trace 1
  EXPECT_EQ(NextTraceBoundary(t, 3), 5u);
  EXPECT_EQ(NextTraceBoundary(t, 6), 7u);  // the last trace: to its end
  EXPECT_EQ(NextTraceBoundary(t, 7), kNone);
  ViewState s{.cursor = 1};
  EXPECT_TRUE(StepOverTrace(t, s));
  EXPECT_EQ(s.cursor, 5u);
}

// ---- Source error ----

TEST(SourceError, MarksTheLineOfAnErrorInThisChunk) {
  Timeline t = Of({RunError{"runtime", "demo.lua:2: attempt to call a nil value", ""}});
  EXPECT_EQ(SourceErrorOf(t).line, 2);
  EXPECT_EQ(SourceErrorOf(t).message, "demo.lua:2: attempt to call a nil value");
  t.chunkname = "/long/path/to/examples/demo.lua";
  t.events[0].body = RunError{"runtime", "...to/examples/demo.lua:14: boom", ""};
  EXPECT_EQ(SourceErrorOf(t).line, 14);
  t.events[0].body = RunError{"runtime", "other.lua:3: boom", ""};
  EXPECT_EQ(SourceErrorOf(t).line, 0);
  t.events[0].body = RunError{"memory", "not enough memory", ""};
  EXPECT_EQ(SourceErrorOf(t).line, 0);
}

// ---- Machine code ----

TEST(MachineCode, StitchChain_TraceOneHasItsCodeDisassembled) {
  const Timeline& t = StitchChain();
  const MachineCodeView v = MachineCodeAt(t, NextRecordStep(t, kNone));
  EXPECT_EQ(v.trace, 1);
  ASSERT_NE(v.stop_index, kNone) << v.heading;
  const auto& stop = std::get<TraceStop>(t.events[v.stop_index].body);
  EXPECT_EQ(stop.mcode.size(), 2u * stop.mcode_size);
  if (!HaveDisassembler()) GTEST_SKIP() << "built without Capstone";
  ASSERT_FALSE(v.lines.empty()) << v.heading;
  char addr[32];
  std::snprintf(addr, sizeof(addr), "%012llx", static_cast<unsigned long long>(stop.mcode_addr));
  EXPECT_EQ(v.lines[0].substr(0, 12), addr);
}

}  // namespace
}  // namespace ljp::ui

namespace ljp::ui {
namespace {

// A C VM trace (no machine code) that the WebAssembly build compiled: the pane
// shows the listing of its `compiled` event, not that of an earlier trace with
// the same number; before the event, it says the trace is compiled later.
TEST(MachineCode, WebAssemblyBuild_CompiledTraceShowsItsListing) {
  TraceCompiled old{1, 100, 0.1, "", "old listing\n"};
  TraceCompiled fresh{1, 345, 0.25, "", "----  local.get $base\n0001  f64.load\n"};
  const Timeline t = Of(
      {Start(1), Stop(1, "loop", 1), old, Start(1), Step(1, 1, 2, 3), Stop(1, "loop", 1), fresh});
  const MachineCodeView later = MachineCodeAt(t, 4);
  EXPECT_TRUE(later.wasm);
  EXPECT_EQ(later.heading, "WebAssembly of trace 1 (345 bytes, compiled in 0.25 ms, later)");
  EXPECT_EQ(later.lines, (std::vector<std::string>{"----  local.get $base", "0001  f64.load"}));
  const MachineCodeView now = MachineCodeAt(t, 6);
  EXPECT_EQ(now.heading, "WebAssembly of trace 1 (345 bytes, compiled in 0.25 ms)");
}

TEST(TraceList, WebAssemblyBuild_CompiledTracesShowTheirModuleSize) {
  const Timeline t = Of({Start(1), Stop(1, "loop", 1), TraceCompiled{1, 100, 0.1, "", "a\n"},
                         Start(2), Stop(2, "return", 0), Start(1), Stop(1, "loop", 1)});
  const std::vector<TraceRow> rows = TraceList(t);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].wasm_bytes, 100u);
  EXPECT_EQ(rows[1].wasm_bytes, 0u);
  EXPECT_EQ(rows[2].wasm_bytes, 0u);  // trace 1 again: not compiled (yet)
}

TEST(MachineCode, WebAssemblyBuild_TraceNotCompiledSaysWhy) {
  const Timeline cold = Of({Start(2), Stop(2, "return", 0)});
  const MachineCodeView v = MachineCodeAt(cold, 0);
  EXPECT_FALSE(v.wasm);
  EXPECT_TRUE(v.lines.empty());
  EXPECT_NE(v.heading.find("runs in the C VM's trace executor"), std::string::npos) << v.heading;
  const Timeline failed =
      Of({Start(2), Stop(2, "return", 0), TraceCompiled{2, 0, 0.1, "CompileError: bad", ""}});
  EXPECT_EQ(MachineCodeAt(failed, 0).heading,
            "WebAssembly of trace 2: not compiled, it runs in the trace executor "
            "(CompileError: bad)");
}

}  // namespace
}  // namespace ljp::ui
