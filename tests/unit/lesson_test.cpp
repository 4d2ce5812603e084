// Lessons (docs/lessons.md): the file format and the event queries, on
// timelines built here and on a real run of a stitch case.
#include "lesson.h"

#include <gtest/gtest.h>

#include "session.h"
#include "test_support.h"

namespace ljp {
namespace {

Timeline Built() {
  Timeline t;
  const auto add = [&](EventBody b) { t.events.push_back({t.events.size(), std::move(b)}); };
  HotCounter hot;
  hot.kind = "loop";
  hot.at.loc = "loop.lua:3";
  add(hot);
  add(TraceStart{.trace = 1});
  TraceAbort abort;
  abort.trace = 1;
  abort.reason = "too many snapshots";
  add(abort);
  add(TraceStart{.trace = 2});
  abort.trace = 2;
  abort.reason = "NYI: FastFunc pcall";
  add(abort);
  add(Output{"done\n"});
  return t;
}

std::optional<size_t> Find(const Timeline& t, const std::string& query) {
  Expected<EventQuery> q = ParseEventQuery(query);
  EXPECT_TRUE(q) << query << ": " << (q ? "" : q.error());
  return q ? FindEvent(t, q.value()) : std::nullopt;
}

TEST(EventQuery, TypeFieldsQuotesAndWhichMatch) {
  const Timeline t = Built();
  EXPECT_EQ(Find(t, "hot"), 0u);
  EXPECT_EQ(Find(t, "hot kind=loop at.loc=loop.lua:3"), 0u);
  EXPECT_EQ(Find(t, "hot kind=exit"), std::nullopt);
  EXPECT_EQ(Find(t, "trace_start trace=2"), 3u);
  EXPECT_EQ(Find(t, "trace_start trace=2.0"), 3u);  // numbers compare as numbers
  EXPECT_EQ(Find(t, "trace_abort reason=\"too many snapshots\""), 2u);
  EXPECT_EQ(Find(t, "trace_abort reason~NYI"), 4u);
  EXPECT_EQ(Find(t, "trace_abort #2"), 4u);
  EXPECT_EQ(Find(t, "trace_abort #last"), 4u);
  EXPECT_EQ(Find(t, "trace_abort #3"), std::nullopt);
  EXPECT_EQ(Find(t, "trace_abort no_such_field=1"), std::nullopt);
  EXPECT_EQ(Find(t, "output text~done"), 5u);
}

TEST(EventQuery, BadQueriesSayWhy) {
  EXPECT_FALSE(ParseEventQuery(""));
  EXPECT_EQ(ParseEventQuery("stitch #0").error(), "'#0': expected #N (from 1) or #last");
  EXPECT_EQ(ParseEventQuery("stitch phase").error(),
            "'phase': expected KEY=VALUE, KEY~TEXT, #N or #last");
}

constexpr const char* kLesson = R"(# Title of it

The summary,
on two lines.

More of the intro.

```lua program
-- ljplay: --opt hotloop=2
print(1)
```

## First
@target hot kind=loop
@panes events source

First paragraph.

Second paragraph.

## Broken
@run --stitch-mode unprotected --opt "maxsnap=1"
@target assert

## Still broken
@target end

## Back
@run
@target end

## Exercise: fix it
@check trace_stop
@check-not trace_abort reason~snap
@hint Raise maxsnap.

Do it.

```lua solution
print(2)
```
)";

TEST(Lesson, ParsesTitleSummaryProgramStepsRunsAndExercises) {
  Expected<Lesson> parsed = ParseLesson(kLesson, "01-example");
  ASSERT_TRUE(parsed) << parsed.error();
  const Lesson& l = parsed.value();
  EXPECT_EQ(l.title, "Title of it");
  EXPECT_EQ(l.summary, "The summary,\non two lines.");
  EXPECT_EQ(l.program, "-- ljplay: --opt hotloop=2\nprint(1)\n");
  EXPECT_EQ(l.chunkname, "01-example.lua");
  EXPECT_TRUE(l.native && l.web);
  ASSERT_EQ(l.steps.size(), 5u);
  EXPECT_EQ(l.steps[0].title, "First");
  EXPECT_EQ(l.steps[0].text, "First paragraph.\n\nSecond paragraph.\n");
  EXPECT_EQ(l.steps[0].panes, (std::vector<std::string>{"events", "source"}));
  EXPECT_EQ(l.steps[0].target->text, "hot kind=loop");
  EXPECT_TRUE(l.steps[0].run_options.empty());
  const std::vector<std::string> broken = {"--stitch-mode", "unprotected", "--opt", "maxsnap=1"};
  EXPECT_EQ(l.steps[1].run_options, broken);
  EXPECT_EQ(l.steps[2].run_options, broken);  // until the next @run
  EXPECT_TRUE(l.steps[3].run_options.empty());
  const LessonStep& e = l.steps[4];
  EXPECT_TRUE(e.exercise);
  ASSERT_EQ(e.checks.size(), 1u);
  ASSERT_EQ(e.check_nots.size(), 1u);
  EXPECT_EQ(e.hint, "Raise maxsnap.");
  EXPECT_EQ(e.solution, "print(2)\n");
  EXPECT_EQ(e.text, "Do it.\n");
}

TEST(Lesson, ErrorsNameTheLine) {
  const auto error = [](const std::string& text) {
    Expected<Lesson> l = ParseLesson(text, "bad");
    return l ? std::string("parsed") : l.error();
  };
  const std::string head = "# T\n@program examples/x.lua\n";
  EXPECT_EQ(error(head + "## S\n@target hot\n@frobnicate\n"),
            "bad.md:5: unknown directive @frobnicate");
  EXPECT_EQ(error(head + "## S\n@panes source nowhere\n"), "bad.md:4: no pane 'nowhere'");
  EXPECT_EQ(error(head + "## S\ntext\n"), "bad.md:3: a step needs @target");
  EXPECT_EQ(error(head + "## S\n@target stitch phase\n"),
            "bad.md:4: @target: 'phase': expected KEY=VALUE, KEY~TEXT, #N or #last");
  EXPECT_EQ(error(head + "## Exercise: x\n@check end\n"),
            "bad.md:3: an exercise needs a ```lua solution block");
  EXPECT_EQ(error("# T\n## S\n@target hot\n"),
            "bad.md: give the program once: @program FILE or a ```lua program block");
  EXPECT_EQ(error(head + "## S\n@target hot\n```lua solution\nx\n```\n"),
            "bad.md:5: a solution belongs to an exercise");
  EXPECT_EQ(error(head + "## S\n@target hot\n```\nopen\n"),
            "bad.md:7: a fenced block is not closed");
}

TEST(Lesson, ExerciseVerdictNamesTheFirstFailedCheck) {
  Expected<Lesson> l = ParseLesson(kLesson, "01-example");
  ASSERT_TRUE(l);
  const LessonStep& e = l.value().steps[4];
  Timeline t = Built();
  EXPECT_EQ(ExerciseVerdict(e, t), "no event trace_stop");
  TraceStop stop;
  stop.trace = 3;
  t.events.push_back({t.events.size(), stop});
  EXPECT_EQ(ExerciseVerdict(e, t), "an event trace_abort reason~snap");
  t.events.erase(t.events.begin() + 2);  // the snapshot abort
  EXPECT_EQ(ExerciseVerdict(e, t), "");
}

// On a real run: the queries the stitch lessons use find the recovery.
TEST(Lesson, QueriesFindTheStitchRecoveryInARealRun) {
  SessionOptions options;
  options.settings = {{JitSetting::Kind::kOptimization, "maxsnap=1"}};
  options.prng_seed = 1;
  Session session(options);
  const Timeline t = session.Run(
      test::ReadFile(std::string(LJP_TEST_EXAMPLES) + "/maxsnap_stitch.lua"), "maxsnap_stitch.lua");
  const std::optional<size_t> inserted = Find(t, "stitch phase=inserted ffname=os.date");
  const std::optional<size_t> restored =
      Find(t, "stitch phase=restored error~\"too many snapshots\"");
  const std::optional<size_t> abort = Find(t, "trace_abort trace=1");
  ASSERT_TRUE(inserted && restored && abort);
  EXPECT_LT(*inserted, *restored);
  EXPECT_LT(*restored, *abort);
}

}  // namespace
}  // namespace ljp
