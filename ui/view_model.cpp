#include "view_model.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "disassembler.h"
#include "explain.h"
#include "jdump_format.h"
#include "run_end.h"

namespace ljp::ui {
namespace {

template <typename T>
const T* As(const Timeline& t, size_t i) {
  return i < t.events.size() ? std::get_if<T>(&t.events[i].body) : nullptr;
}

template <typename T>
size_t FindForward(const Timeline& t, size_t from) {
  for (size_t i = from; i < t.events.size(); ++i)
    if (As<T>(t, i)) return i;
  return kNone;
}

template <typename T>
size_t FindBackward(const Timeline& t, size_t at) {
  if (t.events.empty()) return kNone;
  for (size_t i = std::min(at, t.events.size() - 1) + 1; i-- > 0;)
    if (As<T>(t, i)) return i;
  return kNone;
}

std::string Format(const char* fmt, auto... args) {
  char buf[256];
  std::snprintf(buf, sizeof(buf), fmt, args...);
  return buf;
}

std::string StripNewline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// A constant as a short text (the IR listing shows only instructions).
std::string ConstantText(const IrIns& k) {
  std::string value;
  switch (k.k) {
    case IrIns::K::kNum:
      value = LuaNumber(k.num);
      break;
    case IrIns::K::kStr:
      value = "\"" + k.str + "\"";
      break;
    case IrIns::K::kFunc:
      value = k.str;
      break;
    case IrIns::K::kInt64:
      value = std::to_string(k.i64);
      break;
    case IrIns::K::kPri:
      value = k.type == 0 ? "nil" : (k.type == 1 ? "false" : "true");
      break;
    default:
      value = Format("0x%llx", static_cast<unsigned long long>(k.ptr));
      break;
  }
  std::string s = Format("K%03d %s %s", -k.ref, IrTypeName(k.type), value.c_str());
  if (k.slot >= 0) s += Format(" @%d", k.slot);
  return s;
}

// Snapshots of one recording attempt up to `last`: the snapshot #0 taken just
// before its TraceStart (traceno not yet set) and those of the trace after it.
std::vector<Snapshot> SnapshotsOf(const Timeline& t, size_t start, size_t last, int trace) {
  std::map<int, Snapshot> snaps;
  size_t first = start;
  while (first > 0) {
    const auto* s = As<SnapshotAdded>(t, first - 1);
    if (!s || (s->trace != 0 && s->trace != trace)) break;
    --first;
  }
  for (size_t i = first; i <= last && i < t.events.size(); ++i) {
    if (const auto* s = As<SnapshotAdded>(t, i); s && (s->trace == 0 || s->trace == trace))
      snaps[s->snap.no] = s->snap;  // the same number again: merged
  }
  std::vector<Snapshot> out;
  for (auto& [no, snap] : snaps) out.push_back(std::move(snap));
  return out;
}

// Adds to `listing` the IR that trace `trace`'s recording steps made from event
// `first` (after its TraceStart) up to event `last`: a step's operands refer to the
// constants and instructions of the steps before it (the trace's start, step
// -1, makes constants too; snapshots bring what was made between steps).
// Returns the last RecordDone applied, if any.
const RecordDone* AddRecordedIr(const Timeline& t, size_t first, size_t last, int trace,
                                IrListing& listing) {
  const RecordDone* latest = nullptr;
  for (size_t i = first; i < t.events.size(); ++i) {
    const auto* d = As<RecordDone>(t, i);
    // What the trace's start made (step -1) belongs to the TraceStart: its
    // snapshot #0, taken before, refers to it.
    if (i > last && !(i == first && d && d->step == -1)) break;
    if (const auto* s = As<SnapshotAdded>(t, i); s && s->trace == trace) listing.Add(s->ir);
    if (!d || d->trace != trace) continue;
    listing.Add(d->ir);
    latest = d;
  }
  return latest;
}

std::vector<IrLine> ListingLines(const IrListing& listing, const std::vector<Snapshot>& snaps,
                                 const std::set<int>& added) {
  std::vector<IrLine> out;
  size_t next = 0;
  auto snapshot = [&](const Snapshot& s) {
    out.push_back(
        {StripNewline(Format("....        SNAP   #%-3d ", s.no) + listing.SnapshotEntries(s)), true,
         false});
  };
  for (int ref = 1; ref <= listing.max_ref(); ++ref) {
    if (next < snaps.size() && ref >= snaps[next].ref) snapshot(snaps[next++]);
    const std::string line = listing.Line(ref);
    if (!line.empty()) out.push_back({StripNewline(line), false, added.count(ref) > 0});
  }
  while (next < snaps.size()) snapshot(snaps[next++]);
  return out;
}

std::string FrameName(const StackFrame& f) {
  if (f.type == "cont") return "cont lj_cont_" + f.cont + (f.fn.loc.empty() ? "" : " " + f.fn.loc);
  return f.type + (f.fn.loc.empty() ? "" : " " + f.fn.loc);
}

StackColumn Column(const Timeline& t, const char* title, size_t index, size_t cursor) {
  StackColumn c;
  c.title = title;
  c.index = index;
  const auto* s = As<StitchStep>(t, index);
  if (!s) return c;
  c.reached = index <= cursor;
  c.base = s->stack.base;
  c.top = s->stack.top;
  const int n = std::max<int>(s->stack.top + 1, static_cast<int>(s->stack.values.size()));
  for (int slot = 0; slot < n; ++slot) {
    SlotValueRow row;
    row.slot = slot;
    if (slot < static_cast<int>(s->stack.values.size())) row.value = s->stack.values[slot];
    for (const StackFrame& f : s->stack.frames) {
      if (f.slot != slot) continue;
      row.frame = FrameName(f);
      row.stitch = f.type == "cont" && f.cont == "stitch";
    }
    row.base = slot == s->stack.base;
    row.top = slot == s->stack.top;
    c.slots.push_back(std::move(row));
  }
  return c;
}

}  // namespace

// ---- Navigation ------------------------------------------------------------

size_t LastRecordStepAt(const Timeline& t, size_t cursor) {
  return FindBackward<RecordStep>(t, cursor);
}
size_t NextRecordStep(const Timeline& t, size_t cursor) {
  return FindForward<RecordStep>(t, cursor == kNone ? 0 : cursor + 1);
}
size_t PreviousRecordStep(const Timeline& t, size_t cursor) {
  return cursor == 0 || cursor == kNone ? kNone : FindBackward<RecordStep>(t, cursor - 1);
}
size_t NextStitch(const Timeline& t, size_t cursor) {
  return FindForward<StitchStep>(t, cursor == kNone ? 0 : cursor + 1);
}
size_t NextAbort(const Timeline& t, size_t cursor) {
  return FindForward<TraceAbort>(t, cursor == kNone ? 0 : cursor + 1);
}
size_t FirstStitch(const Timeline& t, StitchStep::Phase phase) {
  for (size_t i = 0; i < t.events.size(); ++i)
    if (const auto* s = As<StitchStep>(t, i); s && s->phase == phase) return i;
  return kNone;
}
size_t ClampCursor(const Timeline& t, size_t cursor) {
  if (t.events.empty()) return 0;
  return std::min(cursor, t.events.size() - 1);
}

size_t NextTraceBoundary(const Timeline& t, size_t cursor) {
  cursor = ClampCursor(t, cursor);
  const auto* current = As<TraceStart>(t, FindBackward<TraceStart>(t, cursor));
  const int trace = current ? current->trace : 0;
  size_t own_end = kNone;
  for (size_t i = cursor + 1; i < t.events.size(); ++i) {
    if (As<TraceStart>(t, i)) return i;
    const auto* stop = As<TraceStop>(t, i);
    const auto* abort = As<TraceAbort>(t, i);
    const int ended = stop ? stop->trace : (abort ? abort->trace : 0);
    if (ended == 0) continue;
    if (ended != trace) return i;
    if (own_end == kNone) own_end = i;
  }
  return own_end;
}

// ---- Source ------------------------------------------------------------------

int SourceLineAt(const Timeline& t, size_t cursor) {
  for (size_t i = LastRecordStepAt(t, cursor); i != kNone; i = PreviousRecordStep(t, i)) {
    if (const auto* r = As<RecordStep>(t, i); r && r->fn.line > 0 && r->fn.proto != 0)
      return r->fn.line;
  }
  return 0;
}

std::vector<std::string> SourceLines(const Timeline& t) {
  std::vector<std::string> lines;
  std::istringstream in(t.source);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

namespace {

// Whether a message's "PREFIX:LINE:" names the chunk: the same name, or Lua's
// shortened "...tail" of it.
bool NamesChunk(std::string_view prefix, std::string_view chunk) {
  if (!chunk.empty() && (chunk[0] == '@' || chunk[0] == '=')) chunk.remove_prefix(1);
  if (prefix == chunk) return true;
  if (prefix.starts_with("...")) prefix.remove_prefix(3);
  return !prefix.empty() && chunk.ends_with(prefix);
}

}  // namespace

SourceError SourceErrorOf(const Timeline& t) {
  SourceError e;
  for (size_t i = 0; i < t.events.size(); ++i) {
    const auto* err = As<RunError>(t, i);
    if (!err) continue;
    const std::string& m = err->message;
    for (size_t colon = m.find(':'); colon != std::string::npos; colon = m.find(':', colon + 1)) {
      size_t j = colon + 1;
      while (j < m.size() && std::isdigit(static_cast<unsigned char>(m[j]))) ++j;
      if (j == colon + 1 || j >= m.size() || m[j] != ':') continue;
      if (!NamesChunk(std::string_view(m).substr(0, colon), t.chunkname)) continue;
      e.line = std::stoi(m.substr(colon + 1, j - colon - 1));
      e.message = m;
      e.index = i;
      return e;
    }
  }
  return e;
}

// ---- Bytecode ----------------------------------------------------------------------

BytecodeView BytecodeAt(const Timeline& t, size_t cursor) {
  BytecodeView v;
  const RecordStep* at = nullptr;
  for (size_t i = LastRecordStepAt(t, cursor); i != kNone; i = PreviousRecordStep(t, i)) {
    if (const auto* r = As<RecordStep>(t, i); r && r->fn.proto != 0) {
      v.index = i;
      at = r;
      break;
    }
  }
  if (!at) return v;
  v.proto = at->fn.proto;
  std::map<int, BytecodeRow> by_pc;
  std::map<int, std::string> loc_by_pc;
  for (size_t i = 0; i <= v.index; ++i) {
    const auto* r = As<RecordStep>(t, i);
    if (!r || r->fn.proto != v.proto) continue;
    BytecodeRow& row = by_pc[r->fn.pc];
    row.pc = r->fn.pc;
    row.line = r->fn.line;
    row.text = StripNewline(r->bc);
    ++row.seen;
    loc_by_pc[r->fn.pc] = r->fn.loc;
  }
  v.function = loc_by_pc.begin()->second;
  // The whole function, when the engine sent its listing (the latest one for
  // this address up to the step); recorded counts come from the steps.
  const ProtoListing* listing = nullptr;
  for (size_t i = 0; i <= v.index && i < t.events.size(); ++i) {
    if (const auto* p = As<ProtoListing>(t, i); p && p->proto == v.proto) listing = p;
  }
  if (listing) {
    for (const ProtoListing::Line& l : listing->lines) {
      auto rec = by_pc.find(l.pc);
      BytecodeRow row;
      row.pc = l.pc;
      row.line = l.line;
      row.text = l.text;
      row.seen = rec == by_pc.end() ? 0 : rec->second.seen;
      row.current = l.pc == at->fn.pc;
      v.rows.push_back(std::move(row));
    }
    return v;
  }
  for (auto& [pc, row] : by_pc) {
    row.current = pc == at->fn.pc;
    v.rows.push_back(std::move(row));
  }
  return v;
}

// ---- Recorder step -------------------------------------------------------------

std::string SlotText(uint32_t tref) {
  if (tref == 0) return "----";
  std::string s;
  if (tref & 0xffff) {  // frame links may carry no IR reference
    const int ref = static_cast<int>(tref & 0xffff) - 0x8000;
    s = ref < 0 ? Format("K%03d ", -ref) : Format("%04d ", ref);
    s += IrTypeName(static_cast<int>((tref >> 24) & 31));
  }
  if (tref & 0x00010000u) s += " frame";
  if (tref & 0x00020000u) s += " cont";
  if (tref & 0x00100000u) s += " keyindex";
  if (!s.empty() && s[0] == ' ') s.erase(0, 1);
  return s;
}

RecorderStepView RecorderStepAt(const Timeline& t, size_t cursor) {
  RecorderStepView v;
  v.index = LastRecordStepAt(t, cursor);
  v.step = As<RecordStep>(t, v.index);
  if (!v.step) return v;
  const SlotMap& m = v.step->slots;
  for (int i = 0; i < static_cast<int>(m.slots.size()); ++i) {
    v.slots.push_back({i - m.baseslot, SlotText(m.slots[i]), i == m.baseslot});
  }
  // Its RecordDone comes before the next RecordStep or the end of the trace.
  for (size_t i = v.index + 1; i < t.events.size(); ++i) {
    if (As<RecordStep>(t, i) || As<TraceStart>(t, i) || As<TraceAbort>(t, i)) break;
    const auto* d = As<RecordDone>(t, i);
    if (d && d->trace == v.step->trace && d->step == v.step->step) {
      v.done_index = i;
      IrListing listing(t.vmdef, {});
      const size_t start = FindBackward<TraceStart>(t, v.index);
      AddRecordedIr(t, start == kNone ? 0 : start + 1, i, d->trace, listing);
      for (const IrIns& ins : d->ir) {
        if (ins.ref < 0)
          v.added_ir.push_back(ConstantText(ins));
        else if (std::string line = listing.Line(ins.ref); !line.empty())
          v.added_ir.push_back(StripNewline(line));
      }
      break;
    }
  }
  return v;
}

// ---- IR ----------------------------------------------------------------------------

IrView IrAtCursor(const Timeline& t, size_t cursor) {
  IrView v;
  cursor = ClampCursor(t, cursor);
  v.start_index = FindBackward<TraceStart>(t, cursor);
  const auto* start = As<TraceStart>(t, v.start_index);
  if (!start) return v;
  v.trace = start->trace;
  const std::string name = "TRACE " + std::to_string(v.trace) + " IR";

  size_t end = kNone;
  for (size_t i = v.start_index + 1; i < t.events.size() && i <= cursor; ++i) {
    const auto* stop = As<TraceStop>(t, i);
    const auto* abort = As<TraceAbort>(t, i);
    if ((stop && stop->trace == v.trace) || (abort && abort->trace == v.trace)) {
      end = i;
      break;
    }
  }
  if (const auto* stop = As<TraceStop>(t, end)) {
    v.state = IrView::State::kStopped;
    v.heading = name + " (final, stop -> " + stop->linktype + ")";
    IrListing listing(t.vmdef, stop->ir);
    v.lines = ListingLines(listing, stop->snaps, {});
    return v;
  }
  const size_t last = end == kNone ? cursor : end;
  IrListing listing(t.vmdef, {});
  std::set<int> added;
  int last_step = -2;
  if (const RecordDone* d = AddRecordedIr(t, v.start_index + 1, last, v.trace, listing)) {
    for (const IrIns& ins : d->ir) added.insert(ins.ref);
    last_step = d->step;
  }
  if (const auto* abort = As<TraceAbort>(t, end)) {
    v.state = IrView::State::kAborted;
    v.heading = name + " (aborted: " + abort->reason + ")";
    added.clear();
  } else {
    v.state = IrView::State::kRecording;
    v.heading = name + " (recording" +
                (last_step >= 0 ? ", after step " + std::to_string(last_step) : "") + ")";
  }
  v.lines = ListingLines(listing, SnapshotsOf(t, v.start_index, last, v.trace), added);
  return v;
}

// ---- Machine code ------------------------------------------------------------------

// A trace without machine code (the C VM): its WebAssembly, from the `compiled`
// event after its stop (before the trace number is used again), if any.
static MachineCodeView WebAssemblyOf(const Timeline& t, size_t cursor, MachineCodeView v) {
  const std::string name = "WebAssembly of trace " + std::to_string(v.trace);
  for (size_t i = v.stop_index + 1; i < t.events.size(); ++i) {
    if (const auto* s = As<TraceStart>(t, i); s && s->trace == v.trace) break;
    const auto* c = As<TraceCompiled>(t, i);
    if (!c || c->trace != v.trace) continue;
    if (!c->error.empty()) {
      v.heading = name + ": not compiled, it runs in the trace executor (" + c->error + ")";
      return v;
    }
    v.wasm = true;
    v.heading = name + Format(" (%u bytes, compiled in %.2f ms%s)", c->bytes, c->compile_ms,
                              i > cursor ? ", later" : "");
    size_t from = 0;
    while (from < c->listing.size()) {
      size_t nl = c->listing.find('\n', from);
      if (nl == std::string::npos) nl = c->listing.size();
      v.lines.push_back(c->listing.substr(from, nl - from));
      from = nl + 1;
    }
    return v;
  }
  v.heading = "Machine code of trace " + std::to_string(v.trace) +
              ": none, the trace runs in the C VM's trace executor (the WebAssembly build "
              "compiles it once it was entered jit.opt hotwasm times)";
  return v;
}

MachineCodeView MachineCodeAt(const Timeline& t, size_t cursor) {
  MachineCodeView v;
  cursor = ClampCursor(t, cursor);
  const size_t start_index = FindBackward<TraceStart>(t, cursor);
  const auto* start = As<TraceStart>(t, start_index);
  if (!start) {
    v.heading = "Machine code: no trace yet";
    return v;
  }
  v.trace = start->trace;
  const std::string name = "Machine code of trace " + std::to_string(v.trace);
  for (size_t i = start_index + 1; i < t.events.size(); ++i) {
    if (const auto* a = As<TraceAbort>(t, i); a && a->trace == v.trace) {
      v.heading = name + ": none, the trace aborted";
      return v;
    }
    const auto* stop = As<TraceStop>(t, i);
    if (!stop || stop->trace != v.trace) continue;
    v.stop_index = i;
    if (stop->mcode_size == 0) return WebAssemblyOf(t, cursor, std::move(v));
    if (stop->mcode.empty()) {
      v.heading = name + ": not in the timeline (" + std::to_string(stop->mcode_size) +
                  " bytes; the engine did not send them)";
      return v;
    }
    v.heading = name + Format(" (%d bytes at 0x%llx, %s%s)", stop->mcode_size,
                              static_cast<unsigned long long>(stop->mcode_addr), stop->arch.c_str(),
                              i > cursor ? ", assembled at its stop" : "");
    v.lines = Disassemble(stop->mcode, stop->mcode_addr, stop->arch);
    return v;
  }
  v.heading = name + ": not assembled (the trace never stopped)";
  return v;
}

// ---- Lua stack -----------------------------------------------------------------

const char* PhaseName(StitchStep::Phase phase) {
  switch (phase) {
    case StitchStep::Phase::kBefore:
      return "before";
    case StitchStep::Phase::kInserted:
      return "inserted";
    case StitchStep::Phase::kStop:
      return "stop";
    case StitchStep::Phase::kResult:
      return "result";
    case StitchStep::Phase::kRestored:
      return "restored";
  }
  return "?";
}

StackAtCursorView StackAtCursor(const Timeline& t, size_t cursor) {
  StackAtCursorView v;
  v.index = FindBackward<StitchStep>(t, cursor);
  v.stitch = As<StitchStep>(t, v.index);
  if (!v.stitch) return v;
  const StitchStep& s = *v.stitch;
  v.summary = "stitch " + std::string(PhaseName(s.phase)) + " (trace " + std::to_string(s.trace) +
              ", around " + s.ffname + ")";
  if (s.errcode != 0) v.summary += ": " + s.error + " (" + LuaErrorName(s.errcode) + ")";
  v.summary += Format("  base %d, top %d", s.stack.base, s.stack.top);
  for (const StackFrame& f : s.stack.frames) {
    FrameRow row;
    row.slot = f.slot;
    row.size = f.size;
    row.type = f.type;
    row.fn = f.fn.loc;
    row.is_cont = f.type == "cont";
    if (row.is_cont) row.cont = f.cont;
    row.is_stitch = row.is_cont && f.cont == "stitch";
    v.frames.push_back(std::move(row));
  }

  // The phases of this stitch: back to its `before`, forward to its `restored`.
  size_t before = kNone, inserted = kNone, restored = kNone;
  size_t first = v.index;
  for (size_t i = v.index + 1; i-- > 0;) {
    if (As<TraceStart>(t, i)) break;
    const auto* p = As<StitchStep>(t, i);
    if (p && p->trace == s.trace && p->phase == StitchStep::Phase::kBefore) {
      first = i;
      break;
    }
  }
  for (size_t i = first; i < t.events.size(); ++i) {
    if (As<TraceStart>(t, i)) break;
    const auto* p = As<StitchStep>(t, i);
    if (!p || p->trace != s.trace) continue;
    if (p->phase == StitchStep::Phase::kBefore) {
      if (i != first) break;  // the next stitch
      before = i;
    } else if (p->phase == StitchStep::Phase::kInserted) {
      inserted = i;
    } else if (p->phase == StitchStep::Phase::kRestored) {
      restored = i;
      break;
    }
  }
  v.columns = {Column(t, "before", before, cursor), Column(t, "inserted", inserted, cursor),
               Column(t, "restored", restored, cursor)};
  const auto* b = As<StitchStep>(t, before);
  const auto* r = As<StitchStep>(t, restored);
  if (b && r && restored <= cursor) {
    v.balance =
        StackRestored(*b, *r) ? "balanced, as before the stitch" : "NOT as before the stitch";
    if (r->errcode != 0) v.balance += " (error object on top, re-thrown)";
  }
  return v;
}

// ---- Trace list ---------------------------------------------------------------

const WholeTimelineViews& Whole(const Timeline& t, ViewState& state) {
  if (!state.whole || state.whole->timeline != &t || state.whole->events != t.events.size()) {
    auto views = std::make_shared<WholeTimelineViews>();
    views->timeline = &t;
    views->events = t.events.size();
    views->traces = TraceList(t);
    for (const TraceRow& r : views->traces) views->any_wasm = views->any_wasm || r.wasm_bytes;
    views->source_error = SourceErrorOf(t);
    views->graph = BuildTraceGraph(t);
    for (size_t i = 0; i < t.events.size(); ++i) {
      if (const auto* o = As<Output>(t, i)) {
        views->output += o->text;
        views->output_ends.emplace_back(i, views->output.size());
      }
    }
    views->cap_index = CapIndex(t);
    views->cap_notice = CapNotice(t);
    views->output_cut = OutputCutNotice(t);
    views->run_end = RunEndText(t);
    state.whole = std::move(views);
  }
  return *state.whole;
}

std::vector<TraceRow> TraceList(const Timeline& t) {
  std::vector<TraceRow> rows;
  std::map<int, size_t> open;                        // trace number -> row being recorded
  std::map<int, size_t> made;                        // trace number -> row of the trace that runs
  std::map<std::pair<size_t, int>, uint64_t> taken;  // (row, exit) -> times
  for (size_t i = 0; i < t.events.size(); ++i) {
    if (const auto* s = As<TraceStart>(t, i)) {
      TraceRow row;
      row.trace = s->trace;
      row.start_index = i;
      row.status = "recording";
      row.start = s->start.loc;
      if (s->parent)
        row.origin = Format("side of %d/%d", s->parent, s->exitno);
      else if (s->stitch_from)
        row.origin = Format("stitch from %d", s->stitch_from);
      else
        row.origin = "root";
      open[s->trace] = rows.size();
      rows.push_back(std::move(row));
    } else if (const auto* stop = As<TraceStop>(t, i)) {
      if (auto it = open.find(stop->trace); it != open.end()) {
        TraceRow& row = rows[it->second];
        row.end_index = i;
        row.status = "stopped";
        row.linktype = stop->linktype;
        row.link = stop->link;
        made[stop->trace] = it->second;
        open.erase(it);
      }
    } else if (const auto* abort = As<TraceAbort>(t, i)) {
      if (auto it = open.find(abort->trace); it != open.end()) {
        TraceRow& row = rows[it->second];
        row.end_index = i;
        row.status = "aborted";
        row.reason = abort->reason;
        open.erase(it);
      }
    }
    if (const auto* c = As<TraceCompiled>(t, i)) {
      if (auto it = made.find(c->trace); it != made.end()) rows[it->second].wasm_bytes = c->bytes;
    } else if (const auto* exit = As<TraceExit>(t, i)) {
      if (auto it = made.find(exit->trace); it != made.end()) {
        uint64_t& seen = taken[{it->second, exit->exitno}];
        seen = std::max(seen, exit->count);
      }
    } else if (const auto* totals = As<ExitCounts>(t, i)) {
      for (const ExitCounts::Count& c : totals->counts)
        if (auto it = made.find(c.trace); it != made.end()) taken[{it->second, c.exitno}] = c.count;
    }
  }
  for (const auto& [key, count] : taken) {
    rows[key.first].exits += count;
    ++rows[key.first].exits_used;
  }
  return rows;
}

// ---- Output and event log ---------------------------------------------------------

std::string_view OutputUpTo(const WholeTimelineViews& whole, size_t cursor) {
  // The last output event at or before the cursor ends the prefix.
  const auto after = std::upper_bound(
      whole.output_ends.begin(), whole.output_ends.end(), cursor,
      [](size_t at, const std::pair<size_t, size_t>& end) { return at < end.first; });
  if (after == whole.output_ends.begin()) return {};
  return std::string_view(whole.output).substr(0, std::prev(after)->second);
}

std::string OutputUpTo(const Timeline& t, size_t cursor) {
  std::string out;
  for (size_t i = 0; i < t.events.size() && i <= cursor; ++i)
    if (const auto* o = As<Output>(t, i)) out += o->text;
  return out;
}

std::string EventSummary(const Timeline& t, size_t index) {
  if (index >= t.events.size()) return "";
  const Event& event = t.events[index];
  std::string head =
      Format("%5llu %-11s ", static_cast<unsigned long long>(event.seq), EventTypeName(event.body));
  std::string detail = std::visit(
      [&](const auto& e) -> std::string {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, TraceStart>) {
          return Format("trace %d at ", e.trace) + e.start.loc +
                 (e.parent ? Format(" (side of %d/%d)", e.parent, e.exitno) : "") +
                 (e.stitch_from ? Format(" (stitch from %d)", e.stitch_from) : "");
        } else if constexpr (std::is_same_v<T, RecordStep>) {
          return Format("trace %d step %d  ", e.trace, e.step) + StripNewline(e.bc);
        } else if constexpr (std::is_same_v<T, RecordDone>) {
          return Format("trace %d step %d  +%zu IR", e.trace, e.step, e.ir.size());
        } else if constexpr (std::is_same_v<T, SnapshotAdded>) {
          return Format("trace %d snapshot #%d", e.trace, e.snap.no);
        } else if constexpr (std::is_same_v<T, StitchStep>) {
          std::string s = Format("trace %d %s around ", e.trace, PhaseName(e.phase)) + e.ffname;
          if (e.errcode) s += ": " + e.error;
          return s;
        } else if constexpr (std::is_same_v<T, TraceStop>) {
          return Format("trace %d -> %s", e.trace, e.linktype.c_str()) +
                 (e.link && e.link != e.trace ? Format(" %d", e.link) : "");
        } else if constexpr (std::is_same_v<T, TraceAbort>) {
          return Format("trace %d at ", e.trace) + e.where.loc + " -- " + e.reason;
        } else if constexpr (std::is_same_v<T, HotCounter>) {
          return e.kind + " at " + e.at.loc;
        } else if constexpr (std::is_same_v<T, TraceExit>) {
          // The engine lists the first three exits of each, then only the
          // powers of two (and the one that starts a side trace).
          return Format("trace %d exit %d (%llu%s)", e.trace, e.exitno,
                        static_cast<unsigned long long>(e.count),
                        e.count > 3 ? "; later ones sampled" : "") +
                 (e.at.loc.empty() ? "" : " -> " + e.at.loc) +
                 (e.side_started ? " hot: side trace starts" : "");
        } else if constexpr (std::is_same_v<T, ExitCounts>) {
          uint64_t total = 0;
          for (const ExitCounts::Count& c : e.counts) total += c.count;
          return Format("%llu exits of %zu trace exits (all counted)",
                        static_cast<unsigned long long>(total), e.counts.size());
        } else if constexpr (std::is_same_v<T, TraceCompiled>) {
          if (!e.error.empty()) return Format("trace %d not compiled: ", e.trace) + e.error;
          return Format("trace %d to WebAssembly: %u bytes in %.2f ms", e.trace, e.bytes,
                        e.compile_ms);
        } else if constexpr (std::is_same_v<T, Penalty>) {
          return e.at.loc + (e.blacklisted ? " blacklisted" : "");
        } else if constexpr (std::is_same_v<T, AssertFailure>) {
          return e.file + ":" + std::to_string(e.line) + ": " + e.message;
        } else if constexpr (std::is_same_v<T, Output>) {
          return StripNewline(e.text);
        } else if constexpr (std::is_same_v<T, RunError>) {
          return e.kind + ": " + e.message;
        } else if constexpr (std::is_same_v<T, BudgetExceeded>) {
          return e.message;
        } else if constexpr (std::is_same_v<T, Truncated>) {
          return Format("at %llu bytes", static_cast<unsigned long long>(e.cap_bytes));
        } else if constexpr (std::is_same_v<T, FaultInjected>) {
          return e.fault;
        } else if constexpr (std::is_same_v<T, RunEnd>) {
          return RunStatusName(e.status) + (e.message.empty() ? "" : ": " + e.message);
        } else {
          return "";
        }
      },
      event.body);
  for (char& c : detail)
    if (c == '\n') c = ' ';
  return head + detail;
}

bool MatchesFilter(const std::string& text, const std::string& filter) {
  if (filter.empty()) return true;
  auto lower = [](unsigned char c) { return static_cast<char>(std::tolower(c)); };
  return std::search(text.begin(), text.end(), filter.begin(), filter.end(),
                     [&](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

size_t CapIndex(const Timeline& t) {
  for (size_t i = 0; i < t.events.size(); ++i)
    if (As<Truncated>(t, i)) return i;
  return t.events.size();
}

std::string CapNotice(const Timeline& t) {
  const size_t i = CapIndex(t);
  if (i == t.events.size()) return "";
  const uint64_t cap = As<Truncated>(t, i)->cap_bytes;
  const std::string size = cap >= (1u << 20) && cap % (1u << 20) == 0
                               ? Format("%llu MB", static_cast<unsigned long long>(cap >> 20))
                               : Format("%llu bytes", static_cast<unsigned long long>(cap));
  return Format(
      "the timeline reached its cap (%s) at event %llu: later output and recording "
      "were not kept; raise the cap with --timeline-cap BYTES (on the command line "
      "or a '-- ljplay:' line)",
      size.c_str(), static_cast<unsigned long long>(t.events[i].seq));
}

std::string OutputCutNotice(const Timeline& t) {
  for (size_t i = t.events.size(); i-- > 0;) {
    const auto* b = As<BudgetExceeded>(t, i);
    if (b && b->budget == "output") return b->message;
  }
  return "";
}

std::string RunEndText(const Timeline& t) {
  for (size_t i = t.events.size(); i-- > 0;) {
    if (const auto* end = As<RunEnd>(t, i)) {
      std::string s = RunStatusName(end->status);
      if (!end->message.empty()) s += ": " + end->message;
      return s;
    }
  }
  return "";
}

}  // namespace ljp::ui
