/*
** The portable C VM: LuaJIT's bytecode interpreter in C.
**
** It replaces the assembly VM (vm_x86.dasc) on the portable target and keeps
** its conventions exactly: the same Lua stack frames, the same C frame fields
** (CVMFrame), the same dispatch table (each entry is lj_vm_asm_begin plus a
** handler index), the same hot counters and the same continuation frames.
** So LuaJIT's own C code -- error unwinding, debug info, the trace recorder,
** the optimiser and snapshots -- runs unchanged on top of it.
**
** Reading guide: cvm_execute() is the interpreter. Labels inside it are named
** after the assembly routine they stand for (vm_return, cont_dispatch,
** vmeta_call, ...). Entry points (lj_vm_call, _pcall, _cpcall, _resume) and
** error unwinding are at the end of the file.
*/

#define lj_cvm_c
#define LUA_CORE

#include <math.h>
#include <string.h>

#include "lj_obj.h"
#include "lj_gc.h"
#include "lj_err.h"
#include "lj_str.h"
#include "lj_tab.h"
#include "lj_func.h"
#include "lj_meta.h"
#include "lj_state.h"
#include "lj_frame.h"
#include "lj_bc.h"
#include "lj_ff.h"
#include "lj_jit.h"
#include "lj_trace.h"
#include "lj_dispatch.h"
#include "lj_vm.h"
#include "lj_observe.h"
#include "lj_cvm.h"

/* Handler indexes: 0..BC__MAX-1 bytecodes, then the assembly fast functions
** (lj_bc_ofs[]), then the dispatch targets and continuations of lj_vm.h.
*/
LJ_STATIC_ASSERT(LJ_VMH_record >= BC__MAX + GG_NUM_ASMFF);
LJ_DATADEF char lj_vm_asm_begin[LJ_VMH__MAX];

#define HANDLER(f)	((uint32_t)((char *)(void *)(f) - lj_vm_asm_begin))
#define STATIC_HANDLER(disp, op)	HANDLER((disp)[GG_LEN_DDISP + (op)])

/* How cvm_execute() starts. */
enum {
  CVM_START_CALL,	/* Call the function below base (vm_call_dispatch). */
  CVM_START_RESUME,	/* Return from a yield (vm_resume, after yield). */
  CVM_START_UNWIND_FF,	/* An error unwound to a pcall frame (vm_unwind_ff). */
  CVM_START_CONTINUE	/* Continue after a pause (CVM_PAUSED). */
};

/* cvm_execute() pauses every CVM_PAUSE_EDGES loop back-edges and function
** entries: it returns CVM_PAUSED and is called again at once. WebAssembly
** engines optimise a function in the background but cannot switch a running
** invocation to the optimised code (V8 has no OSR for wasm), so without a
** pause a long-running program would stay in baseline code all the way.
*/
#define CVM_PAUSED		-1
#define CVM_PAUSE_EDGES		(1 << 14)

/* longjmp() value for lj_vm_unwind_ff(); error codes are 1..5. */
#define CVM_JMP_UNWIND_FF	0x100

#define tvistruecond(o)	(itype(o) < LJ_TISTRUECOND)

/* A wrapper for C function calls (luaJIT_setmode ... WRAPCFUNC). */
typedef int (*CVMWrapFunction)(lua_State *L, lua_CFunction f);

LJ_FUNCA_NORET void LJ_FASTCALL lj_ffh_coroutine_wrap_err(lua_State *L,
							  lua_State *co);

/* Hot counters, keyed by the PC after the instruction as in the assembly VM.
** A counter that underflows makes the loop or function hot.
*/
static LJ_AINLINE int hotcount_dec(GG_State *gg, const BCIns *pc, HotCount d)
{
  HotCount *hc = &hotcount_get(gg, pc);
  HotCount old = *hc;
  *hc = (HotCount)(old - d);
  return old < d;
}
/* lj_tab_getstr(), inlined: the assembly VM looks up string keys in place. */
static LJ_AINLINE TValue *cvm_getstr(GCtab *t, GCstr *key)
{
  Node *n = hashstr(t, key);
  do {
    if (tvisstr(&n->key) && strV(&n->key) == key) return &n->val;
  } while ((n = nextnode(n)));
  return NULL;
}

/* BC_TGETS_Z: t[key] without metamethods, or NULL when __index must run. */
static LJ_AINLINE cTValue *cvm_tgets(lua_State *L, GCtab *t, GCstr *key)
{
  cTValue *v = cvm_getstr(t, key);
  GCtab *mt;
  if (v && !tvisnil(v)) return v;
  mt = tabref(t->metatable);
  return (!mt || (mt->nomm & (1u<<MM_index))) ? niltv(L) : NULL;
}

/* BC_TSETS_Z: the slot that t[key] = v writes (the write barrier is done),
** or NULL when __newindex must run. May add the key: callers PROTECT it.
*/
static TValue *cvm_tsets(lua_State *L, GCtab *t, GCstr *key)
{
  TValue *v = cvm_getstr(t, key);
  t->nomm = 0;  /* Clear metamethod cache. */
  if (!v || tvisnil(v)) {
    GCtab *mt = tabref(t->metatable);
    if (mt && !(mt->nomm & (1u<<MM_newindex))) return NULL;
    if (!v) {
      TValue k;
      setstrV(L, &k, key);
      v = lj_tab_newkey(L, t, &k);
    }
  }
  if (isblack(obj2gco(t))) lj_gc_barrierback(G(L), t);
  return v;
}

#if LJ_HASJIT
#define hotloop(gg, pc)	hotcount_dec((gg), (pc), HOTCOUNT_LOOP)
#define hotcall(gg, pc)	hotcount_dec((gg), (pc), HOTCOUNT_CALL)
#else
#define hotloop(gg, pc)	0
#define hotcall(gg, pc)	0
#endif

/* ->ff_coroutine_resume, ->ff_coroutine_wrap_aux: resumes the coroutine with
** the arguments. 1 with the results at *rp (*nres of them; L->base may have
** moved), 0 for the C fallback (which raises the error).
*/
static int cvm_ff_resume(lua_State *L, GCfunc *fn, TValue *base, int32_t nargs,
			 TValue **rp, int32_t *nres)
{
  global_State *g = G(L);
  int wrap = fn->c.ffid == FF_coroutine_wrap_aux;
  lua_State *co;
  TValue *src, *end, *dst;
  int status;
  if (wrap) {
    co = threadV(&fn->c.upvalue[0]);
  } else {
    if (!tvisthread(base)) return 0;
    co = threadV(base);
  }
  if (co->cframe || co->status > LUA_YIELD ||
      (co->status == LUA_OK && co->top == co->base))
    return 0;
  src = base + !wrap;
  end = base + nargs;
  if (co->top + (end - src) > tvref(co->maxstack)) return 0;
  L->base = base;
  L->top = base + 1;  /* Keep resumed thread in stack for GC. */
  dst = co->top;
  while (src < end) copyTV(co, co->top++, src++);  /* Move args. */
  status = lj_vm_resume(co, dst, 0, 0);
  setgcref(g->cur_L, obj2gco(L));
  setvmstate(g, INTERP);
  base = L->base;
  if (status > LUA_YIELD) {  /* Coroutine returned with error. */
    if (wrap) {
      lj_ffh_coroutine_wrap_err(L, co);  /* Does not return. */
    }
    co->top--;
    setpriV(base-1, LJ_TFALSE);
    copyTV(L, base, co->top);  /* Copy error message. */
    *rp = base-1;
    *nres = 2;
  } else {
    TValue *cs = co->base;
    int32_t n = (int32_t)(co->top - cs), r;
    if (base + n > tvref(L->maxstack)) {
      L->top = base + 1;
      lj_state_growstack(L, (MSize)n);
      base = L->base;
    }
    co->top = cs;  /* Clear coroutine stack. */
    for (r = 0; r < n; r++) copyTV(L, base + r, cs + r);
    if (wrap) {
      *rp = base;
      *nres = n;
    } else {
      setpriV(base-1, LJ_TTRUE);  /* Prepend true to results. */
      *rp = base-1;
      *nres = n + 1;
    }
  }
  return 1;
}

/* -- The interpreter ----------------------------------------------------- */

