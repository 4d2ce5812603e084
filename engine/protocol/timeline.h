// The timeline: what the trace recorder did during one run, as plain values.
// These types are the protocol (docs/timeline-protocol.md): the engine fills
// them, the JSON Lines writer and reader carry them, viewers draw them. No
// LuaJIT header is needed to use them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace ljp {

// 2: compact event lines (timeline_codec.h); readers still read 1.
inline constexpr int kProtocolVersion = 2;

// Name tables of the VM that produced the timeline (from LuaJIT's jit.vmdef),
// so a timeline can be rendered without LuaJIT.
struct VmDef {
  std::string luajit_version;
  std::string arch;
  std::vector<std::string> bcnames;   // by bytecode op
  std::vector<std::string> irnames;   // by IR op (6 characters, padded)
  std::vector<std::string> irfpm;     // FPMATH literal names
  std::vector<std::string> irfield;   // FLOAD/FREF literal names
  std::vector<std::string> ircall;    // CALL* literal names
  std::vector<std::string> traceerr;  // trace error formats, by code
  std::vector<std::string> ffnames;   // fast function names, by ffid
  std::vector<std::string> params;    // jit.opt parameter names, by index
  std::vector<int> irmode;            // lj_ir_mode: operand modes, by IR op (IrIns::mode)
};

// A function (and a position in it), described as jit.v describes it.
struct FuncRef {
  std::string loc;     // "file.lua:12", "os.date", "C:55d9a8..." or "" for none
  uint64_t proto = 0;  // identity of a Lua prototype, 0 otherwise
  int pc = -1;         // bytecode position (Lua functions)
  int line = 0;
  bool operator==(const FuncRef&) const = default;
};

// One IR instruction or constant of a trace.
struct IrIns {
  int ref = 0;  // biased: < 0 constants, > 0 instructions
  int op = 0;
  int type = 0;  // IRType byte with guard/mark flags
  int mode = 0;  // lj_ir_mode of op
  int op1 = 0, op2 = 0;
  int ridsp = 0;  // register and spill slot, after assembly
  // Constants:
  enum class K : int { kNone, kNum, kStr, kFunc, kTab, kGc, kPtr, kInt64, kPri, kProto, kTrace };
  K k = K::kNone;
  double num = 0;
  int64_t i64 = 0;
  std::string str;  // kStr: the string; kFunc: the function as FuncRef::loc
  uint64_t ptr = 0;
  int slot = -1;  // KSLOT
};

struct Snapshot {
  int no = 0;
  int ref = 0;  // first IR ref it covers
  int nslots = 0;
  int topslot = 0;
  std::vector<uint32_t> entries;  // raw SnapEntry values
  bool operator==(const Snapshot&) const = default;
};

// One Lua stack frame, innermost first.
struct StackFrame {
  std::string type;  // lua, c, cont, vararg, luap, cp, pcall, pcallh
  int slot = 0;      // frame slot from the stack bottom
  int size = 0;      // slots to the previous frame
  std::string cont;  // for cont frames: stitch, ra, nop, cat, condt, condf, hook, ffi, other
  FuncRef fn;
  bool operator==(const StackFrame&) const = default;
};

struct StackView {
  int base = 0, top = 0;  // L->base and L->top as slots from the stack bottom
  std::vector<StackFrame> frames;
  std::vector<std::string> values;  // slots [0, top) rendered short, for display
};

// The recorder's slot map: J->slot[0, baseslot + maxslot) as raw TRefs.
struct SlotMap {
  int baseslot = 0, maxslot = 0;
  std::vector<uint32_t> slots;
};

// ---- Events -------------------------------------------------------------

struct TraceStart {
  int trace = 0;
  int parent = 0, exitno = 0;  // side trace origin
  int stitch_from = 0;         // trace this one continues after a stitch
  FuncRef start;
};

// One bytecode about to be recorded.
struct RecordStep {
  int trace = 0;
  int step = 0;  // 0-based within the trace
  FuncRef fn;
  uint32_t ins = 0;
  std::string bc;  // the bytecode line as -jdump prints it
  int depth = 0;   // frame depth
  SlotMap slots;
  int nins = 0, nk = 0;  // IR bounds before recording it
};

// What recording that bytecode added to the IR.
struct RecordDone {
  int trace = 0;
  int step = 0;
  std::vector<IrIns> ir;  // new constants and instructions, in ref order
  int nins = 0, nk = 0;
};

struct SnapshotAdded {
  int trace = 0;
  Snapshot snap;
  // IR made since the last step's RecordDone, which the snapshot may refer to
  // (a stitch's record-stop emits constants outside any step). The next
  // RecordDone repeats it.
  std::vector<IrIns> ir;
};

// A phase of recff_stitch().
struct StitchStep {
  enum class Phase : int { kBefore, kInserted, kStop, kResult, kRestored };
  int trace = 0;
  Phase phase = Phase::kBefore;
  int errcode = 0;     // kResult / kRestored: LUA_ERR* of the record-stop
  std::string error;   // its message, when errcode != 0
  std::string ffname;  // the builtin being stitched around
  StackView stack;
  SlotMap slots;
};

