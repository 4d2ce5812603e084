// Renders trace IR and snapshots exactly as LuaJIT's jit.dump (-jdump=is)
// prints them, from timeline values only.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "timeline.h"

namespace ljp {

class IrListing {
 public:
  IrListing(const VmDef& vmdef, const std::vector<IrIns>& ir);

  // Adds or replaces instructions (a recording step's additions).
  void Add(const std::vector<IrIns>& ir);

  // One instruction line as -jdump prints it (with trailing newline), or ""
  // for instructions jit.dump hides (NOP, CARG, RENAME).
  std::string Line(int ref) const;
  // "[ 0001 ---- ... ]" for one snapshot, with trailing newline.
  std::string SnapshotEntries(const Snapshot& snap) const;
  // The body of "---- TRACE n IR": all instructions, snapshots interleaved
  // when given (-jdump=is), or not (-jdump=i).
  std::string Dump(const std::vector<Snapshot>* snaps) const;

  int max_ref() const { return ir_.empty() ? 0 : ir_.rbegin()->first; }

 private:
  std::string FormatK(int ref, uint32_t snap_entry = 0, bool in_snapshot = false) const;
  std::string OpName(int op) const;
  const IrIns* Find(int ref) const;
  void CallFunc(std::string& out, int ref, std::string& ctype) const;
  void CallArgs(std::string& out, int ref) const;

  const VmDef& vmdef_;
  std::map<int, IrIns> ir_;
};

// jit.dump's name for an IR type (3 characters).
const char* IrTypeName(int type);

// Control characters escaped as jit.dump and jit.bc do (\n, \r, \t, \ddd).
std::string EscapeControl(std::string_view s);

// Lua's tostring() for a number ("%.14g", inf, nan).
std::string LuaNumber(double n);

}  // namespace ljp
