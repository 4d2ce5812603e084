// The engine's Session: what the timeline holds for the stitch cases, that its
// rendering equals stock LuaJIT's -jdump, and that budgets end runaway programs.
#include "session.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <functional>

#include "engine_runner.h"
#include "explain.h"
#include "test_support.h"

namespace ljp {
namespace {

using test::EndOf;
using test::EventsOf;
using test::OutputOf;
using test::ReadFile;
using test::RunReference;

SessionOptions Options(std::vector<JitSetting> settings = {}) {
  SessionOptions options;
  options.settings = std::move(settings);
  options.prng_seed = 1;
  return options;
}

Timeline RunExample(const std::string& file, std::vector<JitSetting> settings = {}) {
  const std::string path = std::string(LJP_TEST_EXAMPLES) + "/" + file;
  Session session(Options(std::move(settings)));
  return session.Run(ReadFile(path), file);
}

// Finds events matching each predicate in turn, starting after the previous.
struct Step {
  const char* what;
  std::function<bool(const EventBody&)> matches;
};

void ExpectInOrder(const Timeline& t, const std::vector<Step>& steps) {
  size_t i = 0;
  for (const Step& step : steps) {
    while (i < t.events.size() && !step.matches(t.events[i].body)) ++i;
    ASSERT_LT(i, t.events.size()) << "no '" << step.what << "' after the previous steps";
    ++i;
  }
}

template <typename T>
std::function<bool(const EventBody&)> Is(std::function<bool(const T&)> pred = nullptr) {
  return [pred](const EventBody& b) {
    const T* e = std::get_if<T>(&b);
    return e && (!pred || pred(*e));
  };
}

std::function<bool(const EventBody&)> Stitch(
    StitchStep::Phase phase, std::function<bool(const StitchStep&)> pred = nullptr) {
  return Is<StitchStep>(
      [phase, pred](const StitchStep& s) { return s.phase == phase && (!pred || pred(s)); });
}

bool HasStitchContinuation(const StitchStep& s) {
  for (const StackFrame& f : s.stack.frames)
    if (f.type == "cont" && f.cont == "stitch") return true;
  return false;
}

TEST(SessionStitch, MaxsnapTimelineShowsRecoveryStepByStep) {
  const Timeline t =
      RunExample("maxsnap_stitch.lua", {{JitSetting::Kind::kOptimization, "maxsnap=1"}});

  ExpectInOrder(
      t, {{"trace start", Is<TraceStart>()},
          {"recorded bytecode", Is<RecordStep>()},
          {"stitch before", Stitch(StitchStep::Phase::kBefore,
                                   [](const StitchStep& s) { return !HasStitchContinuation(s); })},
          {"continuation inserted", Stitch(StitchStep::Phase::kInserted, HasStitchContinuation)},
          {"protected record-stop", Stitch(StitchStep::Phase::kStop)},
          {"record-stop error caught", Stitch(StitchStep::Phase::kResult,
                                              [](const StitchStep& s) {
                                                return std::string(LuaErrorName(s.errcode)) ==
                                                           "LUA_ERRRUN" &&
                                                       s.error == "too many snapshots";
                                              })},
          {"stack restored", Stitch(StitchStep::Phase::kRestored)},
          {"trace abort",
           Is<TraceAbort>([](const TraceAbort& a) { return a.reason == "too many snapshots"; })}});

  // The stack after recovery is the stack before the stitch (+ the error).
  const auto steps = EventsOf<StitchStep>(t);
  ASSERT_GE(steps.size(), 5u);
  const StitchStep& before = *steps[0];
  const StitchStep& inserted = *steps[1];
  const StitchStep& restored = *steps[4];
  EXPECT_EQ(restored.phase, StitchStep::Phase::kRestored);
  EXPECT_TRUE(StackRestored(before, restored))
      << "before base/top " << before.stack.base << "/" << before.stack.top << ", restored "
      << restored.stack.base << "/" << restored.stack.top;
  EXPECT_GT(inserted.stack.base, before.stack.base) << "the continuation frame shifts the base";
  EXPECT_EQ(before.ffname, "os.date");

  EXPECT_EQ(EndOf(t).status, RunStatus::kOk);
  EXPECT_EQ(OutputOf(t), RunReference(LJP_TEST_EXAMPLES, "-joff maxsnap_stitch.lua"));
}

TEST(SessionStitch, SuccessfulStitchEndsTraceWithStitchLink) {
  const Timeline t = RunExample("stitch_chain.lua");
  const auto stops = EventsOf<TraceStop>(t);
  ASSERT_FALSE(stops.empty());
  EXPECT_EQ(stops[0]->linktype, "stitch");
  EXPECT_EQ(stops[0]->stop.loc, "os.date");
  ExpectInOrder(t, {{"record-stop ok", Stitch(StitchStep::Phase::kResult,
                                              [](const StitchStep& s) { return s.errcode == 0; })},
                    {"stack restored", Stitch(StitchStep::Phase::kRestored)},
                    {"stitched trace stops", Is<TraceStop>()}});
  EXPECT_EQ(OutputOf(t), RunReference(LJP_TEST_EXAMPLES, "-joff stitch_chain.lua"));
}

TEST(SessionStitch, StitchedChainRunsTracesOneTwoThree) {
  // The trace after each stitch starts where trace code continues through
  // lj_cont_stitch: natively machine code, on the portable target the C VM's
  // trace executor. The chain is 1 -> 2 -> 3 on every build.
  const Timeline t = RunExample("stitch_chain.lua");
  const auto starts = EventsOf<TraceStart>(t);
  ASSERT_GE(starts.size(), 3u);
  EXPECT_EQ(starts[1]->trace, 2);
  EXPECT_EQ(starts[1]->stitch_from, 1);
  EXPECT_EQ(starts[2]->trace, 3);
  EXPECT_EQ(starts[2]->stitch_from, 2);
}

Timeline RunSource(const std::string& source, std::vector<JitSetting> settings = {}) {
  Session session(Options(std::move(settings)));
  return session.Run(source, "exits.lua");
}

TEST(SessionExits, FirstFewExitsThenPowersOfTwoThenTheHotOne) {
  // The guard "i <= 60" of the loop's trace fails from i = 61 on: exits 1, 2,
  // 3, 4, 8 are events, the 10th (hotexit) starts a side trace, and after that
  // the exit goes to the side trace without leaving trace code.
  const Timeline t = RunSource(
      "local n = 0\n"
      "for i = 1, 200 do if i > 60 then n = n + 1 end end\n"
      "print(n)\n");
  EXPECT_EQ(OutputOf(t), "140\n");
  const TraceExit* hot = nullptr;
  for (const TraceExit* e : EventsOf<TraceExit>(t))
    if (e->trace == 1 && e->side_started) hot = e;
  ASSERT_NE(hot, nullptr);
  EXPECT_EQ(hot->at.loc, "exits.lua:2");
  std::vector<uint64_t> counts;
  for (const TraceExit* e : EventsOf<TraceExit>(t))
    if (e->trace == 1 && e->exitno == hot->exitno) counts.push_back(e->count);
  EXPECT_EQ(counts, (std::vector<uint64_t>{1, 2, 3, 4, 8, 10}));
  EXPECT_EQ(hot->count, 10u);
  const auto sides = EventsOf<TraceStart>(t);
  ASSERT_GE(sides.size(), 2u);
  EXPECT_EQ(sides[1]->parent, 1);
  EXPECT_EQ(sides[1]->exitno, hot->exitno);
  // The totals at the end agree: ten exits through that exit, no more.
  const auto totals = EventsOf<ExitCounts>(t);
  ASSERT_EQ(totals.size(), 1u);
  bool found = false;
  for (const ExitCounts::Count& c : totals[0]->counts) {
    if (c.trace == 1 && c.exitno == hot->exitno) {
      EXPECT_EQ(c.count, 10u);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(SessionExits, SunkTablesComeBackAtExits) {
  // Tables the optimiser sinks exist only when a trace exits; their fields
  // must be there.
  const Timeline t = RunSource(
      "local kept = {}\n"
      "for i = 1, 300 do\n"
      "  local p = { x = i, y = 2 * i }\n"
      "  if i % 100 == 0 then kept[#kept + 1] = p end\n"
      "end\n"
      "for _, p in ipairs(kept) do print(p.x, p.y) end\n");
  EXPECT_EQ(OutputOf(t), "100\t200\n200\t400\n300\t600\n");
  EXPECT_FALSE(EventsOf<TraceExit>(t).empty());
}

TEST(SessionStitch, TableBumpRetriesThenStitches) {
  const Timeline t = RunExample("table_bump_stitch.lua");
  ExpectInOrder(t, {{"abort with retry", Is<TraceAbort>([](const TraceAbort& a) {
                       return a.reason == "retry recording";
                     })},
                    {"stitched trace",
                     Is<TraceStop>([](const TraceStop& s) { return s.linktype == "stitch"; })}});
}

// ---- Rendering equals stock LuaJIT's jit.dump -----------------------------

struct Program {
  std::string dir, file;
};

std::vector<Program> Examples() {
  std::vector<Program> out;
  for (const char* f : {"maxsnap_stitch.lua", "table_bump_stitch.lua", "stitch_chain.lua"})
    out.push_back({LJP_TEST_EXAMPLES, f});
  return out;
}

std::vector<Program> HotPrograms() {
  std::vector<Program> out = Examples();
  for (const char* f :
       {"24-hot-loops-arith.lua", "25-hot-strings.lua", "26-hot-ipairs-pairs.lua",
        "27-stitch-builtins.lua", "28-stitch-table-grow.lua", "40-hot-closures-upvalues.lua",
        "41-hot-polymorphic.lua", "45-hot-metamethods.lua"})
    out.push_back({LJP_TEST_CORPUS, f});
  return out;
}

ExplainOptions JdumpLike(const std::string& flags) {
  ExplainOptions o;
  o.bytecode = flags.find('b') != std::string::npos;
  o.ir = flags.find('i') != std::string::npos;
  o.snapshots = flags.find('s') != std::string::npos;
  o.output = false;
  o.extras = false;
  return o;
}

// Same run, two renderings: LuaJIT's jit.dump (to a file) and ours (from the
// timeline). Traces are then identical by construction, so every line must be.
void ExpectSameAsJdumpInSameRun(const std::string& flags) {
  for (const Program& p : HotPrograms()) {
    SCOPED_TRACE(p.file + " -jdump=" + flags);
    // Per process: another test run on the machine may use the same TempDir.
    const std::string dump_file =
        testing::TempDir() + "/jdump-" + flags + "-" + std::to_string(getpid()) + ".txt";
    Session session(Options({{JitSetting::Kind::kCommand, "dump=" + flags + "," + dump_file}}));
    const Timeline t = session.Run(ReadFile(p.dir + "/" + p.file), p.file);
    ASSERT_FALSE(EventsOf<TraceStop>(t).empty()) << "no trace was compiled";
    EXPECT_EQ(test::FirstDifference(Explain(t, JdumpLike(flags)), ReadFile(dump_file)), "");
  }
}

TEST(SessionRendering, BytecodeAndTraceLinesEqualJdumpTb) { ExpectSameAsJdumpInSameRun("tb"); }
TEST(SessionRendering, FinalIrEqualsJdumpI) { ExpectSameAsJdumpInSameRun("ti"); }
TEST(SessionRendering, IrWithSnapshotsEqualsJdumpIs) { ExpectSameAsJdumpInSameRun("tis"); }
TEST(SessionRendering, AllSectionsEqualJdumpTbis) { ExpectSameAsJdumpInSameRun("tbis"); }

// Across processes: the playground's LuaJIT (patched, observed) makes the same
// traces as stock LuaJIT built from the same source, with the same PRNG seed.
TEST(SessionRendering, ExamplesEqualStockLuajitJdump) {
  if (!LJP_TEST_TRACES_RUN) {
    // Stitched traces start when trace code runs (tests/portable compares the
    // root traces with the x86 assembly VM instead).
    GTEST_SKIP() << "the portable C VM runs no trace code";
  }
  std::string seed = "jit.prngstate({";
  for (uint32_t word : JitPrngState(1)) seed += std::to_string(word) + ",";
  seed += "})";
  for (const Program& p : Examples()) {
    SCOPED_TRACE(p.file);
    Session session(Options());
    const Timeline t = session.Run(ReadFile(p.dir + "/" + p.file), p.file);
    ExplainOptions options = JdumpLike("tbis");
    options.output = true;  // jit.dump and the program share stdout
    const std::string reference = RunReference(p.dir, "-e '" + seed + "' -jdump=tbis " + p.file);
    EXPECT_EQ(test::FirstDifference(test::MaskAddresses(Explain(t, options)),
                                    test::MaskAddresses(reference)),
              "");
  }
}

// ---- Errors and refused input -----------------------------------------------

TEST(SessionErrors, SyntaxErrorNamesTheLine) {
  Session session(Options());
  const Timeline t = session.Run("local x = 1\nlocal = 2\n", "bad.lua");
  const auto errors = EventsOf<RunError>(t);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]->kind, "syntax");
  EXPECT_EQ(errors[0]->message, "bad.lua:2: '<name>' expected near '='");
  EXPECT_EQ(EndOf(t).exit_code, 1);
}

TEST(SessionErrors, RuntimeErrorHasTraceback) {
  Session session(Options());
  const Timeline t =
      session.Run("print('a')\nlocal function f() error('boom') end\nf()\n", "e.lua");
  const auto errors = EventsOf<RunError>(t);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]->message, "e.lua:2: boom");
  EXPECT_NE(errors[0]->traceback.find("stack traceback:"), std::string::npos);
  EXPECT_NE(errors[0]->traceback.find("e.lua:3: in main chunk"), std::string::npos);
  EXPECT_EQ(OutputOf(t), "a\n");
}

TEST(SessionErrors, BinaryChunkIsRefused) {
  Session session(Options());
  const Timeline t = session.Run(std::string("\x1bLJ\x02\x00junk", 8), "chunk.bin");
  const auto errors = EventsOf<RunError>(t);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0]->message.find("binary chunks are refused"), std::string::npos);
}

