#include "timeline_json.h"

#include <array>
#include <functional>
#include <nlohmann/json.hpp>

#include "run_end.h"

namespace ljp {

using nlohmann::json;

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(VmDef, luajit_version, arch, bcnames, irnames,
                                                irfpm, irfield, ircall, traceerr, ffnames, params)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FuncRef, loc, proto, pc, line)
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

// IR instructions are the bulk of a timeline: write only the fields in use.
void to_json(json& j, const IrIns& ins) {
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

void from_json(const json& j, IrIns& ins) {
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

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Snapshot, no, ref, nslots, topslot, entries)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(StackFrame, type, slot, size, cont, fn)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(StackView, base, top, frames, values)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SlotMap, baseslot, maxslot, slots)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TraceStart, trace, parent, exitno, stitch_from,
                                                start)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RecordStep, trace, step, fn, ins, bc, depth, slots,
                                                nins, nk)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RecordDone, trace, step, ir, nins, nk)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SnapshotAdded, trace, snap, ir)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(StitchStep, trace, phase, errcode, error, ffname,
                                                stack, slots)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TraceStop, trace, linktype, link, start, stop,
                                                parent, exitno, stitch_from, ir, snaps, mcode_size,
                                                mcode_addr, mcode, arch)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TraceAbort, trace, code, reason, where, start,
                                                parent, exitno, stitch_from)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(HotCounter, kind, at, parent, exitno)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TraceExit, trace, exitno, at, count, side_started)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ExitCounts::Count, trace, exitno, count)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ExitCounts, counts)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TraceCompiled, trace, bytes, compile_ms, error,
                                                listing)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Penalty, at, blacklisted)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(AssertFailure, file, line, func, message)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Output, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RunError, kind, message, traceback)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BudgetExceeded, budget, limit, message)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Truncated, cap_bytes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProtoListing::Line, pc, line, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProtoListing, proto, loc, lines)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FaultInjected, fault, allocation, old_size,
                                                new_size)
// A status this reader does not know ends the run as a crash, not as ok.
void to_json(json& j, const RunStatus& status) { j = RunStatusName(status); }
void from_json(const json& j, RunStatus& status) {
  status = ParseRunStatus(j.is_string() ? j.get<std::string>() : "").value_or(RunStatus::kCrash);
}
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RunEnd, status, exit_code, message)

namespace {

// Protocol names, in EventBody's alternative order.
constexpr std::array<const char*, std::variant_size_v<EventBody>> kEventNames = {
    "trace_start", "record",  "record_done", "snapshot",    "stitch",   "trace_stop", "trace_abort",
    "hot",         "penalty", "assert",      "output",      "error",    "budget",     "truncated",
    "fault",       "proto",   "exit",        "exit_counts", "compiled", "end"};

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

constexpr const char* kUnknownType = "unknown event type ";

// Invalid UTF-8 (Lua strings are bytes) is replaced rather than thrown on.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

const char* EventTypeName(const EventBody& body) { return kEventNames[body.index()]; }

std::string TimelineHeaderLine(const Timeline& t) {
  json j{{"type", "header"},
         {"protocol", "ljplay-timeline"},
         {"version", t.version},
         {"chunkname", t.chunkname},
         {"source", t.source},
         {"options", t.options},
         {"jit", t.jit},
         {"faults", t.faults},
         {"stitch_mode", t.stitch_mode},
         {"assertions", t.assertions},
         {"vmdef", t.vmdef}};
  return Dump(j);
}

std::string EventLine(const Event& event) {
  json j = std::visit([](const auto& body) { return json(body); }, event.body);
  j["seq"] = event.seq;
  j["type"] = EventTypeName(event.body);
  return Dump(j);
}

void WriteTimeline(std::ostream& out, const Timeline& timeline) {
  out << TimelineHeaderLine(timeline) << '\n';
  for (const Event& e : timeline.events) out << EventLine(e) << '\n';
}

Expected<Event> ParseEventLine(const std::string& line) {
  try {
    const json j = json::parse(line);
    Event event;
    event.seq = j.at("seq").get<uint64_t>();
    const std::string type = j.at("type").get<std::string>();
    if (!ParseBody(type, j, event.body)) return Error{kUnknownType + ("'" + type + "'")};
    return event;
  } catch (const json::exception& e) {
    return Error{e.what()};
  }
}

Expected<Timeline> ReadTimeline(std::istream& in) {
  Timeline t;
  std::string line;
  int lineno = 0;
  if (!std::getline(in, line)) return Error{"empty timeline"};
  ++lineno;
  try {
    const json h = json::parse(line);
    if (h.value("protocol", "") != "ljplay-timeline") {
      return Error{"line 1: not an ljplay timeline"};
    }
    t.version = h.at("version").get<int>();
    if (t.version > kProtocolVersion) {
      return Error{"line 1: timeline protocol version " + std::to_string(t.version) +
                   " is newer than this reader's " + std::to_string(kProtocolVersion)};
    }
    t.chunkname = h.value("chunkname", "");
    t.source = h.value("source", "");
    t.options = h.value("options", std::vector<std::string>{});
    t.jit = h.value("jit", true);
    t.faults = h.value("faults", std::vector<std::string>{});
    t.stitch_mode = h.value("stitch_mode", "full");
    t.assertions = h.value("assertions", false);
    t.vmdef = h.value("vmdef", VmDef{});
  } catch (const json::exception& e) {
    return Error{"line 1: " + std::string(e.what())};
  }
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty()) continue;
    Expected<Event> event = ParseEventLine(line);
    if (!event && event.error().rfind(kUnknownType, 0) == 0) continue;  // from a newer writer
    if (!event) {
      if (in.eof()) break;  // a truncated last line: the engine was killed mid-write
      return Error{"line " + std::to_string(lineno) + ": " + event.error()};
    }
    t.events.push_back(std::move(event).value());
  }
  return t;
}

}  // namespace ljp
