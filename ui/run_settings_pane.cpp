// Settings panel editors: jit.opt parameters and flags, and the fault plan.
// The stitch mode combo is the host's (mode names come from the engine).
#include <algorithm>
#include <climits>
#include <string>

#include "pane_style.h"
#include "panes.h"

namespace ljp::ui {
namespace {

// LuaJIT 2.1's defaults (lj_jit.h JIT_PARAMDEF), shown while a field is unset.
constexpr std::array<int, kJitParams.size()> kJitParamDefaults = {500,  56,   10,  0,
                                                                  4000, 1000, 500, 100};

constexpr std::array<const char*, kJitParams.size()> kJitParamHelp = {
    "Max. number of snapshots per trace (maxsnap=1: stitching runs out at once)",
    "Number of iterations to detect a hot loop or hot call",
    "Number of taken exits to start a side trace",
    "Min. number of IR ins for a stitched trace (0: always stitch)",
    "Max. number of recorded IR instructions",
    "Max. number of traces in the cache",
    "Max. number of IR constants of a trace",
    "Max. number of side traces of a root trace"};

// A "default" checkbox and an integer input; returns true when changed.
bool OptionalInt(const char* label, std::optional<int>& value, int fallback, const char* help) {
  bool changed = false;
  ImGui::PushID(label);
  bool is_default = !value.has_value();
  if (ImGui::Checkbox("default", &is_default)) {
    value = is_default ? std::nullopt : std::optional<int>(fallback);
    changed = true;
  }
  ImGui::SetItemTooltip("Unchecked: set %s yourself", label);
  ImGui::SameLine();
  int shown = value.value_or(fallback);
  ImGui::BeginDisabled(is_default);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::InputInt(label, &shown, 1, 10)) {
    value = std::clamp(shown, 0, INT_MAX);
    changed = true;
  }
  ImGui::EndDisabled();
  if (help) ImGui::SetItemTooltip("%s", help);
  ImGui::PopID();
  return changed;
}

bool OptionalCount(const char* label, std::optional<uint64_t>& value, const char* help) {
  std::optional<int> v;
  if (value) v = static_cast<int>(std::min<uint64_t>(*value, INT_MAX));
  bool changed = false;
  ImGui::PushID(label);
  bool on = v.has_value();
  if (ImGui::Checkbox("##on", &on)) {
    v = on ? std::optional<int>(1) : std::nullopt;
    changed = true;
  }
  ImGui::SetItemTooltip("%s", help);
  ImGui::SameLine();
  int shown = v.value_or(1);
  ImGui::BeginDisabled(!on);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::InputInt(label, &shown, 1, 10)) {
    v = std::max(shown, 1);
    changed = true;
  }
  ImGui::EndDisabled();
  ImGui::SetItemTooltip("%s", help);
  ImGui::PopID();
  if (changed) value = v ? std::optional<uint64_t>(static_cast<uint64_t>(*v)) : std::nullopt;
  return changed;
}

bool FaultBox(const char* label, bool& on, const char* help) {
  const bool changed = ImGui::Checkbox(label, &on);
  ImGui::SetItemTooltip("%s", help);
  return changed;
}

}  // namespace

bool DrawJitOptEditor(RunSettings& s) {
  bool changed = false;
  for (size_t i = 0; i < kJitParams.size(); ++i)
    changed |= OptionalInt(kJitParams[i], s.params[i], kJitParamDefaults[i], kJitParamHelp[i]);
  for (size_t i = 0; i < kJitFlags.size(); ++i) {
    if (i) ImGui::SameLine();
    changed |= ImGui::Checkbox(kJitFlags[i], &s.flags[i]);
    ImGui::SetItemTooltip("jit.opt flag %s (off: -%s)", kJitFlags[i], kJitFlags[i]);
  }
  if (!s.other.empty()) {
    std::string text = "also:";
    for (const JitSetting& o : s.other)
      text += (o.kind == JitSetting::Kind::kCommand ? " -j" : " -O") + o.text;
    ImGui::TextColored(Colors().dim, "%s", text.c_str());
  }
  return changed;
}

bool DrawFaultEditor(RunSettings& s) {
  using K = Fault::Kind;
  bool changed = false;
  changed |=
      FaultBox("ir-grow", s.Armed(K::kIrGrow), "Fail the next IR buffer growth while recording");
  ImGui::SameLine();
  changed |= FaultBox("ir-grow=canon", s.Armed(K::kIrGrowCanon),
                      "Fail IR emission inside canonicalize_slots at the stitch (case 3)");
  changed |= FaultBox("snap-grow", s.Armed(K::kSnapGrow),
                      "Fail the next snapshot buffer growth while recording");
  ImGui::SameLine();
  changed |= FaultBox("snap-grow=stitch", s.Armed(K::kSnapGrowStitch),
                      "Fail the snapshot a stitch's record-stop adds (case 4)");
  changed |= FaultBox("ir-const", s.Armed(K::kIrConst), "Fail the stitch's IR constants (case 5)");
  ImGui::SameLine();
  changed |= FaultBox("alloc-doubling", s.Armed(K::kAllocDoubling),
                      "Fail every doubling reallocation while recording");
  changed |= OptionalCount("alloc=N", s.alloc, "Fail the N-th allocation made while recording");
  changed |= OptionalCount("maxsnap=N", s.maxsnap_fault, "Set jit.opt maxsnap=N as a fault");
  changed |=
      FaultBox("trace-grow", s.Armed(K::kTraceGrow), "Fail the next growth of the trace table");
  ImGui::SameLine();
  changed |= FaultBox("trace-grow=always", s.Armed(K::kTraceGrowAlways),
                      "Fail every growth of the trace table (memory that stays short)");
  changed |= FaultBox("str-new", s.Armed(K::kStrNew),
                      "Fail the next new string while the JIT compiler runs");
  ImGui::SameLine();
  changed |= FaultBox("loop-subst", s.Armed(K::kLoopSubst),
                      "Fail the loop optimiser's substitution table (shows loop-subst-oom)");
  ImGui::TextDisabled("LuaJIT bugs found here, shown unfixed:");
  for (Finding f : AllFindings()) {
    bool& off = s.unfixed[static_cast<size_t>(f)];
    changed |= FaultBox(FindingName(f), off,
                        "Turn off the playground's fix of this LuaJIT bug (docs/findings.md)");
  }
  return changed;
}

}  // namespace ljp::ui
