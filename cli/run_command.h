// The options of `ljplay run` (CLI11) and what they make: SessionOptions, and
// the engine request of a file run with only its '-- ljplay:' header options.
// One definition for the command line (main.cpp), the desktop app and the web
// viewer (wasm/web/), so a header means the same everywhere. Header-only: the
// programs that use it (ljplay, ljplay-node, ljplay-viewer) each compile it in.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine_request.h"
#include "expected.h"
#include "script_header.h"
#include "session_options.h"

namespace ljp {

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
  std::vector<std::string> unfixed;
  std::string stitch_mode;
  std::string timeline_path;
  bool explain = false;
  bool no_header = false;
  double max_time = 0;
  uint64_t max_memory = 0;
  uint64_t max_instructions = 0;
  uint64_t timeline_cap = 0;
  uint64_t max_output = 0;
  std::optional<uint32_t> seed;
  std::string trace_exec;
  std::string engine;
  uint64_t sweep_max = 40;  // sweep only
};

inline void AddJitOptions(CLI::App* app, RunCommand& cmd) {
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
                  "alloc-doubling, maxsnap=N, trace-grow[=always], str-new, loop-subst")
      ->allow_extra_args(false);
  app->add_option("--unfixed", cmd.unfixed,
                  "Show a LuaJIT bug the playground found, with its fix off: loop-subst-oom, "
                  "abort-stale-start, round-string, hot-call-oom (docs/findings.md)")
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
  app->add_option("--trace-exec", cmd.trace_exec,
                  "Run compiled traces (on, the default) or only record them (off); "
                  "off applies where traces are not machine code (the C VM)")
      ->check(CLI::IsMember({"on", "off"}))
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app->add_option("--engine", cmd.engine, "Engine program (default: ljplay-assert beside ljplay)");
  app->add_flag("--no-header", cmd.no_header, "Ignore the file's '-- ljplay:' header options");
}

inline void AddRunCommand(CLI::App& app, RunCommand& cmd) {
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
  run->add_option("--max-output", cmd.max_output,
                  "Program output kept in the timeline, in bytes (default 16 MB)")
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

// Session options from parsed run options; an error for a bad fault or stitch mode.
inline Expected<SessionOptions> SessionOptionsOf(const RunCommand& cmd) {
  SessionOptions options;
  options.args = cmd.args;
  size_t next_command = 0, next_optimization = 0, next_switch = 0;
  for (const CLI::Option* opt : cmd.app->parse_order()) {
    using Kind = JitSetting::Kind;
    if (opt == cmd.jit_command_opt) {
      options.settings.push_back({Kind::kCommand, cmd.jit_commands.at(next_command++)});
    } else if (opt == cmd.optimization_opt) {
      options.settings.push_back({Kind::kOptimization, cmd.optimizations.at(next_optimization++)});
    } else if (opt == cmd.jit_switch_opt) {
      options.settings.push_back({Kind::kCommand, cmd.jit_switches.at(next_switch++)});
    }
  }
  for (const std::string& text : cmd.faults) {
    Expected<Fault> fault = ParseFault(text);
    if (!fault) return Error{fault.error()};
    options.faults.push_back(fault.value());
  }
  for (const std::string& text : cmd.unfixed) {
    Expected<Finding> finding = ParseFinding(text);
    if (!finding) return Error{finding.error()};
    options.unfixed.push_back(finding.value());
  }
  if (!cmd.stitch_mode.empty()) {
    Expected<StitchMode> mode = ParseStitchMode(cmd.stitch_mode);
    if (!mode) return Error{mode.error()};
    options.stitch_mode = mode.value();
  }
  options.budgets.wall_seconds = cmd.max_time;
  options.budgets.memory_bytes = cmd.max_memory;
  options.budgets.instructions = cmd.max_instructions;
  if (cmd.timeline_cap) options.budgets.timeline_bytes = cmd.timeline_cap;
  if (cmd.max_output) options.budgets.output_bytes = cmd.max_output;
  options.prng_seed = cmd.seed;
  options.trace_exec = cmd.trace_exec != "off";
  return options;
}

// The request a viewer sends for a program: `ljplay run PATH` with only the
// file's '-- ljplay:' header options (when use_header) and then `extra`, a
// fixed PRNG seed, the output kept in the timeline and a 30 s wall-time budget
// unless the header sets one. Fails on a bad header.
inline Expected<EngineRequest> ViewerRequestFor(const std::string& source, const std::string& path,
                                                bool use_header,
                                                const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"ljplay", "run", path};
  if (use_header) {
    for (const std::string& a : ScriptHeaderArgs(source)) args.push_back(a);
  }
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argp;
  for (std::string& a : args) argp.push_back(a.data());
  CLI::App app{"ljplay"};
  RunCommand cmd;
  AddRunCommand(app, cmd);
  try {
    app.parse(static_cast<int>(argp.size()), argp.data());
  } catch (const CLI::ParseError& e) {
    return Error{path + ": in the '-- ljplay:' header: " + e.what()};
  }
  Expected<SessionOptions> parsed = SessionOptionsOf(cmd);
  if (!parsed) return Error{path + ": in the '-- ljplay:' header: " + parsed.error()};
  SessionOptions options = std::move(parsed).value();
  if (!options.prng_seed) options.prng_seed = 1;  // reproducible timelines
  // The viewer shows the timeline: the program's output goes there, not to stdout.
  options.echo_output = false;
  if (options.budgets.wall_seconds <= 0) options.budgets.wall_seconds = 30;
  return EngineRequest{source, path, options};
}

}  // namespace ljp
