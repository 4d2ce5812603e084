/*
** Trace compiler of the portable target: a trace's program to WebAssembly.
** Included by lj_cvm_trace.c, as lj_asm.c includes lj_asm_<arch>.h.
**
** Input is the executor's program (lj_vm_trace_load has made the backend's
** decisions: live instructions, GC checks, fused BUFPUTs, PHI moves), output
** one module with one function per trace:
**
**   (func (param $L i32) (param $entry i32) (result i32))
**
** It imports the engine's memory and function table. IR values live in wasm
** locals (f64 for numbers, i32 for everything else); constants are inline.
** A failed guard stores the values its snapshot restores into the program's
** value array -- where lj_snap_restore reads them (ExitState.val) -- and
** returns the exit number. The trace's LOOP is a wasm loop with the PHI moves
** at its back edge. Instructions that are calls into the runtime anyway
** (allocations, string buffers, IR calls, HREF, ...) run in the executor:
** their operands are stored to the value array, the executor runs that one
** instruction (cvt_step) and the result is loaded back. So every trace the
** executor runs compiles, and both run the same code for the same operation.
**
** Return values: an exit number, CVT_WASM_TAIL (the end of a trace without a
** loop: the executor writes the last snapshot and follows the link) or
** CVT_WASM_PAUSE (every CVT_PAUSE_LOOPS iterations, as the executor pauses;
** the loop's values are in the value array, and $entry = 1 goes on at the
** loop).
*/

#define CVT_WASM_TAIL	(-1)
#define CVT_WASM_PAUSE	(-2)

/* Fixed locals after the two parameters. */
enum {
  WL_L, WL_ENTRY,	/* Parameters. */
  WL_BASE,		/* The trace's BASE (also in v[REF_BASE]). */
  WL_LOOPS,		/* Iterations until the next pause. */
  WL_TMP,		/* Scratch. */
  WL_TMPD,
  WL_TMPL,
  WL__FIRST		/* Locals of IR values start here. */
};

typedef struct WasmAsm {
  WasmBuf w;
  CVTProg *P;
  IRIns *ir;
  GCtrace *T;
  jit_State *J;
  uint32_t *loc;	/* wasm local of IR ref r at loc[r], or 0. */
  uint32_t *mark;	/* Stored at this exit already (== gen). */
  uint32_t gen;
  IRRef loopref;
  WasmBuf types;	/* The type section's entries, */
  uint32_t ntypes;	/* and how many. */
  uint32_t *mapofs;	/* Body offset where the code of IR ref mapref[i] */
  IRRef1 *mapref;	/* starts (0: no instruction's: entry, loop, tail). */
  uint32_t nmap, maxmap;
} WasmAsm;

/* The code that follows is IR ref's (for the text listing). */
static void wasm_mark(WasmAsm *as, IRRef ref)
{
  if (as->nmap < as->maxmap) {
    as->mapofs[as->nmap] = as->w.n;
    as->mapref[as->nmap++] = (IRRef1)ref;
  }
}

/* A function type: its parameters and result (0: none) as value types. */
typedef struct WasmSig {
  uint8_t np;
  uint8_t p[CCI_NARGS_MAX+1];
  uint8_t r;
} WasmSig;

/* The index of sig in the module's types, added if new. Types 0 (a trace)
** and 1 (cvt_step) come first.
*/
static uint32_t wasm_type(WasmAsm *as, const WasmSig *sig)
{
  WasmBuf *t = &as->types;
  uint32_t i, at = 0;
  uint8_t enc[CCI_NARGS_MAX+6];
  uint32_t n = 0;
  enc[n++] = WT_FUNC;
  enc[n++] = sig->np;
  for (i = 0; i < sig->np; i++) enc[n++] = sig->p[i];
  enc[n++] = sig->r ? 1 : 0;
  if (sig->r) enc[n++] = sig->r;
  for (i = 0; i < as->ntypes; i++) {  /* Entries are short: compare each. */
    uint32_t len = 3 + t->b[at+1] + (t->b[at+2+t->b[at+1]] ? 1 : 0);
    if (len == n && !memcmp(t->b + at, enc, n)) return i;
    at += len;
  }
  emit_bytes(t, enc, n);
  return as->ntypes++;
}

/* Call C function f (a function table index) with the arguments pushed. */
static void wasm_callc(WasmAsm *as, const void *f, const WasmSig *sig)
{
  uint32_t type = wasm_type(as, sig);
  emit_i32const(&as->w, (int32_t)(uintptr_t)f);
  emit_op(&as->w, CALL_INDIRECT);
  emit_u32(&as->w, type);
  emit_byte(&as->w, 0);  /* Table 0. */
}

/* A signature of i32 parameters (n, 0-5) and result r. */
static WasmSig wasm_sigi(uint32_t n, uint8_t r)
{
  WasmSig sig;
  uint32_t i;
  sig.np = (uint8_t)n;
  for (i = 0; i < n; i++) sig.p[i] = WT_I32;
  sig.r = r;
  return sig;
}

#define WIR(as, ref)	(&(as)->ir[(ref)])
#define WADDR(as, ref)	((uint32_t)(uintptr_t)&(as)->P->v[(ref)])

static int wasm_isnum(WasmAsm *as, IRRef ref)
{
  return irt_isnum(WIR(as, ref)->t);
}

/* Push the value of ref. */
static void wasm_get(WasmAsm *as, IRRef ref)
{
  WasmBuf *w = &as->w;
  if (ref == REF_BASE) {
    emit_local(w, WOP_LOCAL_GET, WL_BASE);
  } else if (ref < REF_BIAS) {  /* Constants: as the executor has them. */
    if (wasm_isnum(as, ref)) emit_f64const(w, as->P->v[ref].n);
    else emit_i32const(w, as->P->v[ref].i);
  } else if (as->loc[ref]) {
    emit_local(w, WOP_LOCAL_GET, as->loc[ref]);
  } else {  /* Defined by nothing compiled: the executor's value. */
    emit_i32const(w, 0);
    emit_mem(w, wasm_isnum(as, ref) ? WOP_F64_LOAD : WOP_I32_LOAD, 0,
	     WADDR(as, ref));
  }
}

static void wasm_set(WasmAsm *as, IRRef ref)
{
  emit_local(&as->w, WOP_LOCAL_SET, as->loc[ref]);
}

/* The value array and the locals: store to v[ref] and load from it. */
static void wasm_spill(WasmAsm *as, IRRef ref)
{
  WasmBuf *w = &as->w;
  if (ref < REF_BIAS || ref >= as->T->nins || !as->loc[ref]) return;
  emit_i32const(w, 0);
  emit_local(w, WOP_LOCAL_GET, as->loc[ref]);
  emit_mem(w, wasm_isnum(as, ref) ? WOP_F64_STORE : WOP_I32_STORE, 0,
	   WADDR(as, ref));
}

static void wasm_reload(WasmAsm *as, IRRef ref)
{
  WasmBuf *w = &as->w;
  emit_i32const(w, 0);
  emit_mem(w, wasm_isnum(as, ref) ? WOP_F64_LOAD : WOP_I32_LOAD, 0,
	   WADDR(as, ref));
  wasm_set(as, ref);
}

/* -- Exits --------------------------------------------------------------- */

/* What lj_snap_restore reads for a snapshot entry (load_usesnapref). */
static void wasm_exitref(WasmAsm *as, IRRef ref, IRRef snapref)
{
  IRIns *ir = WIR(as, ref);
  if (irref_isk(ref) || as->mark[ref] == as->gen) return;
  as->mark[ref] = as->gen;
  if (ir->r == RID_SUNK) {
    IRIns *irs;
    for (irs = WIR(as, snapref-1); irs > ir; irs--)
      if (irs->r == RID_SINK &&
	  (irs->s == 255 ? 1 : ir + irs->s == irs) &&
	  (irs->o == IR_ASTORE || irs->o == IR_HSTORE || irs->o == IR_FSTORE))
	wasm_exitref(as, irs->op2, snapref);
    return;
  }
  if (!ra_hasreg(regsp_reg(ir->prev))) {  /* Unlocated conversion. */
    if (ir->o == IR_CONV) wasm_exitref(as, ir->op1, snapref);
    return;
  }
  wasm_spill(as, ref);
}

