// The app shell without a window: what it asks the engine to run, and what it
// makes of the results. The engines are fakes that record their calls.
#include "app_shell.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "panes.h"
#include "run_command.h"
#include "run_end.h"
#include "timeline_json.h"
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

// The desktop's host: files by path, programs built as `ljplay gui` builds them.
HostTraits DesktopHost() {
  HostTraits host;
  host.program_request = [](const std::string& source, const std::string& chunkname,
                            const std::vector<std::string>& extra) {
    return ViewerRequestFor(source, chunkname, /*use_header=*/true, extra);
  };
  return host;
}

struct ShellWithFakes {
  explicit ShellWithFakes(RequestLoader load = LoadExample)
      : shell{std::make_unique<FakeEngine>(main),
              std::make_unique<FakeEngine>(other),
              std::move(load),
              {},
              DesktopHost(),
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

TEST(AppShell, ARunWhoseOutputWasCut_SaysSoInItsStatusAndTheOutputPane) {
  ShellWithFakes s;
  s.shell.Launch({.file = "maxsnap_stitch.lua"});
  s.main.busy = false;
  const std::string message =
      "output budget exceeded: the program wrote more than 4 bytes; the rest was not kept "
      "(raise the budget with --max-output BYTES, on the command line or a '-- ljplay:' line)";
  s.main.result.emplace(EndedWith(
      {Output{"1\n2\n"}, BudgetExceeded{"output", 4, message}, EndOfRun(RunStatus::kOk, "")}));
  EXPECT_TRUE(s.shell.Poll());
  EXPECT_EQ(s.shell.MainRun().status, "run ended: ok (output cut at its budget: see Output)");
  ViewState at_end = s.shell.MainRun().view;
  at_end.cursor = 2;
  EXPECT_EQ(DumpPaneText(s.shell.MainRun().timeline, at_end, "output"),
            "1\n2\n-- " + message + "\n");
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

// A timeline as the engine would have recorded it: a program, its settings,
// a trace that stitched, the end.
Timeline RecordedElsewhere() {
  Timeline t = EndedWith({TraceStart{.trace = 1}, Output{"3\n"}, EndOfRun(RunStatus::kOk, "")});
  t.chunkname = "chain.lua";
  t.source = "-- ljplay: --opt hotloop=2\nprint(3)\n";
  t.options = {"-Ohotloop=2", "-Omaxsnap=3", "-jdump=i"};
  t.faults = {"ir-const"};
  t.stitch_mode = "precheck-2021";
  t.vmdef.luajit_version = "LuaJIT 2.1.1";
  t.vmdef.arch = "arm64";
  return t;
}

std::stringstream TimelineStream(const Timeline& t) {
  std::stringstream text;
  WriteTimeline(text, t);
  return text;
}

TEST(AppShell, OpenTimeline_ShowsItAsTheMainRunAndF5RunsItsProgramWithItsSettings) {
  ShellWithFakes s;
  s.shell.Launch({.file = "maxsnap_stitch.lua"});
  s.main.busy = true;
  std::stringstream text = TimelineStream(RecordedElsewhere());
  ASSERT_TRUE(s.shell.OpenTimeline("/tmp/chain.jsonl", text)) << s.shell.LoadError();
  EXPECT_EQ(s.main.stops, 1);  // the run in progress was stopped and dropped
  const RunSlot& run = s.shell.MainRun();
  EXPECT_TRUE(run.have_timeline);
  EXPECT_EQ(run.timeline.events.size(), 3u);
  EXPECT_EQ(run.status, "chain.jsonl (recorded by LuaJIT 2.1.1 on arm64): run ended: ok");
  EXPECT_EQ(s.shell.Path(), "/tmp/chain.jsonl");
  EXPECT_EQ(s.shell.TimelineFileName(), "chain.jsonl");

  s.main.busy = false;
  s.shell.Run();
  ASSERT_EQ(s.main.started.size(), 2u);
  const EngineRequest& r = s.main.started[1];
  EXPECT_EQ(r.chunkname, "chain.lua");
  EXPECT_EQ(r.source, RecordedElsewhere().source);
  EXPECT_EQ(r.options.stitch_mode, StitchMode::kPrecheck2021);
  ASSERT_EQ(r.options.faults.size(), 1u);
  EXPECT_EQ(FaultName(r.options.faults[0]), "ir-const");
  std::vector<std::string> settings;
  for (const JitSetting& j : r.options.settings)
    settings.push_back((j.kind == JitSetting::Kind::kCommand ? "-j" : "-O") + j.text);
  std::sort(settings.begin(), settings.end());  // the editor's order, not the file's
  EXPECT_EQ(settings, (std::vector<std::string>{"-Ohotloop=2", "-Omaxsnap=3", "-jdump=i"}));
}

TEST(AppShell, TimelineText_IsWhatOpenTimelineReadsBack) {
  ShellWithFakes s;
  std::stringstream text = TimelineStream(RecordedElsewhere());
  ASSERT_TRUE(s.shell.OpenTimeline("chain.jsonl", text));
  const std::string saved = s.shell.TimelineText();
  EXPECT_EQ(saved, TimelineStream(RecordedElsewhere()).str());
  ShellWithFakes again;
  std::stringstream in(saved);
  ASSERT_TRUE(again.shell.OpenTimeline("saved.jsonl", in));
  EXPECT_EQ(again.shell.TimelineText(), saved);
}

TEST(AppShell, OpenTimeline_RefusesWhatIsNoTimelineAndKeepsTheScreen) {
  ShellWithFakes s;
  s.shell.Launch({.file = "maxsnap_stitch.lua"});
  for (const std::string junk : {"this is no timeline\n", "", "{\"type\": \"end\"}\n[1, 2]\n"}) {
    std::stringstream in(junk);
    EXPECT_FALSE(s.shell.OpenTimeline("junk.jsonl", in)) << junk;
    EXPECT_EQ(s.shell.LoadError().rfind("junk.jsonl: ", 0), 0u) << s.shell.LoadError();
    EXPECT_EQ(s.shell.Path(), "maxsnap_stitch.lua");
  }
  EXPECT_EQ(s.main.stops, 0);
}

// A lesson over the snapshot-limit case: a step in the broken mode, one in
// the program's own, and an exercise.
Lesson SnapshotLesson() {
  Expected<Lesson> l = ParseLesson(R"(# The snapshot limit

Summary.

@program examples/maxsnap_stitch.lua

## Broken
@run --stitch-mode unprotected
@target assert
@panes stack

The engine stops.

## Fixed
@run
@target stitch phase=restored
@panes stack ir

## Exercise: complete the trace
@check trace_stop
@hint Raise maxsnap.

```lua solution
print(1)
```
)",
                                   "03-snapshot-limit");
  EXPECT_TRUE(l) << l.error();
  l.value().program = ReadExample("maxsnap_stitch.lua");
  return l.value();
}

TEST(AppShell, OpenLesson_RunsEachStepAsItNeedsAndGoesToItsEvent) {
  ShellWithFakes s;
  s.shell.SetLessons({SnapshotLesson()});
  ASSERT_TRUE(s.shell.OpenLesson("snapshot-limit"));
  ASSERT_EQ(s.main.started.size(), 1u);
  EXPECT_EQ(s.main.started[0].options.stitch_mode, StitchMode::kUnprotected);
  EXPECT_EQ(s.main.started[0].chunkname, "maxsnap_stitch.lua");
  EXPECT_TRUE(s.shell.Playing()->waiting);

  s.main.busy = false;
  s.main.result.emplace(
      EndedWith({Output{"x"}, AssertFailure{"lj_dispatch.c", 495, "lj_dispatch_call", "unbalanced"},
                 EndOfRun(RunStatus::kAssert, "")}));
  EXPECT_TRUE(s.shell.Poll());
  EXPECT_FALSE(s.shell.Playing()->waiting);
  EXPECT_EQ(s.shell.MainRun().view.cursor, 1u);  // the assertion
  EXPECT_EQ(s.shell.MainRun().view.highlight, std::vector<std::string>{"stack"});

  s.shell.StepLesson(+1);  // the program as it is: another run
  ASSERT_EQ(s.main.started.size(), 2u);
  EXPECT_EQ(s.main.started[1].options.stitch_mode, StitchMode::kFull);
  s.main.busy = false;
  StitchStep restored;
  restored.phase = StitchStep::Phase::kRestored;
  s.main.result.emplace(
      EndedWith({Output{"1"}, StitchStep{}, restored, EndOfRun(RunStatus::kOk, "")}));
  s.shell.Poll();
  EXPECT_EQ(s.shell.MainRun().view.cursor, 2u);
  EXPECT_EQ(s.shell.MainRun().view.highlight, (std::vector<std::string>{"stack", "ir"}));

  s.shell.StepLesson(-1);  // back: the broken run again
  EXPECT_EQ(s.main.started.size(), 3u);
  EXPECT_EQ(s.shell.Playing()->step, 0u);
  s.shell.StepLesson(-1);  // nothing before the first step
  EXPECT_EQ(s.shell.Playing()->step, 0u);
}

TEST(AppShell, AnExerciseChecksTheReadersRunAndGivesTheHintAfterAFailure) {
  ShellWithFakes s;
  s.shell.SetLessons({SnapshotLesson()});
  ASSERT_TRUE(s.shell.OpenLesson("03-snapshot-limit", 2));
  EXPECT_EQ(s.shell.Playing()->step, 2u);
  EXPECT_TRUE(s.main.started.empty());  // an exercise waits for the reader's run
  s.shell.Run();
  ASSERT_EQ(s.main.started.size(), 1u);
  s.main.busy = false;
  s.main.result.emplace(EndedWith({TraceAbort{}, EndOfRun(RunStatus::kOk, "")}));
  s.shell.Poll();
  EXPECT_EQ(s.shell.Playing()->verdict, "no event trace_stop");
  EXPECT_EQ(s.shell.Playing()->failed_checks, 1);
  s.shell.Run();
  s.main.busy = false;
  s.main.result.emplace(EndedWith({TraceStop{}, EndOfRun(RunStatus::kOk, "")}));
  s.shell.Poll();
  EXPECT_EQ(s.shell.Playing()->verdict, "passed");
  EXPECT_FALSE(s.shell.OpenLesson("no-such-lesson"));
  EXPECT_EQ(s.shell.LoadError(), "no lesson no-such-lesson");
}

TEST(AppPrefs, JsonRoundTrip_KeepsEverythingIncludingTheLayout) {
  AppPrefs p;
  p.light = true;
  p.font_scale = 1.25f;
  p.panes.graph = false;
  p.layout.source = 0.4f;
  p.layout.top = 0.6f;
  p.layout.settings_width = 17.5f;
  p.layout.maximized = "ir";
  p.last_file = "/home/me/loop.lua";
  p.optimizations = {"maxsnap=1"};
  const AppPrefs back = PrefsFromJson(PrefsToJson(p));
  EXPECT_EQ(PrefsToJson(back), PrefsToJson(p));
  EXPECT_TRUE(back.light);
  EXPECT_FALSE(back.panes.graph);
  EXPECT_FLOAT_EQ(back.layout.source, 0.4f);
  EXPECT_EQ(back.layout.maximized, "ir");
  EXPECT_EQ(back.optimizations, std::vector<std::string>{"maxsnap=1"});
}

TEST(AppPrefs, MissingKeysKeepTheirDefaults_DamagedTextGivesAllDefaults) {
  const AppPrefs partial = PrefsFromJson(R"({"light": true, "layout": {"top": 0.3}})");
  EXPECT_TRUE(partial.light);
  EXPECT_FLOAT_EQ(partial.layout.top, 0.3f);
  EXPECT_FLOAT_EQ(partial.layout.source, 0.0f);
  EXPECT_TRUE(partial.panes.source);
  EXPECT_FLOAT_EQ(partial.font_scale, 1.0f);
  for (const char* bad : {"", "{", "[]", R"({"light": "yes"})", R"({"layout": 3})"})
    EXPECT_EQ(PrefsToJson(PrefsFromJson(bad)), PrefsToJson(AppPrefs{})) << bad;
}

TEST(ViewerRequestFor, ABadHeaderOption_IsAnErrorNamingTheHeader) {
  const Expected<EngineRequest> r =
      ViewerRequestFor("-- ljplay: --fault no-such-fault\nprint(1)\n", "bad.lua", true);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().rfind("bad.lua: in the '-- ljplay:' header: ", 0), 0u) << r.error();
}

}  // namespace
}  // namespace ljp::ui
