// The playground's view models over real timelines (made here with a Session):
// what the stack, IR, trace list and navigation show at a cursor.
#include "view_model.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "panes.h"
#include "session.h"

namespace ljp::ui {
namespace {

Timeline RunExample(const std::string& file, std::vector<JitSetting> settings = {}) {
  std::ifstream in(std::string(LJP_TEST_EXAMPLES) + "/" + file, std::ios::binary);
  std::stringstream source;
  source << in.rdbuf();
  SessionOptions options;
  options.settings = std::move(settings);
  options.prng_seed = 1;
  return Session(options).Run(source.str(), file);
}

const Timeline& Maxsnap() {
  static const Timeline t =
      RunExample("maxsnap_stitch.lua", {{JitSetting::Kind::kOptimization, "maxsnap=1"}});
  return t;
}

const Timeline& StitchChain() {
  static const Timeline t = RunExample("stitch_chain.lua");
  return t;
}

// Instruction lines by IR ref ("0012 >  p64 HREFK ..."); snapshots left out.
std::map<int, std::string> InstructionsByRef(const IrView& v) {
  std::map<int, std::string> out;
  for (const IrLine& l : v.lines)
    if (!l.snapshot) out[std::stoi(l.text.substr(0, 4))] = l.text;
  return out;
}

TEST(StackViewModel, AtStitchInserted_ShowsTheStitchContinuationFrame) {
  const Timeline& t = Maxsnap();
  const size_t inserted = FirstStitch(t, StitchStep::Phase::kInserted);
  ASSERT_NE(inserted, kNone);
  const StackAtCursorView v = StackAtCursor(t, inserted);
  ASSERT_NE(v.stitch, nullptr);
  EXPECT_EQ(v.stitch->phase, StitchStep::Phase::kInserted);
  bool found = false;
  for (const FrameRow& f : v.frames) {
    if (f.type == "cont" && f.cont == "stitch") {
      found = true;
      EXPECT_TRUE(f.is_stitch);
      EXPECT_EQ(f.fn, "os.date");
    }
  }
  EXPECT_TRUE(found) << DumpPaneText(t, ViewState{.cursor = inserted}, "stack");

  // Three states side by side: before and restored lack the continuation.
  ASSERT_EQ(v.columns.size(), 3u);
  auto has_stitch = [](const StackColumn& c) {
    for (const SlotValueRow& r : c.slots)
      if (r.stitch) return true;
    return false;
  };
  EXPECT_FALSE(has_stitch(v.columns[0]));
  EXPECT_TRUE(has_stitch(v.columns[1]));
  EXPECT_FALSE(has_stitch(v.columns[2]));
  EXPECT_TRUE(v.columns[0].reached && v.columns[1].reached);
  EXPECT_FALSE(v.columns[2].reached);
  EXPECT_TRUE(v.balance.empty()) << "the restore lies ahead of the cursor";
}

TEST(StackViewModel, AtStitchRestored_StackIsBalanced) {
  const Timeline& t = Maxsnap();
  const size_t restored = FirstStitch(t, StitchStep::Phase::kRestored);
  ASSERT_NE(restored, kNone);
  const StackAtCursorView v = StackAtCursor(t, restored);
  EXPECT_EQ(v.balance.rfind("balanced", 0), 0u) << v.balance;
  EXPECT_NE(v.summary.find("too many snapshots"), std::string::npos) << v.summary;
}

TEST(StackPaneText, NamesTheStitchContinuation) {
  const Timeline& t = Maxsnap();
  ViewState state;
  state.cursor = FirstStitch(t, StitchStep::Phase::kInserted);
  EXPECT_NE(DumpPaneText(t, state, "stack").find("lj_cont_stitch"), std::string::npos);
}

TEST(IrViewModel, AtLastRecordStep_EqualsFinalIrExceptForOptimisation) {
  const Timeline& t = StitchChain();
  int stopped = 0;
  for (size_t i = 0; i < t.events.size(); ++i) {
    const auto* stop = std::get_if<TraceStop>(&t.events[i].body);
    if (!stop) continue;
    ++stopped;
    // Just before trace_stop: everything recorded, nothing optimised yet.
    const IrView so_far = IrAtCursor(t, i - 1);
    const IrView final_ir = IrAtCursor(t, i);
    ASSERT_EQ(so_far.state, IrView::State::kRecording) << so_far.heading;
    ASSERT_EQ(final_ir.state, IrView::State::kStopped) << final_ir.heading;
    EXPECT_EQ(so_far.trace, stop->trace);
    const std::map<int, std::string> a = InstructionsByRef(so_far), b = InstructionsByRef(final_ir);
    ASSERT_FALSE(a.empty());
    int same = 0;
    for (const auto& [ref, line] : a) {
      auto it = b.find(ref);
      if (it == b.end()) continue;  // eliminated by the optimiser
      // Sinking changes the guard column ('}' for sunk instructions).
      std::string x = line, y = it->second;
      x[5] = y[5] = ' ';
      EXPECT_EQ(x, y) << "trace " << stop->trace << " ref " << ref;
      ++same;
    }
    EXPECT_GE(same * 10, static_cast<int>(a.size()) * 8) << "trace " << stop->trace;
  }
  EXPECT_EQ(stopped, 3);
}

TEST(IrViewModel, WhileRecording_HighlightsTheLastStepsAdditions) {
  const Timeline& t = StitchChain();
  for (size_t i = 0; i < t.events.size(); ++i) {
    const auto* done = std::get_if<RecordDone>(&t.events[i].body);
    if (!done || done->step < 0) continue;
    bool adds_instruction = false;
    for (const IrIns& ins : done->ir) adds_instruction |= ins.ref > 0;
    if (!adds_instruction) continue;
    const IrView v = IrAtCursor(t, i);
    int added = 0;
    for (const IrLine& l : v.lines) added += l.added;
    EXPECT_GT(added, 0) << "event " << i;
    return;
  }
  FAIL() << "no recording step added an instruction";
}

TEST(TraceListViewModel, MaxsnapStitch_Trace1AbortsWithTooManySnapshots) {
  const std::vector<TraceRow> rows = TraceList(Maxsnap());
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0].trace, 1);
  EXPECT_EQ(rows[0].status, "aborted");
  EXPECT_EQ(rows[0].reason, "too many snapshots");
  EXPECT_EQ(rows[0].origin, "root");
  for (const TraceRow& r : rows) EXPECT_EQ(r.status, "aborted");
}

