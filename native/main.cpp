// ljplay: the LuaJIT trace playground's command-line front end.
//   ljplay run FILE ...      run a Lua program (stock luajit options, budgets, the lab)
//   ljplay sweep FILE ...    fail each allocation made while recording, in turn
//   ljplay timeline FILE     show a recorded timeline
//   ljplay engine            the engine process (used by the above and the viewer)
//   ljplay gui [FILE]        the desktop app (when built with the GUI)
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "explain.h"
#ifdef LJP_HAVE_GUI
#include "gui_app.h"
#endif
#include "imgui.h"
#include "isolated_run.h"
#include "lua.hpp"
#include "pins.h"
#include "script_header.h"
#include "session.h"
#include "sweep.h"
#include "timeline_json.h"

namespace {

std::string VersionText() {
  std::string text = "ljplay " LJP_VERSION "\n";
  text += LUAJIT_VERSION " (Debian source luajit " LJP_LUAJIT_DEB_VERSION
                         ", sha256 " LJP_LUAJIT_SHA256 ")\n";
  text += "Dear ImGui " IMGUI_VERSION " (Debian source imgui " LJP_IMGUI_DEB_VERSION
          ", sha256 " LJP_IMGUI_SHA256 ")";
  return text;
}

void ReportError(const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "ljplay: %s\n", message.c_str());
  std::fflush(stderr);
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ReportError("cannot open " + path + ": " + std::strerror(errno));
    return std::nullopt;
  }
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// ---- ljplay run ---------------------------------------------------------

// Options of `ljplay run` (and, partly, `ljplay sweep`). CLI11's parse order
// keeps -j / -O / --jit in command-line order, as luajit applies them.
struct RunCommand {
  CLI::App* app = nullptr;
  std::string path;
  std::vector<std::string> args;
  std::vector<std::string> jit_commands, optimizations, jit_switches;
  CLI::Option* jit_command_opt = nullptr;
  CLI::Option* optimization_opt = nullptr;
  CLI::Option* jit_switch_opt = nullptr;
  std::vector<std::string> faults;
  std::string stitch_mode;
  std::string timeline_path;
  bool explain = false;
  bool no_header = false;
  double max_time = 0;
  uint64_t max_memory = 0;
  uint64_t max_instructions = 0;
  uint64_t timeline_cap = 0;
  std::optional<uint32_t> seed;
  std::string engine;
  uint64_t sweep_max = 40;  // sweep only
};