/* Runs Lua code for one VM entry until it returns to C, yields, or an error
** unwinds past it. Returns 0 or LUA_YIELD (as the VM entry returns).
*/
static int cvm_execute(lua_State *L, CVMFrame *cf, int start, TValue *ra0,
		       int32_t ftype)
{
  global_State *g = G(L);
  GG_State *gg = G2GG(g);
  ASMFunction *disp = gg->dispatch;
  TValue *base;		/* BASE: first slot of the current frame. */
  TValue *kbase = NULL;	/* KBASE: constants of the current Lua function. */
  const BCIns *pc;	/* PC: after the current instruction. */
  BCIns ins;		/* The current instruction. */
  uint32_t h;		/* Handler index of the current dispatch. */
  /* Call protocol: func at base-1, nargs arguments from base. */
  int32_t nargs = 0;
  intptr_t ftsz = 0;	/* Frame link stored below the callee (ins_call). */
  TValue *oldbase = NULL;	/* Caller's base, for vmeta_call errors. */
  int tailcall = 0;	/* vmeta_call continues with BC_CALLT. */
  /* Return protocol: nres results from rp; frame link fpc of base-1. */
  TValue *rp = NULL;
  int32_t nres = 0;
  intptr_t fpc = 0;
  TraceNo tn = 0;	/* The trace to enter at trace_enter. */

  setgcref(g->cur_L, obj2gco(L));
  setvmstate(g, INTERP);
  pc = mref(cf->pc, const BCIns);
  if (start == CVM_START_CALL) {
    /* vm_call_init: PC = frame delta + frame type. */
    oldbase = L->base;
    ftsz = (intptr_t)((char *)ra0 - (char *)L->base) + ftype;
    nargs = (int32_t)(L->top - ra0);
    base = ra0;
    goto vm_call_dispatch;
  } else if (start == CVM_START_RESUME) {
    /* vm_resume after yield: like a return of the values from ra0. */
    base = L->base;
    rp = ra0;
    nres = (int32_t)(L->top - ra0);
    fpc = frame_ftsz(base-1);
    cf->multres = (uint32_t)nres + 1;
    if ((fpc & FRAME_TYPE) == FRAME_LUA) goto ret_lua;
    goto vm_return;
  } else if (start == CVM_START_CONTINUE) {
    base = L->base;
    pc = cf->contpc;
    ins = *pc++;
    if (bc_op(ins) >= BC_FUNCF)  /* After a trace: MULTRES is nargs+1. */
      nargs = (int32_t)cf->multres - 1;
    else
      kbase = mref(funcproto(frame_func(base-1))->k, TValue);
    h = HANDLER(disp[bc_op(ins)]);
    goto dispatch;
  } else {
    /* vm_unwind_ff: pcall returns false and the error message. */
    base = L->base;
    fpc = frame_ftsz(base-1);
    setpriV(base-1, LJ_TFALSE);	/* Prepend false to error message. */
    rp = base-1;
    nres = 2;
    goto vm_returnc;
  }

/* Fetch and dispatch the next instruction. Every path goes back to the one
** loop header, dispatch: a second header would make the loop irreducible,
** which WebAssembly compilers handle with an extra dispatch per jump. */
#define NEXT()		do { ins = *pc++; h = HANDLER(disp[bc_op(ins)]); \
			     goto dispatch; } while (0)
/* Re-dispatch the current instruction without hooks or recording. */
#define REDISPATCH()	do { ins = pc[-1]; h = STATIC_HANDLER(disp, bc_op(ins)); \
			     goto dispatch; } while (0)
#define SAVE_PC()	setmref(cf->pc, pc)
#define PROTECT(x)	do { L->base = base; SAVE_PC(); x; base = L->base; } while (0)
#define KGC(d, type)	((type *)gcref(((GCRef *)kbase)[~(ptrdiff_t)(d)]))
#define KNUM(d)		(kbase + (d))
#define CURR_PROTO()	funcproto(frame_func(base-1))
#define LOAD_KBASE()	(kbase = mref(CURR_PROTO()->k, TValue))
#define BRANCH(i)	(pc += bc_j(i))
/* A loop back-edge or function entry: pause now and then (CVM_PAUSED).
** The count is the C frame's, not this invocation's: an error caught by a
** pcall frame starts a new invocation (vm_unwind_ff), and a loop around
** pcall(error) must pause too. It may be below 0: a trace's return counts but
** pauses only where it can.
*/
#define EDGE() \
  do { if (LJ_UNLIKELY(--cf->edges <= 0)) { L->base = base; cf->contpc = pc; \
			    return CVM_PAUSED; } } while (0)
/* After a comparison: take the following JMP if cond holds. */
#define COND_JMP(cond)	do { BCIns jmp_ = *pc++; if (cond) BRANCH(jmp_); } while (0)

dispatch:
  switch (h) {

  /* -- Comparisons ------------------------------------------------------- */

  /* Unordered (NaN): GE/GT branch, LT/LE don't, as in the assembly VM. */
  case BC_ISLT: case BC_ISGE: case BC_ISLE: case BC_ISGT: {
    TValue *a = base + bc_a(ins), *d = base + bc_d(ins);
    if (tvisnum(a) && tvisnum(d)) {
      int cond;
      switch (h) {
      case BC_ISLT: cond = numV(a) < numV(d); break;
      case BC_ISGE: cond = !(numV(a) < numV(d)); break;
      case BC_ISLE: cond = numV(a) <= numV(d); break;
      default: cond = !(numV(a) <= numV(d)); break;
      }
      COND_JMP(cond);
      NEXT();
    }
    /* vmeta_comp */
    PROTECT(rp = lj_meta_comp(L, a, d, (int)h));
  vmeta_compres:
    /* 0/1: take the branch or not, else call the metamethod at rp. */
    if ((uintptr_t)rp > 1) goto vmeta_binop;
    COND_JMP(rp != NULL);
    NEXT();
  }

  case BC_ISEQV: case BC_ISNEV: {
    TValue *a = base + bc_a(ins), *d = base + bc_d(ins);
    int ne = (h == BC_ISNEV), eq;
    if (tvisnum(a) && tvisnum(d)) {
      eq = numV(a) == numV(d);
    } else if (itype(a) != itype(d)) {
      eq = 0;
    } else if (tvispri(a)) {
      eq = 1;
    } else if (gcrefu(a->gcr) == gcrefu(d->gcr)) {
      eq = 1;
    } else if (!tvistabud(a)) {
      eq = 0;
    } else {
      /* Different tables or userdata: __eq metamethod? The asm VM reads the
      ** metatable of either at one offset (GCtab and GCudata share it); the
      ** accessor must match the type, tabV() asserts a table.
      */
      GCtab *mt = tvistab(a) ? tabref(tabV(a)->metatable) :
			       tabref(udataV(a)->metatable);
      if (!mt || (mt->nomm & (1u<<MM_eq))) {
	eq = 0;
      } else {  /* vmeta_equal */
	PROTECT(rp = lj_meta_equal(L, gcV(a), gcV(d), ne));
	goto vmeta_compres;
      }
    }
    COND_JMP(eq ^ ne);
    NEXT();
  }

  case BC_ISEQS: case BC_ISNES: {
    TValue *a = base + bc_a(ins);
    int eq = tvisstr(a) && strV(a) == KGC(bc_d(ins), GCstr);
    COND_JMP(eq ^ (h == BC_ISNES));
    NEXT();
  }

  case BC_ISEQN: case BC_ISNEN: {
    TValue *a = base + bc_a(ins);
    int eq = tvisnum(a) && numV(a) == numV(KNUM(bc_d(ins)));
    COND_JMP(eq ^ (h == BC_ISNEN));
    NEXT();
  }

  case BC_ISEQP: case BC_ISNEP: {
    TValue *a = base + bc_a(ins);
    int eq = itype(a) == ~bc_d(ins);
    COND_JMP(eq ^ (h == BC_ISNEP));
    NEXT();
  }

  /* -- Unary test and copy ops ------------------------------------------- */

  case BC_ISTC: case BC_ISFC: {
    TValue *d = base + bc_d(ins);
    int t = tvistruecond(d);
    if (h == BC_ISTC ? t : !t) {
      copyTV(L, base + bc_a(ins), d);
      BRANCH(*pc);
    }
    pc++;
    NEXT();
  }

  case BC_IST: case BC_ISF: {
    int t = tvistruecond(base + bc_d(ins));
    COND_JMP(h == BC_IST ? t : !t);
    NEXT();
  }

  case BC_ISTYPE: {
    TValue *a = base + bc_a(ins);
    if ((uint32_t)(itype(a) + bc_d(ins)) != 0)
      PROTECT(lj_meta_istype(L, bc_a(ins), bc_d(ins)));
    NEXT();
  }

  case BC_ISNUM:
    if (!tvisnum(base + bc_a(ins)))
      PROTECT(lj_meta_istype(L, bc_a(ins), bc_d(ins)));
    NEXT();

  /* -- Unary ops --------------------------------------------------------- */

  case BC_MOV:
    copyTV(L, base + bc_a(ins), base + bc_d(ins));
    NEXT();

  case BC_NOT:
    setboolV(base + bc_a(ins), !tvistruecond(base + bc_d(ins)));
    NEXT();

  case BC_UNM: {
    TValue *d = base + bc_d(ins);
    if (tvisnum(d)) {
      TValue *a = base + bc_a(ins);
      a->u64 = d->u64 ^ U64x(80000000,00000000);  /* Flip the sign bit. */
      NEXT();
    }
    {  /* vmeta_unm */
      TValue *r;
      PROTECT(r = lj_meta_arith(L, base + bc_a(ins), d, d, BC_UNM));
      if (r) { rp = r; goto vmeta_binop; }
      NEXT();
    }
  }

  case BC_LEN: {
    TValue *d = base + bc_d(ins);
    if (tvisstr(d)) {
      setnumV(base + bc_a(ins), (lua_Number)strV(d)->len);
      NEXT();
    } else if (tvistab(d)) {
      GCtab *t = tabV(d);
#if LJ_52
      GCtab *mt = tabref(t->metatable);
      if (!mt || (mt->nomm & (1u<<MM_len)))
#endif
      {
	MSize len = lj_tab_len(t);
	setnumV(base + bc_a(ins), (lua_Number)len);
	NEXT();
      }
    }
    {  /* vmeta_len */
      TValue *r;
      PROTECT(r = lj_meta_len(L, d));
#if LJ_52
      if (!r) {
	setnumV(base + bc_a(ins), (lua_Number)lj_tab_len(tabV(d)));
	NEXT();
      }
#endif
      rp = r;
      goto vmeta_binop;
    }
  }

  /* -- Binary ops -------------------------------------------------------- */

#define ARITH_CASES(name, expr) \
  case BC_##name##VN: { \
    TValue *b = base + bc_b(ins), *c = KNUM(bc_c(ins)); \
    if (tvisnum(b)) { lua_Number x = numV(b), y = numV(c); \
      setnumV(base + bc_a(ins), (expr)); NEXT(); } \
    goto vmeta_arith; } \
  case BC_##name##NV: { \
    TValue *b = base + bc_b(ins), *c = KNUM(bc_c(ins)); \
    if (tvisnum(b)) { lua_Number x = numV(c), y = numV(b); \
      setnumV(base + bc_a(ins), (expr)); NEXT(); } \
    goto vmeta_arith; } \
  case BC_##name##VV: { \
    TValue *b = base + bc_b(ins), *c = base + bc_c(ins); \
    if (tvisnum(b) && tvisnum(c)) { lua_Number x = numV(b), y = numV(c); \
      setnumV(base + bc_a(ins), (expr)); NEXT(); } \
    goto vmeta_arith; }

  ARITH_CASES(ADD, x + y)
  ARITH_CASES(SUB, x - y)
  ARITH_CASES(MUL, x * y)
  ARITH_CASES(DIV, x / y)
  ARITH_CASES(MOD, x - floor(x / y) * y)	/* ->vm_mod */
