// Capture: the recorder observer that turns LuaJIT's callbacks into Timeline
// events. LuaJIT is reached only from engine/ (capture, session and the
// in-process runner); the layers above see the protocol (engine/protocol/).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "timeline.h"

struct lua_State;

namespace ljp {

class Capture {
 public:
  // emit receives each event as it is made.
  Capture(const VmDef& vmdef, std::function<void(EventBody)> emit);
  ~Capture();

  void Attach(lua_State* L);
  void Detach(lua_State* L);

  // Called by the observer trampolines (see capture.cpp).
  void OnTraceStart(lua_State* L);
  void OnRecord(lua_State* L);
  void OnRecorded(lua_State* L);
  void OnSnapshot(lua_State* L, int snapno);
  void OnTraceStop(lua_State* L, int traceno);
  void OnTraceAbort(lua_State* L, int traceno);
  void OnStitch(lua_State* L, int phase, int errcode);
  void OnHot(lua_State* L, int kind, const void* proto, int pc);
  void OnPenalty(lua_State* L, const void* proto, int pc, bool blacklisted);
  void OnAssert(const char* file, int line, const char* func, const char* msg);
  void OnFault(lua_State* L, int point);
  void OnTraceExit(int traceno, int exitno, const void* proto, int pc, bool started);
  void OnTraceCompiled(int traceno, unsigned bytes, unsigned ns, const char* error,
                       const char* listing);
  // The totals of every exit taken (ExitCounts), once the program is done.
  void EmitExitCounts();
  // Called when the portable C VM pauses (interpreting or on trace); may raise
  // a Lua error to stop the program.
  void SetPause(std::function<void(lua_State*)> on_pause) { on_pause_ = std::move(on_pause); }
  void OnPause(lua_State* L) {
    if (on_pause_) on_pause_(L);
  }

 private:
  std::string BytecodeLine(const void* proto, int pc, int depth) const;
  std::string BytecodeText(const void* proto, int pc, const std::string& prefix) const;
  std::string FormatTraceError(lua_State* L, int* code, FuncRef* where) const;
  StackView ReadStack(lua_State* L) const;
  void ListProtoOnce(const void* proto);
  SlotMap ReadSlots(lua_State* L) const;

  const VmDef& vmdef_;
  std::function<void(EventBody)> emit_;
  std::function<void(lua_State*)> on_pause_;
  void* observer_ = nullptr;  // ljo_Observer, kept opaque here

  // The trace being recorded.
  int trace_ = 0;
  int step_ = 0;
  int nins_ = 0, nk_ = 0;  // IR bounds already reported
  FuncRef start_;
  int parent_ = 0, exitno_ = 0, stitch_from_ = 0;
  std::string stitch_error_;
  std::unordered_map<const void*, std::string> listed_protos_;  // proto -> its location
  std::map<std::pair<int, int>, uint64_t> exits_;               // (trace, exit) -> times taken
};

}  // namespace ljp
