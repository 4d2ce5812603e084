// Capture cost: how fast the engine records the recorder's events, how big
// they are as JSON Lines, and what capturing costs against not capturing.
// Usage: capture_bench [loops]   (prints one table; ratios are measured in this run)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "session.h"
#include "timeline_json.h"

namespace {

// Many distinct loops, each compiled once: lots of recording work.
std::string Program(int loops) {
  return "local total = 0\n"
         "for i = 1, " +
         std::to_string(loops) +
         " do\n"
         "  local f = load('local s, t = 0, {} for j = 1, 200 do s = s + j * ' .. i ..\n"
         "    ' t[#t + 1] = s % 7 if j % 3 == 0 then s = s - #t end end return s')\n"
         "  total = total + f()\n"
         "end\n"
         "print(total)\n";
}

double Seconds(ljp::SessionOptions options, const std::string& source, ljp::Timeline* out) {
  double best = 1e9;
  for (int rep = 0; rep < 3; ++rep) {
    ljp::Session session(options);
    const auto start = std::chrono::steady_clock::now();
    ljp::Timeline t = session.Run(source, "capture_bench.lua");
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (out) *out = std::move(t);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const int loops = argc > 1 ? std::atoi(argv[1]) : 400;
  const std::string source = Program(loops);

  ljp::SessionOptions off;
  off.capture = false;
  off.capture_output = true;  // keep the program's output out of the table
  off.prng_seed = 1;
  ljp::SessionOptions on = off;
  on.capture = true;
  on.capture_output = true;

  const double t_off = Seconds(off, source, nullptr);
  ljp::Timeline timeline;
  const double t_on = Seconds(on, source, &timeline);

  size_t records = 0, bytes = 0;
  for (const ljp::Event& e : timeline.events) {
    if (std::holds_alternative<ljp::RecordStep>(e.body)) ++records;
    bytes += ljp::EventLine(e).size() + 1;
  }
  const size_t events = timeline.events.size();
  std::printf("capture_bench %d loops: %zu events, %zu recorded bytecodes\n", loops, events,
              records);
  std::printf("%-38s %12s\n", "measure", "value");
  std::printf("%-38s %12.3f\n", "run without capture (s)", t_off);
  std::printf("%-38s %12.3f\n", "run with capture (s)", t_on);
  std::printf("%-38s %12.2f\n", "capture / no capture (time ratio)", t_on / t_off);
  std::printf("%-38s %12.2f\n", "capture cost per event (us)", (t_on - t_off) / events * 1e6);
  std::printf("%-38s %12.0f\n", "recorded bytecodes per second", records / t_on);
  std::printf("%-38s %12.0f\n", "events per second", events / t_on);
  std::printf("%-38s %12.0f\n", "JSON Lines bytes per event", double(bytes) / events);
  std::printf("%-38s %12.0f\n", "JSON Lines bytes per recorded bytecode", double(bytes) / records);
  return 0;
}