struct TraceStop {
  int trace = 0;
  std::string linktype;  // none, root, loop, tail-recursion, up-recursion, down-recursion,
                         // interpreter, return, stitch
  int link = 0;
  FuncRef start;
  FuncRef stop;  // jit.v's "stitch <builtin>" target for stitch links
  int parent = 0, exitno = 0, stitch_from = 0;
  std::vector<IrIns> ir;  // the final IR, constants first
  std::vector<Snapshot> snaps;
  int mcode_size = 0;
  uint64_t mcode_addr = 0;  // where the machine code lives in the engine process
  std::string mcode;        // the machine code bytes, hex (native JIT builds only)
  std::string arch;         // "x64", "arm64": which disassembler fits
};

struct TraceAbort {
  int trace = 0;
  int code = -1;       // trace error code, -1 for a plain message
  std::string reason;  // formatted as jit.v does
  FuncRef where;       // where recording stopped
  FuncRef start;
  int parent = 0, exitno = 0, stitch_from = 0;
};

struct HotCounter {
  std::string kind;  // loop, exit
  FuncRef at;
  int parent = 0, exitno = 0;
};

// A trace left through one of its exits (a failed guard): LuaJIT restored the
// interpreter's state from the exit's snapshot and goes on at `at`. A hot loop
// exits over and over, so of each trace's exit only the first few and then the
// power-of-two counts are events; ExitCounts has the totals.
struct TraceExit {
  int trace = 0, exitno = 0;
  FuncRef at;                 // where the interpreter goes on
  uint64_t count = 0;         // how many times this exit was taken, this one included
  bool side_started = false;  // the exit was hot: recording of a side trace started here
};

// Every exit taken since the trace was made, with how often (before the end).
struct ExitCounts {
  struct Count {
    int trace = 0, exitno = 0;
    uint64_t count = 0;
  };
  std::vector<Count> counts;  // by trace, then exit
};

// The WebAssembly build compiled a trace to a WebAssembly function (after
// jit.opt hotwasm entries): from then on the trace runs compiled. error set: it
// could not, and the trace stays in the C VM's trace executor.
struct TraceCompiled {
  int trace = 0;
  uint32_t bytes = 0;     // the module's size
  double compile_ms = 0;  // making, compiling and installing it
  std::string error;
  std::string listing;  // the function as text, IR refs beside the instructions
};

struct Penalty {
  FuncRef at;
  bool blacklisted = false;
};

struct AssertFailure {
  std::string file;
  int line = 0;
  std::string func;
  std::string message;
};

struct Output {
  std::string text;
};

struct RunError {
  std::string kind;  // syntax, runtime, memory, load
  std::string message;
  std::string traceback;
};

struct BudgetExceeded {
  std::string budget;  // instructions, wall-time, memory, output
  uint64_t limit = 0;
  std::string message;
};

struct Truncated {
  uint64_t cap_bytes = 0;
};

// The whole bytecode of a Lua function, sent before the first recorded step in
// it, so viewers can list the function around the pc being recorded.
struct ProtoListing {
  uint64_t proto = 0;  // FuncRef::proto of the steps in this function
  std::string loc;     // "file.lua:12" (its first line)
  struct Line {
    int pc = 0;
    int line = 0;
    std::string text;  // as jit.bc lists it, without newline
  };
  std::vector<Line> lines;
};

// A fault of the run's fault plan fired (an out-of-memory error follows).
struct FaultInjected {
  std::string fault;                    // "ir-grow=canon", "alloc=3", ...
  uint64_t allocation = 0;              // for allocation faults: which allocation while recording
  uint64_t old_size = 0, new_size = 0;  // the failed (re)allocation's sizes
};

// How a run ended (run_end.h has the names, exit codes and messages).
enum class RunStatus {
  kOk,      // the program returned
  kError,   // a syntax, runtime or setup error
  kBudget,  // a budget stopped it
  kAssert,  // LuaJIT's assertion stopped the engine
  kCrash,   // the engine died (a signal, a trap) or left no end
  kKilled,  // stopped by the user
};

// The last event of every timeline. Make it with EndOfRun() (run_end.h).
struct RunEnd {
  RunStatus status = RunStatus::kOk;
  int exit_code = 0;  // ExitCodeOf(status), in the protocol for other readers
  std::string message;
};

using EventBody = std::variant<TraceStart, RecordStep, RecordDone, SnapshotAdded, StitchStep,
                               TraceStop, TraceAbort, HotCounter, Penalty, AssertFailure, Output,
                               RunError, BudgetExceeded, Truncated, FaultInjected, ProtoListing,
                               TraceExit, ExitCounts, TraceCompiled, RunEnd>;

struct Event {
  uint64_t seq = 0;
  EventBody body;
};

// Everything about one run: options, name tables, events.
struct Timeline {
  int version = kProtocolVersion;
  std::string chunkname;
  std::string source;
  std::vector<std::string> options;  // jit.opt settings applied, e.g. "maxsnap=1"
  bool jit = true;
  std::vector<std::string> faults;  // the fault plan, as --fault arguments
  std::string stitch_mode = "full";
  std::vector<std::string> unfixed;  // found LuaJIT bugs shown unfixed (--unfixed)
  bool assertions = false;           // LuaJIT built with LUA_USE_ASSERT
  VmDef vmdef;
  std::vector<Event> events;
};

// The protocol name of an event body ("trace_start", "record", ...).
const char* EventTypeName(const EventBody& body);

}  // namespace ljp