TEST(TraceListViewModel, StitchChain_ShowsStitchLinksAndOrigins) {
  const std::vector<TraceRow> rows = TraceList(StitchChain());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].linktype, "stitch");
  EXPECT_EQ(rows[1].origin, "stitch from 1");
  EXPECT_EQ(rows[2].origin, "stitch from 2");
  EXPECT_EQ(rows[2].status, "stopped");
}

TEST(Navigation, StepMovesBetweenRecordedBytecodes) {
  const Timeline& t = Maxsnap();
  ViewState state;
  ASSERT_TRUE(StepForward(t, state));
  const size_t first = state.cursor;
  EXPECT_TRUE(std::holds_alternative<RecordStep>(t.events[first].body));
  EXPECT_EQ(SourceLineAt(t, first), 16);
  ASSERT_TRUE(StepForward(t, state));
  EXPECT_GT(state.cursor, first);
  EXPECT_TRUE(std::holds_alternative<RecordStep>(t.events[state.cursor].body));
  ASSERT_TRUE(StepBack(t, state));
  EXPECT_EQ(state.cursor, first);
  ASSERT_TRUE(RunToNextStitch(t, state));
  EXPECT_TRUE(std::holds_alternative<StitchStep>(t.events[state.cursor].body));
  ASSERT_TRUE(RunToNextAbort(t, state));
  EXPECT_TRUE(std::holds_alternative<TraceAbort>(t.events[state.cursor].body));
  EXPECT_EQ(OutputUpTo(t, state.cursor), "");
  EXPECT_EQ(OutputUpTo(t, t.events.size() - 1), "1001\n");
}

TEST(Output, ARunPastTheTimelineCapSaysWhereItWasCutAndHowToRaiseIt) {
  SessionOptions options;
  options.budgets.timeline_bytes = 4096;
  Session session(options);
  const Timeline t = session.Run("for i = 1, 2000 do print(i) end", "many_lines.lua");
  const size_t cap = CapIndex(t);
  ASSERT_LT(cap, t.events.size());
  const std::string kept = OutputUpTo(t, t.events.size() - 1);
  EXPECT_EQ(kept.rfind("1\n", 0), 0u);
  EXPECT_EQ(kept.find("2000\n"), std::string::npos);  // cut before the end
  EXPECT_NE(CapNotice(t).find("cap (4096 bytes)"), std::string::npos) << CapNotice(t);
  EXPECT_NE(CapNotice(t).find("--timeline-cap"), std::string::npos);
  EXPECT_EQ(RunEndText(t), "ok");
}

TEST(Output, ARunWithinTheCapHasNoCapNotice) {
  EXPECT_EQ(CapIndex(Maxsnap()), Maxsnap().events.size());
  EXPECT_EQ(CapNotice(Maxsnap()), "");
}

TEST(RecorderViewModel, ShowsTheStepAndTheIrItAdded) {
  const Timeline& t = Maxsnap();
  const size_t at = NextRecordStep(t, kNone);
  const RecorderStepView v = RecorderStepAt(t, at);
  ASSERT_NE(v.step, nullptr);
  EXPECT_NE(v.step->bc.find("GGET"), std::string::npos) << v.step->bc;
  EXPECT_NE(v.done_index, kNone);
  EXPECT_FALSE(v.added_ir.empty());
  EXPECT_FALSE(v.slots.empty());
}

TEST(EventLog, FilterMatchesCaseInsensitively) {
  EXPECT_TRUE(MatchesFilter("16 stitch trace 1 inserted", "STITCH"));
  EXPECT_FALSE(MatchesFilter("16 stitch trace 1 inserted", "abort"));
  const std::string text = DumpPaneText(Maxsnap(), ViewState{.filter = "abort"}, "events");
  EXPECT_NE(text.find("too many snapshots"), std::string::npos);
  EXPECT_EQ(text.find("record "), std::string::npos);
}

}  // namespace
}  // namespace ljp::ui