#undef ARITH_CASES

  case BC_POW: {
    TValue *b = base + bc_b(ins), *c = base + bc_c(ins);
    if (tvisnum(b) && tvisnum(c)) {
      setnumV(base + bc_a(ins), pow(numV(b), numV(c)));
      NEXT();
    }
    goto vmeta_arith;
  }

  vmeta_arith: {
    /* Operands as the instruction names them: VN/NV use a number constant. */
    BCOp op = bc_op(ins);
    TValue *b = base + bc_b(ins), *c, *r;
    if (op >= BC_ADDVN && op <= BC_MODNV) {
      c = KNUM(bc_c(ins));
      if (op >= BC_ADDNV) { TValue *t = b; b = c; c = t; }
    } else {
      c = base + bc_c(ins);
    }
    PROTECT(r = lj_meta_arith(L, base + bc_a(ins), b, c, op));
    if (r) { rp = r; goto vmeta_binop; }
    NEXT();
  }

  case BC_CAT:
    PROTECT(rp = lj_meta_cat(L, base + bc_c(ins),
			     (int)(bc_c(ins) - bc_b(ins))));
  BC_CAT_Z:
    /* NULL: finished, the result is in B. Else call __concat at rp. */
    if (rp) goto vmeta_binop;
    copyTV(L, base + bc_a(ins), base + bc_b(ins));
    NEXT();

  /* -- Constant ops ------------------------------------------------------ */

  case BC_KSTR:
    setstrV(L, base + bc_a(ins), KGC(bc_d(ins), GCstr));
    NEXT();

  case BC_KCDATA:  /* Never emitted without the FFI. */
    lj_assertL(0, "KCDATA without FFI");
    NEXT();

  case BC_KSHORT:
    setnumV(base + bc_a(ins), (lua_Number)(int16_t)bc_d(ins));
    NEXT();

  case BC_KNUM:
    copyTV(L, base + bc_a(ins), KNUM(bc_d(ins)));
    NEXT();

  case BC_KPRI:
    setpriV(base + bc_a(ins), ~bc_d(ins));
    NEXT();

  case BC_KNIL: {
    TValue *a = base + bc_a(ins), *d = base + bc_d(ins);
    do { setnilV(a); } while (++a <= d);
    NEXT();
  }

  /* -- Upvalue and function ops ------------------------------------------ */

  case BC_UGET: {
    GCupval *uv = &gcref(frame_func(base-1)->l.uvptr[bc_d(ins)])->uv;
    copyTV(L, base + bc_a(ins), uvval(uv));
    NEXT();
  }

  case BC_USETV: case BC_USETS: case BC_USETN: case BC_USETP: {
    GCupval *uv = &gcref(frame_func(base-1)->l.uvptr[bc_a(ins)])->uv;
    TValue *v = uvval(uv);
    switch (h) {
    case BC_USETV: copyTV(L, v, base + bc_d(ins)); break;
    case BC_USETS: setstrV(L, v, KGC(bc_d(ins), GCstr)); break;
    case BC_USETN: copyTV(L, v, KNUM(bc_d(ins))); break;
    default: setpriV(v, ~bc_d(ins)); break;
    }
    /* Barrier for a closed, black upvalue that now holds a white object. */
    if (uv->closed && isblack(obj2gco(uv)) && tvisgcv(v) && iswhite(gcV(v)))
      lj_gc_barrieruv(g, v);
    NEXT();
  }

  case BC_UCLO:
    if (gcref(L->openupval))
      PROTECT(lj_func_closeuv(L, base + bc_a(ins)));
    BRANCH(ins);
    NEXT();

  case BC_FNEW: {
    GCfunc *fn;
    PROTECT(fn = lj_func_newL_gc(L, KGC(bc_d(ins), GCproto),
				 &frame_func(base-1)->l));
    setfuncV(L, base + bc_a(ins), fn);
    NEXT();
  }

  /* -- Table ops --------------------------------------------------------- */

  case BC_TNEW: case BC_TDUP: {
    GCtab *t;
    if (LJ_UNLIKELY(g->gc.total >= g->gc.threshold)) {
      PROTECT(lj_gc_step_fixtop(L));
    }
    if (h == BC_TNEW) {
      uint32_t asize = bc_d(ins) & 0x7ff, hbits = bc_d(ins) >> 11;
      if (asize == 0x7ff) asize = 0x801;
      PROTECT(t = lj_tab_new(L, asize, hbits));
    } else {
      PROTECT(t = lj_tab_dup(L, KGC(bc_d(ins), GCtab)));
    }
    settabV(L, base + bc_a(ins), t);
    NEXT();
  }

  case BC_GGET: case BC_GSET: {  /* TGETS/TSETS on fn->l.env. */
    GCtab *env = tabref(frame_func(base-1)->l.env);
    GCstr *key = KGC(bc_d(ins), GCstr);
    TValue k;
    if (h == BC_GGET) {
      cTValue *v = cvm_tgets(L, env, key);
      if (v) { copyTV(L, base + bc_a(ins), v); NEXT(); }
    } else {
      TValue *v;
      PROTECT(v = cvm_tsets(L, env, key));
      if (v) { copyTV(L, v, base + bc_a(ins)); NEXT(); }
    }
    /* vmeta_tgets/vmeta_tsets: fn->l.env goes in g->tmptv. */
    settabV(L, &g->tmptv, env);
    setstrV(L, &k, key);
    if (h == BC_GGET) {
      cTValue *r;
      PROTECT(r = lj_meta_tget(L, &g->tmptv, &k));
      if (r) { copyTV(L, base + bc_a(ins), r); NEXT(); }
      goto vmeta_tget_call;
    } else {
      TValue *r;
      PROTECT(r = lj_meta_tset(L, &g->tmptv, &k));
      if (r) { copyTV(L, r, base + bc_a(ins)); NEXT(); }
      goto vmeta_tset_call;
    }
  }

  case BC_TGETS: {
    TValue *b = base + bc_b(ins), k;
    cTValue *r;
    if (tvistab(b)) {
      cTValue *v = cvm_tgets(L, tabV(b), KGC(bc_c(ins), GCstr));
      if (v) { copyTV(L, base + bc_a(ins), v); NEXT(); }
    }
    setstrV(L, &k, KGC(bc_c(ins), GCstr));  /* vmeta_tgets */
    PROTECT(r = lj_meta_tget(L, b, &k));
    if (r) { copyTV(L, base + bc_a(ins), r); NEXT(); }
    goto vmeta_tget_call;
  }

  case BC_TGETV: case BC_TGETB: {
    TValue *b = base + bc_b(ins), kb, *k;
    if (h == BC_TGETB) { setnumV(&kb, (lua_Number)bc_c(ins)); k = &kb; }
    else k = base + bc_c(ins);
    if (tvistab(b)) {
      GCtab *t = tabV(b);
      cTValue *v = NULL;
      if (tvisnum(k)) {
	lua_Number n = numV(k);
	int32_t i = lj_num2int(n);
	if ((lua_Number)i == n && (uint32_t)i < t->asize) {
	  GCtab *mt = tabref(t->metatable);
	  v = arrayslot(t, i);
	  if (tvisnil(v) && mt && !(mt->nomm & (1u<<MM_index))) v = NULL;
	}
      } else if (tvisstr(k)) {
	v = cvm_tgets(L, t, strV(k));  /* BC_TGETS_Z */
      }
      if (v) { copyTV(L, base + bc_a(ins), v); NEXT(); }
    }
    {  /* vmeta_tgetv/vmeta_tgetb */
      cTValue *r;
      PROTECT(r = lj_meta_tget(L, b, k));
      if (r) { copyTV(L, base + bc_a(ins), r); NEXT(); }
    }
  vmeta_tget_call: {
      /* Call __index: L->top = new base, stack = cont/func/t/k. */
      TValue *nb = L->top;
      setframe_pc(nb-2, pc);  /* [cont|PC] */
      ftsz = (intptr_t)((char *)nb - (char *)base) + FRAME_CONT;
      base = nb;
      nargs = 2;
      goto vm_call_dispatch_f;
    }
  }

  case BC_TGETR: {
    GCtab *t = tabV(base + bc_b(ins));
    int32_t i = lj_num2int(numV(base + bc_c(ins)));
    cTValue *v;
    if ((uint32_t)i < t->asize) {
      v = arrayslot(t, i);
    } else {  /* vmeta_tgetr */
      v = lj_tab_getinth(t, i);
      if (!v) v = niltv(L);
    }
    copyTV(L, base + bc_a(ins), v);
    NEXT();
  }

  case BC_TSETS: {
    TValue *b = base + bc_b(ins), k, *r;
    if (tvistab(b)) {
      TValue *v;
      PROTECT(v = cvm_tsets(L, tabV(b), KGC(bc_c(ins), GCstr)));
      if (v) { copyTV(L, v, base + bc_a(ins)); NEXT(); }
      b = base + bc_b(ins);
    }
    setstrV(L, &k, KGC(bc_c(ins), GCstr));  /* vmeta_tsets */
    PROTECT(r = lj_meta_tset(L, b, &k));
    if (r) { copyTV(L, r, base + bc_a(ins)); NEXT(); }
    goto vmeta_tset_call;
  }

  case BC_TSETV: case BC_TSETB: {
    TValue *b = base + bc_b(ins), kb, *k;
    if (h == BC_TSETB) { setnumV(&kb, (lua_Number)bc_c(ins)); k = &kb; }
    else k = base + bc_c(ins);
    if (tvistab(b)) {
      GCtab *t = tabV(b);
      if (tvisnum(k)) {
	lua_Number n = numV(k);
	int32_t i = lj_num2int(n);
	if ((lua_Number)i == n && (uint32_t)i < t->asize) {
	  TValue *v = arrayslot(t, i);
	  if (tvisnil(v)) {
	    GCtab *mt = tabref(t->metatable);
	    if (mt && !(mt->nomm & (1u<<MM_newindex))) goto tsetv_meta;
	  }
	  if (isblack(obj2gco(t))) lj_gc_barrierback(g, t);
	  copyTV(L, v, base + bc_a(ins));
	  NEXT();
	}
      } else if (tvisstr(k) && h == BC_TSETV) {
	TValue *v;
	PROTECT(v = cvm_tsets(L, t, strV(k)));  /* BC_TSETS_Z */
	if (v) { copyTV(L, v, base + bc_a(ins)); NEXT(); }
      }
    }
  tsetv_meta: {  /* vmeta_tsetv/vmeta_tsetb */
      TValue *r;
      PROTECT(r = lj_meta_tset(L, b, k));
      if (r) { copyTV(L, r, base + bc_a(ins)); NEXT(); }
    }
  vmeta_tset_call: {
      /* Call __newindex: L->top = new base, stack = cont/func/t/k/(v). */
      TValue *nb = L->top;
      setframe_pc(nb-2, pc);  /* [cont|PC] */
      copyTV(L, nb+2, base + bc_a(ins));
      ftsz = (intptr_t)((char *)nb - (char *)base) + FRAME_CONT;
      base = nb;
      nargs = 3;
      goto vm_call_dispatch_f;
    }
  }

  case BC_TSETR: {
    GCtab *t = tabV(base + bc_b(ins));
    int32_t i = lj_num2int(numV(base + bc_c(ins)));
    TValue *v;
    if ((uint32_t)i < t->asize) {
      v = arrayslot(t, i);
    } else {  /* vmeta_tsetr */
      PROTECT(v = lj_tab_setinth(L, t, i));
    }
    if (isblack(obj2gco(t))) lj_gc_barrierback(g, t);
    copyTV(L, v, base + bc_a(ins));
    NEXT();
  }

  case BC_TSETM: {
    TValue *a = base + bc_a(ins);
    GCtab *t = tabV(a-1);  /* Guaranteed to be a table. */
    uint32_t idx = KNUM(bc_d(ins))->u32.lo;  /* Integer constant in lo-word. */
    uint32_t n = cf->multres - 1;
    if (isblack(obj2gco(t))) lj_gc_barrierback(g, t);
    if (n) {
      TValue *dst;
      if (idx + n > t->asize) {
	PROTECT(lj_tab_reasize(L, t, idx + n));
	a = base + bc_a(ins);
      }
      dst = arrayslot(t, idx);
      while (n--) copyTV(L, dst++, a++);
    }
    NEXT();
  }

  /* -- Calls and vararg handling ----------------------------------------- */

  case BC_CALL: case BC_CALLM: {
    nargs = (int32_t)bc_c(ins) - 1;
    if (h == BC_CALLM) nargs += (int32_t)cf->multres;
    oldbase = base;
    ftsz = (intptr_t)pc;
    base = base + bc_a(ins) + 1;
    tailcall = 0;
    goto vm_call_dispatch;
  }

  case BC_CALLMT: case BC_CALLT: {
    TValue *ra = base + bc_a(ins) + 1;
    nargs = (int32_t)bc_d(ins) - 1;
    if (h == BC_CALLMT) nargs += (int32_t)cf->multres;
    if (!tvisfunc(ra-1)) {
      oldbase = base;
      ftsz = (intptr_t)pc;
      tailcall = 1;
      rp = ra;
      goto vmeta_call;
    }
    {
      /* BC_CALLT_Z: move the function and its arguments down, reuse the frame link. */
      TValue *dst = base;
      int32_t i;
      fpc = frame_ftsz(base-1);
      if ((fpc & FRAME_TYPEP) == FRAME_VARG) {  /* Tailcall from vararg. */
	base = (TValue *)((char *)base - (fpc - FRAME_VARG));
	dst = base;
	fpc = frame_ftsz(base-1);
      }
      /* Copy function down, keep the frame link. */
      setgcref((base-1)->fr.func, obj2gco(funcV(ra-1)));
      for (i = 0; i < nargs; i++) copyTV(L, dst+i, ra+i);
      {
	GCfunc *fn = frame_func(base-1);
	pc = mref(fn->l.pc, BCIns);
	ins = *pc++;
	h = HANDLER(disp[bc_op(ins)]);
	goto dispatch;
      }
    }
  }

  case BC_ITERC: {
    TValue *ra = base + bc_a(ins) + 1;  /* fb = base+1 */
    copyTV(L, ra, ra-3);  /* Copy state. */
    copyTV(L, ra+1, ra-2);  /* Copy control var. */
    copyTV(L, ra-1, ra-4);  /* Copy callable. */
    nargs = 2;
    oldbase = base;
    ftsz = (intptr_t)pc;
    base = ra;
    tailcall = 0;
    goto vm_call_dispatch;
  }

  case BC_ITERN:
    if (hotloop(gg, pc)) goto vm_hotloop;
    /* fallthrough */
  case LJ_VMH_IITERN: {
    TValue *a = base + bc_a(ins);
    GCtab *t = tabV(a-2);
    uint32_t idx = (a-1)->u32.lo;  /* Index from the control var. */
    BCIns iterl = *pc++;  /* The ITERL after ITERN holds the branch target. */
    for (; idx < t->asize; idx++) {  /* Traverse array part. */
      cTValue *v = arrayslot(t, idx);
      if (!tvisnil(v)) {
	setnumV(a, (lua_Number)idx);
	copyTV(L, a+1, v);
	(a-1)->u32.lo = idx + 1;
	BRANCH(iterl);
	EDGE();
	NEXT();
      }
    }
    for (idx -= t->asize; idx <= t->hmask; idx++) {  /* Traverse hash part. */
      Node *n = &noderef(t->node)[idx];
      if (!tvisnil(&n->val)) {
	copyTV(L, a, &n->key);
	copyTV(L, a+1, &n->val);
	(a-1)->u32.lo = idx + 1 + t->asize;
	BRANCH(iterl);
	EDGE();
	NEXT();
      }
    }
    NEXT();  /* End of iteration: continue after ITERL. */
  }

  case BC_ISNEXT: {
    TValue *a = base + bc_a(ins);
    if (tvisfunc(a-3) && funcV(a-3)->c.ffid == FF_next_N && tvistab(a-2) &&
	tvisnil(a-1)) {
      BRANCH(ins);
      (a-1)->u32.lo = 0;  /* Initialize control var. */
      (a-1)->u32.hi = LJ_KEYINDEX;
    } else {  /* Despecialize bytecode if any of the checks fail. */
      BCIns *ip = (BCIns *)pc - 1;
      setbc_op(ip, BC_JMP);
      BRANCH(ins);
      ip = (BCIns *)pc;
      if (bc_op(*ip) == BC_ITERN) {
	setbc_op(ip, BC_ITERC);
      } else {  /* Unpatch JLOOP. */
	GCtrace *T = traceref(G2J(g), bc_d(*ip));
	*ip = T->startins;
	setbc_op(ip, BC_ITERC);
      }
    }
    NEXT();
  }

  case BC_VARG: {
    TValue *a = base + bc_a(ins);
    TValue *vb = (TValue *)((char *)base + bc_c(ins)*8 + 8 + FRAME_VARG -
			    frame_ftsz(base-1)) - 1;  /* First vararg. */
    TValue *ve = base - 1;  /* Past the last vararg. */
    int32_t nv = vb < ve ? (int32_t)(ve - vb) : 0;
    if (bc_b(ins)) {
      int32_t i, want = (int32_t)bc_b(ins) - 1;
      for (i = 0; i < want; i++) {
	if (i < nv) copyTV(L, a+i, vb+i); else setnilV(a+i);
      }
    } else {  /* Copy all varargs. */
      int32_t i;
      cf->multres = (uint32_t)nv + 1;
      if (a + nv > tvref(L->maxstack)) {
	ptrdiff_t vbo = savestack(L, vb);
	L->top = a;
	PROTECT(lj_state_growstack(L, (MSize)nv));
	a = base + bc_a(ins);
	vb = restorestack(L, vbo);
      }
      for (i = 0; i < nv; i++) copyTV(L, a+i, vb+i);
    }
    NEXT();
  }

  /* -- Returns ----------------------------------------------------------- */

  case BC_RETM: case BC_RET: case BC_RET0: case BC_RET1:
    rp = base + bc_a(ins);
    nres = (int32_t)bc_d(ins) - 1;
    if (h == BC_RETM) nres += (int32_t)cf->multres;
    fpc = frame_ftsz(base-1);
    cf->multres = (uint32_t)nres + 1;
    for (;;) {
      if ((fpc & FRAME_TYPE) == FRAME_LUA) goto ret_lua;
      if ((fpc & FRAME_TYPEP) != FRAME_VARG) goto vm_return;
      /* Return from vararg function: relocate BASE down. */
      base = (TValue *)((char *)base - (fpc - FRAME_VARG));
      fpc = frame_ftsz(base-1);
    }

  ret_lua: {  /* BC_RET_Z: return to a Lua frame. */
      const BCIns *rpc = (const BCIns *)fpc;
      BCIns cins = rpc[-1];
      TValue *dst = base-1;
      int32_t i, want = (int32_t)bc_b(cins) - 1;
      for (i = 0; i < nres; i++) copyTV(L, dst+i, rp+i);
      for (; i < want; i++) setnilV(dst+i);  /* Fill up results with nil. */
      base = base - 1 - bc_a(cins);
      pc = rpc;
      LOAD_KBASE();
      NEXT();
    }

  vm_returnc:
    /* nres results from rp, frame link fpc (vm_returnc). */
    cf->multres = (uint32_t)nres + 1;
    if ((fpc & FRAME_TYPE) == FRAME_LUA) goto ret_lua;
  vm_return:
    if (((fpc ^ FRAME_C) & FRAME_TYPE) == 0) {  /* Return to C. */
      TValue *dst = base-1;
      int32_t i, want = cf->nres - 1;  /* Wanted results, -1 = all. */
      setvmstate(g, C);
      L->base = (TValue *)((char *)base - (fpc & ~(intptr_t)FRAME_TYPEP));
      for (i = 0; i < nres; i++) copyTV(L, dst+i, rp+i);
      if (want >= 0 && want != nres) {
	if (want > nres) {  /* More results wanted: fill up with nil. */
	  if (dst + want > tvref(L->maxstack)) {
	    ptrdiff_t dsto = savestack(L, dst);
	    L->top = dst + nres;
	    lj_state_growstack(L, (MSize)want);
	    dst = restorestack(L, dsto);
	  }
	  for (; i < want; i++) setnilV(dst+i);
	}
	nres = want;
      }
      L->top = dst + nres;
      L->cframe = cf->prev;  /* vm_leave_cp */
      return 0;
    }
    /* vm_returnp */
    if ((fpc & FRAME_P)) {  /* Return from pcall or xpcall fast func. */
      base = (TValue *)((char *)base - (fpc & ~(intptr_t)FRAME_TYPEP));
      rp--;  /* Prepend true to results. */
      fpc = frame_ftsz(base-1);
      setpriV(rp, LJ_TTRUE);
      nres++;
      goto vm_returnc;
    }
    {  /* cont_dispatch: return to a continuation frame. */
      TValue *mbase = base;
      uint32_t cont;
      TValue *res = rp;
      base = (TValue *)((char *)base - (fpc & ~(intptr_t)FRAME_TYPEP));
      setnilV(rp + nres);  /* Ensure one valid arg. */
      pc = frame_contpc(mbase-1);
      cont = HANDLER(frame_contf(mbase-1));
      LOAD_KBASE();
      switch (cont) {
      case LJ_VMH_cont_ra:
	copyTV(L, base + bc_a(pc[-1]), res);
	NEXT();
      case LJ_VMH_cont_nop:
	NEXT();
      case LJ_VMH_cont_cat: {
	TValue *top = mbase - 2;
	BCIns cins = pc[-1];
	ins = cins;
	if (top == base + bc_b(cins)) {  /* Done: cont_ra. */
	  copyTV(L, base + bc_a(cins), res);
	  NEXT();
	}
	copyTV(L, top, res);
	PROTECT(rp = lj_meta_cat(L, top, (int)(top - (base + bc_b(cins)))));
	goto BC_CAT_Z;
      }
      case LJ_VMH_cont_condt:
	COND_JMP(tvistruecond(res));
	NEXT();
      case LJ_VMH_cont_condf:
	COND_JMP(!tvistruecond(res));
	NEXT();
      case LJ_VMH_cont_hook:
	pc++;
	cf->multres = (mbase-3)->u32.lo;  /* Restore MULTRES for *M ins. */
	REDISPATCH();
      case LJ_VMH_cont_stitch: {
	/* Trace stitching: the results of the stitched call go to its
	** call base, then the trace after the call is linked or recorded. */
	GCtrace *prev = (GCtrace *)gcref((mbase-3)->gcr);
	BCIns cins = pc[-1];
	TValue *cb = base + bc_a(cins);
	int32_t i, n = (int32_t)cf->multres - 1, want = (int32_t)bc_b(cins) - 1;
	for (i = 0; i < n; i++) copyTV(L, cb+i, res+i);
	for (; i < want; i++) setnilV(cb+i);
	if (!prev || prev->link == prev->traceno) NEXT();  /* Blacklisted. */
	if (prev->link) {  /* Go on in the stitched trace. */
	  tn = prev->link;
	  if (lj_cvm_trace_runs(G2J(g), tn)) goto trace_enter;
	  NEXT();
	}
	G2J(g)->exitno = prev->traceno;
	G2J(g)->L = L;
	L->base = base;
	lj_dispatch_stitch(G2J(g), pc);
	base = L->base;
	NEXT();
      }
      default:
	lj_assertL(0, "bad continuation %d", (int)cont);
	NEXT();
      }
    }

  vmeta_binop:
    /* Call a metamethod: rp = new base, stack = cont/func/o1/o2. */
    setframe_pc(rp-2, pc);  /* [cont|PC] */
    ftsz = (intptr_t)((char *)rp - (char *)base) + FRAME_CONT;
    oldbase = base;
    base = rp;
    nargs = 2;
    tailcall = 0;
    goto vm_call_dispatch;

  /* -- Loops and branches ------------------------------------------------ */

  case BC_FORI: case BC_JFORI: {
    TValue *a = base + bc_a(ins);
    lua_Number idx, stop;
    if (!(tvisnum(a) && tvisnum(a+1) && tvisnum(a+2))) {  /* vmeta_for */
      PROTECT(lj_meta_for(L, a));
      REDISPATCH();  /* Retry FORI or JFORI. */
    }
    idx = numV(a); stop = numV(a+1);
    setnumV(a+3, idx);
    if ((a+2)->u32.hi & 0x80000000u ? !(idx >= stop) : !(idx <= stop)) {
      BRANCH(ins);  /* The loop does not run. */
      NEXT();
    }
    if (h == BC_JFORI) {  /* Enter the loop's trace (in the JFORL). */
      tn = bc_d(pc[bc_j(ins)-1]);
      if (lj_cvm_trace_runs(G2J(g), tn)) goto trace_enter;
    }
    NEXT();
  }

  case BC_FORL:
    if (hotloop(gg, pc)) goto vm_hotloop;
    /* fallthrough */
  case BC_IFORL:
  forl: {
    TValue *a = base + bc_a(ins);
    lua_Number idx = numV(a) + numV(a+2), stop = numV(a+1);
    setnumV(a, idx);
    setnumV(a+3, idx);
    if ((a+2)->u32.hi & 0x80000000u ? idx >= stop : idx <= stop) {
      BRANCH(ins);  /* Loop back. */
      EDGE();
    }
    NEXT();
  }

  case BC_ITERL:
    if (hotloop(gg, pc)) goto vm_hotloop;
    /* fallthrough */
  case BC_IITERL:
  iterl: {
    TValue *a = base + bc_a(ins);
    if (!tvisnil(a)) {
      copyTV(L, a-1, a);
      BRANCH(ins);
      EDGE();
    }
    NEXT();
  }

  case BC_LOOP:
    if (hotloop(gg, pc)) goto vm_hotloop;
    /* fallthrough */
  case BC_ILOOP:
    EDGE();
    NEXT();

  case BC_JMP:
    BRANCH(ins);
    NEXT();

  /* J-ops: the loop goes on in its trace (trace_enter), as the assembly VM
  ** jumps to machine code. A trace that does not run leaves the original
  ** instruction of the trace to run here. */
  case BC_JFORL: case BC_JITERL: case BC_JLOOP: {
    GCtrace *T;
    tn = bc_d(ins);
    T = traceref(G2J(g), tn);
    ins = T->startins;
    if (lj_cvm_trace_runs(G2J(g), tn)) {
      TValue *a = base + bc_a(ins);
      if (h == BC_JFORL) {  /* BC_FORL without the branch. */
	lua_Number idx = numV(a) + numV(a+2), stop = numV(a+1);
	setnumV(a, idx);
	setnumV(a+3, idx);
	if (!((a+2)->u32.hi & 0x80000000u ? idx >= stop : idx <= stop)) NEXT();
      } else if (h == BC_JITERL) {  /* BC_ITERL without the branch. */
	if (tvisnil(a)) NEXT();
	copyTV(L, a-1, a);
      }
      goto trace_enter;
    }
    switch (bc_op(ins)) {
    case BC_FORL: goto forl;
    case BC_ITERL: goto iterl;
    case BC_ITERN: h = LJ_VMH_IITERN; goto dispatch;
    case BC_LOOP: NEXT();
    default: h = bc_op(ins); goto dispatch;  /* A return trace's RET*. */
    }
  }

  trace_enter: {  /* Run trace tn from base (BC_JLOOP). */
    int32_t r;
    L->base = base;
    r = lj_cvm_trace_run(L, base, tn);
    /* vm_exit_interp: base, PC and MULTRES as the trace left them. */
    base = L->base;
    pc = mref(cf->pc, const BCIns);
    if (r < 0 && r >= -LUA_ERRERR) lj_err_trace(L, -r);  /* Rethrow. */
    cf->multres = (uint32_t)r;
    /* A trace's return counts as an edge: a loop whose traces stitch (or
    ** exit) every time never takes an interpreted back-edge, yet must pause
    ** for the wall-time budget and for the optimised code of this function.
    ** (A stitch returns at the called function's header, MULTRES nargs+1.)
    ** Not before a JLOOP's original instruction (-17).
    */
    if (LJ_UNLIKELY(--cf->edges <= 0) && r >= 0) {
      L->base = base;
      cf->contpc = pc;
      return CVM_PAUSED;
    }
    ins = *pc++;
    if (r == -17) {  /* Dispatch the original instruction of a JLOOP. */
      ins = traceref(G2J(g), bc_d(ins))->startins;
      LOAD_KBASE();
      h = STATIC_HANDLER(disp, bc_op(ins));
      goto dispatch;
    }
    if (bc_op(ins) >= BC_FUNCF) {
      nargs = r - 1;  /* Function header: MULTRES is nargs+1. */
    } else {
      LOAD_KBASE();
    }
    h = HANDLER(disp[bc_op(ins)]);
    goto dispatch;
  }

  /* -- Function headers -------------------------------------------------- */

  case BC_FUNCF:
    if (hotcall(gg, pc)) goto vm_hotcall;
    /* fallthrough */
  case BC_IFUNCF: case BC_JFUNCF: {
    GCproto *pt = (GCproto *)((char *)(pc-1) - sizeof(GCproto));
    kbase = mref(pt->k, TValue);
    if (base + bc_a(ins) > tvref(L->maxstack)) {  /* vm_growstack_f */
      L->base = base;
      L->top = base + nargs;
      SAVE_PC();
      lj_state_growstack(L, bc_a(ins));
      goto vm_growstack_retry;
    }
    for (; nargs < (int32_t)pt->numparams; nargs++)
      setnilV(base + nargs);  /* Clear missing parameters. */
    if (h == BC_JFUNCF) {
      tn = bc_d(ins);
      if (lj_cvm_trace_runs(G2J(g), tn)) goto trace_enter;
    }
    EDGE();
    NEXT();
  }

  case BC_FUNCV: case BC_IFUNCV: case BC_JFUNCV: {
    GCproto *pt = (GCproto *)((char *)(pc-1) - sizeof(GCproto));
    TValue *nb = base + nargs + 1, *src = base;
    int32_t i, np = pt->numparams;
    if (nb + bc_a(ins) > tvref(L->maxstack)) {  /* vm_growstack_v */
      L->base = base;
      L->top = base + nargs;
      SAVE_PC();
      /* As vm_growstack_v: the frame size (the retry grows again if the
      ** vararg frame still does not fit), so the stack grows as on x86. */
      lj_state_growstack(L, bc_a(ins));
      goto vm_growstack_retry;
    }
    /* Vararg frame: function copy and delta + FRAME_VARG below new base. */
    copyTV(L, nb-1, base-1);
    setframe_ftsz(nb-1, (nargs+1)*8 + FRAME_VARG);
    for (i = 0; i < np; i++) {  /* Copy fixarg slots up to new frame. */
      if (src + i < nb-1) {
	copyTV(L, nb+i, src+i);
	setnilV(src+i);  /* Clear old fixarg slot (help the GC). */
      } else {
	setnilV(nb+i);  /* Clear missing parameters. */
      }
    }
    base = nb;
    kbase = mref(pt->k, TValue);
    EDGE();
    NEXT();
  }

  vm_growstack_retry: {
    /* The stack moved: recompute and retry the call (ins_callt). */
    GCfunc *fn;
    base = L->base;
    nargs = (int32_t)(L->top - base);
    fn = frame_func(base-1);
    pc = mref(fn->l.pc, BCIns);
    ins = *pc++;
    h = HANDLER(disp[bc_op(ins)]);
    goto dispatch;
  }

  case BC_FUNCC: case BC_FUNCCW: {
    GCfunc *fn = frame_func(base-1);
    int32_t n;
    L->base = base;
    L->top = base + nargs;
    if (L->top + LUA_MINSTACK > tvref(L->maxstack)) {  /* vm_growstack_c */
      lj_state_growstack(L, LUA_MINSTACK);
      goto vm_growstack_retry;
    }
    setvmstate(g, C);
    if (h == BC_FUNCC) n = (*fn->c.f)(L);
    else n = (*(CVMWrapFunction)(void *)g->wrapf)(L, fn->c.f);
    setvmstate(g, INTERP);
    base = L->base;
    rp = L->top - n;
    nres = n;
    fpc = frame_ftsz(base-1);
    if (n < 0) return LUA_YIELD;  /* vm_unwind_yield */
    goto vm_returnc;
  }

  /* -- Special dispatch targets ------------------------------------------ */

  case LJ_VMH_record: {  /* vm_record: the recorder sees every bytecode. */
    uint8_t hm = g->hookmask;
    if ((hm & HOOK_VMEVENT)) REDISPATCH();  /* No recording in vmevent. */
    if (!(hm & HOOK_ACTIVE) && (hm & (LUA_MASKLINE|LUA_MASKCOUNT)))
      g->hookcount--;  /* Keep the hook count consistent. */
    goto vm_dispatch_ins;
  }

  case LJ_VMH_rethook:
    if ((g->hookmask & HOOK_ACTIVE)) REDISPATCH();
    goto vm_dispatch_ins;

  case LJ_VMH_inshook: {
    uint8_t hm = g->hookmask;
    if ((hm & HOOK_ACTIVE) || !(hm & (LUA_MASKLINE|LUA_MASKCOUNT)))
      REDISPATCH();
    if (--g->hookcount != 0 && !(hm & LUA_MASKLINE)) REDISPATCH();
  }
  vm_dispatch_ins:
    /* SAVE_PC must hold the previous PC: lj_dispatch_ins updates it. */
    L->base = base;
    lj_dispatch_ins(L, pc);
    base = L->base;
    REDISPATCH();  /* The instruction may have been patched. */

  case LJ_VMH_profhook:
    REDISPATCH();  /* No profiler on the portable target. */

  case LJ_VMH_callhook:
    SAVE_PC();
    goto vm_dispatch_call;
  vm_hotcall:
    SAVE_PC();
    pc = (const BCIns *)((uintptr_t)pc | 1);  /* Marker for hot call. */
  vm_dispatch_call: {
      ASMFunction f;
      L->base = base;
      L->top = base + nargs;
      f = lj_dispatch_call(L, pc);
      setmref(cf->pc, NULL);  /* Invalidate for subsequent line hook. */
      pc = (const BCIns *)((uintptr_t)pc & ~(uintptr_t)1);
      base = L->base;
      nargs = (int32_t)(L->top - base);
      ins = pc[-1];
      h = HANDLER(f);
      goto dispatch;
    }

  vm_hotloop: {  /* Hot loop counter underflow. */
      jit_State *J = G2J(g);
      L->base = base;
      L->top = base + CURR_PROTO()->framesize;
      J->L = L;
      SAVE_PC();
      lj_trace_hot(J, pc);
      base = L->base;
      REDISPATCH();
    }

  /* -- Fast functions ---------------------------------------------------- */

  default: {
    GCfunc *fn;
    lua_CFunction ff;
    int32_t r;
    lj_assertL(h >= BC__MAX && h < BC__MAX + GG_NUM_ASMFF,
	       "bad dispatch target %d", (int)h);
    fn = frame_func(base-1);
    /* Results overwrite the frame slot: fetch the frame link first. */
    fpc = frame_ftsz(base-1);
    switch (fn->c.ffid) {
    case FF_pcall:
      if (nargs < 1 || base + nargs + 1 > tvref(L->maxstack)) break;
      ftsz = 8 + FRAME_PCALL;
      oldbase = base;
      base++;
      nargs--;
      goto ff_pcall;
    case FF_xpcall:
      if (nargs < 2 || base + nargs + 1 > tvref(L->maxstack) || !tvisfunc(base+1))
	break;
      {  /* Swap function and traceback. */
	TValue tmp;
	copyTV(L, &tmp, base);
	copyTV(L, base, base+1);
	copyTV(L, base+1, &tmp);
      }
      ftsz = 16 + FRAME_PCALL;
      oldbase = base;
      base += 2;
      nargs -= 2;
    ff_pcall:
      /* Remember active hook before pcall. */
      ftsz += (g->hookmask >> HOOK_ACTIVE_SHIFT) & 1;
      tailcall = 0;
      goto vm_call_dispatch;
    case FF_coroutine_yield:
      if (!cframe_canyield(L->cframe)) break;
      L->base = base;
      L->top = base + nargs;
      L->cframe = NULL;
      L->status = LUA_YIELD;
      return LUA_YIELD;  /* vm_leave_unw */
    case FF_coroutine_resume:
      if (nargs < 1) break;
      /* fallthrough */
    case FF_coroutine_wrap_aux:
      setmref(cf->pc, (const BCIns *)fpc);
      if (!cvm_ff_resume(L, fn, base, nargs, &rp, &nres)) break;
      base = L->base;
      goto vm_returnc;
    default:
      break;
    }
    /* Table-driven fast paths, then the C fallback in lib_*.c. */
    ff = lj_cvm_ff[fn->c.ffid];
    L->base = base;
    L->top = base + nargs;
    r = 0;
    if (ff && L->top + LUA_MINSTACK <= tvref(L->maxstack)) {
      r = ff(L);
      base = L->base;
    }
    if (r == 0) {  /* fff_fallback */
      setmref(cf->pc, (const BCIns *)fpc);
      L->base = base;
      L->top = base + nargs;
      if (L->top + LUA_MINSTACK > tvref(L->maxstack)) {
	lj_state_growstack(L, LUA_MINSTACK);
	r = 0;  /* Dumb retry (goes through ff first). */
      } else {
	r = (*fn->c.f)(L);
      }
      base = L->base;
    }
    if (r > 0) {  /* fff_res: results from base-1. */
      rp = base-1;
      nres = r - 1;
      goto vm_returnc;
    }
    nargs = (int32_t)(L->top - base);
    if (r == 0) {  /* Retry fast path. */
      fn = frame_func(base-1);
      pc = mref(fn->l.pc, BCIns);
      ins = *pc++;
      h = HANDLER(disp[bc_op(ins)]);
      goto dispatch;
    }
    /* vm_call_tail: the handler set up a call of base-1. Reconstruct the
    ** previous base for vmeta_call. */
    ftsz = fpc;
    if ((ftsz & FRAME_TYPE) == FRAME_LUA)
      oldbase = base - 1 - bc_a(((const BCIns *)ftsz)[-1]);
    else
      oldbase = (TValue *)((char *)base - (ftsz & ~(intptr_t)FRAME_TYPEP));
    L->base = oldbase;
    tailcall = 0;
    goto vm_call_dispatch;
  }
  }

  /* -- Calls ------------------------------------------------------------- */

