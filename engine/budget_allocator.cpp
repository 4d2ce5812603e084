#include "budget_allocator.h"

extern "C" {
#include "luajit_observe.h"
}

namespace ljp {

bool BudgetAllocator::FailInCompiler(void* ptr, size_t osize, size_t nsize) {
  // Like Lua's, LuaJIT's allocator contract says shrinking never fails.
  if (!L || nsize == 0 || (ptr && nsize <= osize) || !ljo_in_compiler(L)) return false;
  const uint64_t n = ++compiler_allocations;
  if (n == fail_nth) {
    on_fault("alloc", n, ptr ? osize : 0, nsize);
    return true;
  }
  if (fail_doubling && ptr && osize > 0 && nsize == 2 * osize) {
    on_fault("alloc-doubling", n, osize, nsize);
    return true;
  }
  return false;
}

void* BudgetAllocator::Alloc(void* ud, void* ptr, size_t osize, size_t nsize) {
  auto* self = static_cast<BudgetAllocator*>(ud);
  if ((self->fail_nth || self->fail_doubling) && self->FailInCompiler(ptr, osize, nsize)) {
    return nullptr;
  }
  const int64_t grow = static_cast<int64_t>(nsize) - static_cast<int64_t>(ptr ? osize : 0);
  if (self->limit && grow > 0 && self->in_use + grow > static_cast<int64_t>(self->limit)) {
    self->exceeded = true;
    return nullptr;
  }
  void* p = self->inner(self->inner_ud, ptr, osize, nsize);
  if (p || nsize == 0) self->in_use += grow;
  return p;
}

}  // namespace ljp