static void wasm_snapvalues(WasmAsm *as, SnapNo sn)
{
  SnapShot *snap = &as->T->snap[sn];
  SnapEntry *map = &as->T->snapmap[snap->mapofs];
  MSize n;
  as->gen++;
  for (n = 0; n < snap->nent; n++)
    wasm_exitref(as, snap_ref(map[n]), snap->ref);
}

/* Leave through exit sn: its values to the value array, return sn. */
static void wasm_exit(WasmAsm *as, SnapNo sn)
{
  wasm_snapvalues(as, sn & ~CVT_EXIT_GC);
  emit_i32const(&as->w, (int32_t)sn);
  emit_op(&as->w, RETURN);
}

/* The guard holds when the i32 on the stack is not 0. */
static void wasm_guard(WasmAsm *as, SnapNo sn)
{
  emit_op(&as->w, I32_EQZ);
  emit_op(&as->w, IF);
  emit_byte(&as->w, WT_VOID);
  wasm_exit(as, sn);
  emit_op(&as->w, END);
}

/* The exit is taken when the i32 on the stack is not 0. */
static void wasm_exitif(WasmAsm *as, SnapNo sn)
{
  emit_op(&as->w, IF);
  emit_byte(&as->w, WT_VOID);
  wasm_exit(as, sn);
  emit_op(&as->w, END);
}

/* -- Instructions run by the executor ------------------------------------ */

/* Operands the executor reads from the value array for ci. */
static void wasm_stepinputs(WasmAsm *as, const CVTIns *ci)
{
  switch (ci->op) {
  case CVT_TNEW: case CVT_GCCHECK: case CVT_RETF:
    return;  /* Literals and constants only. */
  case CVT_CALL: {
    const CCallInfo *cci = &lj_ir_callinfo[ci->k];
    uint32_t n = CCI_NARGS(cci) - ((cci->flags & CCI_L) ? 1 : 0);
    IRIns *ir = WIR(as, ci->d);
    if (n == 0) return;
    while (n > 1) {
      n--;
      ir = WIR(as, ir->op1);
      wasm_spill(as, ir->op2);
    }
    wasm_spill(as, ir->op1);
    return;
  }
  case CVT_BUFPUT_MEM:
    wasm_spill(as, (IRRef)ci->k);
    break;
  default:
    break;
  }
  wasm_spill(as, ci->a);
  wasm_spill(as, ci->b);
}

/* Does ci write v[ci->d]? */
static int wasm_defines(WasmAsm *as, const CVTIns *ci)
{
  switch (ci->op) {
  case CVT_LT_NUM: case CVT_GE_NUM: case CVT_LE_NUM: case CVT_GT_NUM:
  case CVT_ULT_NUM: case CVT_UGE_NUM: case CVT_ULE_NUM: case CVT_UGT_NUM:
  case CVT_LT_INT: case CVT_GE_INT: case CVT_LE_INT: case CVT_GT_INT:
  case CVT_ULT_INT: case CVT_UGE_INT: case CVT_ULE_INT: case CVT_UGT_INT:
  case CVT_EQ_NUM: case CVT_NE_NUM: case CVT_EQ_INT: case CVT_NE_INT:
  case CVT_RETF: case CVT_TVSTORE: case CVT_FSTORE_8: case CVT_FSTORE_16:
  case CVT_FSTORE_32: case CVT_TBAR: case CVT_OBAR: case CVT_GCCHECK:
  case CVT_LOOP: case CVT_LOOPBACK: case CVT_JLOOP: case CVT_TAIL:
    return 0;
  case CVT_CALL:
    return !irt_isnil(WIR(as, ci->d)->t);
  default:
    return ci->d >= REF_BIAS;
  }
}

/* Run ci (in P->code) in the executor: cvt_step(L, P, ci) through the
** function table.
*/
static void wasm_step(WasmAsm *as, const CVTIns *ci)
{
  WasmBuf *w = &as->w;
  wasm_stepinputs(as, ci);
  WasmSig sig = wasm_sigi(3, WT_I32);
  emit_local(w, WOP_LOCAL_GET, WL_L);
  emit_i32const(w, (int32_t)(uintptr_t)as->P);
  emit_i32const(w, (int32_t)(uintptr_t)ci);
  wasm_callc(as, (const void *)&cvt_step, &sig);
  emit_i32const(w, -1);
  emit_op(w, I32_NE);
  /* A GC check's exit does not go to a side trace (cvt_exec()). */
  wasm_exitif(as, ci->op == CVT_GCCHECK ? ci->snap | CVT_EXIT_GC : ci->snap);
  if (wasm_defines(as, ci) && as->loc[ci->d]) wasm_reload(as, ci->d);
  if (ci->op == CVT_RETF) {  /* BASE moved. */
    emit_i32const(w, 0);
    emit_mem(w, WOP_I32_LOAD, 0, WADDR(as, REF_BASE));
    emit_local(w, WOP_LOCAL_SET, WL_BASE);
  }
}

/* -- Calls into the runtime --------------------------------------------- */

static uint8_t wasm_vt(IRType t)
{
  return t == IRT_NUM ? WT_F64 : (t == IRT_I64 || t == IRT_U64) ? WT_I64 :
	 WT_I32;
}

/* An IR call with its C signature: L if the call takes it, each CARG by its
** IR type, the result by the call's declared type. Returns 0 for the calls
** the executor makes (64-bit values, lj_prng_u64d's cast).
*/
static int wasm_ircall(WasmAsm *as, const CVTIns *ci)
{
  const CCallInfo *cci = &lj_ir_callinfo[ci->k];
  uint32_t n = CCI_NARGS(cci), nl = (cci->flags & CCI_L) ? 1 : 0, i;
  IRRef args[CCI_NARGS_MAX];
  IRIns *ir = WIR(as, ci->d);
  IRType rt = (IRType)CCI_TYPE(cci);
  WasmSig sig;
  if ((cci->flags & CCI_CASTU64) || CCI_XNARGS(cci) != n ||
      rt == IRT_I64 || rt == IRT_U64 || rt == IRT_FLOAT)
    return 0;
  n -= nl;  /* asm_collectargs, without L. */
  if (n > 0) {
    i = n;
    while (i > 1) {
      i--;
      ir = WIR(as, ir->op1);
      args[i] = ir->op2;
    }
    args[0] = ir->op1;
  }
  sig.np = (uint8_t)(nl + n);
  if (nl) sig.p[0] = WT_I32;
  for (i = 0; i < n; i++) {
    IRType t = irt_type(WIR(as, args[i])->t);
    if (t == IRT_I64 || t == IRT_U64 || t == IRT_FLOAT) return 0;
    sig.p[nl+i] = wasm_vt(t);
  }
  sig.r = rt == IRT_NIL ? 0 : wasm_vt(rt);
  if (nl) emit_local(&as->w, WOP_LOCAL_GET, WL_L);
  for (i = 0; i < n; i++) wasm_get(as, args[i]);
  wasm_callc(as, (const void *)cci->func, &sig);
  if (sig.r) {
    if (as->loc[ci->d] && wasm_vt(irt_type(WIR(as, ci->d)->t)) == sig.r)
      wasm_set(as, ci->d);
    else
      emit_op(&as->w, DROP);
  }
  return 1;
}

/* Call f(L?, a?, b?) -> i32 (or nothing) for ci: the common runtime calls of
** allocations and buffers, with their operands as they are.
*/
static void wasm_call2(WasmAsm *as, const CVTIns *ci, const void *f, int withL,
		       int na, int result)
{
  WasmSig sig = wasm_sigi((uint32_t)(withL + na), result ? WT_I32 : 0);
  if (withL) emit_local(&as->w, WOP_LOCAL_GET, WL_L);
  if (na > 0) wasm_get(as, ci->a);
  if (na > 1) wasm_get(as, ci->b);
  wasm_callc(as, f, &sig);
  if (result) wasm_set(as, ci->d);
}

/* -- Compiled instructions ----------------------------------------------- */