vm_call_dispatch:
  /* Call base-1 with nargs arguments; link ftsz (PC or delta+type). */
  if (!tvisfunc(base-1)) {
    rp = base;
    goto vmeta_call;
  }
vm_call_dispatch_f: {
    GCfunc *fn = funcV(base-1);  /* Still a TValue: the link comes next. */
    (base-1)->fr.tp.ftsz = (int32_t)ftsz;  /* ins_call */
    pc = mref(fn->l.pc, BCIns);
    ins = *pc++;
    h = HANDLER(disp[bc_op(ins)]);
    goto dispatch;
  }

vmeta_call: {
    /* Resolve and call __call: insert it below the arguments. rp = base. */
    TValue *func = rp - 1;
    ptrdiff_t rpo = savestack(L, rp);
    L->base = oldbase;
    /* SAVE_PC holds the pending frame link: lj_err_optype_call() uses it
    ** to report a failed lua_pcall/pcall/xpcall in the right frame. */
    setmref(cf->pc, (const BCIns *)ftsz);
    lj_meta_call(L, func, rp + nargs);
    rp = restorestack(L, rpo);
    base = L->base;
    nargs++;
    if (tailcall) {
      TValue *ra = rp;
      tailcall = 0;
      /* Continue with BC_CALLT: base is the caller's frame. */
      {
	TValue *dst;
	int32_t i;
	fpc = frame_ftsz(base-1);
	if ((fpc & FRAME_TYPEP) == FRAME_VARG) {
	  base = (TValue *)((char *)base - (fpc - FRAME_VARG));
	}
	dst = base;
	setgcref((base-1)->fr.func, obj2gco(funcV(ra-1)));
	for (i = 0; i < nargs; i++) copyTV(L, dst+i, ra+i);
	{
	  GCfunc *fn = frame_func(base-1);
	  pc = mref(fn->l.pc, BCIns);
	  ins = *pc++;
	  h = HANDLER(disp[bc_op(ins)]);
	  goto dispatch;
	}
      }
    }
    base = rp;
    goto vm_call_dispatch_f;
  }

