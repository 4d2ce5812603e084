#include "timeline_json.h"

#include <array>
#include <functional>
#include <nlohmann/json.hpp>

#include "json_writer.h"
#include "run_end.h"

namespace ljp {

using nlohmann::json;

// A struct of the protocol: nlohmann reads it, JsonWriter writes it, both by
// the same member list.
#define LJP_TIMELINE_TYPE(Type, ...)                                 \
  NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Type, __VA_ARGS__) \
  LJP_JSON_WRITER(Type, __VA_ARGS__)

LJP_TIMELINE_TYPE(VmDef, luajit_version, arch, bcnames, irnames, irfpm, irfield, ircall, traceerr,
                  ffnames, params)
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
void Write(JsonWriter& w, IrIns::K k) {
  static constexpr const char* kNames[] = {"",    "num",   "str", "func",  "tab",  "gc",
                                           "ptr", "int64", "pri", "proto", "trace"};
  w.String(kNames[static_cast<int>(k)]);
}
void Write(JsonWriter& w, StitchStep::Phase phase) {
  static constexpr const char* kNames[] = {"before", "inserted", "stop", "result", "restored"};
  w.String(kNames[static_cast<int>(phase)]);
}

// IR instructions are the bulk of a timeline: write only the fields in use.
void Write(JsonWriter& w, const IrIns& ins) {
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
void to_json(json& j, const RunStatus& status) { j = RunStatusName(status); }
void Write(JsonWriter& w, RunStatus status) { w.String(RunStatusName(status)); }
void from_json(const json& j, RunStatus& status) {
  status = ParseRunStatus(j.is_string() ? j.get<std::string>() : "").value_or(RunStatus::kCrash);
}
LJP_TIMELINE_TYPE(RunEnd, status, exit_code, message)

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

}  // namespace

const char* EventTypeName(const EventBody& body) { return kEventNames[body.index()]; }

std::string TimelineHeaderLine(const Timeline& t) {
  std::string line;
  JsonWriter w(line);
  w.BeginObject();
  w.Key("type");
  w.String("header");
  w.Key("protocol");
  w.String("ljplay-timeline");
  w.Key("version");
  w.Int(t.version);
  w.Key("chunkname");
  w.String(t.chunkname);
  w.Key("source");
  w.String(t.source);
  w.Key("options");
  Write(w, t.options);
  w.Key("jit");
  w.Bool(t.jit);
  w.Key("faults");
  Write(w, t.faults);
  w.Key("stitch_mode");
  w.String(t.stitch_mode);
  if (!t.unfixed.empty()) {
    w.Key("unfixed");
    Write(w, t.unfixed);
  }
  w.Key("assertions");
  w.Bool(t.assertions);
  w.Key("vmdef");
  Write(w, t.vmdef);
  w.EndObject();
  return line;
}

// The type and the sequence number first: a reader can pick lines by type
// without parsing them.
void AppendEventLine(std::string& line, const Event& event) {
  JsonWriter w(line);
  w.BeginObject();
  w.Key("type");
  w.String(EventTypeName(event.body));
  w.Key("seq");
  w.Uint(event.seq);
  std::visit([&w](const auto& body) { WriteMembers(w, body); }, event.body);
  w.EndObject();
}

std::string EventLine(const Event& event) {
  std::string line;
  AppendEventLine(line, event);
  return line;
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

namespace {

// The type of a line AppendEventLine wrote ({"type":"NAME",...), or "" for a
// line written otherwise (then only parsing tells).
std::string_view LineType(std::string_view line) {
  constexpr std::string_view kPrefix = "{\"type\":\"";
  if (line.substr(0, kPrefix.size()) != kPrefix) return {};
  const size_t end = line.find('"', kPrefix.size());
  if (end == std::string_view::npos) return {};
  return line.substr(kPrefix.size(), end - kPrefix.size());
}

}  // namespace

Expected<Timeline> ReadTimeline(std::istream& in, const EventTypeFilter& keep) {
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
    t.unfixed = h.value("unfixed", std::vector<std::string>{});
    t.assertions = h.value("assertions", false);
    t.vmdef = h.value("vmdef", VmDef{});
  } catch (const json::exception& e) {
    return Error{"line 1: " + std::string(e.what())};
  }
  // The last two lines left out, while they are the last ones: the very last
  // may be the part of a line a killed engine left.
  std::string skipped[2];
  int skipped_lineno[2] = {0, 0};
  while (std::getline(in, line)) {
    ++lineno;
    const bool unterminated = in.eof();  // the writer ends every line it finishes
    if (line.empty()) continue;
    if (keep) {
      const std::string_view type = LineType(line);
      if (!type.empty() && !keep(type)) {
        skipped[0].swap(skipped[1]);
        skipped_lineno[0] = skipped_lineno[1];
        skipped[1].swap(line);
        skipped_lineno[1] = lineno;
        continue;
      }
    }
    Expected<Event> event = ParseEventLine(line);
    if (!event && event.error().rfind(kUnknownType, 0) == 0) continue;  // from a newer writer
    if (!event) {
      if (unterminated) break;  // a truncated last line: the engine was killed mid-write
      return Error{"line " + std::to_string(lineno) + ": " + event.error()};
    }
    if (keep && !keep(EventTypeName(event.value().body))) continue;
    t.events.push_back(std::move(event).value());
    skipped_lineno[0] = skipped_lineno[1] = 0;
  }
  for (int i = 1; i >= 0; --i) {  // the file's last complete event, if left out
    if (!skipped_lineno[i]) continue;
    Expected<Event> event = ParseEventLine(skipped[i]);
    if (event) {
      t.events.push_back(std::move(event).value());
      break;
    }
    if (i == 0 || skipped_lineno[i] != lineno) {
      return Error{"line " + std::to_string(skipped_lineno[i]) + ": " + event.error()};
    }
  }
  return t;
}

}  // namespace ljp
