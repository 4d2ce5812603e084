// The desktop app's non-drawing parts: the settings editor's conversion from and
// to SessionOptions, the Examples menu's catalog, and stopping an engine run.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "engine_runner.h"
#include "example_catalog.h"
#include "run_settings.h"

namespace ljp::ui {
namespace {

using Kind = JitSetting::Kind;

TEST(RunSettings, FromHeaderOptions_FillsTheEditorFields) {
  SessionOptions options;
  options.settings = {{Kind::kOptimization, "maxsnap=1"},
                      {Kind::kOptimization, "-fold"},
                      {Kind::kCommand, "v"},
                      {Kind::kOptimization, "hotloop=2,minstitch=3"}};
  options.faults = {{Fault::Kind::kIrGrowCanon}, {Fault::Kind::kAlloc, 7}};
  options.stitch_mode = StitchMode::kPrecheck2021;
  const RunSettings s = RunSettingsFrom(options);
  EXPECT_EQ(s.stitch_mode, StitchMode::kPrecheck2021);
  EXPECT_EQ(s.params[0], 1);  // maxsnap
  EXPECT_EQ(s.params[1], 2);  // hotloop
  EXPECT_EQ(s.params[3], 3);  // minstitch
  EXPECT_FALSE(s.params[2].has_value());
  EXPECT_TRUE(s.flags[0]);        // loop
  EXPECT_FALSE(s.flags[1]);       // fold
  ASSERT_EQ(s.other.size(), 1u);  // -jv has no field: kept as it is
  EXPECT_EQ(s.other[0].text, "v");
  EXPECT_TRUE(s.Armed(Fault::Kind::kIrGrowCanon));
  EXPECT_FALSE(s.Armed(Fault::Kind::kIrGrow));
  EXPECT_EQ(s.alloc, 7u);
}

TEST(RunSettings, ApplyThenRead_GivesTheSameSettings) {
  RunSettings s;
  s.stitch_mode = StitchMode::kUnprotected;
  s.params[0] = 1;
  s.params[7] = 5;
  s.flags[2] = false;
  s.Armed(Fault::Kind::kSnapGrowStitch) = s.Armed(Fault::Kind::kIrConst) = true;
  s.maxsnap_fault = 2;
  s.other = {{Kind::kCommand, "off"}};
  SessionOptions options;
  options.faults = {{Fault::Kind::kIrGrow}};  // replaced
  ApplyRunSettings(s, options);
  ASSERT_EQ(options.settings.size(), 4u);
  EXPECT_EQ(options.settings[0].text, "off");  // unknown settings first, in order
  EXPECT_EQ(options.settings[1].text, "maxsnap=1");
  EXPECT_EQ(options.settings[2].text, "maxside=5");
  EXPECT_EQ(options.settings[3].text, "-cse");
  ASSERT_EQ(options.faults.size(), 3u);
  EXPECT_EQ(options.faults[0].kind, Fault::Kind::kSnapGrowStitch);
  EXPECT_EQ(options.stitch_mode, StitchMode::kUnprotected);
  EXPECT_TRUE(RunSettingsFrom(options) == s);
}

TEST(RunSettings, TraceGrowFaultsAndUnfixedFindings_GoThereAndBack) {
  RunSettings s;
  s.Armed(Fault::Kind::kTraceGrowAlways) = true;
  s.unfixed[static_cast<size_t>(Finding::kAbortStaleStart)] = true;
  SessionOptions options;
  options.unfixed = {Finding::kRoundString};  // replaced
  ApplyRunSettings(s, options);
  ASSERT_EQ(options.faults.size(), 1u);
  EXPECT_EQ(FaultName(options.faults[0]), "trace-grow=always");
  ASSERT_EQ(options.unfixed.size(), 1u);
  EXPECT_EQ(options.unfixed[0], Finding::kAbortStaleStart);
  EXPECT_TRUE(RunSettingsFrom(options) == s);
  s.unfixed = {false, false, false, false};
  EXPECT_FALSE(RunSettingsFrom(options) == s);
}

TEST(ExampleCatalog, DescribeExample_TakesTitleAndExplanationFromTheHeaderComment) {
  const ExampleInfo e = DescribeExample(
      "-- Case 9: something breaks.\n"
      "-- ljplay: --opt maxsnap=1\n"
      "--\n"
      "-- First line of the story\n"
      "-- goes on here.\n"
      "-- Broken in: unprotected.\n"
      "local x = 1\n"
      "-- not part of the header\n");
  EXPECT_EQ(e.title, "Case 9: something breaks.");
  EXPECT_EQ(e.about, "First line of the story goes on here.\n\nBroken in: unprotected.");
}

TEST(ExampleCatalog, ListExamples_PutsTheFiveStitchCasesFirstThenTheChain) {
  const std::vector<ExampleInfo> list = ListExamples(LJP_TEST_EXAMPLES);
  ASSERT_GE(list.size(), 6u);
  const char* order[] = {"maxsnap_stitch.lua",   "table_bump_stitch.lua", "ir_grow_canon.lua",
                         "snap_grow_stitch.lua", "ir_const_stitch.lua",   "stitch_chain.lua"};
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(list[i].name, order[i]);
  EXPECT_EQ(list[0].title,
            "Case 1: the snapshot limit is reached while a stitched trace is stopped.");
  EXPECT_NE(list[0].about.find("Broken in: unprotected"), std::string::npos);
  // A first line that runs on: the title stops at its colon, the explanation keeps it.
  EXPECT_EQ(list[5].title, "A loop that becomes a chain of stitched traces");
  EXPECT_EQ(list[5].about.rfind("A loop that becomes a chain of stitched traces: each builtin", 0),
            0u);
}

TEST(RunInEngineCancel, SettingTheFlag_KillsTheEngineAndEndsTheTimelineKilled) {
  EngineRequest request{"print('started') while true do end", "loop.lua", {}};
  request.options.prng_seed = 1;  // no wall-time budget: only the flag stops it
  std::atomic<bool> cancel{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    cancel = true;
  });
  const auto started = std::chrono::steady_clock::now();
  Expected<Timeline> t = RunInEngine(request, LJP_TEST_ENGINE, "", &cancel);
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
  ASSERT_TRUE(t) << t.error();
  ASSERT_FALSE(t.value().events.empty());
  const auto* end = std::get_if<RunEnd>(&t.value().events.back().body);
  ASSERT_NE(end, nullptr);
  EXPECT_EQ(end->status, RunStatus::kKilled);
  EXPECT_NE(end->message.find("stopped"), std::string::npos);
}

TEST(RunInEngineCancel, AFlagNeverSet_ChangesNothing) {
  EngineRequest request{"print(6 * 7)", "answer.lua", {}};
  request.options.prng_seed = 1;
  std::atomic<bool> cancel{false};
  Expected<Timeline> t = RunInEngine(request, LJP_TEST_ENGINE, "", &cancel);
  ASSERT_TRUE(t) << t.error();
  const auto* end = std::get_if<RunEnd>(&t.value().events.back().body);
  ASSERT_NE(end, nullptr);
  EXPECT_EQ(end->status, RunStatus::kOk);
}

}  // namespace
}  // namespace ljp::ui
