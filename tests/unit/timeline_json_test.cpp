// The JSON Lines protocol: a timeline survives writing and reading unchanged.
#include "timeline_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <sstream>

#include "explain.h"
#include "jdump_format.h"
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

// Protocol 2 leaves out of a line what earlier lines said: every member of
// every event must still come back, for programs that make traces of every
// kind (stitches, side traces, exits, aborts, the stitch modes' errors).
TEST(TimelineJson, EveryMemberOfEveryEventSurvivesTheCompactLines) {
  std::vector<std::string> files;
  for (const char* name : {"stitch_chain", "maxsnap_stitch", "table_bump_stitch", "ir_const_stitch",
                           "snap_grow_stitch", "ir_grow_canon"})
    files.push_back(std::string(LJP_TEST_EXAMPLES) + "/" + name + ".lua");
  for (const char* name : {"80-trace-sunk-exits", "81-trace-side-chains",
                           "82-trace-coroutines-flush", "01-closures", "03-meta-index-newindex"})
    files.push_back(std::string(LJP_TEST_CORPUS) + "/" + name + ".lua");
  size_t events = 0, omitted_bc = 0, compact_bytes = 0, verbose_bytes = 0;
  for (const std::string& file : files) {
    for (const char* opts : {"", "hotloop=1,hotexit=1,maxsnap=3"}) {
      SessionOptions options;
      if (*opts)
        options.settings = {{JitSetting::Kind::kOptimization, "hotloop=1"},
                            {JitSetting::Kind::kOptimization, "hotexit=1"},
                            {JitSetting::Kind::kOptimization, "maxsnap=3"}};
      options.prng_seed = 1;
      Session session(options);
      const Timeline original = session.Run(test::ReadFile(file), file);
      const std::string text = Serialize(original);
      std::istringstream in(text);
      Expected<Timeline> read = ReadTimeline(in);
      ASSERT_TRUE(read) << file << ": " << read.error();
      ASSERT_EQ(read.value().events.size(), original.events.size()) << file;
      for (size_t i = 0; i < original.events.size(); ++i) {
        ASSERT_EQ(VerboseEventLine(read.value().events[i]), VerboseEventLine(original.events[i]))
            << file << " " << opts << ", event " << i;
      }
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);) {
        omitted_bc += line.rfind("{\"type\":\"record\",", 0) == 0 &&
                      line.find("\"bc\":") == std::string::npos;
      }
      events += original.events.size();
      compact_bytes += text.size() - TimelineHeaderLine(original).size() - 1;
      for (const Event& e : original.events) verbose_bytes += VerboseEventLine(e).size() + 1;
    }
  }
  EXPECT_GT(events, 1000u);
  EXPECT_GT(omitted_bc, 100u);
  // Much shorter than every member written out.
  EXPECT_LT(compact_bytes, verbose_bytes / 2) << compact_bytes << " of " << verbose_bytes;
}

// Timelines saved by version 1 writers (every member by name) still open.
TEST(TimelineJson, VersionOneFilesAreStillRead) {
  Timeline original = RealTimeline();
  original.version = 1;
  std::string text = TimelineHeaderLine(original) + "\n";
  for (const Event& e : original.events) text += VerboseEventLine(e) + "\n";
  std::istringstream in(text);
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_TRUE(read) << read.error();
  ASSERT_EQ(read.value().events.size(), original.events.size());
  for (size_t i = 0; i < original.events.size(); ++i)
    EXPECT_EQ(VerboseEventLine(read.value().events[i]), VerboseEventLine(original.events[i])) << i;
}

// A 32-bit build's prototypes above 2 GB come as sign-extended 64-bit values:
// lines name them by number after the first, and they come back the same.
TEST(TimelineJson, HighPrototypeAddressesSurviveTheCompactLines) {
  Timeline t;
  for (uint64_t seq = 0; seq < 3; ++seq) {
    HotCounter hot;
    hot.kind = "loop";
    hot.at = FuncRef{"chunk.lua:5", 0xFFFFFFFFF79C1098ull + seq % 2, 22, 5};
    t.events.push_back({seq, hot});
  }
  std::istringstream in(Serialize(t));
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_TRUE(read) << read.error();
  ASSERT_EQ(read.value().events.size(), 3u);
  for (size_t i = 0; i < 3; ++i)
    EXPECT_EQ(VerboseEventLine(read.value().events[i]), VerboseEventLine(t.events[i])) << i;
}