static void wasm_binop(WasmAsm *as, const CVTIns *ci, uint32_t op)
{
  wasm_get(as, ci->a);
  wasm_get(as, ci->b);
  emit_byte(&as->w, op);
  wasm_set(as, ci->d);
}

static void wasm_cmp(WasmAsm *as, const CVTIns *ci, uint32_t op, int exitif)
{
  wasm_get(as, ci->a);
  wasm_get(as, ci->b);
  emit_byte(&as->w, op);
  if (exitif) wasm_exitif(as, ci->snap);
  else wasm_guard(as, ci->snap);
}

/* Push the address of slot k (bytes) from BASE for a load with the
** returned offset (offsets are unsigned: slot 0, the frame, is below BASE).
*/
static uint32_t wasm_slot(WasmAsm *as, int32_t k)
{
  emit_local(&as->w, WOP_LOCAL_GET, WL_BASE);
  if (k >= 0) return (uint32_t)k;
  emit_i32const(&as->w, k);
  emit_op(&as->w, I32_ADD);
  return 0;
}

/* x86's cvttsd2si of the f64 on the stack: out of range gives INT32_MIN. */
static void wasm_num2int(WasmAsm *as)
{
  WasmBuf *w = &as->w;
  emit_local(w, WOP_LOCAL_TEE, WL_TMPD);
  emit_f64const(w, -2147483648.0);
  emit_op(w, F64_GE);
  emit_local(w, WOP_LOCAL_GET, WL_TMPD);
  emit_f64const(w, 2147483648.0);
  emit_op(w, F64_LT);
  emit_op(w, I32_AND);
  emit_op(w, IF);
  emit_byte(w, WT_I32);
  emit_local(w, WOP_LOCAL_GET, WL_TMPD);
  emit_op(w, I32_TRUNC_F64_S);
  emit_op(w, ELSE);
  emit_i32const(w, INT32_MIN);
  emit_op(w, END);
}

/* The guard of a typed TValue load: the TValue's address is in WL_TMP. */
static void wasm_typecheck(WasmAsm *as, IRType t, SnapNo sn)
{
  WasmBuf *w = &as->w;
  emit_local(w, WOP_LOCAL_GET, WL_TMP);
  emit_mem(w, WOP_I32_LOAD, 0, 4);
  if (t == IRT_NUM) {
    emit_i32const(w, (int32_t)LJ_TISNUM);
    emit_op(w, I32_LT_U);
  } else {
    emit_i32const(w, (int32_t)irt_toitype_(t));
    emit_op(w, I32_EQ);
  }
  wasm_guard(as, sn);
}

/* Load the TValue at WL_TMP into ci->d (its payload, or the number). */
static void wasm_tvload(WasmAsm *as, const CVTIns *ci)
{
  emit_local(&as->w, WOP_LOCAL_GET, WL_TMP);
  emit_mem(&as->w, wasm_isnum(as, ci->d) ? WOP_F64_LOAD : WOP_I32_LOAD, 0, 0);
  wasm_set(as, ci->d);
}

static void wasm_ext(WasmAsm *as, const CVTIns *ci, int bits, int sign)
{
  WasmBuf *w = &as->w;
  wasm_get(as, ci->a);
  if (sign) {
    emit_i32const(w, 32-bits);
    emit_op(w, I32_SHL);
    emit_i32const(w, 32-bits);
    emit_op(w, I32_SHR_S);
  } else {
    emit_i32const(w, (int32_t)((1u << bits) - 1));
    emit_op(w, I32_AND);
  }
  wasm_set(as, ci->d);
}

/* ADDOV, SUBOV, MULOV: in 64 bits, exit if the result does not fit. */
static void wasm_arithov(WasmAsm *as, const CVTIns *ci, uint32_t op)
{
  WasmBuf *w = &as->w;
  wasm_get(as, ci->a);
  emit_op(w, I64_EXTEND_I32_S);
  wasm_get(as, ci->b);
  emit_op(w, I64_EXTEND_I32_S);
  emit_byte(w, op);
  emit_local(w, WOP_LOCAL_TEE, WL_TMPL);
  emit_op(w, I32_WRAP_I64);
  emit_local(w, WOP_LOCAL_TEE, as->loc[ci->d]);
  emit_op(w, I64_EXTEND_I32_S);
  emit_local(w, WOP_LOCAL_GET, WL_TMPL);
  emit_op(w, I64_NE);
  wasm_exitif(as, ci->snap);
}

