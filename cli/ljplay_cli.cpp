// ljplay: the LuaJIT trace playground's command-line front end.
//   ljplay run FILE ...      run a Lua program (stock luajit options, budgets, the lab)
//   ljplay sweep FILE ...    fail each allocation made while recording, in turn
//   ljplay campaign PATH...  hunt for LuaJIT bugs: every fault point, programs x settings
//   ljplay timeline FILE     show a recorded timeline
//   ljplay engine            the engine process (used by the above and the viewer)
// plus what a host adds (the desktop app's `ljplay gui`, native/main.cpp).
#include "ljplay_cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "campaign.h"
#include "engine_runner.h"
#include "explain.h"
#include "imgui.h"
#include "lua.hpp"
#include "pins.h"
#include "run_command.h"
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

using ljp::AddJitOptions;
using ljp::AddRunCommand;
using ljp::RunCommand;

// Builds session options; reports a bad fault or stitch mode and fails.
bool ToSessionOptions(const RunCommand& cmd, ljp::SessionOptions& options) {
  ljp::Expected<ljp::SessionOptions> parsed = ljp::SessionOptionsOf(cmd);
  if (!parsed) {
    ReportError(parsed.error());
    return false;
  }
  options = std::move(parsed).value();
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
      ReportError(ljp::AssertionText(*assertion) + " (the engine process stopped; ljplay did not)");
    } else if (const auto* end = std::get_if<ljp::RunEnd>(&event.body)) {
      if (end->status == ljp::RunStatus::kCrash) ReportError(end->message);
    }
  }
}

int Run(const RunCommand& cmd, const std::string& source) {
  ljp::SessionOptions options;
  if (!ToSessionOptions(cmd, options)) return 1;

  const bool isolated = !cmd.timeline_path.empty() || cmd.explain || cmd.max_time > 0 ||
                        cmd.max_memory > 0 || cmd.max_instructions > 0 || !cmd.faults.empty() ||
                        !cmd.unfixed.empty() || !cmd.stitch_mode.empty() || !cmd.engine.empty();
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
  // Without --explain only how the run ended is needed here (the engine
  // echoes the output): the recorder's events stay unparsed in the file.
  const auto how_it_ended = [](std::string_view type) {
    return type == "error" || type == "budget" || type == "assert" || type == "end";
  };
  ljp::Expected<ljp::Timeline> timeline =
      ljp::RunInEngine({source, cmd.path, options}, engine, cmd.timeline_path, nullptr,
                       cmd.explain ? ljp::EventTypeFilter{} : ljp::EventTypeFilter(how_it_ended));
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

// ---- ljplay campaign ----------------------------------------------------

struct CampaignCommand {
  std::vector<std::string> paths, settings, faults, unfixed;
  uint64_t max_alloc = 40;
  int jobs = 2;
  std::string results;
  std::string engine;
};

void AddCampaignCommand(CLI::App& app, CampaignCommand& cmd) {
  CLI::App* sub = app.add_subcommand(
      "campaign", "Hunt for LuaJIT bugs: every fault point over programs and JIT settings");
  sub->add_option("paths", cmd.paths, "Lua files, or directories of them")->required();
  sub->add_option("--settings", cmd.settings,
                  "JIT settings for one pass, comma-separated --opt values (hotloop=1,maxsnap=3); "
                  "'header' for the file's own; repeatable (default: four sets)");
  sub->add_option("--fault", cmd.faults,
                  "A named fault point to try (default: all of them); alloc=1..K always runs");
  sub->add_option("--max-alloc", cmd.max_alloc, "K: the last allocation to fail (0: none)");
  sub->add_option("--jobs,-j", cmd.jobs, "Engine processes at once (default 2)");
  sub->add_option("--results", cmd.results,
                  "Results file (JSON Lines): runs already in it are not run again");
  sub->add_option("--unfixed", cmd.unfixed, "Show a found LuaJIT bug with its fix off");
  sub->add_option("--engine", cmd.engine, "Engine program (default: ljplay-assert beside ljplay)");
  sub->footer(
      "Each run arms one fault, runs the program in an engine process and compares it with the "
      "JIT-off run: recovered, assertion, crash, hang, wrong output, leak (LuaJIT's memory "
      "accounting at close), not reached. Each failure gets the shortest `ljplay run` that "
      "shows it. Exit status 1 when anything failed.");
}

int Campaign(const CampaignCommand& cmd) {
  namespace fs = std::filesystem;
  ljp::CampaignPlan plan;
  for (const std::string& p : cmd.paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> files;
      for (const fs::directory_entry& e : fs::directory_iterator(p, ec))
        if (e.path().extension() == ".lua") files.push_back(e.path().string());
      std::sort(files.begin(), files.end());
      plan.programs.insert(plan.programs.end(), files.begin(), files.end());
    } else {
      plan.programs.push_back(p);
    }
  }
  for (const std::string& s : cmd.settings) {
    std::vector<std::string> opts;
    std::stringstream in(s);
    for (std::string o; std::getline(in, o, ',');)
      if (!o.empty() && o != "header") opts.push_back(o);
    plan.settings.push_back(opts);
  }
  if (plan.settings.empty()) plan.settings = ljp::DefaultCampaignSettings();
  plan.named_faults = cmd.faults.empty() ? ljp::DefaultCampaignFaults() : cmd.faults;
  for (const std::string& f : plan.named_faults) {
    if (ljp::Expected<ljp::Fault> fault = ljp::ParseFault(f); !fault) {
      ReportError(fault.error());
      return 1;
    }
  }
  for (const std::string& u : cmd.unfixed) {
    ljp::Expected<ljp::Finding> f = ljp::ParseFinding(u);
    if (!f) {
      ReportError(f.error());
      return 1;
    }
    plan.unfixed.push_back(f.value());
  }
  plan.max_alloc = cmd.max_alloc;
  plan.jobs = cmd.jobs;
  plan.results = cmd.results;
  plan.engine = cmd.engine.empty() ? ljp::DefaultEnginePath() : cmd.engine;
  std::map<std::string, std::string> sources;
  for (const std::string& p : plan.programs) {
    const std::optional<std::string> source = ReadFile(p);
    if (!source) return 1;
    sources[p] = *source;
  }
  plan.request_for = [&sources](const std::string& program, const std::vector<std::string>& args) {
    return ljp::ViewerRequestFor(sources.at(program), program, /*use_header=*/true, args);
  };
  std::printf(
      "campaign: %zu programs x %zu settings x (%zu fault points + alloc=1..%llu), %d jobs\n",
      plan.programs.size(), plan.settings.size(), plan.named_faults.size(),
      static_cast<unsigned long long>(plan.max_alloc), plan.jobs);
  std::fflush(stdout);
  int failures = 0;
  ljp::Expected<ljp::CampaignResult> result =
      ljp::RunCampaign(plan, [&failures](const ljp::CampaignRun& r) {
        if (r.command.empty()) return;
        ++failures;
        std::string settings;
        for (const std::string& s : r.settings) settings += (settings.empty() ? "" : ",") + s;
        std::printf("FAIL %s: %s [%s] %s: %s\n  reproduce: %s\n",
                    r.leak ? "leak" : ljp::OutcomeName(r.outcome), r.program.c_str(),
                    settings.empty() ? "header" : settings.c_str(), r.fault.c_str(),
                    r.detail.c_str(), r.command.c_str());
        std::fflush(stdout);
      });
  if (!result) {
    ReportError(result.error());
    return 3;
  }
  int failed = 0;
  for (const ljp::CampaignRun& r : result.value().runs) failed += !r.command.empty();
  std::printf("\n%s\n%zu runs (%d from the results file), %d failed\n",
              ljp::CampaignTable(result.value()).c_str(), result.value().runs.size(),
              result.value().resumed, failed);
  return failed ? 1 : 0;
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
  CampaignCommand campaign;
  std::string engine_timeline;
  CLI::App* engine = nullptr;
  std::vector<CLI::App*> host;  // the host's subcommands, in order

  explicit Cli(const std::vector<ljp::cli::HostCommand>& host_commands) {
    app.set_version_flag("--version", VersionText());
    app.require_subcommand(1);
    AddRunCommand(app, run);
    AddSweepCommand(app, sweep);
    AddTimelineCommand(app, timeline);
    AddCampaignCommand(app, campaign);
    engine = app.add_subcommand("engine", "The engine process: request on stdin (JSON)");
    engine->add_option("--timeline", engine_timeline, "Where to stream the timeline")->required();
    engine->group("");  // internal: not listed in --help
    for (const ljp::cli::HostCommand& c : host_commands) host.push_back(c.add(app));
  }
};

}  // namespace

