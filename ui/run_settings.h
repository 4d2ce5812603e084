// What the settings panel edits: the stitch mode, jit.opt parameters and flags,
// and the fault plan of a run. Converts from and to SessionOptions, so that a
// file's '-- ljplay:' header pre-fills the editor and the editor makes the run.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "session_options.h"

namespace ljp::ui {

// The jit.opt parameters the editor has a field for, in display order.
inline constexpr std::array<const char*, 8> kJitParams = {
    "maxsnap", "hotloop", "hotexit", "minstitch", "maxrecord", "maxtrace", "maxirconst", "maxside"};
// The jit.opt flags the editor has a toggle for (on by default, as at -O3).
inline constexpr std::array<const char*, 3> kJitFlags = {"loop", "fold", "cse"};

struct RunSettings {
  StitchMode stitch_mode = StitchMode::kFull;
  std::array<std::optional<int>, kJitParams.size()> params;  // unset: LuaJIT's default
  std::array<bool, kJitFlags.size()> flags = {true, true, true};
  // Settings the editor has no field for (-j commands, -O levels), kept in order.
  std::vector<JitSetting> other;

  // The fault plan: the faults without a number, armed or not by Fault::Kind
  // (Armed()), and the two with one.
  std::array<bool, kFaultKinds> armed{};
  std::optional<uint64_t> alloc;          // alloc=N
  std::optional<uint64_t> maxsnap_fault;  // maxsnap=N
  // Found LuaJIT bugs shown with their fix off (--unfixed), by Finding.
  std::array<bool, 4> unfixed = {false, false, false, false};

  bool& Armed(Fault::Kind kind) { return armed[static_cast<size_t>(kind)]; }
  bool Armed(Fault::Kind kind) const { return armed[static_cast<size_t>(kind)]; }
  bool operator==(const RunSettings& other) const;
};

RunSettings RunSettingsFrom(const SessionOptions& options);
// Replaces options' stitch mode, faults and jit settings with the editor's.
void ApplyRunSettings(const RunSettings& settings, SessionOptions& options);
// The JitSetting entries the editor makes, e.g. "maxsnap=1", "-fold" (after `other`).
std::vector<JitSetting> JitSettingsOf(const RunSettings& settings);

}  // namespace ljp::ui