static void wasm_ins(WasmAsm *as, const CVTIns *ci)
{
  WasmBuf *w = &as->w;
  wasm_mark(as, ci->op == CVT_GCCHECK || ci->op == CVT_LOOP ? 0 : ci->d);
  switch (ci->op) {
  /* -- Guards ------------------------------------------------------------- */
  case CVT_LT_NUM: wasm_cmp(as, ci, WOP_F64_LT, 0); break;
  case CVT_GE_NUM: wasm_cmp(as, ci, WOP_F64_GE, 0); break;
  case CVT_LE_NUM: wasm_cmp(as, ci, WOP_F64_LE, 0); break;
  case CVT_GT_NUM: wasm_cmp(as, ci, WOP_F64_GT, 0); break;
  case CVT_ULT_NUM: wasm_cmp(as, ci, WOP_F64_GE, 1); break;
  case CVT_UGE_NUM: wasm_cmp(as, ci, WOP_F64_LT, 1); break;
  case CVT_ULE_NUM: wasm_cmp(as, ci, WOP_F64_GT, 1); break;
  case CVT_UGT_NUM: wasm_cmp(as, ci, WOP_F64_LE, 1); break;
  case CVT_LT_INT: wasm_cmp(as, ci, WOP_I32_LT_S, 0); break;
  case CVT_GE_INT: wasm_cmp(as, ci, WOP_I32_GE_S, 0); break;
  case CVT_LE_INT: wasm_cmp(as, ci, WOP_I32_LE_S, 0); break;
  case CVT_GT_INT: wasm_cmp(as, ci, WOP_I32_GT_S, 0); break;
  case CVT_ULT_INT: wasm_cmp(as, ci, WOP_I32_LT_U, 0); break;
  case CVT_UGE_INT: wasm_cmp(as, ci, WOP_I32_GE_U, 0); break;
  case CVT_ULE_INT: wasm_cmp(as, ci, WOP_I32_LE_U, 0); break;
  case CVT_UGT_INT: wasm_cmp(as, ci, WOP_I32_GT_U, 0); break;
  case CVT_EQ_NUM: wasm_cmp(as, ci, WOP_F64_EQ, 0); break;
  case CVT_NE_NUM: wasm_cmp(as, ci, WOP_F64_NE, 0); break;
  case CVT_EQ_INT: wasm_cmp(as, ci, WOP_I32_EQ, 0); break;
  case CVT_NE_INT: wasm_cmp(as, ci, WOP_I32_NE, 0); break;

  /* -- Values ------------------------------------------------------------- */
  case CVT_MOV:
    wasm_get(as, ci->a);
    wasm_set(as, ci->d);
    break;
  case CVT_BNOT:
    wasm_get(as, ci->a);
    emit_i32const(w, -1);
    emit_op(w, I32_XOR);
    wasm_set(as, ci->d);
    break;
  case CVT_BAND: wasm_binop(as, ci, WOP_I32_AND); break;
  case CVT_BOR: wasm_binop(as, ci, WOP_I32_OR); break;
  case CVT_BXOR: wasm_binop(as, ci, WOP_I32_XOR); break;
  case CVT_BSHL: wasm_binop(as, ci, WOP_I32_SHL); break;  /* Count & 31. */
  case CVT_BSHR: wasm_binop(as, ci, WOP_I32_SHR_U); break;
  case CVT_BSAR: wasm_binop(as, ci, WOP_I32_SHR_S); break;
  case CVT_BROL: wasm_binop(as, ci, WOP_I32_ROTL); break;
  case CVT_BROR: wasm_binop(as, ci, WOP_I32_ROTR); break;
  case CVT_ADD_NUM: wasm_binop(as, ci, WOP_F64_ADD); break;
  case CVT_SUB_NUM: wasm_binop(as, ci, WOP_F64_SUB); break;
  case CVT_MUL_NUM: wasm_binop(as, ci, WOP_F64_MUL); break;
  case CVT_DIV_NUM: wasm_binop(as, ci, WOP_F64_DIV); break;
  case CVT_NEG_NUM:
    wasm_get(as, ci->a);
    emit_op(w, F64_NEG);
    wasm_set(as, ci->d);
    break;
  case CVT_ABS_NUM:
    wasm_get(as, ci->a);
    emit_op(w, F64_ABS);
    wasm_set(as, ci->d);
    break;
  case CVT_MIN_NUM: case CVT_MAX_NUM:  /* minsd/maxsd: b unless a wins. */
    wasm_get(as, ci->a);
    wasm_get(as, ci->b);
    wasm_get(as, ci->a);
    wasm_get(as, ci->b);
    emit_byte(w, ci->op == CVT_MIN_NUM ? WOP_F64_LT : WOP_F64_GT);
    emit_op(w, SELECT);
    wasm_set(as, ci->d);
    break;
  case CVT_ADD_INT: wasm_binop(as, ci, WOP_I32_ADD); break;
  case CVT_SUB_INT: wasm_binop(as, ci, WOP_I32_SUB); break;
  case CVT_MUL_INT: wasm_binop(as, ci, WOP_I32_MUL); break;
  case CVT_NEG_INT:
    emit_i32const(w, 0);
    wasm_get(as, ci->a);
    emit_op(w, I32_SUB);
    wasm_set(as, ci->d);
    break;
  case CVT_MIN_INT: case CVT_MAX_INT:  /* a unless b wins. */
    wasm_get(as, ci->b);
    wasm_get(as, ci->a);
    wasm_get(as, ci->a);
    wasm_get(as, ci->b);
    emit_byte(w, ci->op == CVT_MIN_INT ? WOP_I32_GT_S : WOP_I32_LT_S);
    emit_op(w, SELECT);
    wasm_set(as, ci->d);
    break;
  case CVT_FLOOR: case CVT_CEIL: case CVT_TRUNC: case CVT_SQRT:
    wasm_get(as, ci->a);
    emit_byte(w, ci->op == CVT_FLOOR ? WOP_F64_FLOOR :
		 ci->op == CVT_CEIL ? WOP_F64_CEIL :
		 ci->op == CVT_TRUNC ? WOP_F64_TRUNC : WOP_F64_SQRT);
    wasm_set(as, ci->d);
    break;
  case CVT_ADDOV: wasm_arithov(as, ci, WOP_I64_ADD); break;
  case CVT_SUBOV: wasm_arithov(as, ci, WOP_I64_SUB); break;
  case CVT_MULOV: wasm_arithov(as, ci, WOP_I64_MUL); break;

  /* -- References --------------------------------------------------------- */
  case CVT_AREF:
    wasm_get(as, ci->a);
    wasm_get(as, ci->b);
    emit_i32const(w, 3);
    emit_op(w, I32_SHL);
    emit_op(w, I32_ADD);
    wasm_set(as, ci->d);
    break;
  case CVT_HREFK: {
    IRType kt = (IRType)ci->t;
    uint32_t key = (uint32_t)offsetof(Node, key);
    wasm_get(as, ci->a);
    emit_i32const(w, ci->k * (int32_t)sizeof(Node));
    emit_op(w, I32_ADD);
    emit_local(w, WOP_LOCAL_TEE, WL_TMP);
    wasm_set(as, ci->d);  /* &node->val: val is the first field. */
    emit_local(w, WOP_LOCAL_GET, WL_TMP);
    if (kt == IRT_NUM) {
      emit_mem(w, WOP_I64_LOAD, 0, key);
      emit_i64const(w, (int64_t)as->P->v[ci->b].u64);
      emit_op(w, I64_EQ);
    } else {
      emit_mem(w, WOP_I32_LOAD, 0, key + 4);
      emit_i32const(w, (int32_t)irt_toitype_(kt));
      emit_op(w, I32_EQ);
      if (kt > IRT_TRUE) {
	emit_local(w, WOP_LOCAL_GET, WL_TMP);
	emit_mem(w, WOP_I32_LOAD, 0, key);
	emit_i32const(w, as->P->v[ci->b].i);
	emit_op(w, I32_EQ);
	emit_op(w, I32_AND);
      }
    }
    wasm_guard(as, ci->snap);
    break;
  }
  case CVT_UREFO: case CVT_UREFC: case CVT_UREF_CHK:
    wasm_get(as, ci->a);
    emit_mem(w, WOP_I32_LOAD, 0,
	     (uint32_t)(offsetof(GCfuncL, uvptr) + sizeof(GCRef)*ci->k));
    emit_local(w, WOP_LOCAL_TEE, WL_TMP);
    if (ci->t) {  /* Closed: the value is in the upvalue. */
      emit_i32const(w, (int32_t)offsetof(GCupval, tv));
      emit_op(w, I32_ADD);
    } else {
      emit_mem(w, WOP_I32_LOAD, 0, (uint32_t)offsetof(GCupval, v));
    }
    wasm_set(as, ci->d);
    if (ci->op == CVT_UREF_CHK) {
      emit_local(w, WOP_LOCAL_GET, WL_TMP);
      emit_mem(w, WOP_I32_LOAD8_U, 0, (uint32_t)offsetof(GCupval, closed));
      emit_i32const(w, ci->t);
      emit_op(w, I32_EQ);
      wasm_guard(as, ci->snap);
    }
    break;
  case CVT_FREF:
    wasm_get(as, ci->a);
    emit_i32const(w, ci->k);
    emit_op(w, I32_ADD);
    wasm_set(as, ci->d);
    break;
  case CVT_STRREF:
    wasm_get(as, ci->a);
    wasm_get(as, ci->b);
    emit_op(w, I32_ADD);
    emit_i32const(w, (int32_t)sizeof(GCstr));
    emit_op(w, I32_ADD);
    wasm_set(as, ci->d);
    break;
  case CVT_LREF:
    emit_local(w, WOP_LOCAL_GET, WL_L);
    wasm_set(as, ci->d);
    break;

  /* -- Loads and stores --------------------------------------------------- */
  case CVT_TVLOAD: case CVT_VLOAD:
    wasm_get(as, ci->a);
    if (ci->k) {
      emit_i32const(w, ci->k);
      emit_op(w, I32_ADD);
    }
    emit_local(w, WOP_LOCAL_SET, WL_TMP);
    wasm_tvload(as, ci);
    wasm_typecheck(as, (IRType)ci->t, ci->snap);
    break;
  case CVT_FLOAD_I8: case CVT_FLOAD_U8: case CVT_FLOAD_I16:
  case CVT_FLOAD_U16: case CVT_FLOAD_32: case CVT_FLOAD_NUM: {
    static const uint8_t fload[] = {
      WOP_I32_LOAD8_S, WOP_I32_LOAD8_U, WOP_I32_LOAD16_S, WOP_I32_LOAD16_U,
      WOP_I32_LOAD, WOP_F64_LOAD
    };
    if (ci->a == REF_NIL) {  /* A GG_State field. */
      emit_i32const(w, (int32_t)(uintptr_t)J2GG(as->J) + ci->k);
      emit_mem(w, fload[ci->op - CVT_FLOAD_I8], 0, 0);
    } else {
      wasm_get(as, ci->a);
      emit_mem(w, fload[ci->op - CVT_FLOAD_I8], 0, (uint32_t)ci->k);
    }
    wasm_set(as, ci->d);
    break;
  }
  case CVT_SLOAD: case CVT_SLOAD_CHK:
    emit_local(w, WOP_LOCAL_GET, WL_BASE);
    emit_i32const(w, ci->k);
    emit_op(w, I32_ADD);
    emit_local(w, WOP_LOCAL_SET, WL_TMP);
    wasm_tvload(as, ci);
    if (ci->op == CVT_SLOAD_CHK) wasm_typecheck(as, (IRType)ci->t, ci->snap);
    break;
  case CVT_SLOAD_NUM2INT:
    emit_local(w, WOP_LOCAL_GET, WL_BASE);
    emit_i32const(w, ci->k);
    emit_op(w, I32_ADD);
    emit_local(w, WOP_LOCAL_SET, WL_TMP);
    if ((ci->b & SLOAD_TYPECHECK)) wasm_typecheck(as, IRT_NUM, ci->snap);
    emit_local(w, WOP_LOCAL_GET, WL_TMP);
    emit_mem(w, WOP_F64_LOAD, 0, 0);
    wasm_num2int(as);
    wasm_set(as, ci->d);
    if ((ci->b & SLOAD_EXACT)) {
      wasm_get(as, ci->d);
      emit_op(w, F64_CONVERT_I32_S);
      emit_local(w, WOP_LOCAL_GET, WL_TMP);
      emit_mem(w, WOP_F64_LOAD, 0, 0);
      emit_op(w, F64_EQ);
      wasm_guard(as, ci->snap);
    }
    break;
  case CVT_SLOAD_INT2NUM:
    emit_mem(w, WOP_I32_LOAD, 0, wasm_slot(as, ci->k));
    emit_op(w, F64_CONVERT_I32_S);
    wasm_set(as, ci->d);
    break;
  case CVT_SLOAD_KEYINDEX:
    emit_mem(w, WOP_I32_LOAD, 0, wasm_slot(as, ci->k));
    wasm_set(as, ci->d);
    if ((ci->b & SLOAD_TYPECHECK)) {
      emit_mem(w, WOP_I32_LOAD, 0, wasm_slot(as, ci->k + 4));
      emit_i32const(w, (int32_t)LJ_KEYINDEX);
      emit_op(w, I32_EQ);
      wasm_guard(as, ci->snap);
    }
    break;
  case CVT_SLOAD_FRAME:
    emit_mem(w, WOP_I32_LOAD, 0, wasm_slot(as, ci->k));
    wasm_set(as, ci->d);
    break;
  case CVT_TVSTORE: {
    IRType t = (IRType)ci->t;
    if (t == IRT_NUM) {
      wasm_get(as, ci->a);
      wasm_get(as, ci->b);
      emit_mem(w, WOP_F64_STORE, 0, 0);
    } else {
      if (t > IRT_TRUE) {
	wasm_get(as, ci->a);
	wasm_get(as, ci->b);
	emit_mem(w, WOP_I32_STORE, 0, 0);
      }
      wasm_get(as, ci->a);
      emit_i32const(w, (int32_t)irt_toitype_(t));
      emit_mem(w, WOP_I32_STORE, 0, 4);
    }
    break;
  }
  case CVT_FSTORE_8: case CVT_FSTORE_16: case CVT_FSTORE_32:
    wasm_get(as, ci->a);
    wasm_get(as, ci->b);
    emit_mem(w, ci->op == CVT_FSTORE_8 ? WOP_I32_STORE8 :
		ci->op == CVT_FSTORE_16 ? WOP_I32_STORE16 : WOP_I32_STORE, 0, 0);
    break;

  /* -- Barriers and the GC ------------------------------------------------ */
  case CVT_TBAR: {  /* Only a black table needs lj_gc_barrierback(). */
    WasmSig sig = wasm_sigi(2, 0);
    wasm_get(as, ci->a);
    emit_mem(w, WOP_I32_LOAD8_U, 0, (uint32_t)offsetof(GCtab, marked));
    emit_i32const(w, LJ_GC_BLACK);
    emit_op(w, I32_AND);
    emit_op(w, IF);
    emit_byte(w, WT_VOID);
    emit_i32const(w, (int32_t)(uintptr_t)J2G(as->J));
    wasm_get(as, ci->a);
    wasm_callc(as, (const void *)&lj_gc_barrierback, &sig);
    emit_op(w, END);
    break;
  }

  /* -- Allocations, buffers, calls ---------------------------------------- */
  case CVT_TNEW: {
    WasmSig sig = wasm_sigi(2, WT_I32);
    emit_local(w, WOP_LOCAL_GET, WL_L);
    emit_i32const(w, ci->k);
    wasm_callc(as, (const void *)&lj_tab_new1, &sig);
    wasm_set(as, ci->d);
    break;
  }
  case CVT_TDUP: wasm_call2(as, ci, (const void *)&lj_tab_dup, 1, 1, 1); break;
  case CVT_SNEW: wasm_call2(as, ci, (const void *)&lj_str_new, 1, 2, 1); break;
  case CVT_BUFHDR_RESET:  /* sb->w = sb->b */
    wasm_get(as, ci->a);
    wasm_get(as, ci->a);
    emit_mem(w, WOP_I32_LOAD, 0, (uint32_t)offsetof(SBuf, b));
    emit_mem(w, WOP_I32_STORE, 0, (uint32_t)offsetof(SBuf, w));
    wasm_get(as, ci->a);
    wasm_set(as, ci->d);
    break;
  case CVT_BUFPUT_STR:
    wasm_call2(as, ci, (const void *)&lj_buf_putstr, 0, 2, 1);
    break;
  case CVT_BUFPUT_CHARV:
    wasm_call2(as, ci, (const void *)&lj_buf_putchar, 0, 2, 1);
    break;
  case CVT_BUFPUT_INT:
    wasm_call2(as, ci, (const void *)&lj_strfmt_putint, 0, 2, 1);
    break;
  case CVT_BUFPUT_CHAR: {
    WasmSig sig = wasm_sigi(2, WT_I32);
    wasm_get(as, ci->a);
    emit_i32const(w, ci->k);
    wasm_callc(as, (const void *)&lj_buf_putchar, &sig);
    wasm_set(as, ci->d);
    break;
  }
  case CVT_BUFSTR: wasm_call2(as, ci, (const void *)&lj_buf_tostr, 0, 1, 1); break;
  case CVT_TOSTR_INT:
    wasm_call2(as, ci, (const void *)&lj_strfmt_int, 1, 1, 1);
    break;
  case CVT_TOSTR_CHAR:
    wasm_call2(as, ci, (const void *)&lj_strfmt_char, 1, 1, 1);
    break;
  case CVT_MOD_INT:
    if (ci->b < REF_BIAS && as->P->v[ci->b].i > 0) {  /* lj_vm_modi(a, k > 0) */
      wasm_get(as, ci->a);
      emit_i32const(w, as->P->v[ci->b].i);
      emit_op(w, I32_REM_S);
      emit_local(w, WOP_LOCAL_TEE, WL_TMP);
      emit_local(w, WOP_LOCAL_GET, WL_TMP);
      emit_i32const(w, 0);
      emit_op(w, I32_LT_S);
      emit_i32const(w, as->P->v[ci->b].i);
      emit_op(w, I32_MUL);
      emit_op(w, I32_ADD);  /* Floored: a negative remainder + k. */
      wasm_set(as, ci->d);
    } else {
      wasm_call2(as, ci, (const void *)&lj_vm_modi, 0, 2, 1);
    }
    break;
  case CVT_ALEN:
    if (ci->b == REF_NIL) wasm_call2(as, ci, (const void *)&lj_tab_len, 0, 1, 1);
    else wasm_call2(as, ci, (const void *)&lj_tab_len_hint, 0, 2, 1);
    break;
  case CVT_POW_NUM: {
    WasmSig sig;
    sig.np = 2;
    sig.p[0] = sig.p[1] = sig.r = WT_F64;
    wasm_get(as, ci->a);
    wasm_get(as, ci->b);
    wasm_callc(as, (const void *)&pow, &sig);
    wasm_set(as, ci->d);
    break;
  }
  case CVT_CALL:
    if (!wasm_ircall(as, ci)) wasm_step(as, ci);
    break;
  case CVT_RETF: {  /* Return to a lower frame: BASE moves down. */
    global_State *g = J2G(as->J);
    emit_local(w, WOP_LOCAL_GET, WL_BASE);  /* frame_pc(BASE-1) */
    emit_i32const(w, -(int32_t)sizeof(TValue));
    emit_op(w, I32_ADD);
    emit_mem(w, WOP_I32_LOAD, 0, (uint32_t)offsetof(TValue, fr.tp));
    wasm_get(as, ci->b);
    emit_op(w, I32_EQ);
    wasm_guard(as, ci->snap);
    emit_local(w, WOP_LOCAL_GET, WL_BASE);
    emit_i32const(w, ci->k * (int32_t)sizeof(TValue));
    emit_op(w, I32_SUB);
    emit_local(w, WOP_LOCAL_SET, WL_BASE);
    emit_i32const(w, 0);
    emit_local(w, WOP_LOCAL_GET, WL_BASE);
    emit_mem(w, WOP_I32_STORE, 0, WADDR(as, REF_BASE));
    emit_i32const(w, 0);
    emit_local(w, WOP_LOCAL_GET, WL_BASE);
    emit_mem(w, WOP_I32_STORE, 0, (uint32_t)(uintptr_t)&g->jit_base);
    break;
  }
  case CVT_GCCHECK: {  /* Only a full heap needs the executor's GC step. */
    global_State *g = J2G(as->J);
    emit_i32const(w, 0);
    emit_mem(w, WOP_I32_LOAD, 0, (uint32_t)(uintptr_t)&g->gc.total);
    emit_i32const(w, 0);
    emit_mem(w, WOP_I32_LOAD, 0, (uint32_t)(uintptr_t)&g->gc.threshold);
    emit_op(w, I32_GE_U);
    emit_op(w, IF);
    emit_byte(w, WT_VOID);
    wasm_step(as, ci);
    emit_op(w, END);
    break;
  }

  /* -- Conversions -------------------------------------------------------- */
  case CVT_NUM_INT: case CVT_NUM_U32:
    wasm_get(as, ci->a);
    emit_byte(w, ci->op == CVT_NUM_INT ? WOP_F64_CONVERT_I32_S :
				       WOP_F64_CONVERT_I32_U);
    wasm_set(as, ci->d);
    break;
  case CVT_INT_NUM: case CVT_INT_NUM_CHK:
    wasm_get(as, ci->a);
    wasm_num2int(as);
    wasm_set(as, ci->d);
    if (ci->op == CVT_INT_NUM_CHK) {
      wasm_get(as, ci->d);
      emit_op(w, F64_CONVERT_I32_S);
      wasm_get(as, ci->a);
      emit_op(w, F64_EQ);
      wasm_guard(as, ci->snap);
    }
    break;
  case CVT_EXT_I8: wasm_ext(as, ci, 8, 1); break;
  case CVT_EXT_U8: wasm_ext(as, ci, 8, 0); break;
  case CVT_EXT_I16: wasm_ext(as, ci, 16, 1); break;
  case CVT_EXT_U16: wasm_ext(as, ci, 16, 0); break;
  case CVT_TOBIT:  /* The low word of a + 2^52+2^51. */
    wasm_get(as, ci->a);
    wasm_get(as, ci->b);
    emit_op(w, F64_ADD);
    emit_op(w, I64_REINTERPRET_F64);
    emit_op(w, I32_WRAP_I64);
    wasm_set(as, ci->d);
    break;

  case CVT_LOOP:
    break;
  default:  /* Calls into the runtime anyway: the executor runs them. */
    wasm_step(as, ci);
    break;
  }
}