namespace ljp::cli {

Expected<EngineRequest> RequestForFile(const std::string& path, bool use_header) {
  const std::optional<std::string> source = ReadFile(path);
  if (!source) return Error{"cannot read " + path};
  return ViewerRequestFor(*source, path, use_header);
}

int Main(int argc, char** argv, const std::vector<HostCommand>& host) {
  auto cli = std::make_unique<Cli>(host);
  CLI11_PARSE(cli->app, argc, argv);

  if (cli->engine->parsed()) return RunEngine(cli->engine_timeline);
  if (cli->app.get_subcommand("timeline")->parsed()) return ShowTimeline(cli->timeline);
  if (cli->app.get_subcommand("campaign")->parsed()) return ::Campaign(cli->campaign);
  for (size_t i = 0; i < host.size(); ++i)
    if (cli->host[i]->parsed()) return host[i].run();

  const bool sweep = cli->app.get_subcommand("sweep")->parsed();
  RunCommand* cmd = sweep ? &cli->sweep : &cli->run;
  const std::optional<std::string> source = ReadFile(cmd->path);
  if (!source) return 1;
  if (!cmd->no_header) {
    const std::string path = cmd->path;
    const std::vector<std::string> header = ScriptHeaderArgs(*source);
    if (!header.empty()) {
      // Parse again with the header's options in front of the command line's.
      std::vector<std::string> args = WithHeaderArgs(argc, argv, sweep ? "sweep" : "run", header);
      std::vector<char*> argp;
      for (std::string& a : args) argp.push_back(a.data());
      cli = std::make_unique<Cli>(host);
      try {
        cli->app.parse(static_cast<int>(argp.size()), argp.data());
      } catch (const CLI::ParseError& e) {
        ReportError(path + ": in the '-- ljplay:' header: " + e.what());
        return 1;
      }
      cmd = sweep ? &cli->sweep : &cli->run;
    }
  }
  return sweep ? ::Sweep(*cmd, *source) : ::Run(*cmd, *source);
}

}  // namespace ljp::cli