#undef NEXT
#undef EDGE
#undef REDISPATCH
#undef SAVE_PC
#undef PROTECT
#undef KGC
#undef KNUM
#undef CURR_PROTO
#undef LOAD_KBASE
#undef BRANCH
#undef COND_JMP
}

/* -- VM entries and error unwinding -------------------------------------- */

/* Run until the entry returns, continuing after every pause. At a pause the
** observer may stop the program (a wall-time budget): its error is raised
** there, before the instruction the interpreter continues with.
*/
static int cvm_run(lua_State *L, CVMFrame *cf, int start, TValue *ra0,
		   int32_t ftype)
{
  int r = cvm_execute(L, cf, start, ra0, ftype);
  while (r == CVM_PAUSED) {
    const ljo_Observer *obs = G2J(G(L))->observer;
    cf->edges = CVM_PAUSE_EDGES;
    if (obs && obs->pause) {
      setmref(cf->pc, cf->contpc);
      if (bc_op(*cf->contpc) >= BC_FUNCF)  /* A call's arguments. */
	L->top = L->base + (cf->multres - 1);
      else
	L->top = curr_topL(L);
      obs->pause(obs->ud, L);
    }
    r = cvm_execute(L, cf, CVM_START_CONTINUE, NULL, 0);
  }
  return r;
}

