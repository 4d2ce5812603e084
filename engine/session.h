// A Session runs one Lua program on LuaJIT (full JIT) with jit.opt settings and
// budgets, and records what the trace recorder did into a Timeline.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "run_end.h"
#include "session_options.h"
#include "timeline.h"

namespace ljp {

class Session {
 public:
  explicit Session(SessionOptions options) : options_(std::move(options)) {}

  // Runs Lua source text. The returned timeline always ends with a RunEnd
  // event; errors in the program are events, not failures of this call. With
  // a sink, every event goes to the sink as it happens, and the returned
  // timeline keeps only how the run ended (errors, budgets, assertions, end).
  Timeline Run(std::string_view source, const std::string& chunkname, TimelineSink* sink = nullptr);

 private:
  SessionOptions options_;
};

// The jit.prngstate() table (eight 32-bit words) for a seed: a well-mixed,
// valid state for LuaJIT's Tausworthe generator.
std::array<uint32_t, 8> JitPrngState(uint32_t seed);

// Whether this program's LuaJIT was built with LUA_USE_ASSERT.
bool LuajitHasAssertions();

}  // namespace ljp