// ---- Budgets --------------------------------------------------------------------

TEST(SessionBudgets, InterpretedEndlessLoopStopsAtInstructionBudget) {
  SessionOptions options = Options({{JitSetting::Kind::kCommand, "off"}});
  options.budgets.instructions = 2'000'000;
  Session session(options);
  const Timeline t = session.Run("local i = 0\nwhile true do i = i + 1 end\n", "loop.lua");
  EXPECT_EQ(EndOf(t).status, RunStatus::kBudget);
  const auto budget = EventsOf<BudgetExceeded>(t);
  ASSERT_EQ(budget.size(), 1u);
  EXPECT_EQ(budget[0]->budget, "instructions");
  EXPECT_NE(budget[0]->message.find("instruction budget exceeded"), std::string::npos);
}

TEST(SessionBudgets, PcallCannotSwallowTheBudget) {
  SessionOptions options = Options({{JitSetting::Kind::kCommand, "off"}});
  options.budgets.instructions = 2'000'000;
  Session session(options);
  const Timeline t =
      session.Run("while true do pcall(function() while true do end end) end\n", "loop.lua");
  EXPECT_EQ(EndOf(t).status, RunStatus::kBudget);
}

TEST(SessionBudgets, StringRepBombStopsAtMemoryBudget) {
  SessionOptions options = Options();
  options.budgets.memory_bytes = 64u << 20;
  Session session(options);
  const Timeline t = session.Run("local s = string.rep('x', 2^30)\nprint(#s)\n", "bomb.lua");
  EXPECT_EQ(EndOf(t).status, RunStatus::kBudget);
  const auto budget = EventsOf<BudgetExceeded>(t);
  ASSERT_EQ(budget.size(), 1u);
  EXPECT_EQ(budget[0]->budget, "memory");
  EXPECT_NE(budget[0]->message.find("memory budget exceeded"), std::string::npos);
}