/* Every entry sets up its C frame and runs the interpreter under setjmp():
** lj_vm_unwind_c() makes the entry return an error code, lj_vm_unwind_ff()
** makes it continue at the pcall frame the error was caught by. One setjmp()
** per entry, none per call: Emscripten's setjmp is slow.
*/
static int cvm_caught(lua_State *L, CVMFrame *cf, int r)
{
  if (r == CVM_JMP_UNWIND_FF)
    return cvm_run(L, cf, CVM_START_UNWIND_FF, NULL, 0);
  setvmstate(G(L), C);  /* vm_unwind_c_eh */
  return r;
}

static void cvm_frame_init(lua_State *L, CVMFrame *cf, void *prev)
{
  cf->prev = prev;
  setgcref(cf->L, obj2gco(L));
  setmref(cf->pc, L);  /* Any value outside of bytecode is ok. */
  cf->multres = 0;
  cf->nres = 0;
  cf->errf = 0;
  cf->edges = CVM_PAUSE_EDGES;
}

/* Call the function below base with the arguments up to L->top. */
void lj_vm_call(lua_State *L, TValue *base, int nres1)
{
  CVMFrame cf;
  int r;
  cvm_frame_init(L, &cf, L->cframe);
  cf.nres = nres1;
  L->cframe = &cf;
  r = setjmp(cf.jb);
  if (r == 0)
    (void)cvm_run(L, &cf, CVM_START_CALL, base, FRAME_C);
  else
    (void)cvm_caught(L, &cf, r);
}

