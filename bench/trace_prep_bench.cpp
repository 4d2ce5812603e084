// Trace preparation cost on the portable C VM: how long loading a trace into
// the trace executor takes (lj_vm_trace_load: liveness, GC step counts and
// decoding, once per trace), per trace and as a share of the whole run.
// Usage: trace_prep_bench [loops]   (one table; everything measured in this run)
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "session.h"

extern "C" void lj_cvm_trace_loadstats(uint64_t* traces, uint64_t* ns);

namespace {

// Many distinct loops, each compiled once, with side exits: lots of traces.
std::string Program(int loops) {
  return "local total = 0\n"
         "for i = 1, " +
         std::to_string(loops) +
         " do\n"
         "  local f = load('local s, t = 0, {} for j = 1, 300 do s = s + j * ' .. i ..\n"
         "    ' t[#t + 1] = s % 7 if j % 3 == 0 then s = s - #t end end return s')\n"
         "  total = total + f()\n"
         "end\n"
         "print(total)\n";
}

}  // namespace

int main(int argc, char** argv) {
  const int loops = argc > 1 ? std::max(1, std::atoi(argv[1])) : 300;
  const std::string source = Program(loops);
  ljp::SessionOptions options;
  options.capture = false;
  options.capture_output = false;
  options.prng_seed = 1;
  uint64_t traces0 = 0, ns0 = 0, traces1 = 0, ns1 = 0;
  lj_cvm_trace_loadstats(&traces0, &ns0);
  const auto start = std::chrono::steady_clock::now();
  ljp::Session session(options);
  session.Run(source, "trace_prep_bench.lua");
  const double run_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  lj_cvm_trace_loadstats(&traces1, &ns1);
  const uint64_t traces = traces1 - traces0;
  const double load_s = static_cast<double>(ns1 - ns0) / 1e9;
  std::printf("command: %s %d\n", argv[0], loops);
  std::printf("%-28s %12s\n", "measure", "value");
  std::printf("%-28s %12llu\n", "traces loaded", static_cast<unsigned long long>(traces));
  std::printf("%-28s %12.3f\n", "run (s)", run_s);
  std::printf("%-28s %12.3f\n", "loading, all traces (ms)", load_s * 1e3);
  std::printf("%-28s %12.2f\n", "loading per trace (us)", traces ? load_s * 1e6 / traces : 0.0);
  std::printf("%-28s %11.2f%%\n", "loading / run", run_s > 0 ? 100.0 * load_s / run_s : 0.0);
  return traces ? 0 : 1;
}