TEST(SessionBudgets, DoublingStringBombStopsAtMemoryBudget) {
  SessionOptions options = Options();
  options.budgets.memory_bytes = 64u << 20;
  Session session(options);
  const Timeline t =
      session.Run("local s = 'x'\nfor i = 1, 40 do s = s .. s end\nprint(#s)\n", "bomb.lua");
  EXPECT_EQ(EndOf(t).status, RunStatus::kBudget);
  EXPECT_EQ(OutputOf(t), "");
}

TEST(SessionBudgets, OutputPastItsBudgetIsCutAndSaysHowToRaiseIt) {
  SessionOptions options = Options();
  options.budgets.output_bytes = 1000;
  Session session(options);
  const Timeline t =
      session.Run("for i = 1, 30 do io.write(string.rep('x', 99), '\\n') end\n", "out.lua");
  EXPECT_EQ(EndOf(t).status, RunStatus::kOk);
  std::string first_ten_lines;  // the first 1000 bytes
  for (int i = 0; i < 10; ++i) first_ten_lines += std::string(99, 'x') + "\n";
  EXPECT_EQ(OutputOf(t), first_ten_lines);
  const auto budget = EventsOf<BudgetExceeded>(t);
  ASSERT_EQ(budget.size(), 1u);
  EXPECT_EQ(budget[0]->budget, "output");
  EXPECT_EQ(budget[0]->limit, 1000u);
  EXPECT_EQ(budget[0]->message,
            "output budget exceeded: the program wrote more than 1000 bytes; the rest was not "
            "kept (raise the budget with --max-output BYTES, on the command line or a '-- "
            "ljplay:' line)");
}

