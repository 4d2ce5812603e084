#include "explain.h"

#include "jdump_format.h"
#include "run_end.h"

namespace ljp {
namespace {

std::string StartLine(int trace, int parent, int exitno, int stitch_from, const FuncRef& start) {
  std::string s = "---- TRACE " + std::to_string(trace) + " start";
  if (parent)
    s += " " + std::to_string(parent) + "/" + std::to_string(exitno);
  else if (stitch_from)
    s += " " + std::to_string(stitch_from) + "/stitch";
  return s + " " + start.loc + "\n";
}

std::string StopLine(const TraceStop& stop) {
  std::string s = "---- TRACE " + std::to_string(stop.trace) + " stop -> ";
  if (stop.link == stop.trace || stop.link == 0)
    s += stop.linktype;
  else if (stop.linktype == "root")
    s += std::to_string(stop.link);
  else
    s += std::to_string(stop.link) + " " + stop.linktype;
  return s + "\n\n";
}

const StackFrame* StitchFrame(const StackView& stack) {
  for (const StackFrame& f : stack.frames)
    if (f.type == "cont" && f.cont == "stitch") return &f;
  return nullptr;
}

// cpcall: the stitch mode runs the record-stop under lj_vm_cpcall (not the
// original code, unprotected, nor the 2021 pre-check).
std::string StitchLine(const StitchStep& s, const StitchStep* before, bool cpcall) {
  const std::string head = "---- STITCH trace " + std::to_string(s.trace) + " ";
  const std::string where =
      " (base " + std::to_string(s.stack.base) + ", top " + std::to_string(s.stack.top) + ")";
  switch (s.phase) {
    case StitchStep::Phase::kBefore:
      return head + "around " + s.ffname + ": Lua stack before the continuation" + where + "\n";
    case StitchStep::Phase::kInserted: {
      std::string line = head + "continuation frame inserted";
      if (const StackFrame* f = StitchFrame(s.stack)) {
        line += " at slot " + std::to_string(f->slot) + " (lj_cont_stitch)";
      }
      return line + where + "\n";
    }
    case StitchStep::Phase::kStop:
      return head + (cpcall ? "record-stop under lj_vm_cpcall\n"
                            : "record-stop, unprotected: an error escapes with the continuation "
                              "frame in the stack\n");
    case StitchStep::Phase::kResult:
      if (s.errcode == 0) return head + "record-stop ok: trace ends with a stitch link\n";
      return head + "record-stop failed: " + s.error + " (" + LuaErrorName(s.errcode) +
             (cpcall ? ", caught by lj_vm_cpcall)\n" : ")\n");
    case StitchStep::Phase::kRestored: {
      std::string line = head + "Lua stack restored" + where;
      if (s.errcode != 0) line += " with the error object on top";
      if (before) {
        line += StackRestored(*before, s) ? ": balanced, as before the stitch"
                                          : ": NOT as before the stitch";
      }
      if (s.errcode != 0) line += "; error re-thrown: the trace aborts";
      return line + "\n";
    }
  }
  return "";
}

std::string ExtraLine(const Penalty& e) {
  return e.blacklisted ? "---- BLACKLIST " + e.at.loc + "\n" : "";
}
std::string ExtraLine(const AssertFailure& e) {
  return "---- ASSERT " + e.file + ":" + std::to_string(e.line) + ": " + e.func + ": " + e.message +
         "\n";
}
std::string ExtraLine(const RunError& e) {
  return "---- ERROR " + e.message + "\n" + (e.traceback.empty() ? "" : e.traceback + "\n");
}
std::string ExtraLine(const BudgetExceeded& e) { return "---- BUDGET " + e.message + "\n"; }
std::string ExtraLine(const Truncated& e) {
  return "---- TIMELINE TRUNCATED at " + std::to_string(e.cap_bytes) + " bytes\n";
}
std::string ExtraLine(const FaultInjected& e) {
  std::string where;
  if (e.allocation) {
    where = " (allocation " + std::to_string(e.allocation) + " while recording: " +
            (e.old_size ? "realloc " + std::to_string(e.old_size) + " -> " : "alloc ") +
            std::to_string(e.new_size) + " bytes)";
  }
  return "---- FAULT " + e.fault + where + ": out of memory\n";
}
std::string ExtraLine(const RunEnd& e) {
  return std::string("---- END ") + RunStatusName(e.status) +
         (e.message.empty() ? "" : ": " + e.message) + "\n";
}
// A trace compiled to WebAssembly (the WebAssembly build): its function, as
// -jdump=+m shows a trace's machine code natively.
std::string ExtraLine(const TraceCompiled& e) {
  if (!e.error.empty())
    return "---- TRACE " + std::to_string(e.trace) + " not compiled: " + e.error + "\n";
  return "---- TRACE " + std::to_string(e.trace) + " wasm " + std::to_string(e.bytes) + "\n" +
         e.listing;
}
// Events the text leaves out (the viewer shows them).
std::string ExtraLine(const RecordDone&) { return ""; }
std::string ExtraLine(const SnapshotAdded&) { return ""; }
std::string ExtraLine(const HotCounter&) { return ""; }
std::string ExtraLine(const TraceExit&) { return ""; }
std::string ExtraLine(const ExitCounts&) { return ""; }
std::string ExtraLine(const ProtoListing&) { return ""; }

}  // namespace

const char* LuaErrorName(int errcode) {
  switch (errcode) {
    case 0:
      return "LUA_OK";
    case 1:
      return "LUA_YIELD";
    case 2:
      return "LUA_ERRRUN";
    case 3:
      return "LUA_ERRSYNTAX";
    case 4:
      return "LUA_ERRMEM";
    case 5:
      return "LUA_ERRERR";
    default:
      return "LUA_ERR?";
  }
}

bool StackRestored(const StitchStep& before, const StitchStep& restored) {
  // A failed record-stop leaves its error object on top, to be re-thrown.
  const int error_slot = restored.errcode != 0 ? 1 : 0;
  return before.stack.base == restored.stack.base &&
         before.stack.top + error_slot == restored.stack.top;
}

std::string TraceIrText(const Timeline& timeline, const TraceStop& stop, bool snapshots) {
  IrListing listing(timeline.vmdef, stop.ir);
  return "---- TRACE " + std::to_string(stop.trace) + " IR\n" +
         listing.Dump(snapshots ? &stop.snaps : nullptr);
}

std::string Explain(const Timeline& timeline, const ExplainOptions& options) {
  std::string out;
  const StitchStep* stitch_before = nullptr;
  const bool cpcall =
      timeline.stitch_mode != "unprotected" && timeline.stitch_mode != "precheck-2021";
  for (const Event& event : timeline.events) {
    std::visit(
        [&](const auto& e) {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, TraceStart>) {
            out += StartLine(e.trace, e.parent, e.exitno, e.stitch_from, e.start);
          } else if constexpr (std::is_same_v<T, RecordStep>) {
            if (options.bytecode) out += e.bc;
          } else if constexpr (std::is_same_v<T, TraceStop>) {
            if (options.ir) out += TraceIrText(timeline, e, options.snapshots);
            out += StopLine(e);
          } else if constexpr (std::is_same_v<T, TraceAbort>) {
            out += "---- TRACE " + std::to_string(e.trace) + " abort " + e.where.loc + " -- " +
                   e.reason + "\n\n";
          } else if constexpr (std::is_same_v<T, Output>) {
            if (options.output) out += e.text;
          } else if constexpr (std::is_same_v<T, StitchStep>) {
            if (e.phase == StitchStep::Phase::kBefore) stitch_before = &e;
            if (options.extras) out += StitchLine(e, stitch_before, cpcall);
          } else {
            if (options.extras) out += ExtraLine(e);
          }
        },
        event.body);
  }
  return out;
}

}  // namespace ljp
