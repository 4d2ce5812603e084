// Protocol 1's JSON forms of the timeline's types (internal to ljp_protocol):
// nlohmann reads them, JsonWriter writes them, both by the same member lists.
// Protocol 2 (timeline_codec.cpp) writes the frequent events its own way and
// the rest in these forms.
#pragma once

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "json_writer.h"
#include "run_end.h"
#include "timeline.h"

namespace ljp {

using nlohmann::json;

// A struct of the protocol: nlohmann reads it, JsonWriter writes it, both by
// the same member list.
#define LJP_TIMELINE_TYPE(Type, ...)                                 \
  NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Type, __VA_ARGS__) \
  LJP_JSON_WRITER(Type, __VA_ARGS__)

LJP_TIMELINE_TYPE(VmDef, luajit_version, arch, bcnames, irnames, irfpm, irfield, ircall, traceerr,
                  ffnames, params, irmode)
LJP_TIMELINE_TYPE(FuncRef, loc, proto, pc, line)
NLOHMANN_JSON_SERIALIZE_ENUM(IrIns::K, {{IrIns::K::kNone, nullptr},
                                        {IrIns::K::kNum, "num"},
                                        {IrIns::K::kStr, "str"},
                                        {IrIns::K::kFunc, "func"},
                                        {IrIns::K::kTab, "tab"},
                                        {IrIns::K::kGc, "gc"},
                                        {IrIns::K::kPtr, "ptr"},
                                        {IrIns::K::kInt64, "int64"},
                                        {IrIns::K::kPri, "pri"},
                                        {IrIns::K::kProto, "proto"},
                                        {IrIns::K::kTrace, "trace"}})
NLOHMANN_JSON_SERIALIZE_ENUM(StitchStep::Phase, {{StitchStep::Phase::kBefore, "before"},
                                                 {StitchStep::Phase::kInserted, "inserted"},
                                                 {StitchStep::Phase::kStop, "stop"},
                                                 {StitchStep::Phase::kResult, "result"},
                                                 {StitchStep::Phase::kRestored, "restored"}})

// The names above, for the writer (by enum value).
inline void Write(JsonWriter& w, IrIns::K k) {
  static constexpr const char* kNames[] = {"",    "num",   "str", "func",  "tab",  "gc",
                                           "ptr", "int64", "pri", "proto", "trace"};
  w.String(kNames[static_cast<int>(k)]);
}
inline void Write(JsonWriter& w, StitchStep::Phase phase) {
  static constexpr const char* kNames[] = {"before", "inserted", "stop", "result", "restored"};
  w.String(kNames[static_cast<int>(phase)]);
}

// IR instructions are the bulk of a timeline: write only the fields in use.
inline void Write(JsonWriter& w, const IrIns& ins) {
  w.BeginObject();
  w.Key("ref");
  w.Int(ins.ref);
  w.Key("op");
  w.Int(ins.op);
  w.Key("t");
  w.Int(ins.type);
  w.Key("m");
  w.Int(ins.mode);
  w.Key("op1");
  w.Int(ins.op1);
  w.Key("op2");
  w.Int(ins.op2);
  if (ins.ridsp) {
    w.Key("ridsp");
    w.Int(ins.ridsp);
  }
  if (ins.k != IrIns::K::kNone) {
    w.Key("k");
    Write(w, ins.k);
    switch (ins.k) {
      case IrIns::K::kNum:
        w.Key("num");
        w.Double(ins.num);
        break;
      case IrIns::K::kInt64:
        w.Key("i64");
        w.Int(ins.i64);
        break;
      case IrIns::K::kStr:
      case IrIns::K::kFunc:
        w.Key("str");
        w.String(ins.str);
        break;
      default:
        w.Key("ptr");
        w.Uint(ins.ptr);
        break;
    }
    if (ins.slot >= 0) {
      w.Key("slot");
      w.Int(ins.slot);
    }
  }
  w.EndObject();
}

inline void to_json(json& j, const IrIns& ins) {
  j = json{{"ref", ins.ref}, {"op", ins.op},   {"t", ins.type},
           {"m", ins.mode},  {"op1", ins.op1}, {"op2", ins.op2}};
  if (ins.ridsp) j["ridsp"] = ins.ridsp;
  if (ins.k == IrIns::K::kNone) return;
  j["k"] = ins.k;
  switch (ins.k) {
    case IrIns::K::kNum:
      j["num"] = ins.num;
      break;
    case IrIns::K::kInt64:
      j["i64"] = ins.i64;
      break;
    case IrIns::K::kStr:
    case IrIns::K::kFunc:
      j["str"] = ins.str;
      break;
    default:
      j["ptr"] = ins.ptr;
      break;
  }
  if (ins.slot >= 0) j["slot"] = ins.slot;
}