/* -- The module ---------------------------------------------------------- */

/* Locals: the fixed ones, then one per value the program defines. */
static uint32_t wasm_locals(WasmAsm *as, uint32_t *ni, uint32_t *nf)
{
  CVTProg *P = as->P;
  uint32_t i, n32 = 0, n64 = 0;
  IRRef ref;
  for (i = 0; i < P->npval; i++)
    as->loc[P->pval[2*i]] = 1;
  for (i = 0; i < P->ncode; i++) {
    const CVTIns *ci = &P->code[i];
    if (wasm_defines(as, ci)) as->loc[ci->d] = 1;
  }
  for (ref = REF_FIRST; ref < as->T->nins; ref++)
    if (as->loc[ref]) {
      if (wasm_isnum(as, ref)) n64++;
      else n32++;
    }
  *ni = n32;
  *nf = n64;
  n32 = WL__FIRST;
  n64 = WL__FIRST + *ni;
  for (ref = REF_FIRST; ref < as->T->nins; ref++)
    if (as->loc[ref]) as->loc[ref] = wasm_isnum(as, ref) ? n64++ : n32++;
  return n64;
}

/* The loop's values, pre-loop refs with locals, to or from the array. */
static void wasm_loopvalues(WasmAsm *as, int store)
{
  IRRef ref;
  for (ref = REF_FIRST; ref < as->loopref; ref++)
    if (as->loc[ref]) {
      if (store) wasm_spill(as, ref);
      else wasm_reload(as, ref);
    }
}

