// Text rendering of a timeline: LuaJIT's -jdump layout for bytecode, IR and
// snapshots, plus the stitch and recovery lines -jdump lacks.
#pragma once

#include <string>

#include "timeline.h"

namespace ljp {

struct ExplainOptions {
  bool bytecode = true;   // recorded bytecode (-jdump 'b')
  bool ir = true;         // IR at trace stop (-jdump 'i')
  bool snapshots = true;  // snapshots interleaved with the IR (-jdump 's')
  bool output = true;     // the program's output, in order
  bool extras = true;     // lines -jdump lacks: stitch steps, blacklisting, errors, end
};

std::string Explain(const Timeline& timeline, const ExplainOptions& options = {});

// "LUA_ERRRUN" etc. for a Lua error code.
const char* LuaErrorName(int errcode);

// Whether recff_stitch() left the Lua stack as it found it (the fix's promise).
bool StackRestored(const StitchStep& before, const StitchStep& restored);

// The IR of a stopped trace as -jdump=i (or =is) prints it, header included.
std::string TraceIrText(const Timeline& timeline, const TraceStop& stop, bool snapshots);

}  // namespace ljp