/* Same, protected: returns 0 or the error code. */
int lj_vm_pcall(lua_State *L, TValue *base, int nres1, ptrdiff_t ef)
{
  CVMFrame cf;
  int r;
  cvm_frame_init(L, &cf, L->cframe);
  cf.nres = nres1;
  cf.errf = (int32_t)ef;
  L->cframe = &cf;
  r = setjmp(cf.jb);
  if (r == 0)
    return cvm_run(L, &cf, CVM_START_CALL, base, FRAME_CP);
  return cvm_caught(L, &cf, r);
}

/* Protected C call: cp() may return a base to call a function from there. */
int lj_vm_cpcall(lua_State *L, lua_CFunction func, void *ud,
		 lua_CPFunction cp)
{
  CVMFrame cf;
  int r;
  cvm_frame_init(L, &cf, L->cframe);
  cf.nres = -(int32_t)savestack(L, L->top);  /* C frame without Lua frame. */
  L->cframe = &cf;
  setgcref(G(L)->cur_L, obj2gco(L));
  r = setjmp(cf.jb);
  if (r == 0) {
    TValue *base = cp(L, func, ud);
    if (!base) {  /* vm_leave_cp */
      L->cframe = cf.prev;
      return 0;
    }
    return cvm_run(L, &cf, CVM_START_CALL, base, FRAME_CP);
  }
  return cvm_caught(L, &cf, r);
}