// Numbers render as LuaJIT's tostring (%.14g), also by the fast paths.
TEST(TimelineJson, LuaNumberIsPrintfsFourteenDigits) {
  for (const double n : {0.0, -0.0, 1.0, -7.0, 0.1, 2.5, 1e14, 99999999999999.0, 1e15, 1e300, -1e-5,
                         5e-324, 1.4327903729396e-322, 123456789.125, 2.0 / 3}) {
    char expected[64];
    std::snprintf(expected, sizeof(expected), "%.14g", n);
    EXPECT_EQ(LuaNumber(n), expected) << n;
  }
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

TEST(TimelineJson, WrittenValuesReadBackTheSame) {
  // The writer streams JSON itself: nlohmann must read back every value.
  Event event;
  event.seq = 7;
  RecordDone done;
  done.trace = 3;
  IrIns k;
  k.ref = -5;
  k.k = IrIns::K::kNum;
  for (const double num : {0.1, -0.0, 1e300, 5e-324, 123456789.125, 2.0 / 3}) {
    k.num = num;
    done.ir.push_back(k);
  }
  IrIns s;
  s.k = IrIns::K::kStr;
  const char raw[] = "q\"b\\n\n\t\x01\x7f \xc3\xa9 bad:\xff\xc3 end";
  s.str = std::string(raw, sizeof(raw) - 1);
  done.ir.push_back(s);
  IrIns big;
  big.k = IrIns::K::kInt64;
  big.i64 = INT64_MIN;
  done.ir.push_back(big);
  IrIns ptr;
  ptr.k = IrIns::K::kPtr;
  ptr.ptr = UINT64_MAX;
  done.ir.push_back(ptr);
  event.body = done;

  Expected<Event> read = ParseEventLine(EventLine(event));
  ASSERT_TRUE(read) << read.error() << "\n" << EventLine(event);
  EXPECT_EQ(read.value().seq, 7u);
  const auto& ir = std::get<RecordDone>(read.value().body).ir;
  ASSERT_EQ(ir.size(), done.ir.size());
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(ir[i].num, done.ir[i].num) << i;
    EXPECT_EQ(std::signbit(ir[i].num), std::signbit(done.ir[i].num)) << i;
  }
  // Valid UTF-8 and escapes survive; each byte that is not UTF-8 becomes U+FFFD.
  EXPECT_EQ(ir[6].str, "q\"b\\n\n\t\x01\x7f \xc3\xa9 bad:\xef\xbf\xbd\xef\xbf\xbd end");
  EXPECT_EQ(ir[7].i64, INT64_MIN);
  EXPECT_EQ(ir[8].ptr, UINT64_MAX);
  // Not finite: null, read back as NaN.
  done.ir.assign(1, k);
  done.ir[0].num = std::nan("");
  event.body = done;
  read = ParseEventLine(EventLine(event));
  ASSERT_TRUE(read) << read.error();
  EXPECT_TRUE(std::isnan(std::get<RecordDone>(read.value().body).ir[0].num));
}

TEST(TimelineJson, TypeAndSequenceNumberComeFirst) {
  // Every line starts with its type; seq follows it unless it is the last
  // line's + 1 (a file's lines rarely carry it).
  const Timeline t = RealTimeline();
  const std::string text = Serialize(t);
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);  // the header
  size_t with_seq = 0;
  for (const Event& e : t.events) {
    ASSERT_TRUE(std::getline(lines, line));
    const std::string type = std::string("{\"type\":\"") + EventTypeName(e.body) + "\"";
    EXPECT_EQ(line.rfind(type, 0), 0u) << line;
    if (line.compare(type.size(), 7, ",\"seq\":") == 0) ++with_seq;
  }
  EXPECT_LT(with_seq, t.events.size() / 10);
  // A line on its own carries it.
  const Event& last = t.events.back();
  const std::string expected = std::string("{\"type\":\"") + EventTypeName(last.body) +
                               "\",\"seq\":" + std::to_string(last.seq);
  EXPECT_EQ(EventLine(last).rfind(expected, 0), 0u) << EventLine(last);
}

TEST(TimelineJson, AFilteredReadKeepsThoseEventsAndTheLastOne) {
  const Timeline original = RealTimeline();
  const std::string text = Serialize(original);
  std::istringstream in(text);
  Expected<Timeline> read =
      ReadTimeline(in, [](std::string_view type) { return type == "trace_stop"; });
  ASSERT_TRUE(read) << read.error();
  std::vector<uint64_t> expected;
  for (const Event& e : original.events) {
    if (std::holds_alternative<TraceStop>(e.body)) expected.push_back(e.seq);
  }
  expected.push_back(original.events.back().seq);  // the end, whatever its type
  std::vector<uint64_t> got;
  for (const Event& e : read.value().events) got.push_back(e.seq);
  EXPECT_EQ(got, expected);
  EXPECT_GT(expected.size(), 2u);
}

TEST(TimelineJson, AFilteredReadOfACutTimelineEndsWithItsLastWholeEvent) {
  const Timeline original = RealTimeline();
  const std::string text = Serialize(original);
  const std::string cut = text.substr(0, text.size() - 10);  // a killed engine
  std::istringstream in(cut);
  Expected<Timeline> read = ReadTimeline(in, [](std::string_view) { return false; });
  ASSERT_TRUE(read) << read.error();
  ASSERT_EQ(read.value().events.size(), 1u);
  EXPECT_EQ(read.value().events[0].seq, original.events[original.events.size() - 2].seq);
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
