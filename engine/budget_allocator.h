// The allocator a Session puts around LuaJIT's own (so addresses, and with
// them hash layouts, stay as in stock LuaJIT): it counts the heap, refuses
// growth past the memory budget, and fails allocations the JIT compiler makes
// for the fault plan's alloc=N and alloc-doubling.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "lua.hpp"

namespace ljp {

struct BudgetAllocator {
  lua_Alloc inner = nullptr;
  void* inner_ud = nullptr;
  int64_t in_use = 0;
  uint64_t limit = 0;     // bytes; 0: no memory budget
  bool exceeded = false;  // an allocation was refused for the budget
  // Allocation faults (alloc=N, alloc-doubling), counted among the JIT
  // compiler's allocations only.
  lua_State* L = nullptr;
  uint64_t fail_nth = 0;
  bool fail_doubling = false;
  uint64_t compiler_allocations = 0;
  std::function<void(const char* fault, uint64_t n, size_t osize, size_t nsize)> on_fault;

  bool Needed() const { return limit || fail_nth || fail_doubling; }
  // lua_Alloc, with the BudgetAllocator as ud.
  static void* Alloc(void* ud, void* ptr, size_t osize, size_t nsize);

 private:
  bool FailInCompiler(void* ptr, size_t osize, size_t nsize);
};

}  // namespace ljp
