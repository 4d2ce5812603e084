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
         same_other(other, o.other) && armed == o.armed && alloc == o.alloc &&
         maxsnap_fault == o.maxsnap_fault && unfixed == o.unfixed;
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
    if (f.kind == Fault::Kind::kAlloc) {
      s.alloc = f.arg;
    } else if (f.kind == Fault::Kind::kMaxsnap) {
      s.maxsnap_fault = f.arg;
    } else {
      s.Armed(f.kind) = true;
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
  for (size_t i = 0; i < kFaultKinds; ++i) {
    const auto kind = static_cast<Fault::Kind>(i);
    if (kind == Fault::Kind::kAlloc) {
      if (s.alloc) faults.push_back({kind, *s.alloc});
    } else if (kind == Fault::Kind::kMaxsnap) {
      if (s.maxsnap_fault) faults.push_back({kind, *s.maxsnap_fault});
    } else if (s.armed[i]) {
      faults.push_back({kind});
    }
  }
  options.unfixed.clear();
  for (Finding f : AllFindings())
    if (s.unfixed[static_cast<size_t>(f)]) options.unfixed.push_back(f);
}

}  // namespace ljp::ui