void AddJitOptions(CLI::App* app, RunCommand& cmd) {
  // Repeatable options take one value each time, so they never swallow the file name.
  cmd.jit_switch_opt = app->add_option("--jit", cmd.jit_switches, "Turn the JIT compiler on or off")
                           ->check(CLI::IsMember({"on", "off"}))
                           ->allow_extra_args(false);
  cmd.optimization_opt =
      app->add_option("--opt,-O", cmd.optimizations,
                      "jit.opt parameter or flag, e.g. maxsnap=1, hotloop=1, -fold, 3")
          ->allow_extra_args(false);
  cmd.jit_command_opt =
      app->add_option("-j", cmd.jit_commands,
                      "LuaJIT -j command: -jv, -jdump[=FLAGS], -jon, -joff, -jflush")
          ->allow_extra_args(false);
  app->add_option("--fault", cmd.faults,
                  "Arm a fault: ir-grow[=canon], snap-grow[=stitch], ir-const, alloc=N, "
                  "alloc-doubling, maxsnap=N")
      ->allow_extra_args(false);
  app->add_option("--stitch-mode", cmd.stitch_mode,
                  "recff_stitch() as it was: full (default), unprotected, precheck-2021, "
                  "cpcall-2024, recerr-2024")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app->add_option("--max-time", cmd.max_time, "Wall-time budget in seconds")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app->add_option("--seed", cmd.seed,
                  "Seed of the JIT's PRNG (trace penalties): the same seed, the same traces "
                  "(default 1 in the engine process, random in-process, like luajit)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app->add_option("--engine", cmd.engine, "Engine program (default: ljplay-assert beside ljplay)");
  app->add_flag("--no-header", cmd.no_header, "Ignore the file's '-- ljplay:' header options");
}

void AddRunCommand(CLI::App& app, RunCommand& cmd) {
  CLI::App* run = cmd.app = app.add_subcommand("run", "Run a Lua program with LuaJIT (full JIT)");
  run->add_option("file", cmd.path, "Lua source file")->required();
  run->add_option("args", cmd.args, "Arguments for the script (after --)");
  AddJitOptions(run, cmd);
  run->add_option("--timeline", cmd.timeline_path,
                  "Record the trace recorder's timeline to this file (JSON Lines)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  run->add_flag("--explain", cmd.explain,
                "Print what the recorder did: bytecode, IR, snapshots and stitch recovery");
  run->add_option("--max-memory", cmd.max_memory, "Lua heap budget in bytes")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  run->add_option("--max-instructions", cmd.max_instructions,
                  "Interpreted bytecode budget (with the JIT off)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  run->add_option("--timeline-cap", cmd.timeline_cap, "Memory cap of the timeline in bytes")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  run->footer(
      "Options in the file's '-- ljplay: ...' header comment apply first; the command line\n"
      "adds to them. With --timeline, --explain, --fault, --stitch-mode or a budget the\n"
      "program runs in an engine process on LuaJIT with assertions: an endless loop, an\n"
      "assertion or a crash ends that process, not ljplay.\n\n"
      "Examples:\n"
      "  ljplay run loop.lua -jv --opt hotloop=1\n"
      "  ljplay run examples/maxsnap_stitch.lua --explain --stitch-mode unprotected\n"
      "  ljplay run loop.lua --timeline loop.jsonl --max-time 5 -- arg1 arg2");
}

// Builds session options; fails on a bad fault or stitch mode.
bool ToSessionOptions(const RunCommand& cmd, ljp::SessionOptions& options) {
  options.args = cmd.args;
  size_t next_command = 0, next_optimization = 0, next_switch = 0;
  for (const CLI::Option* opt : cmd.app->parse_order()) {
    using Kind = ljp::JitSetting::Kind;
    if (opt == cmd.jit_command_opt) {
      options.settings.push_back({Kind::kCommand, cmd.jit_commands.at(next_command++)});
    } else if (opt == cmd.optimization_opt) {
      options.settings.push_back({Kind::kOptimization, cmd.optimizations.at(next_optimization++)});
    } else if (opt == cmd.jit_switch_opt) {
      options.settings.push_back({Kind::kCommand, cmd.jit_switches.at(next_switch++)});
    }
  }
  for (const std::string& text : cmd.faults) {
    ljp::Expected<ljp::Fault> fault = ljp::ParseFault(text);
    if (!fault) {
      ReportError(fault.error());
      return false;
    }
    options.faults.push_back(fault.value());
  }
  if (!cmd.stitch_mode.empty()) {
    ljp::Expected<ljp::StitchMode> mode = ljp::ParseStitchMode(cmd.stitch_mode);
    if (!mode) {
      ReportError(mode.error());
      return false;
    }
    options.stitch_mode = mode.value();
  }
  options.budgets.wall_seconds = cmd.max_time;
  options.budgets.memory_bytes = cmd.max_memory;
  options.budgets.instructions = cmd.max_instructions;
  if (cmd.timeline_cap) options.budgets.timeline_bytes = cmd.timeline_cap;
  options.prng_seed = cmd.seed;
  return true;
}

// Reports how the run ended on stderr, as the stock front end reports errors.
void ReportEnd(const ljp::Timeline& timeline) {
  for (const ljp::Event& event : timeline.events) {
    if (const auto* error = std::get_if<ljp::RunError>(&event.body)) {
      ReportError(error->traceback.empty() ? error->message
                                           : error->message + "\n" + error->traceback);
    } else if (const auto* budget = std::get_if<ljp::BudgetExceeded>(&event.body)) {
      ReportError(budget->message);
    } else if (const auto* assertion = std::get_if<ljp::AssertFailure>(&event.body)) {
      ReportError("LuaJIT ASSERT " + assertion->file + ":" + std::to_string(assertion->line) +
                  ": " + assertion->func + ": " + assertion->message +
                  " (the engine process stopped; ljplay did not)");
    } else if (const auto* end = std::get_if<ljp::RunEnd>(&event.body)) {
      if (end->status == "crash") ReportError(end->message);
    }
  }
}

int Run(const RunCommand& cmd, const std::string& source) {
  ljp::SessionOptions options;
  if (!ToSessionOptions(cmd, options)) return 1;

  const bool isolated = !cmd.timeline_path.empty() || cmd.explain || cmd.max_time > 0 ||
                        cmd.max_memory > 0 || cmd.max_instructions > 0 || !cmd.faults.empty() ||
                        !cmd.stitch_mode.empty() || !cmd.engine.empty();
  if (!isolated) {
    // Like stock luajit: in this process, output straight to stdout.
    options.capture = false;
    options.capture_output = false;
    ljp::Session session(options);
    const ljp::Timeline timeline = session.Run(source, cmd.path);
    ReportEnd(timeline);
    return ljp::ExitCodeFor(timeline);
  }
  options.echo_output = !cmd.explain;
  if (!options.prng_seed) options.prng_seed = 1;  // reproducible timelines
  const std::string engine = cmd.engine.empty() ? ljp::DefaultEnginePath() : cmd.engine;
  ljp::Expected<ljp::Timeline> timeline =
      ljp::RunIsolated({source, cmd.path, options}, engine, cmd.timeline_path);
  if (!timeline) {
    ReportError(timeline.error());
    return 3;
  }
  if (cmd.explain) {
    const std::string text = ljp::Explain(timeline.value());
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  }
  ReportEnd(timeline.value());
  return ljp::ExitCodeFor(timeline.value());
}

// ---- ljplay sweep -------------------------------------------------------

void AddSweepCommand(CLI::App& app, RunCommand& cmd) {
  CLI::App* sweep = cmd.app = app.add_subcommand(
      "sweep", "Fail the k-th allocation made while recording, for k = 1..K, and classify");
  sweep->add_option("file", cmd.path, "Lua source file")->required();
  sweep->add_option("--max", cmd.sweep_max, "K: the last allocation to fail (default 40)");
  AddJitOptions(sweep, cmd);
}

int Sweep(const RunCommand& cmd, const std::string& source) {
  ljp::SessionOptions options;
  if (!ToSessionOptions(cmd, options)) return 1;
  if (!options.prng_seed) options.prng_seed = 1;
  if (options.budgets.wall_seconds <= 0) options.budgets.wall_seconds = 20;
  const std::string engine = cmd.engine.empty() ? ljp::DefaultEnginePath() : cmd.engine;
  std::printf("sweep %s: stitch mode %s, alloc=1..%llu\n", cmd.path.c_str(),
              ljp::StitchModeName(options.stitch_mode),
              static_cast<unsigned long long>(cmd.sweep_max));
  std::printf("%6s  %-12s  %s\n", "alloc", "outcome", "detail");
  std::fflush(stdout);
  ljp::Expected<ljp::SweepResult> result =
      ljp::Sweep({source, cmd.path, options}, cmd.sweep_max, engine, [](const ljp::SweepRun& run) {
        std::printf("%6llu  %-12s  %s\n", static_cast<unsigned long long>(run.k),
                    ljp::OutcomeName(run.outcome), run.detail.c_str());
        std::fflush(stdout);
      });
  if (!result) {
    ReportError(result.error());
    return 3;
  }
  using O = ljp::SweepRun::Outcome;
  const ljp::SweepResult& r = result.value();
  std::printf("summary: %zu runs: %d recovered, %d assertion, %d crash, %d hang, %d wrong output\n",
              r.runs.size() - r.Count(O::kNotReached), r.Count(O::kRecovered),
              r.Count(O::kAssertion), r.Count(O::kCrash), r.Count(O::kHang),
              r.Count(O::kWrongOutput));
  return r.AllRecovered() ? 0 : 1;
}

// ---- ljplay timeline / engine -----------------------------------------------

struct TimelineCommand {
  std::string path;
  bool output_only = false;
};

void AddTimelineCommand(CLI::App& app, TimelineCommand& cmd) {
  CLI::App* sub = app.add_subcommand("timeline", "Show a timeline recorded with run --timeline");
  sub->add_option("file", cmd.path, "Timeline file (JSON Lines)")->required();
  sub->add_flag("--output", cmd.output_only, "Print only the program's output");
}

int ShowTimeline(const TimelineCommand& cmd) {
  std::ifstream in(cmd.path, std::ios::binary);
  if (!in) {
    ReportError("cannot open " + cmd.path + ": " + std::strerror(errno));
    return 1;
  }
  ljp::Expected<ljp::Timeline> timeline = ljp::ReadTimeline(in);
  if (!timeline) {
    ReportError(cmd.path + ": " + timeline.error());
    return 1;
  }
  std::string text;
  if (cmd.output_only) {
    for (const ljp::Event& e : timeline.value().events)
      if (const auto* out = std::get_if<ljp::Output>(&e.body)) text += out->text;
  } else {
    text = ljp::Explain(timeline.value());
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

// The file's header options go before the command line's, so these win.
std::vector<std::string> WithHeaderArgs(int argc, char** argv, const std::string& subcommand,
                                        const std::vector<std::string>& header) {
  std::vector<std::string> out{argv[0]};
  bool inserted = false;
  for (int i = 1; i < argc; ++i) {
    out.emplace_back(argv[i]);
    if (!inserted && out.back() == subcommand) {
      out.insert(out.end(), header.begin(), header.end());
      inserted = true;
    }
  }
  return out;
}

struct Cli {
  CLI::App app{"ljplay: the LuaJIT trace playground"};
  RunCommand run, sweep;
  TimelineCommand timeline;
  std::string engine_timeline;
  CLI::App* engine = nullptr;
#ifdef LJP_HAVE_GUI
  ljp::GuiOptions gui_options;
  CLI::App* gui = nullptr;
#endif

  Cli() {
    app.set_version_flag("--version", VersionText());
    app.require_subcommand(1);
    AddRunCommand(app, run);
    AddSweepCommand(app, sweep);
    AddTimelineCommand(app, timeline);
    engine = app.add_subcommand("engine", "The engine process: request on stdin (JSON)");
    engine->add_option("--timeline", engine_timeline, "Where to stream the timeline")->required();
    engine->group("");  // internal: not listed in --help
#ifdef LJP_HAVE_GUI
    AddGuiCommand();
#endif
  }

#ifdef LJP_HAVE_GUI
  void AddGuiCommand() {
    gui = app.add_subcommand("gui", "The desktop app: step through what the recorder did");
    gui->add_option("file", gui_options.path,
                    "Lua source file (default: the last one opened, else "
                    "examples/maxsnap_stitch.lua)");
    gui->add_option("--stitch-mode", gui_options.stitch_mode,
                    "Initial stitch mode (default: the file's header, else full)");
    gui->add_option("--compare", gui_options.compare_mode,
                    "Open side by side with a second run in this stitch mode");
    // Test hooks (tests/gui): render for a while at the first stitch, print a pane, exit.
    gui->add_option("--screenshot-after", gui_options.screenshot_after,
                    "Test: exit this many seconds after the first timeline arrived")
        ->group("");
    gui->add_option("--dump-pane", gui_options.dump_pane,
                    "Test: print this pane's text before exiting (source, recorder, ir, stack, "
                    "traces, output, events)")
        ->group("");
    gui->add_flag("--step-to-stitch", gui_options.step_to_stitch,
                  "Test: move the cursor to the first stitch 'inserted' event")
        ->group("");
  }
#endif
};

#ifdef LJP_HAVE_GUI
// Session options for running a file as `ljplay run FILE` would with only the
// file's '-- ljplay:' header options; fails on a bad header.
ljp::Expected<ljp::EngineRequest> RequestForFile(const std::string& path, bool use_header) {
  const std::optional<std::string> source = ReadFile(path);
  if (!source) return ljp::Error{"cannot read " + path};
  std::vector<std::string> args{"ljplay", "run", path};
  if (use_header) {
    for (const std::string& a : ljp::ScriptHeaderArgs(*source)) args.push_back(a);
  }
  std::vector<char*> argp;
  for (std::string& a : args) argp.push_back(a.data());
  auto cli = std::make_unique<Cli>();
  try {
    cli->app.parse(static_cast<int>(argp.size()), argp.data());
  } catch (const CLI::ParseError& e) {
    return ljp::Error{path + ": in the '-- ljplay:' header: " + e.what()};
  }
  ljp::SessionOptions options;
  if (!ToSessionOptions(cli->run, options)) return ljp::Error{path + ": bad header options"};
  if (!options.prng_seed) options.prng_seed = 1;  // reproducible timelines
  // The window shows the timeline: the program's output goes there, not to stdout.
  options.echo_output = false;
  if (options.budgets.wall_seconds <= 0) options.budgets.wall_seconds = 30;
  return ljp::EngineRequest{*source, path, options};
}
#endif

}  // namespace

int main(int argc, char** argv) {
  auto cli = std::make_unique<Cli>();
  CLI11_PARSE(cli->app, argc, argv);

  if (cli->engine->parsed()) return ljp::RunEngine(cli->engine_timeline);
  if (cli->app.get_subcommand("timeline")->parsed()) return ShowTimeline(cli->timeline);
#ifdef LJP_HAVE_GUI
  if (cli->gui->parsed()) {
    return ljp::RunGui(cli->gui_options,
                       [](const std::string& path) { return RequestForFile(path, true); });
  }
#endif

  const bool sweep = cli->app.get_subcommand("sweep")->parsed();
  RunCommand* cmd = sweep ? &cli->sweep : &cli->run;
  const std::optional<std::string> source = ReadFile(cmd->path);
  if (!source) return 1;
  if (!cmd->no_header) {
    const std::string path = cmd->path;
    const std::vector<std::string> header = ljp::ScriptHeaderArgs(*source);
    if (!header.empty()) {
      // Parse again with the header's options in front of the command line's.
      std::vector<std::string> args = WithHeaderArgs(argc, argv, sweep ? "sweep" : "run", header);
      std::vector<char*> argp;
      for (std::string& a : args) argp.push_back(a.data());
      cli = std::make_unique<Cli>();
      try {
        cli->app.parse(static_cast<int>(argp.size()), argp.data());
      } catch (const CLI::ParseError& e) {
        ReportError(path + ": in the '-- ljplay:' header: " + e.what());
        return 1;
      }
      cmd = sweep ? &cli->sweep : &cli->run;
    }
  }
  return sweep ? Sweep(*cmd, *source) : Run(*cmd, *source);
}