/* The end of a trace without a loop (the executor's CVT_TAIL): check the
** stack if the trace added frames, write the last snapshot to the stack.
** The executor then moves BASE and follows the link.
*/
static void wasm_tail(WasmAsm *as)
{
  WasmBuf *w = &as->w;
  CVTProg *P = as->P;
  const CVTStore *st = P->store, *end = st + P->nstore;
  SnapNo sn = (SnapNo)(P->nsnap-1);
  wasm_mark(as, 0);
  if (P->gotframe) {  /* cvt_stackok() */
    emit_local(w, WOP_LOCAL_GET, WL_L);
    emit_mem(w, WOP_I32_LOAD, 0, (uint32_t)offsetof(lua_State, maxstack));
    emit_local(w, WOP_LOCAL_GET, WL_BASE);
    emit_op(w, I32_SUB);
    emit_i32const(w, 8*(int32_t)as->T->snap[sn].topslot);
    emit_op(w, I32_GE_S);
    wasm_guard(as, sn);
  }
  for (; st < end; st++) {
    uint32_t ofs = wasm_slot(as, 8*(int32_t)st->ofs);
    switch (st->kind) {
    case CVTS_NUM:
      wasm_get(as, st->ref);
      emit_mem(w, WOP_F64_STORE, 0, ofs);
      break;
    case CVTS_LOHI: case CVTS_LO:
      emit_local(w, WOP_LOCAL_TEE, WL_TMP);
      wasm_get(as, st->ref);
      emit_mem(w, WOP_I32_STORE, 0, ofs);
      if (st->kind == CVTS_LO) break;
      emit_local(w, WOP_LOCAL_GET, WL_TMP);
      /* fallthrough */
    default:
      emit_i32const(w, (int32_t)st->hi);
      emit_mem(w, WOP_I32_STORE, 0, ofs + 4);
      break;
    }
  }
  emit_i32const(w, CVT_WASM_TAIL);
  emit_op(w, RETURN);
}

static void wasm_body(WasmAsm *as)
{
  WasmBuf *w = &as->w;
  CVTProg *P = as->P;
  uint32_t i, ni, nf;
  wasm_locals(as, &ni, &nf);
  /* Local declarations: i32 x3, f64, i64, the values. */
  emit_u32(w, 5);
  emit_u32(w, 3); emit_byte(w, WT_I32);
  emit_u32(w, 1); emit_byte(w, WT_F64);
  emit_u32(w, 1); emit_byte(w, WT_I64);
  emit_u32(w, ni); emit_byte(w, WT_I32);
  emit_u32(w, nf); emit_byte(w, WT_F64);
  wasm_mark(as, 0);
  emit_i32const(w, 0);
  emit_mem(w, WOP_I32_LOAD, 0, WADDR(as, REF_BASE));
  emit_local(w, WOP_LOCAL_SET, WL_BASE);
  emit_i32const(w, CVT_PAUSE_LOOPS);
  emit_local(w, WOP_LOCAL_SET, WL_LOOPS);
  if (P->loop != ~0u) {
    const CVTIns *end = &P->code[P->ncode-1];
    emit_local(w, WOP_LOCAL_GET, WL_ENTRY);
    emit_op(w, IF);
    emit_byte(w, WT_VOID);
    wasm_loopvalues(as, 0);  /* Go on after a pause. */
    emit_op(w, ELSE);
    for (i = 0; i < P->npval; i++) wasm_reload(as, P->pval[2*i]);
    for (i = 0; i < P->loop; i++) wasm_ins(as, &P->code[i]);
    emit_op(w, END);
    emit_op(w, LOOP);
    emit_byte(w, WT_VOID);
    for (i = P->loop; i < P->ncode-1; i++) wasm_ins(as, &P->code[i]);
    wasm_mark(as, 0);
    if (end->op == CVT_LOOPBACK) {  /* The PHIs take their values at once. */
      for (i = 0; i < P->nphi; i++) wasm_get(as, P->phi[2*i+1]);
      for (i = P->nphi; i > 0; i--) wasm_set(as, P->phi[2*(i-1)]);
    }
    emit_local(w, WOP_LOCAL_GET, WL_LOOPS);
    emit_i32const(w, 1);
    emit_op(w, I32_SUB);
    emit_local(w, WOP_LOCAL_TEE, WL_LOOPS);
    emit_op(w, I32_EQZ);
    emit_op(w, IF);
    emit_byte(w, WT_VOID);
    wasm_loopvalues(as, 1);
    emit_i32const(w, CVT_WASM_PAUSE);
    emit_op(w, RETURN);
    emit_op(w, END);
    emit_op(w, BR);
    emit_u32(w, 0);
    emit_op(w, END);
  } else {
    for (i = 0; i < P->npval; i++) wasm_reload(as, P->pval[2*i]);
    for (i = 0; i < P->ncode-1; i++) wasm_ins(as, &P->code[i]);
    wasm_tail(as);
  }
  emit_op(w, UNREACHABLE);
  emit_op(w, END);
}