inline void from_json(const json& j, IrIns& ins) {
  ins = IrIns{};
  j.at("ref").get_to(ins.ref);
  j.at("op").get_to(ins.op);
  j.at("t").get_to(ins.type);
  j.at("m").get_to(ins.mode);
  j.at("op1").get_to(ins.op1);
  j.at("op2").get_to(ins.op2);
  ins.ridsp = j.value("ridsp", 0);
  if (j.contains("k")) j.at("k").get_to(ins.k);
  // Non-finite numbers are written as null by the JSON library.
  if (j.contains("num")) ins.num = j["num"].is_null() ? std::nan("") : j["num"].get<double>();
  ins.i64 = j.value("i64", int64_t{0});
  ins.str = j.value("str", std::string());
  ins.ptr = j.value("ptr", uint64_t{0});
  ins.slot = j.value("slot", -1);
}

LJP_TIMELINE_TYPE(Snapshot, no, ref, nslots, topslot, entries)
LJP_TIMELINE_TYPE(StackFrame, type, slot, size, cont, fn)
LJP_TIMELINE_TYPE(StackView, base, top, frames, values)
LJP_TIMELINE_TYPE(SlotMap, baseslot, maxslot, slots)
LJP_TIMELINE_TYPE(TraceStart, trace, parent, exitno, stitch_from, start)
LJP_TIMELINE_TYPE(RecordStep, trace, step, fn, ins, bc, depth, slots, nins, nk)
LJP_TIMELINE_TYPE(RecordDone, trace, step, ir, nins, nk)
LJP_TIMELINE_TYPE(SnapshotAdded, trace, snap, ir)
LJP_TIMELINE_TYPE(StitchStep, trace, phase, errcode, error, ffname, stack, slots)
LJP_TIMELINE_TYPE(TraceStop, trace, linktype, link, start, stop, parent, exitno, stitch_from, ir,
                  snaps, mcode_size, mcode_addr, mcode, arch)
LJP_TIMELINE_TYPE(TraceAbort, trace, code, reason, where, start, parent, exitno, stitch_from)
LJP_TIMELINE_TYPE(HotCounter, kind, at, parent, exitno)
LJP_TIMELINE_TYPE(TraceExit, trace, exitno, at, count, side_started)
LJP_TIMELINE_TYPE(ExitCounts::Count, trace, exitno, count)
LJP_TIMELINE_TYPE(ExitCounts, counts)
LJP_TIMELINE_TYPE(TraceCompiled, trace, bytes, compile_ms, error, listing)
LJP_TIMELINE_TYPE(Penalty, at, blacklisted)
LJP_TIMELINE_TYPE(AssertFailure, file, line, func, message)
LJP_TIMELINE_TYPE(Output, text)
LJP_TIMELINE_TYPE(RunError, kind, message, traceback)
LJP_TIMELINE_TYPE(BudgetExceeded, budget, limit, message)
LJP_TIMELINE_TYPE(Truncated, cap_bytes)
LJP_TIMELINE_TYPE(ProtoListing::Line, pc, line, text)
LJP_TIMELINE_TYPE(ProtoListing, proto, loc, lines)
LJP_TIMELINE_TYPE(FaultInjected, fault, allocation, old_size, new_size)
// A status this reader does not know ends the run as a crash, not as ok.
inline void to_json(json& j, const RunStatus& status) { j = RunStatusName(status); }
inline void Write(JsonWriter& w, RunStatus status) { w.String(RunStatusName(status)); }
inline void from_json(const json& j, RunStatus& status) {
  status = ParseRunStatus(j.is_string() ? j.get<std::string>() : "").value_or(RunStatus::kCrash);
}
LJP_TIMELINE_TYPE(RunEnd, status, exit_code, message)

// Protocol names, in EventBody's alternative order.
inline constexpr std::array<const char*, std::variant_size_v<EventBody>> kEventNames = {
    "trace_start", "record",  "record_done", "snapshot",    "stitch",   "trace_stop", "trace_abort",
    "hot",         "penalty", "assert",      "output",      "error",    "budget",     "truncated",
    "fault",       "proto",   "exit",        "exit_counts", "compiled", "end"};

// Reads an event body of this protocol name in its protocol 1 form.
template <size_t I = 0>
bool ParseBody(const std::string& type, const json& j, EventBody& body) {
  if constexpr (I < std::variant_size_v<EventBody>) {
    if (type == kEventNames[I]) {
      body = j.get<std::variant_alternative_t<I, EventBody>>();
      return true;
    }
    return ParseBody<I + 1>(type, j, body);
  } else {
    return false;
  }
}

}  // namespace ljp
