// The JSON Lines protocol: a timeline survives writing and reading unchanged.
#include "timeline_json.h"

#include <gtest/gtest.h>

#include <sstream>

#include "explain.h"
#include "session.h"
#include "test_support.h"

namespace ljp {
namespace {

Timeline RealTimeline() {
  SessionOptions options;
  options.settings = {{JitSetting::Kind::kOptimization, "maxsnap=2"}};
  Session session(options);
  const std::string path = std::string(LJP_TEST_EXAMPLES) + "/stitch_chain.lua";
  return session.Run(test::ReadFile(path), "stitch_chain.lua");
}

std::string Serialize(const Timeline& t) {
  std::ostringstream out;
  WriteTimeline(out, t);
  return out.str();
}

TEST(TimelineJson, RoundTripKeepsEveryEvent) {
  const Timeline original = RealTimeline();
  ASSERT_GT(original.events.size(), 20u);
  const std::string text = Serialize(original);

  std::istringstream in(text);
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read.value().events.size(), original.events.size());
  EXPECT_EQ(read.value().vmdef.irnames, original.vmdef.irnames);
  EXPECT_EQ(read.value().source, original.source);
  EXPECT_EQ(Serialize(read.value()), text);
  EXPECT_EQ(Explain(read.value()), Explain(original));
}

TEST(TimelineJson, TruncatedLastLineIsIgnored) {
  const std::string text = Serialize(RealTimeline());
  const std::string cut = text.substr(0, text.size() - 10);  // a killed engine
  std::istringstream in(cut);
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_TRUE(read) << read.error();
  EXPECT_FALSE(read.value().events.empty());
}

TEST(TimelineJson, MalformedLineIsAnErrorWithItsNumber) {
  std::string text = Serialize(RealTimeline());
  const size_t second_line = text.find('\n') + 1;
  text.insert(second_line, "{not json\n");
  std::istringstream in(text);
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().find("line 2"), std::string::npos) << read.error();
}

TEST(TimelineJson, UnknownEventTypesAreSkipped) {
  std::string text = Serialize(RealTimeline());
  const size_t second_line = text.find('\n') + 1;
  text.insert(second_line, "{\"seq\":0,\"type\":\"from_the_future\",\"x\":1}\n");
  std::istringstream in(text);
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read.value().events.size(), RealTimeline().events.size());
}

TEST(TimelineJson, NewerVersionIsRefused) {
  std::istringstream in("{\"type\":\"header\",\"protocol\":\"ljplay-timeline\",\"version\":99}\n");
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().find("newer"), std::string::npos);
}

TEST(TimelineJson, NotATimelineIsRefused) {
  std::istringstream in("{\"hello\":1}\n");
  EXPECT_FALSE(ReadTimeline(in));
}

}  // namespace
// ---- How a run ends (run_end.h) ---------------------------------------------------

TEST(RunEnd, AnUnknownStatusReadsAsACrashNotAsOk) {
  std::string text = Serialize(RealTimeline());
  text +=
      "{\"seq\":999,\"type\":\"end\",\"status\":\"exploded\",\"exit_code\":0,\"message\":\"x\"}\n";
  std::istringstream in(text);
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_TRUE(read) << read.error();
  const auto* end = std::get_if<RunEnd>(&read.value().events.back().body);
  ASSERT_NE(end, nullptr);
  EXPECT_EQ(end->status, RunStatus::kCrash);
}

TEST(RunEnd, EveryStatusKeepsItsNameAndExitCode) {
  for (RunStatus s : {RunStatus::kOk, RunStatus::kError, RunStatus::kBudget, RunStatus::kAssert,
                      RunStatus::kCrash, RunStatus::kKilled}) {
    EXPECT_EQ(ParseRunStatus(RunStatusName(s)), s);
    EXPECT_EQ(EndOfRun(s).exit_code, ExitCodeOf(s));
  }
  EXPECT_EQ(ExitCodeOf(RunStatus::kOk), 0);
  EXPECT_EQ(ExitCodeOf(RunStatus::kError), 1);
  EXPECT_EQ(ExitCodeOf(RunStatus::kBudget), 2);
  EXPECT_EQ(ExitCodeOf(RunStatus::kAssert), 3);
}

TEST(RunEnd, SealTimeline_WallTimeAddsTheBudgetAndItsEnd) {
  Timeline t;
  t.events.push_back({0, Output{"partial\n"}});
  EXPECT_TRUE(SealTimeline(
      t, {.how = EngineGone::How::kWallTime, .wall_seconds = 1.5, .engine = "engine worker"}));
  ASSERT_EQ(t.events.size(), 3u);
  const auto* budget = std::get_if<BudgetExceeded>(&t.events[1].body);
  ASSERT_NE(budget, nullptr);
  EXPECT_EQ(budget->limit, 1500u);
  const auto* end = std::get_if<RunEnd>(&t.events[2].body);
  ASSERT_NE(end, nullptr);
  EXPECT_EQ(end->status, RunStatus::kBudget);
  EXPECT_EQ(end->exit_code, 2);
  EXPECT_EQ(end->message,
            "wall-time budget exceeded: the program ran longer than 1.5 s (engine worker stopped)");
  EXPECT_EQ(t.events[2].seq, 2u);
}

TEST(RunEnd, SealTimeline_KeepsAnEndTheEngineWroteWhenStoppedAfterIt) {
  Timeline t;
  t.events.push_back({0, EndOfRun(RunStatus::kAssert, "LuaJIT assertion failed")});
  EXPECT_FALSE(SealTimeline(t, {.how = EngineGone::How::kByUser, .engine = "engine process"}));
  ASSERT_EQ(t.events.size(), 1u);
}

TEST(RunEnd, SealTimeline_AnEngineThatDiedWithoutItsEndIsACrash) {
  Timeline t;
  t.events.push_back({0, Output{"x"}});
  EXPECT_TRUE(
      SealTimeline(t, {.engine = "engine process", .died = " with signal Segmentation fault"}));
  const auto* end = std::get_if<RunEnd>(&t.events.back().body);
  ASSERT_NE(end, nullptr);
  EXPECT_EQ(end->status, RunStatus::kCrash);
  EXPECT_EQ(end->message, "the engine process died with signal Segmentation fault");
  EXPECT_EQ(ExitCodeFor(t), 3);
}

}  // namespace ljp
