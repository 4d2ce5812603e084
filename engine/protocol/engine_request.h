// What a parent process asks `ljplay engine` to run: the program and the
// session's options, as one JSON document on the engine's stdin.
#pragma once

#include <string>

#include "expected.h"
#include "session_options.h"

namespace ljp {

struct EngineRequest {
  std::string source;
  std::string chunkname;
  SessionOptions options;
};

std::string EngineRequestJson(const EngineRequest& request);
Expected<EngineRequest> ParseEngineRequest(const std::string& json);

}  // namespace ljp
