/*
** The portable C VM: an interpreter for LuaJIT's bytecode, written in C,
** that stands in for the assembly VM (vm_x86.dasc) on the portable target.
** It drives LuaJIT's own trace recorder through the same dispatch table,
** hot counters and continuation frames as the assembly VM.
*/

#ifndef _LJ_CVM_H
#define _LJ_CVM_H

#include <setjmp.h>

#include "lj_obj.h"
#include "lj_frame.h"
#include "lj_ff.h"
#include "lj_jit.h"

/* One C frame per VM entry (lj_vm_call, _pcall, _cpcall, _resume): what the
** assembly VM keeps in its C stack frame. The first fields are read by
** LuaJIT's C code through the CFRAME_OFS_* offsets in lj_frame.h.
*/
typedef struct CVMFrame {
  void *prev;		/* CFRAME_OFS_PREV: previous C frame (cframe). */
  GCRef L;		/* CFRAME_OFS_L: the thread. */
  MRef pc;		/* CFRAME_OFS_PC: PC after the current bytecode. */
  uint32_t multres;	/* CFRAME_OFS_MULTRES: results+1 of the last call. */
  int32_t nres;		/* CFRAME_OFS_NRES: wanted results, or -top. */
  int32_t errf;		/* CFRAME_OFS_ERRF: error function slot. */
  /* Private to the C VM. */
  const BCIns *contpc;	/* Where cvm_execute() continues after a pause. */
  int32_t edges;	/* Loop edges until the next pause (CVM_PAUSED). */
  jmp_buf jb;		/* Error unwinding (lj_vm_unwind_c/_ff). */
} CVMFrame;

LJ_STATIC_ASSERT(offsetof(CVMFrame, prev) == CFRAME_OFS_PREV);
LJ_STATIC_ASSERT(offsetof(CVMFrame, L) == CFRAME_OFS_L);
LJ_STATIC_ASSERT(offsetof(CVMFrame, pc) == CFRAME_OFS_PC);
LJ_STATIC_ASSERT(offsetof(CVMFrame, multres) == CFRAME_OFS_MULTRES);
LJ_STATIC_ASSERT(offsetof(CVMFrame, nres) == CFRAME_OFS_NRES);
LJ_STATIC_ASSERT(offsetof(CVMFrame, errf) == CFRAME_OFS_ERRF);

/* Fast functions: the work the assembly VM does in its ->ff_* handlers.
**
** Called like a C function: L->base is the first argument, L->top is past
** the last one, the function is at L->base-1, and LUA_MINSTACK free slots
** are guaranteed above L->top. A handler either
**   - writes its n results from L->base-1 upwards and returns n+1
**     (FFH_RES(n), as the LJLIB_ASM C bodies in lib_*.c do), or
**   - returns 0 without side effects: the arguments are not what the fast
**     path handles, so the VM calls the C fallback in lib_*.c, which
**     coerces arguments and retries, raises the error, or handles the
**     rare case itself.
** A handler that needs more stack calls lj_state_checkstack() and then
** uses the new L->base. A handler that allocates checks the GC first.
*/
extern const lua_CFunction lj_cvm_ff[FF__MAX];

/* x87's fscale, x * 2^trunc(y): math.ldexp as on x86, in and out of traces. */
LJ_FUNC lua_Number lj_cvm_fscale(lua_Number x, lua_Number y);

/* Trace execution (lj_cvm_trace.c): where the assembly VM jumps to a trace's
** machine code, the C VM runs the trace's IR.
**
** lj_cvm_trace_runs() says whether trace traceno runs: it has a program, and
** execution is on (the JIT flag NOEXEC is off, see ljo_set_trace_exec()).
** lj_cvm_trace_run() runs it from base and returns as the
** assembly VM's exit to the interpreter (vm_exit_interp): L->base is the new
** base, the C frame's PC where to go on, and the result MULTRES for that
** instruction, -17 to dispatch the original instruction of the trace at that
** JLOOP, or a negated error code to rethrow (lj_err_trace).
*/
static LJ_AINLINE int lj_cvm_trace_runs(jit_State *J, TraceNo traceno)
{
  GCtrace *T = traceref(J, traceno);
  return T && T->mcode && !(J->flags & JIT_F_NOEXEC);
}
LJ_FUNC int lj_cvm_trace_run(lua_State *L, TValue *base, TraceNo traceno);
/* Traces loaded in this process and the nanoseconds it took (a benchmark's
** statistic). */
LUA_API void lj_cvm_trace_loadstats(uint64_t *traces, uint64_t *ns);

#endif
