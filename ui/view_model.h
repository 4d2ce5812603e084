// View models: what each pane shows at a cursor, computed from the timeline
// alone (no ImGui), so they can be tested without a window.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "timeline.h"
#include "trace_graph.h"
#include "view_state.h"

namespace ljp::ui {

inline constexpr size_t kNone = static_cast<size_t>(-1);

// ---- Navigation (event indexes; kNone when there is none) ----------------

size_t LastRecordStepAt(const Timeline& t, size_t cursor);    // RecordStep at/before
size_t NextRecordStep(const Timeline& t, size_t cursor);      // RecordStep after
size_t PreviousRecordStep(const Timeline& t, size_t cursor);  // RecordStep before
size_t NextStitch(const Timeline& t, size_t cursor);          // StitchStep after
size_t NextAbort(const Timeline& t, size_t cursor);           // TraceAbort after
size_t FirstStitch(const Timeline& t, StitchStep::Phase phase);
size_t ClampCursor(const Timeline& t, size_t cursor);
// "Step over trace": the next trace_start after the cursor, or a trace_stop /
// trace_abort of another trace than the one at the cursor; else the end of the
// trace at the cursor, if it lies ahead.
size_t NextTraceBoundary(const Timeline& t, size_t cursor);

// ---- Source ------------------------------------------------------------------

// The source line the recorder is at: the line of the last recorded bytecode
// at/before the cursor that has one (builtins have none). 0 if none.
int SourceLineAt(const Timeline& t, size_t cursor);
std::vector<std::string> SourceLines(const Timeline& t);

// Where the program failed, when its `error` event says "CHUNK:LINE: message"
// for this timeline's chunk. line 0 when it failed elsewhere or not at all.
struct SourceError {
  int line = 0;
  std::string message;   // the whole message
  size_t index = kNone;  // the error event
};
SourceError SourceErrorOf(const Timeline& t);

// ---- Bytecode ------------------------------------------------------------------

// The timeline carries only the bytecode lines the recorder recorded, so this
// lists those of the function at the cursor seen so far, by pc.
struct BytecodeRow {
  int pc = 0;
  int line = 0;      // source line (0: none)
  std::string text;  // the -jdump line, no newline
  int seen = 0;      // how often it was recorded up to the cursor
  bool current = false;
};

struct BytecodeView {
  size_t index = kNone;  // the RecordStep giving the function (the last Lua one)
  uint64_t proto = 0;
  std::string function;  // where its lowest recorded pc lies ("file.lua:4")
  std::vector<BytecodeRow> rows;
};

BytecodeView BytecodeAt(const Timeline& t, size_t cursor);

// ---- Recorder step -----------------------------------------------------------

struct SlotRow {
  int slot = 0;       // index into J->slot
  std::string text;   // "0003 num" / "frame" / "----"
  bool base = false;  // J->base points here
};

struct RecorderStepView {
  size_t index = kNone;  // the RecordStep's event index
  const RecordStep* step = nullptr;
  size_t done_index = kNone;  // its RecordDone (may lie after the cursor)
  std::vector<SlotRow> slots;
  std::vector<std::string> added_ir;  // IR lines its RecordDone added, -jdump layout
};

RecorderStepView RecorderStepAt(const Timeline& t, size_t cursor);
// One recorder slot (a raw TRef) as text: IR ref, type and frame/cont flags.
std::string SlotText(uint32_t tref);

// ---- IR ----------------------------------------------------------------------

struct IrLine {
  std::string text;       // one line, no newline
  bool snapshot = false;  // a SNAP line
  bool added = false;     // added by the last recording step applied
};

struct IrView {
  int trace = 0;
  size_t start_index = kNone;  // the TraceStart of this recording attempt
  enum class State { kNone, kRecording, kStopped, kAborted } state = State::kNone;
  std::string heading;  // "TRACE 1 IR (recording, step 4)" etc.
  std::vector<IrLine> lines;
};

// The IR of the trace being recorded at the cursor: the TraceStart plus every
// RecordDone up to the cursor, or the final IR once the trace stopped.
IrView IrAtCursor(const Timeline& t, size_t cursor);

// ---- Machine code ------------------------------------------------------------

// The machine code of the trace at the cursor, disassembled (Capstone builds).
// In the WebAssembly build: the trace's WebAssembly function once it was
// compiled (its `compiled` event), as the trace compiler lists it.
struct MachineCodeView {
  int trace = 0;
  size_t stop_index = kNone;  // its trace_stop (may lie after the cursor)
  bool wasm = false;          // lines are WebAssembly text, not disassembly
  std::string heading;
  std::vector<std::string> lines;  // empty when there is none; heading says why
};

MachineCodeView MachineCodeAt(const Timeline& t, size_t cursor);

// ---- Lua stack ---------------------------------------------------------------

struct FrameRow {
  int slot = 0, size = 0;
  std::string type;  // lua, c, cont, ...
  std::string cont;  // for cont frames: the lj_cont_* routine (stitch, ra, ...)
  std::string fn;
  bool is_cont = false;
  bool is_stitch = false;  // the stitch continuation
};

struct SlotValueRow {
  int slot = 0;
  std::string value;
  std::string frame;  // frame kind at this slot ("cont lj_cont_stitch", "luap os.date", "")
  bool base = false, top = false, stitch = false;
};

struct StackColumn {
  std::string title;     // "before", "inserted", "restored"
  size_t index = kNone;  // event index (kNone: the stitch has no such phase)
  bool reached = false;  // at/before the cursor
  int base = 0, top = 0;
  std::vector<SlotValueRow> slots;
};

struct StackAtCursorView {
  size_t index = kNone;  // the last StitchStep at/before the cursor
  const StitchStep* stitch = nullptr;
  std::string summary;  // one line: phase, builtin, errors
  std::vector<FrameRow> frames;
  std::vector<StackColumn> columns;  // before, inserted, restored of the same stitch
  std::string balance;               // "balanced, as before the stitch" / "NOT ..." / ""
};

StackAtCursorView StackAtCursor(const Timeline& t, size_t cursor);
const char* PhaseName(StitchStep::Phase phase);

// ---- Trace list ----------------------------------------------------------------

struct TraceRow {
  int trace = 0;
  size_t start_index = kNone, end_index = kNone;
  std::string status;    // recording, stopped, aborted
  std::string linktype;  // for stopped traces
  int link = 0;
  std::string reason;       // for aborted traces
  std::string origin;       // "root", "side of 2/3", "stitch from 1"
  std::string start;        // where it starts
  uint64_t exits = 0;       // times the trace was left through an exit (when it ran)
  int exits_used = 0;       // how many of its exits were taken
  uint32_t wasm_bytes = 0;  // WebAssembly build: the size of its compiled module, if compiled
};

std::vector<TraceRow> TraceList(const Timeline& t);

// ---- Views of the whole timeline ---------------------------------------------------

// What does not change with the cursor, made once per timeline: a frame must
// not walk a million events.
struct WholeTimelineViews {
  const Timeline* timeline = nullptr;  // what they were made from
  size_t events = 0;
  std::vector<TraceRow> traces;
  bool any_wasm = false;  // some trace was compiled to WebAssembly
  SourceError source_error;
  TraceGraph graph;
  // The program's output, all of it, and where each output event's text ends
  // in it (by event index): the output up to a cursor is a prefix.
  std::string output;
  std::vector<std::pair<size_t, size_t>> output_ends;
  size_t cap_index = 0;    // CapIndex()
  std::string cap_notice;  // CapNotice()
  std::string output_cut;  // OutputCutNotice()
  std::string run_end;     // RunEndText()
};
// What the program printed up to the cursor (OutputUpTo), from the views.
std::string_view OutputUpTo(const WholeTimelineViews& whole, size_t cursor);
// The views of t, from state's cache (made when state has none of t).
const WholeTimelineViews& Whole(const Timeline& t, ViewState& state);

// ---- Output and event log ------------------------------------------------------

std::string OutputUpTo(const Timeline& t, size_t cursor);
// One line describing an event: "12 record  trace 1 step 4  0010  CALL ...".
std::string EventSummary(const Timeline& t, size_t index);
bool MatchesFilter(const std::string& text, const std::string& filter);
// How the run ended ("" while it has no end event).
std::string RunEndText(const Timeline& t);
// Where the timeline hit its cap: the index of its Truncated event, or
// t.events.size() if it did not.
size_t CapIndex(const Timeline& t);
// What hitting the cap lost and how to raise it ("" if it was not hit).
std::string CapNotice(const Timeline& t);
// The output budget's message when the program's output was cut at it ("" if
// it was not): how much was kept and how to raise it.
std::string OutputCutNotice(const Timeline& t);

}  // namespace ljp::ui
