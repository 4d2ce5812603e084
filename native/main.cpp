// ljplay: the LuaJIT trace playground's command-line front end.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "imgui.h"
#include "lua.hpp"
#include "pins.h"
#include "script_runner.h"

namespace {

std::string VersionText() {
  std::string text = "ljplay " LJP_VERSION "\n";
  text += LUAJIT_VERSION " (Debian source luajit " LJP_LUAJIT_DEB_VERSION
          ", sha256 " LJP_LUAJIT_SHA256 ")\n";
  text += "Dear ImGui " IMGUI_VERSION " (Debian source imgui " LJP_IMGUI_DEB_VERSION
          ", sha256 " LJP_IMGUI_SHA256 ")";
  return text;
}

// Options of `ljplay run`, kept in command-line order by CLI11's parse order.
struct RunCommand {
  std::string path;
  std::vector<std::string> args;
  std::vector<std::string> jit_commands;
  std::vector<std::string> optimizations;
  std::vector<std::string> jit_switches;
  CLI::Option* jit_command_opt = nullptr;
  CLI::Option* optimization_opt = nullptr;
  CLI::Option* jit_switch_opt = nullptr;
};

void AddRunCommand(CLI::App& app, RunCommand& cmd) {
  CLI::App* run = app.add_subcommand("run", "Run a Lua script with LuaJIT (full JIT)");
  run->add_option("file", cmd.path, "Lua source file")->required();
  run->add_option("args", cmd.args, "Arguments for the script (after --)");
  cmd.jit_switch_opt = run->add_option("--jit", cmd.jit_switches, "Turn the JIT compiler on or off")
                           ->check(CLI::IsMember({"on", "off"}));
  cmd.optimization_opt =
      run->add_option("--opt,-O", cmd.optimizations,
                      "jit.opt parameter or flag, e.g. maxsnap=1, hotloop=1, -fold, 3");
  cmd.jit_command_opt = run->add_option(
      "-j", cmd.jit_commands, "LuaJIT -j command: -jv, -jdump[=FLAGS], -jon, -joff, -jflush");
  run->footer(
      "Examples:\n"
      "  ljplay run loop.lua -jv --opt hotloop=1\n"
      "  ljplay run loop.lua -jdump=im --opt maxsnap=1 -- arg1 arg2");
}

// Rebuilds the settings in the order they were given on the command line.
ljp::ScriptRun ToScriptRun(const CLI::App& run, const RunCommand& cmd) {
  ljp::ScriptRun script{cmd.path, cmd.args, {}};
  size_t next_command = 0, next_optimization = 0, next_switch = 0;
  for (const CLI::Option* opt : run.parse_order()) {
    if (opt == cmd.jit_command_opt) {
      script.settings.push_back(
          {ljp::JitSetting::Kind::kCommand, cmd.jit_commands.at(next_command++)});
    } else if (opt == cmd.optimization_opt) {
      script.settings.push_back(
          {ljp::JitSetting::Kind::kOptimization, cmd.optimizations.at(next_optimization++)});
    } else if (opt == cmd.jit_switch_opt) {
      script.settings.push_back(
          {ljp::JitSetting::Kind::kCommand, cmd.jit_switches.at(next_switch++)});
    }
  }
  return script;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ljplay: the LuaJIT trace playground"};
  app.set_version_flag("--version", VersionText());
  app.require_subcommand(1);

  RunCommand run_cmd;
  AddRunCommand(app, run_cmd);

  CLI11_PARSE(app, argc, argv);

  if (const CLI::App* run = app.get_subcommand("run"); run->parsed()) {
    return ljp::RunScript(ToScriptRun(*run, run_cmd));
  }
  return 0;
}