/* The module of the trace: the body first (it adds the types of its calls),
** then the sections around it, into out.
*/
static void wasm_module(WasmAsm *as, WasmBuf *out)
{
  WasmBuf *w = out;
  WasmSig trace = wasm_sigi(2, WT_I32);
  uint32_t at;
  wasm_type(as, &trace);  /* Type 0. */
  wasm_body(as);
  emit_bytes(w, "\0asm\1\0\0\0", 8);
  emit_byte(w, WSEC_TYPE);
  at = emit_size_slot(w);
  emit_u32(w, as->ntypes);
  emit_bytes(w, as->types.b, as->types.n);
  emit_size_patch(w, at);
  /* Imports: the engine's memory and function table. */
  emit_byte(w, WSEC_IMPORT);
  at = emit_size_slot(w);
  emit_u32(w, 2);
  emit_name(w, "e"); emit_name(w, "m");
  emit_byte(w, 2);  /* Memory, no maximum, at least 0 pages. */
  emit_byte(w, 0); emit_u32(w, 0);
  emit_name(w, "e"); emit_name(w, "t");
  emit_byte(w, 1);  /* Table of funcref, no maximum. */
  emit_byte(w, WT_FUNCREF);
  emit_byte(w, 0); emit_u32(w, 0);
  emit_size_patch(w, at);
  emit_byte(w, WSEC_FUNC);  /* One function, of type 0. */
  emit_u32(w, 2);
  emit_u32(w, 1); emit_u32(w, 0);
  emit_byte(w, WSEC_EXPORT);  /* Exported as "f". */
  emit_u32(w, 5);
  emit_u32(w, 1); emit_name(w, "f"); emit_byte(w, 0); emit_u32(w, 0);
  emit_byte(w, WSEC_CODE);
  at = emit_size_slot(w);
  emit_u32(w, 1);
  emit_u32(w, as->w.n);
  emit_bytes(w, as->w.b, as->w.n);
  emit_size_patch(w, at);
  if (!as->w.ok || !as->types.ok) w->ok = 0;
}

/* -- Text listing -------------------------------------------------------- */

/* Opcode names, as the text format spells them: I32_LOAD8_S is i32.load8_s. */
static const struct { uint8_t code; const char *name; } wasm_opnames[] = {
#define WASMOPNAME(name, code)	{ code, #name },
  WASMOPDEF(WASMOPNAME)
#undef WASMOPNAME
};

static void wasm_puts(WasmBuf *t, const char *s)
{
  emit_bytes(t, s, (uint32_t)strlen(s));
}

static void wasm_putf(WasmBuf *t, const char *fmt, ...)
{
  char buf[96];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  wasm_puts(t, buf);
}

