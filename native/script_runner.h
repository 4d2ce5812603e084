// Runs a Lua script in-process on the full-JIT LuaJIT, the way the stock
// `luajit` front end does: -j commands and -O optimisation settings applied in
// order, the script's arguments in `arg` and `...`, errors with a traceback.
#pragma once

#include <string>
#include <vector>

namespace ljp {

// One setting applied before the script runs, in command-line order.
struct JitSetting {
  enum class Kind {
    kCommand,       // "-j": "on", "off", "flush", "v", "dump=im", ...
    kOptimization,  // "-O": "maxsnap=1", "3", "-fold", ...
  };
  Kind kind;
  std::string text;
};

struct ScriptRun {
  std::string path;
  std::vector<std::string> args;
  std::vector<JitSetting> settings;
};

// Returns the process exit status: 0 on success, 1 when the script could not be
// loaded or raised an error (reported on stderr).
int RunScript(const ScriptRun& run);

}  // namespace ljp