/* Start or continue a coroutine: returns 0, LUA_YIELD or an error code. */
int lj_vm_resume(lua_State *L, TValue *base, int nres1, ptrdiff_t ef)
{
  CVMFrame cf;
  int r;
  UNUSED(nres1); UNUSED(ef);
  cvm_frame_init(L, &cf, NULL);
  setmref(cf.pc, NULL);
  L->cframe = (void *)((intptr_t)&cf | CFRAME_RESUME);
  r = setjmp(cf.jb);
  if (r == 0) {
    if (L->status == LUA_OK)  /* Initial resume (like a call). */
      return cvm_run(L, &cf, CVM_START_CALL, base, FRAME_CP);
    L->status = LUA_OK;  /* Resume after yield (like a return). */
    return cvm_run(L, &cf, CVM_START_RESUME, base, 0);
  }
  return cvm_caught(L, &cf, r);
}

void LJ_FASTCALL lj_vm_unwind_c(void *cframe, int errcode)
{
  longjmp(((CVMFrame *)cframe_raw(cframe))->jb, errcode);
}

void LJ_FASTCALL lj_vm_unwind_ff(void *cframe)
{
  longjmp(((CVMFrame *)cframe_raw(cframe))->jb, CVM_JMP_UNWIND_FF);
}

/* The IR's ITERN helper (IRCALL_lj_vm_next) must exist for LuaJIT's call
** table, but its result is two values (the entry and the next index, as the
** assembly VM's vm_next returns them in two registers): the trace executor
** runs its own (cvt_next() in lj_cvm_trace.c) and never calls this one.
*/
TValue *lj_vm_next(GCtab *t, uint32_t idx)
{
  UNUSED(t); UNUSED(idx);
  lj_assertX(0, "lj_vm_next called");
  return NULL;
}