TEST(SessionBudgets, OutputOfExactlyTheBudgetIsNotCut) {
  SessionOptions options = Options();
  options.budgets.output_bytes = 1000;
  Session session(options);
  const Timeline t =
      session.Run("for i = 1, 10 do io.write(string.rep('x', 99), '\\n') end\n", "out.lua");
  EXPECT_EQ(OutputOf(t).size(), 1000u);
  EXPECT_TRUE(EventsOf<BudgetExceeded>(t).empty());
}

TEST(SessionBudgets, TimelineCapIsAnEvent) {
  SessionOptions options = Options();
  options.budgets.timeline_bytes = 4096;
  Session session(options);
  const Timeline t =
      session.Run(ReadFile(std::string(LJP_TEST_CORPUS) + "/24-hot-loops-arith.lua"), "hot.lua");
  EXPECT_EQ(EventsOf<Truncated>(t).size(), 1u);
  EXPECT_EQ(EndOf(t).status, RunStatus::kOk);
}

TEST(IsolatedRun, JitCompiledEndlessLoopStopsAtWallTime) {
  SessionOptions options = Options();
  options.budgets.wall_seconds = 1;
  const auto start = std::chrono::steady_clock::now();
  Expected<Timeline> t = RunInEngine(
      {"local i = 0\nwhile true do i = i + 1 end\n", "loop.lua", options}, LJP_TEST_ENGINE, "");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(t) << t.error();
  EXPECT_EQ(EndOf(t.value()).status, RunStatus::kBudget);
  const auto budget = EventsOf<BudgetExceeded>(t.value());
  ASSERT_EQ(budget.size(), 1u);
  EXPECT_EQ(budget[0]->budget, "wall-time");
  EXPECT_LT(seconds, 10);
  // The loop was compiled: the JIT, not the interpreter, was running it.
  EXPECT_FALSE(EventsOf<TraceStop>(t.value()).empty());
}