static void wasm_putop(WasmBuf *t, uint32_t code)
{
  uint32_t i;
  for (i = 0; i < sizeof(wasm_opnames)/sizeof(wasm_opnames[0]); i++)
    if (wasm_opnames[i].code == code) {
      const char *s = wasm_opnames[i].name;
      int dot = !strncmp(s, "I32_", 4) || !strncmp(s, "I64_", 4) ||
		!strncmp(s, "F64_", 4) || !strncmp(s, "LOCAL_", 6);
      for (; *s; s++) {
	char c = *s == '_' && dot ? '.' : (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
	if (*s == '_' && dot) dot = 0;
	emit_byte(t, (uint8_t)c);
      }
      return;
    }
  wasm_putf(t, "0x%02x", code);
}

static uint32_t wasm_readu(const uint8_t *b, uint32_t *pos)
{
  uint32_t x = 0, shift = 0, c;
  do {
    c = b[(*pos)++];
    x |= (c & 0x7f) << shift;
    shift += 7;
  } while ((c & 0x80) && shift < 35);
  return x;
}

static int64_t wasm_reads(const uint8_t *b, uint32_t *pos)
{
  uint64_t x = 0;
  uint32_t shift = 0, c;
  do {
    c = b[(*pos)++];
    x |= (uint64_t)(c & 0x7f) << shift;
    shift += 7;
  } while ((c & 0x80) && shift < 70);
  if (shift < 64 && (c & 0x40)) x |= ~(uint64_t)0 << shift;
  return (int64_t)x;
}

static const char *wasm_typename(uint32_t t)
{
  return t == WT_I32 ? "i32" : t == WT_I64 ? "i64" : t == WT_F64 ? "f64" : "?";
}

/* Name of local idx: a fixed one, or the IR value it holds ($0012). */
static void wasm_putlocal(WasmAsm *as, WasmBuf *t, uint32_t idx)
{
  static const char *const fixed[WL__FIRST] = {
    "$L", "$entry", "$base", "$loops", "$tmp", "$tmpd", "$tmpl"
  };
  IRRef ref;
  if (idx < WL__FIRST) { wasm_puts(t, fixed[idx]); return; }
  for (ref = REF_FIRST; ref < as->T->nins; ref++)
    if (as->loc[ref] == idx) { wasm_putf(t, "$%04d", (int)(ref - REF_BIAS)); return; }
  wasm_putf(t, "%u", idx);
}

#define WASM_LISTING_MAX	(256*1024)

/* The function as text, one instruction per line, each beside the IR ref
** it is code of ("----": entry, loop control, the tail), blocks indented.
*/
static void wasm_listing(WasmAsm *as, WasmBuf *t)
{
  const uint8_t *b = as->w.b;
  uint32_t n = as->w.n, pos = 0, m = 0, depth = 1, i, ng;
  uintptr_t v0 = (uintptr_t)&as->P->v[as->T->nk];
  uintptr_t v1 = (uintptr_t)&as->P->v[as->T->nins];
  wasm_puts(t, "(func (param $L i32) (param $entry i32) (result i32)\n");
  ng = wasm_readu(b, &pos);
  for (i = 0; i < ng; i++) {
    uint32_t cnt = wasm_readu(b, &pos), ty = b[pos++];
    if (cnt) wasm_putf(t, "      (local %s x%u)\n", wasm_typename(ty), cnt);
  }
  while (pos < n && t->n < WASM_LISTING_MAX) {
    uint32_t op;
    while (m + 1 < as->nmap && as->mapofs[m+1] <= pos) m++;
    if (m < as->nmap && as->mapofs[m] <= pos && as->mapref[m])
      wasm_putf(t, "%04d  ", (int)(as->mapref[m] - REF_BIAS));
    else
      wasm_puts(t, "----  ");
    op = b[pos++];
    if ((op == WOP_END || op == WOP_ELSE) && depth > 0) depth--;
    for (i = 0; i < depth; i++) wasm_puts(t, "  ");
    wasm_putop(t, op);
    switch (op) {
    case WOP_BLOCK: case WOP_LOOP: case WOP_IF: {
      uint32_t bt = b[pos++];
      if (bt != WT_VOID) wasm_putf(t, " (result %s)", wasm_typename(bt));
      depth++;
      break;
    }
    case WOP_ELSE: depth++; break;
    case WOP_BR: case WOP_BR_IF: wasm_putf(t, " %u", wasm_readu(b, &pos)); break;
    case WOP_LOCAL_GET: case WOP_LOCAL_SET: case WOP_LOCAL_TEE:
      emit_byte(t, ' ');
      wasm_putlocal(as, t, wasm_readu(b, &pos));
      break;
    case WOP_I32_CONST: case WOP_I64_CONST:
      wasm_putf(t, " %lld", (long long)wasm_reads(b, &pos));
      break;
    case WOP_F64_CONST: {
      double d;
      memcpy(&d, b + pos, 8);
      pos += 8;
      wasm_putf(t, " %.17g", d);
      break;
    }
    case WOP_CALL_INDIRECT:
      wasm_putf(t, " (type %u)", wasm_readu(b, &pos));
      pos++;  /* Table 0. */
      break;
    default:
      if (op >= WOP_I32_LOAD && op <= WOP_I32_STORE16) {  /* Memory. */
	uint32_t ofs;
	wasm_readu(b, &pos);  /* Alignment: always 0 here. */
	ofs = wasm_readu(b, &pos);
	if (ofs >= v0 && ofs < v1 && (ofs - v0) % sizeof(CVTVal) == 0)
	  wasm_putf(t, " offset=%u  ;; v[%04d]", ofs,
		    (int)(as->T->nk + (ofs - v0) / sizeof(CVTVal)) - REF_BIAS);
	else if (ofs)
	  wasm_putf(t, " offset=%u", ofs);
      }
      break;
    }
    emit_byte(t, '\n');
  }
  if (pos < n) wasm_puts(t, "...  (listing cut)\n");
  emit_byte(t, 0);
}

/* -- Installing ---------------------------------------------------------- */

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

/* Compile and instantiate a module, put its function into the table. Returns
** the table index, or 0 and why in why[0..n-1] (ASCII, 0-terminated).
** Under node, for the tests: LJPLAY_WASM_DIR names a directory that gets a
** copy of every module, numbered in the order of compiling; with
** LJPLAY_WASM_OFF=1 every module is refused, so every trace stays in the
** executor after its compile (which leaves the Lua heap as it was; compare
** with LJPLAY_WASM_OFF=0, as the environment is copied into the heap).
*/
EM_JS(int, cvt_wasm_install, (const uint8_t *p, uint32_t n, char *why,
			       uint32_t whyn), {
  var free = Module.ljpWasmFree || (Module.ljpWasmFree = []);
  try {
    var bytes = HEAPU8.subarray(p, p + n);
    if (ENVIRONMENT_IS_NODE && process.env.LJPLAY_WASM_OFF === '1')
      throw new Error('switched off (LJPLAY_WASM_OFF)');
    if (ENVIRONMENT_IS_NODE && process.env.LJPLAY_WASM_DIR) {
      Module.ljpWasmSaved = (Module.ljpWasmSaved || 0) + 1;
      require('fs').writeFileSync(process.env.LJPLAY_WASM_DIR + '/' +
        String(Module.ljpWasmSaved).padStart(5, '0') + '.wasm', bytes);
    }
    var mod = new WebAssembly.Module(bytes);
    var inst = new WebAssembly.Instance(mod, {e: {m: wasmMemory, t: wasmTable}});
    var idx = free.length ? free.pop() : wasmTable.grow(1);
    wasmTable.set(idx, inst.exports.f);
    return idx;
  } catch (e) {
    var s = String(e), i;
    if (!(ENVIRONMENT_IS_NODE && process.env.LJPLAY_WASM_OFF === '1'))
      err('trace compiler: ' + s);  /* A bug of ours: say so. */
    for (i = 0; i < s.length && i < whyn - 1; i++)
      HEAPU8[why + i] = s.charCodeAt(i) & 127;
    HEAPU8[why + i] = 0;
    return 0;
  }
});

EM_JS(void, cvt_wasm_uninstall, (int idx), {
  wasmTable.set(idx, null);
  (Module.ljpWasmFree || (Module.ljpWasmFree = [])).push(idx);
});
#endif

/* Compiled traces at a time, and their modules' bytes (all states). Each
** costs V8 about 35 KB (measured with 8000); jit.opt maxmcode caps the
** bytes as it caps machine code.
*/
#define CVT_WASM_MAXTRACES	2000
static uint32_t cvt_wasm_count;
static uint64_t cvt_wasm_bytes;

/* Compile P. Returns 1 when it runs compiled from now on. */
static int cvt_wasm_compile(jit_State *J, CVTProg *P)
{
  WasmAsm as;
  WasmBuf mod;
  GCtrace *T = traceref(J, P->traceno);
  uint64_t start = cvt_now_ns();
  char why[200];
  int ok = 0;
  FILE *dump;
  P->wtried = 1;
  memset(&as, 0, sizeof(as));
  wasm_init(&as.w);
  wasm_init(&as.types);
  wasm_init(&mod);
  as.P = P;
  as.ir = P->ir;
  as.T = T;
  as.J = J;
  as.loopref = P->loop != ~0u ? P->code[P->loop].d : 0;
  as.maxmap = 2*P->ncode + 16;
  if (cvt_wasm_count >= CVT_WASM_MAXTRACES ||
      cvt_wasm_bytes >= (uint64_t)J->param[JIT_P_maxmcode] << 10) {
    snprintf(why, sizeof(why), "too many compiled traces (%u, %u KB; at most "
	     "%u and maxmcode KB)", cvt_wasm_count,
	     (unsigned)(cvt_wasm_bytes >> 10), CVT_WASM_MAXTRACES);
  } else {
    snprintf(why, sizeof(why), "too large to compile (over the compiler's "
	     "%u MB)", WASM_ARENA_SIZE >> 20);
    as.loc = (uint32_t *)wasm_alloc(T->nins * sizeof(uint32_t));
    as.mark = (uint32_t *)wasm_alloc(T->nins * sizeof(uint32_t));
    as.mapofs = (uint32_t *)wasm_alloc(as.maxmap * sizeof(uint32_t));
    as.mapref = (IRRef1 *)wasm_alloc(as.maxmap * sizeof(IRRef1));
  }
  if (as.loc && as.mark && as.mapofs && as.mapref) {
    wasm_module(&as, &mod);
#ifdef __EMSCRIPTEN__
    if (mod.ok) P->wfn = cvt_wasm_install(mod.b, mod.n, why, sizeof(why));
#else
    strcpy(why, "no WebAssembly engine");
#endif
    ok = P->wfn != 0;
  }
  dump = cvt_dumpfile(J);
  if (dump || (J->observer && J->observer->trace_compiled)) {
    unsigned ns = (unsigned)(cvt_now_ns() - start);
    WasmBuf text;
    wasm_init(&text);
    if (ok) wasm_listing(&as, &text);
    if (J->observer && J->observer->trace_compiled)
      J->observer->trace_compiled(J->observer->ud, (int)P->traceno,
				  ok ? mod.n : 0, ns, ok ? NULL : why,
				  ok && text.ok ? (const char *)text.b : NULL);
    if (dump) {  /* As jit.dump lists machine code: after a header line. */
      if (ok)
	fprintf(dump, "---- TRACE %u wasm %u\n%s\n", (unsigned)P->traceno,
		(unsigned)mod.n, text.ok ? (const char *)text.b : "");
      else
	fprintf(dump, "---- TRACE %u not compiled: %s\n\n",
		(unsigned)P->traceno, why);
      fflush(dump);
    }
  }
  if (ok) {
    P->wsize = mod.n;
    cvt_wasm_count++;
    cvt_wasm_bytes += mod.n;
  }
  wasm_arena_reset();
  return ok;
}

static void cvt_wasm_free(CVTProg *P)
{
  if (P->wfn) {
#ifdef __EMSCRIPTEN__
    cvt_wasm_uninstall(P->wfn);
#endif
    cvt_wasm_count--;
    cvt_wasm_bytes -= P->wsize;
  }
  P->wfn = 0;
}

typedef int32_t (*CVTWasmFn)(lua_State *L, int32_t entry);

static LJ_AINLINE int32_t cvt_wasm_call(CVTProg *P, lua_State *L,
					int32_t entry)
{
  return ((CVTWasmFn)(uintptr_t)P->wfn)(L, entry);
}

#undef WIR
#undef WADDR
