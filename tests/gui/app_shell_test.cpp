// The app shell without a window: what it asks the engine to run, and what it
// makes of the results. The engines are fakes that record their calls.
#include "app_shell.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "run_command.h"
#include "run_end.h"
#include "view_model.h"

namespace ljp::ui {
namespace {

struct EngineCalls {
  std::vector<EngineRequest> started;
  int stops = 0;
  bool busy = false;
  std::optional<Expected<Timeline>> result;
};

class FakeEngine : public EngineClient {
 public:
  explicit FakeEngine(EngineCalls& calls) : calls_(calls) {}
  void Start(const EngineRequest& request) override {
    calls_.started.push_back(request);
    calls_.busy = true;
  }
  void Stop() override { ++calls_.stops; }
  void StopAndDiscard() override {
    ++calls_.stops;
    calls_.busy = false;
    calls_.result.reset();
  }
  std::optional<Expected<Timeline>> TakeResult() override {
    std::optional<Expected<Timeline>> out = std::move(calls_.result);
    calls_.result.reset();
    return out;
  }
  bool Busy() const override { return calls_.busy; }

 private:
  EngineCalls& calls_;
};

std::string ReadExample(const std::string& name) {
  std::ifstream in(std::string(LJP_TEST_EXAMPLES) + "/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Expected<EngineRequest> LoadExample(const std::string& path) {
  const std::string source = ReadExample(path);
  if (source.empty()) return Error{"cannot read " + path};
  return ViewerRequestFor(source, path, /*use_header=*/true);
}

Timeline EndedWith(std::vector<EventBody> bodies) {
  Timeline t;
  for (EventBody& b : bodies) t.events.push_back({t.events.size(), std::move(b)});
  return t;
}

struct ShellWithFakes {
  explicit ShellWithFakes(RequestLoader load = LoadExample)
      : shell{std::make_unique<FakeEngine>(main),
              std::make_unique<FakeEngine>(other),
              std::move(load),
              {},
              HostTraits{},
              AppPrefs{}} {}
  EngineCalls main, other;
  AppShell shell;
};

TEST(AppShell, Launch_RunsTheFileWithItsHeaderOptionsAsLjplayRunWould) {
  ShellWithFakes s;
  s.shell.Launch({.file = "maxsnap_stitch.lua"});
  ASSERT_EQ(s.main.started.size(), 1u);
  const EngineRequest& r = s.main.started[0];
  EXPECT_EQ(r.chunkname, "maxsnap_stitch.lua");
  ASSERT_EQ(r.options.settings.size(), 1u);
  EXPECT_EQ(r.options.settings[0].text, "maxsnap=1");
  EXPECT_EQ(r.options.stitch_mode, StitchMode::kFull);
  EXPECT_EQ(r.options.prng_seed, 1u);
  EXPECT_EQ(r.options.budgets.wall_seconds, 30);
  EXPECT_FALSE(r.options.echo_output);
  EXPECT_TRUE(s.other.started.empty());
  EXPECT_TRUE(s.shell.Busy());
}

TEST(AppShell, AnEngineThatAsserted_IsReportedAsStoppedWithTheAssertion) {
  ShellWithFakes s;
  s.shell.Launch({.file = "ir_const_stitch.lua", .stitch_mode = "unprotected"});
  ASSERT_EQ(s.main.started.size(), 1u);
  EXPECT_EQ(s.main.started[0].options.stitch_mode, StitchMode::kUnprotected);
  ASSERT_EQ(s.main.started[0].options.faults.size(), 1u);  // the header's ir-const
  s.main.busy = false;
  s.main.result.emplace(EndedWith({AssertFailure{"lj_dispatch.c", 495, "lj_dispatch_call",
                                                 "unbalanced stack after hot instruction"},
                                   EndOfRun(RunStatus::kAssert, "LuaJIT assertion failed")}));
  EXPECT_TRUE(s.shell.Poll());
  const RunSlot& run = s.shell.MainRun();
  EXPECT_TRUE(run.stopped);
  EXPECT_TRUE(run.have_timeline);
  EXPECT_EQ(run.status,
            "engine stopped: LuaJIT ASSERT lj_dispatch.c:495: lj_dispatch_call: unbalanced stack "
            "after hot instruction");
  EXPECT_TRUE(s.shell.AllFinished());
}

TEST(AppShell, ARunThatHitTheTimelineCap_SaysSoInItsStatus) {
  ShellWithFakes s;
  s.shell.Launch({.file = "maxsnap_stitch.lua"});
  s.main.busy = false;
  s.main.result.emplace(
      EndedWith({Output{"1\n"}, Truncated{256u << 20}, EndOfRun(RunStatus::kOk, "")}));
  EXPECT_TRUE(s.shell.Poll());
  EXPECT_EQ(s.shell.MainRun().status, "run ended: ok (timeline cut at its cap: see Output)");
  EXPECT_EQ(CapIndex(s.shell.MainRun().timeline), 1u);
  EXPECT_EQ(CapNotice(s.shell.MainRun().timeline),
            "the timeline reached its cap (256 MB) at event 1: later output and recording were "
            "not kept; raise the cap with --timeline-cap BYTES (on the command line or a "
            "'-- ljplay:' line)");
}

TEST(AppShell, ARunWithoutTimeline_IsReportedAsAFailedEngine) {
  ShellWithFakes s;
  s.shell.Launch({.file = "maxsnap_stitch.lua"});
  s.main.busy = false;
  s.main.result.emplace(Error{"no engine"});
  s.shell.Poll();
  EXPECT_TRUE(s.shell.MainRun().failed);
  EXPECT_EQ(s.shell.MainRun().status, "engine failed: no engine");
}

TEST(AppShell, Compare_RunsTheOtherModeInTheSecondEngine) {
  ShellWithFakes s;
  s.shell.Launch({.file = "maxsnap_stitch.lua", .run = false});
  EXPECT_TRUE(s.main.started.empty());
  s.shell.Compare(StitchMode::kFull);  // the mode itself: the other one is taken
  ASSERT_EQ(s.main.started.size(), 1u);
  ASSERT_EQ(s.other.started.size(), 1u);
  EXPECT_EQ(s.main.started[0].options.stitch_mode, StitchMode::kFull);
  EXPECT_EQ(s.other.started[0].options.stitch_mode, StitchMode::kUnprotected);
  EXPECT_TRUE(s.shell.Comparing());
  s.shell.Stop();
  EXPECT_EQ(s.main.stops, 1);
  EXPECT_EQ(s.other.stops, 1);
}

TEST(AppShell, OpenAndRun_TakesTheNewFilesHeaderAndTheGivenMode) {
  ShellWithFakes s;
  s.shell.Launch({.file = "maxsnap_stitch.lua"});
  s.shell.OpenAndRun("snap_grow_stitch.lua", StitchMode::kPrecheck2021);
  ASSERT_EQ(s.main.started.size(), 2u);
  const EngineRequest& r = s.main.started[1];
  EXPECT_EQ(r.chunkname, "snap_grow_stitch.lua");
  EXPECT_EQ(r.options.stitch_mode, StitchMode::kPrecheck2021);
  ASSERT_EQ(r.options.faults.size(), 1u);
  EXPECT_EQ(FaultName(r.options.faults[0]), "snap-grow=stitch");
  const AppPrefs kept = s.shell.PrefsToRemember();
  EXPECT_EQ(kept.last_file, "snap_grow_stitch.lua");
  EXPECT_EQ(kept.stitch_mode, "precheck-2021");
  EXPECT_EQ(kept.faults, std::vector<std::string>{"snap-grow=stitch"});
}

TEST(AppShell, AFileThatCannotBeLoaded_ShowsTheErrorAndRunsNothing) {
  ShellWithFakes s;
  s.shell.Launch({.file = "no_such_file.lua"});
  EXPECT_TRUE(s.main.started.empty());
  EXPECT_EQ(s.shell.LoadError(), "cannot read no_such_file.lua");
  EXPECT_EQ(s.shell.Path(), "no_such_file.lua");
}

// A loader with one program just past the size limit, "huge.lua".
Expected<EngineRequest> LoadWithHuge(const std::string& path) {
  if (path != "huge.lua") return LoadExample(path);
  return ViewerRequestFor("--" + std::string(kMaxProgramBytes - 1, 'x'), path, true);
}

TEST(AppShell, AProgramOverTheSizeLimit_IsRefusedAndTheOneOnScreenStays) {
  ShellWithFakes s(LoadWithHuge);
  s.shell.Launch({.file = "maxsnap_stitch.lua"});
  ASSERT_EQ(s.main.started.size(), 1u);
  EXPECT_FALSE(s.shell.OpenAndRun("huge.lua"));
  EXPECT_EQ(s.shell.LoadError(), "huge.lua is 4.0 MB: the playground takes programs of up to 4 MB");
  EXPECT_EQ(s.shell.Path(), "maxsnap_stitch.lua");
  EXPECT_EQ(s.main.started.size(), 1u);
  EXPECT_EQ(s.main.stops, 0);  // the run on screen goes on
}

TEST(AppShell, AnEditedProgramOverTheSizeLimit_DoesNotRun) {
  ShellWithFakes s;
  s.shell.Launch({.file = "maxsnap_stitch.lua"});
  s.main.busy = s.other.busy = false;
  SourceEditor& editor = s.shell.MainView().editor;
  editor.editing = editor.edited = true;
  editor.text = std::string(kMaxProgramBytes + 1, '-');
  s.shell.Run();
  EXPECT_EQ(s.main.started.size(), 1u);
  EXPECT_EQ(s.shell.MainRun().status,
            "maxsnap_stitch.lua is 4.0 MB: the playground takes programs of up to 4 MB");
  editor.text = "print('small')\n";
  s.shell.Run();
  ASSERT_EQ(s.main.started.size(), 2u);
  EXPECT_EQ(s.main.started[1].source, "print('small')\n");
}

TEST(ViewerRequestFor, ABadHeaderOption_IsAnErrorNamingTheHeader) {
  const Expected<EngineRequest> r =
      ViewerRequestFor("-- ljplay: --fault no-such-fault\nprint(1)\n", "bad.lua", true);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().rfind("bad.lua: in the '-- ljplay:' header: ", 0), 0u) << r.error();
}

}  // namespace
}  // namespace ljp::ui
