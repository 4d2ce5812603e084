#include "run_settings.h"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace ljp::ui {
namespace {

template <typename T>
std::optional<T> ParseNumber(std::string_view text) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Takes one jit.opt argument ("maxsnap=1", "-fold", "+cse") into the editor's
// fields; false when it has no field for it.
bool TakeOptimization(std::string_view text, RunSettings& s) {
  if (const size_t eq = text.find('='); eq != std::string_view::npos) {
    for (size_t i = 0; i < kJitParams.size(); ++i) {
      if (text.substr(0, eq) != kJitParams[i]) continue;
      const std::optional<int> value = ParseNumber<int>(text.substr(eq + 1));
      if (!value) return false;
      s.params[i] = value;
      return true;
    }
    return false;
  }
  bool on = true;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    on = text[0] == '+';
    text.remove_prefix(1);
  }
  for (size_t i = 0; i < kJitFlags.size(); ++i) {
    if (text != kJitFlags[i]) continue;
    s.flags[i] = on;
    return true;
  }
  return false;
}

}  // namespace

bool RunSettings::operator==(const RunSettings& o) const {
  const auto same_other = [](const std::vector<JitSetting>& a, const std::vector<JitSetting>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
      return x.kind == y.kind && x.text == y.text;
    });
  };
  return stitch_mode == o.stitch_mode && params == o.params && flags == o.flags &&
         same_other(other, o.other) && ir_grow == o.ir_grow && ir_grow_canon == o.ir_grow_canon &&
         snap_grow == o.snap_grow && snap_grow_stitch == o.snap_grow_stitch &&
         ir_const == o.ir_const && alloc_doubling == o.alloc_doubling && alloc == o.alloc &&
         maxsnap_fault == o.maxsnap_fault && trace_grow == o.trace_grow &&
         trace_grow_always == o.trace_grow_always && str_new == o.str_new &&
         loop_subst == o.loop_subst && unfixed == o.unfixed;
}

RunSettings RunSettingsFrom(const SessionOptions& options) {
  RunSettings s;
  s.stitch_mode = options.stitch_mode;
  for (const JitSetting& setting : options.settings) {
    // "maxsnap=1,-fold": jit.opt.start takes comma-separated arguments.
    bool all_taken = setting.kind == JitSetting::Kind::kOptimization;
    if (all_taken) {
      RunSettings probe = s;
      std::string_view rest = setting.text;
      while (all_taken && !rest.empty()) {
        const size_t comma = rest.find(',');
        all_taken = TakeOptimization(rest.substr(0, comma), probe);
        rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
      }
      if (all_taken) s = std::move(probe);
    }
    if (!all_taken) s.other.push_back(setting);
  }
  for (const Fault& f : options.faults) {
    switch (f.kind) {
      case Fault::Kind::kIrGrow:
        s.ir_grow = true;
        break;
      case Fault::Kind::kIrGrowCanon:
        s.ir_grow_canon = true;
        break;
      case Fault::Kind::kSnapGrow:
        s.snap_grow = true;
        break;
      case Fault::Kind::kSnapGrowStitch:
        s.snap_grow_stitch = true;
        break;
      case Fault::Kind::kIrConst:
        s.ir_const = true;
        break;
      case Fault::Kind::kAllocDoubling:
        s.alloc_doubling = true;
        break;
      case Fault::Kind::kAlloc:
        s.alloc = f.arg;
        break;
      case Fault::Kind::kMaxsnap:
        s.maxsnap_fault = f.arg;
        break;
      case Fault::Kind::kTraceGrow:
        s.trace_grow = true;
        break;
      case Fault::Kind::kTraceGrowAlways:
        s.trace_grow_always = true;
        break;
      case Fault::Kind::kStrNew:
        s.str_new = true;
        break;
      case Fault::Kind::kLoopSubst:
        s.loop_subst = true;
        break;
    }
  }
  for (Finding f : options.unfixed) s.unfixed[static_cast<size_t>(f)] = true;
  return s;
}

std::vector<JitSetting> JitSettingsOf(const RunSettings& s) {
  std::vector<JitSetting> out;
  for (size_t i = 0; i < kJitParams.size(); ++i) {
    if (s.params[i])
      out.push_back({JitSetting::Kind::kOptimization,
                     std::string(kJitParams[i]) + "=" + std::to_string(*s.params[i])});
  }
  for (size_t i = 0; i < kJitFlags.size(); ++i) {
    if (!s.flags[i])
      out.push_back({JitSetting::Kind::kOptimization, std::string("-") + kJitFlags[i]});
  }
  return out;
}

void ApplyRunSettings(const RunSettings& s, SessionOptions& options) {
  options.stitch_mode = s.stitch_mode;
  options.settings = s.other;
  for (JitSetting& setting : JitSettingsOf(s)) options.settings.push_back(std::move(setting));
  FaultPlan& faults = options.faults;
  faults.clear();
  using K = Fault::Kind;
  if (s.ir_grow) faults.push_back({K::kIrGrow});
  if (s.ir_grow_canon) faults.push_back({K::kIrGrowCanon});
  if (s.snap_grow) faults.push_back({K::kSnapGrow});
  if (s.snap_grow_stitch) faults.push_back({K::kSnapGrowStitch});
  if (s.ir_const) faults.push_back({K::kIrConst});
  if (s.alloc_doubling) faults.push_back({K::kAllocDoubling});
  if (s.alloc) faults.push_back({K::kAlloc, *s.alloc});
  if (s.maxsnap_fault) faults.push_back({K::kMaxsnap, *s.maxsnap_fault});
  if (s.trace_grow) faults.push_back({K::kTraceGrow});
  if (s.trace_grow_always) faults.push_back({K::kTraceGrowAlways});
  if (s.str_new) faults.push_back({K::kStrNew});
  if (s.loop_subst) faults.push_back({K::kLoopSubst});
  options.unfixed.clear();
  for (Finding f : AllFindings())
    if (s.unfixed[static_cast<size_t>(f)]) options.unfixed.push_back(f);
}

}  // namespace ljp::ui
