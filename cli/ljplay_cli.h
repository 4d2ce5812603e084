// The `ljplay` command line, the same for the native program and the node
// build (wasm/): run, sweep, timeline and engine. A host adds subcommands of
// its own (the desktop app's `gui`, native/main.cpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine_request.h"
#include "expected.h"

namespace CLI {
class App;
}

namespace ljp::cli {

struct HostCommand {
  std::function<CLI::App*(CLI::App& app)> add;  // adds the subcommand to a fresh parser
  std::function<int()> run;                     // runs it, once parsed
};

// Parses the command line, runs what it asks for and returns the exit status.
int Main(int argc, char** argv, const std::vector<HostCommand>& host = {});

// The request for running a file as `ljplay run FILE` would with only the
// file's '-- ljplay:' header options (none without use_header).
Expected<EngineRequest> RequestForFile(const std::string& path, bool use_header);

}  // namespace ljp::cli