TEST(IsolatedRun, KeepsTheProgramOutputAndEndsOk) {
  SessionOptions options = Options();
  options.budgets.wall_seconds = 20;
  Expected<Timeline> t = RunInEngine(
      {ReadFile(std::string(LJP_TEST_EXAMPLES) + "/stitch_chain.lua"), "stitch_chain.lua", options},
      LJP_TEST_ENGINE, "");
  ASSERT_TRUE(t) << t.error();
  EXPECT_EQ(EndOf(t.value()).status, RunStatus::kOk);
  EXPECT_EQ(OutputOf(t.value()), RunReference(LJP_TEST_EXAMPLES, "-joff stitch_chain.lua"));
}

// docs/findings.md, abort-stale-start: when growing the trace table fails, the
// abort penalizes the loop that got hot (fixed), not what the last trace left
// in J->cur: for the first trace, no bytecode at all (unfixed).
TEST(SessionFindings, AFailedTraceTableGrowthPenalizesTheHotLoopOnlyWhenFixed) {
  const std::string source = "local s = 0\nfor i = 1, 300 do s = s + i end\nprint(s)\n";
  for (const bool fixed : {true, false}) {
    SessionOptions options = Options();
    options.faults = {Fault{Fault::Kind::kTraceGrow}};
    if (!fixed) options.unfixed = {Finding::kAbortStaleStart};
    Session session(options);
    const Timeline t = session.Run(source, "grow.lua");
    const auto penalties = EventsOf<Penalty>(t);
    ASSERT_FALSE(penalties.empty()) << (fixed ? "fixed" : "unfixed");
    EXPECT_EQ(penalties[0]->at.loc, fixed ? "grow.lua:2" : "(?)");
    EXPECT_EQ(OutputOf(t), "45150\n");
    EXPECT_EQ(t.unfixed,
              fixed ? std::vector<std::string>{} : std::vector<std::string>{"abort-stale-start"});
  }
}

}  // namespace
}  // namespace ljp
