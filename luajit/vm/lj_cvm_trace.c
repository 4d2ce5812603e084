/*
** The portable C VM's trace executor: runs LuaJIT's IR where the assembly VM
** jumps to machine code.
**
** lj_asm_trace() (luajit/patches/0007-portable-trace-execution.patch) makes
** the target-independent decisions of LuaJIT's backend -- sunk allocations,
** which snapshot values can be restored -- and hands the final trace to
** lj_vm_trace_load() here, which decodes it once into a program: one small
** record per live IR instruction, specialised by type, with its operands as
** IR refs into the program's value array (constants are filled in already)
** and the exit number of every guard. lj_cvm_trace_run() runs programs,
** following the trace's own links (loop, root, side exits) and leaves to the
** interpreter as the assembly VM's trace exit does: a failed guard exits
** through LuaJIT's lj_trace_exit(), which restores the snapshot from the
** values kept here (ExitState.val), counts the exit and starts side traces.
**
** Reading guide: the backend's order of things is kept where it matters for
** what the playground shows -- exits, their numbers and counts, GC steps (the
** same number of steps at the same places, so GC-driven exits happen where
** they happen on x86), dead-code elimination of unused instructions and the
** stack checks. Everything else is the plainest C that does what the IR
** instruction says (lj_ir.h, lj_asm_x86.h).
*/

#define lj_cvm_trace_c
#define LUA_CORE

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lj_obj.h"

#if LJ_HASJIT

#include "lj_gc.h"
#include "lj_err.h"
#include "lj_buf.h"
#include "lj_str.h"
#include "lj_tab.h"
#include "lj_frame.h"
#include "lj_bc.h"
#include "lj_ir.h"
#include "lj_jit.h"
#include "lj_ircall.h"
#include "lj_iropt.h"
#include "lj_trace.h"
#include "lj_snap.h"
#include "lj_target.h"
#include "lj_asm.h"
#include "lj_dispatch.h"
#include "lj_vm.h"
#include "lj_strfmt.h"
#include "lj_strscan.h"
#include "lj_prng.h"
#if LJ_HASBUFFER
#include "lj_serialize.h"
#endif
#include "lj_observe.h"
#include "lj_cvm.h"

/* One value per IR ref. ExitState.val reads it as uint64_t. */
typedef union CVTVal {
  double n;
  int32_t i;
  uint32_t u;
  uint64_t u64;
  void *p;
} CVTVal;

LJ_STATIC_ASSERT(sizeof(CVTVal) == sizeof(uint64_t));
LJ_STATIC_ASSERT(offsetof(Node, key) == sizeof(TValue));  /* cvt_next() */

/* Executor operations: IR ops specialised by type and mode. */
#define CVTOPDEF(_) \
  /* Guards. */ \
  _(LT_NUM) _(GE_NUM) _(LE_NUM) _(GT_NUM) \
  _(ULT_NUM) _(UGE_NUM) _(ULE_NUM) _(UGT_NUM) \
  _(LT_INT) _(GE_INT) _(LE_INT) _(GT_INT) \
  _(ULT_INT) _(UGE_INT) _(ULE_INT) _(UGT_INT) \
  _(EQ_NUM) _(NE_NUM) _(EQ_INT) _(NE_INT) \
  _(RETF) \
  /* Values. */ \
  _(MOV) _(PVAL) \
  _(BNOT) _(BSWAP) _(BAND) _(BOR) _(BXOR) _(BSHL) _(BSHR) _(BSAR) \
  _(BROL) _(BROR) \
  _(ADD_NUM) _(SUB_NUM) _(MUL_NUM) _(DIV_NUM) _(POW_NUM) _(NEG_NUM) \
  _(ABS_NUM) _(LDEXP) _(MIN_NUM) _(MAX_NUM) \
  _(ADD_INT) _(SUB_INT) _(MUL_INT) _(MOD_INT) _(NEG_INT) \
  _(MIN_INT) _(MAX_INT) \
  _(FLOOR) _(CEIL) _(TRUNC) _(SQRT) _(LOG) _(LOG2) \
  _(ADDOV) _(SUBOV) _(MULOV) \
  /* References. */ \
  _(AREF) _(HREFK) _(HREF) _(NEWREF) _(UREFO) _(UREFC) _(UREF_CHK) \
  _(FREF) _(TMPREF) _(STRREF) _(LREF) \
  /* Loads and stores. */ \
  _(TVLOAD) _(VLOAD) \
  _(FLOAD_I8) _(FLOAD_U8) _(FLOAD_I16) _(FLOAD_U16) _(FLOAD_32) \
  _(FLOAD_NUM) \
  _(SLOAD) _(SLOAD_NUM2INT) _(SLOAD_INT2NUM) _(SLOAD_KEYINDEX) \
  _(SLOAD_FRAME) _(SLOAD_CHK) \
  _(ALEN) \
  _(TVSTORE) \
  _(FSTORE_8) _(FSTORE_16) _(FSTORE_32) \
  /* Allocations and buffers. */ \
  _(SNEW) _(TNEW) _(TDUP) \
  _(BUFHDR_RESET) _(BUFHDR_WRITE) \
  _(BUFPUT_STR) _(BUFPUT_CHAR) _(BUFPUT_CHARV) _(BUFPUT_NUM) _(BUFPUT_INT) \
  _(BUFPUT_MEM) \
  _(BUFSTR) \
  /* Barriers. */ \
  _(TBAR) _(OBAR) \
  /* Conversions. */ \
  _(NUM_INT) _(NUM_U32) _(INT_NUM) _(INT_NUM_CHK) _(U32_NUM) \
  _(EXT_I8) _(EXT_U8) _(EXT_I16) _(EXT_U16) \
  _(TOBIT) _(TOSTR_NUM) _(TOSTR_INT) _(TOSTR_CHAR) _(STRTO) \
  /* Calls and control. */ \
  _(CALL) _(NEXT) _(HIOP) _(GCCHECK) _(LOOP) _(LOOPBACK) _(JLOOP) _(TAIL) \
  /* The end of one instruction run for compiled code (cvt_step). */ \
  _(STEPEND)

/* Pairs of ops the executor runs as one (superinstructions): the first op,
** then straight on with the second, without a dispatch in between. The most
** frequent neighbours in the bench programs' traces: array and hash slot
** access, loads feeding arithmetic, the loop's PHI moves.
*/
#define CVTFUSEDEF(_) \
  _(AREF, TVLOAD) _(AREF, TVSTORE) _(HREFK, TVLOAD) _(HREFK, TVSTORE) \
  _(UREF_CHK, TVLOAD) _(UREFO, TVLOAD) \
  _(FLOAD_32, UGT_INT) _(FLOAD_32, AREF) _(FLOAD_32, EQ_INT) \
  _(FLOAD_32, HREFK) _(FLOAD_32, TVLOAD) \
  _(UGT_INT, FLOAD_32) _(UGT_INT, AREF) _(EQ_INT, FLOAD_32) \
  _(SLOAD_CHK, FLOAD_32) _(SLOAD_CHK, SLOAD_CHK) _(SLOAD_CHK, ADD_NUM) \
  _(SLOAD_CHK, INT_NUM_CHK) _(SLOAD_CHK, EQ_INT) \
  _(TVLOAD, MUL_NUM) _(TVLOAD, SLOAD_CHK) _(TVLOAD, TVSTORE) \
  _(TVLOAD, ADD_NUM) _(TVLOAD, SUB_NUM) _(TVLOAD, UGT_INT) \
  _(MUL_NUM, ADD_NUM) _(MUL_NUM, SUB_NUM) _(MUL_NUM, MUL_NUM) \
  _(ADD_NUM, ADD_NUM) _(ADD_NUM, MUL_NUM) _(ADD_NUM, DIV_NUM) \
  _(ADD_NUM, TVSTORE) _(SUB_NUM, MUL_NUM) _(DIV_NUM, FLOOR) \
  _(FLOOR, MUL_NUM) _(ADD_INT, LE_INT) \
  _(MOV, MOV) _(MOV, JLOOP) _(LE_INT, MOV)

enum {
#define CVTOPENUM(name)	CVT_##name,
  CVTOPDEF(CVTOPENUM)
#undef CVTOPENUM
  CVT__MAX,
#define CVTFUSEENUM(a, b)	CVT_##a##__##b,
  CVTFUSEDEF(CVTFUSEENUM)
#undef CVTFUSEENUM
  CVT__MAXFUSED
};

/* One decoded instruction. d is the IR ref of the result, a and b those of
** the operands, k a literal (offset, slot, call ID, itype, step count).
*/
typedef struct CVTIns {
  uint8_t op;		/* CVT_* */
  uint8_t t;		/* IR type where the operation depends on it. */
  uint16_t snap;	/* Exit number of a guard. */
  IRRef1 d, a, b;	/* Destination and operand refs. */
  uint8_t xop;		/* What cvt_exec() runs: op, or a pair (CVTFUSEDEF). */
  uint8_t unused;
  int32_t k;		/* Literal. */
} CVTIns;

LJ_STATIC_ASSERT(CVT__MAXFUSED <= 256);

/* One stack slot the end of a trace writes (asm_stack_restore). */
typedef struct CVTStore {
  int16_t ofs;		/* TValue from the trace's base: slot - 1. */
  IRRef1 ref;		/* The value. */
  uint8_t kind;		/* CVTS_* */
  uint8_t unused[3];
  uint32_t hi;		/* The high word: type tag, frame link, LJ_KEYINDEX. */
} CVTStore;

enum {
  CVTS_NUM,	/* The number. */
  CVTS_LOHI,	/* The low word of the value, then hi. */
  CVTS_HI,	/* Only hi (a primitive value). */
  CVTS_LO	/* Only the low word (slot 0: the link stays). */
};

/* The executor's form of a trace. Allocated in one block, outside the GC's
** accounting (like machine code), so the GC sees the same heap as on x86.
*/
typedef struct CVTProg {
  TraceNo1 traceno;
  uint16_t nsnap;
  TraceNo1 link;	/* Trace linked at the end (0: the interpreter). */
  uint8_t gotframe;	/* Root trace adds frames: stack check at the end. */
  uint8_t topslot;	/* Side trace: stack check at entry, or 0. */
  uint32_t ncode;
  uint32_t loop;	/* Index of the LOOP instruction, or ~0u. */
  uint32_t nphi;
  uint32_t npval;
  IRRef1 *phi;		/* Left/right refs of each PHI. */
  IRRef1 *pval;		/* Own ref/parent ref of each inherited value. */
  TraceNo1 *exitlink;	/* Side trace at each exit, or 0. */
  CVTVal *v;		/* Value of IR ref r at v[r]. */
  IRIns *ir;		/* The trace's IR (calls read their arguments). */
  CVTStore *store;	/* What the end of a trace without a loop writes, */
  uint32_t nstore;
  int32_t tailslot;	/* where its base then is, */
  const BCIns *tailpc;	/* and where the interpreter goes on (no link), */
  int32_t tailmres;	/* with this MULTRES, */
  const BCIns *snappc;	/* or (the linked trace does not run) here. */
  TValue nextres[2];	/* Value and key of an array slot (CVT_NEXT). */
  int32_t wfn;		/* Compiled function (table index), or 0. */
  uint32_t hits;	/* Entries, until it is compiled. */
  uint8_t wtried;	/* Compiled once (it does not try again). */
  uint32_t wsize;	/* Bytes of its module. */
  size_t size;		/* Bytes in the block. */
  CVTIns code[1];
} CVTProg;

/* -- Loading: IR to program ---------------------------------------------- */

typedef struct CVTLoad {
  jit_State *J;
  GCtrace *T;		/* The trace (J->cur: header, snapshots). */
  IRIns *ir;		/* Its final IR (prepared by lj_asm_trace). */
  uint8_t *used;	/* Instruction is live (the backend's ra_used). */
  uint8_t *fused;	/* TOSTR/SNEW fused into a BUFPUT. */
  uint16_t *snapno;	/* Snapshot in effect at each ref. */
  IRRef stopins;	/* Last parent SLOAD/PVAL of a side trace. */
  IRRef loopref;
} CVTLoad;

#define IRL(ld, ref)	(&(ld)->ir[(ref)])
#define issunk(ir)	((ir)->r == RID_SINK || (ir)->r == RID_SUNK)

/* Mark what a snapshot keeps alive: located values, the stored values of a
** sunk allocation, the integer behind an unlocated number conversion.
*/
static void load_usesnapref(CVTLoad *ld, IRRef ref, IRRef snapref)
{
  IRIns *ir = IRL(ld, ref);
  if (irref_isk(ref) || ld->used[ref]) return;
  if (ir->r == RID_SUNK) {
    IRIns *irs;
    for (irs = IRL(ld, snapref-1); irs > ir; irs--)
      if (irs->r == RID_SINK &&
	  (irs->s == 255 ? 1 : ir + irs->s == irs) &&
	  (irs->o == IR_ASTORE || irs->o == IR_HSTORE || irs->o == IR_FSTORE))
	load_usesnapref(ld, irs->op2, snapref);
    return;
  }
  if (!ra_hasreg(regsp_reg(ir->prev))) {  /* Unlocated conversion. */
    if (ir->o == IR_CONV) load_usesnapref(ld, ir->op1, snapref);
    return;
  }
  ld->used[ref] = 1;
}

static void load_usesnap(CVTLoad *ld, SnapNo sn)
{
  SnapShot *snap = &ld->T->snap[sn];
  SnapEntry *map = &ld->T->snapmap[snap->mapofs];
  MSize n;
  for (n = 0; n < snap->nent; n++)
    load_usesnapref(ld, snap_ref(map[n]), snap->ref);
}

static void load_use(CVTLoad *ld, IRRef ref)
{
  if (!irref_isk(ref)) ld->used[ref] = 1;
}

/* Operands of a live instruction are live, as in the backend. */
static void load_useops(CVTLoad *ld, IRIns *ir)
{
  uint8_t m = lj_ir_mode[ir->o];
  if (irm_op1(m) == IRMref) load_use(ld, ir->op1);
  if (irm_op2(m) == IRMref) load_use(ld, ir->op2);
}

/* A BUFPUT of a TOSTR or SNEW used nowhere else puts the number or the bytes
** without making the string (asm_bufput fuses them). In the loop only what
** the loop makes: the backend fuses refs above fuseref, the LOOP's ref while
** it assembles the loop and 0 before it (asm_loop).
*/
static int load_fusebufput(CVTLoad *ld, IRRef ref)
{
  IRIns *ir = IRL(ld, ref), *irs = IRL(ld, ir->op2);
  if (irref_isk(ir->op2) || ld->used[ir->op2] ||
      (ld->loopref && ref > ld->loopref && ir->op2 <= ld->loopref))
    return 0;
  return irs->o == IR_TOSTR || irs->o == IR_SNEW;
}

/* Liveness, backwards: the backend's dead-code elimination and the values
** exits need. Sunk stores and allocations make nothing live.
*/
static void load_liveness(CVTLoad *ld)
{
  GCtrace *T = ld->T;
  IRRef ref;
  if (!ld->loopref) {  /* The tail writes the last snapshot to the stack. */
    SnapShot *snap = &T->snap[T->nsnap-1];
    SnapEntry *map = &T->snapmap[snap->mapofs];
    MSize n;
    for (n = 0; n < snap->nent; n++)
      if (!(map[n] & SNAP_NORESTORE)) load_use(ld, snap_ref(map[n]));
  }
  for (ref = T->nins-1; ref > ld->stopins; ref--) {
    IRIns *ir = IRL(ld, ref);
    if (!ld->used[ref] && !ir_sideeff(ir)) continue;
    ld->used[ref] = 1;
    if (ir->r == RID_SINK) continue;  /* Sunk store, NEWREF or PHI. */
    if (irt_isguard(ir->t) || ir->o == IR_LOOP || ir->o == IR_GCSTEP)
      load_usesnap(ld, ld->snapno[ref]);
    if (ir->o == IR_BUFPUT && load_fusebufput(ld, ref)) {
      IRIns *irs = IRL(ld, ir->op2);
      ld->fused[ir->op2] = 1;
      load_use(ld, ir->op1);
      load_useops(ld, irs);
      continue;
    }
    if (ir->o == IR_HREFK) {  /* The key is a KSLOT constant. */
      load_use(ld, ir->op1);
      continue;
    }
    load_useops(ld, ir);
  }
  /* Exits at the entry: the GC check and stack checks use snapshot 0. */
  load_usesnap(ld, 0);
  if (ld->loopref) load_usesnap(ld, ld->snapno[ld->loopref]);
  for (ref = REF_FIRST; ref <= ld->stopins; ref++)
    ld->used[ref] = 1;  /* Inherited values are always there. */
}

/* GC steps, as the backend counts them: one per allocation that is made,
** checked at the head (allocations before the loop or in a trace without
** one), at the loop (allocations in the loop) and at an explicit GCSTEP.
*/
static int load_isalloc(CVTLoad *ld, IRRef ref)
{
  IRIns *ir = IRL(ld, ref);
  if (!ld->used[ref] || ir->r == RID_SINK || ir->r == RID_SUNK)
    return 0;
  switch (ir->o) {
  case IR_SNEW: case IR_XSNEW: case IR_TNEW: case IR_TDUP: case IR_BUFSTR:
  case IR_TOSTR: case IR_CALLA:
    return 1;
  default:
    return 0;
  }
}

/* -- Decoding ------------------------------------------------------------ */

/* Field offsets of FLOAD/FREF (as the backend's field_ofs[]). */
static const int16_t cvt_field_ofs[IRFL__MAX+1] = {
#define FLOFS(name, ofs)	(int16_t)(ofs),
IRFLDEF(FLOFS)
#undef FLOFS
  0
};

static int cvt_callable(IRCallID id);

/* SLOAD flags in CVTIns.b. */
#define SLOAD_TYPECHECK	1
#define SLOAD_EXACT	2

/* Returns 0 if the trace has something the executor does not run. */
static int load_ins(CVTLoad *ld, CVTIns *ci, IRRef ref)
{
  IRIns *ir = IRL(ld, ref);
  IRType t = irt_type(ir->t);
  int num = irt_isnum(ir->t);
  ci->t = (uint8_t)t;
  ci->d = (IRRef1)ref;
  ci->a = ir->op1;
  ci->b = ir->op2;
  ci->k = 0;
  ci->snap = ld->snapno[ref];
  switch ((IROp)ir->o) {
  case IR_LT: case IR_GE: case IR_LE: case IR_GT:
  case IR_ULT: case IR_UGE: case IR_ULE: case IR_UGT: {
    IRType ot = irt_type(IRL(ld, ir->op1)->t);
    if (ot == IRT_NUM) {
      ci->op = (uint8_t)(CVT_LT_NUM + (ir->o - IR_LT));
    } else if (ot == IRT_INT || ot == IRT_U32 || irt_isaddr(IRL(ld, ir->op1)->t) ||
	       ot == IRT_P32 || ot == IRT_I8 || ot == IRT_U8 || ot == IRT_I16 ||
	       ot == IRT_U16) {
      ci->op = (uint8_t)(CVT_LT_INT + (ir->o - IR_LT));
      if (ot == IRT_U32 || ot == IRT_P32 || irt_isaddr(IRL(ld, ir->op1)->t))
	ci->op = (uint8_t)(CVT_ULT_INT + ((ir->o - IR_LT) & 3));
    } else {
      return 0;
    }
    return 1;
  }
  case IR_ABC:  /* Same as UGT: asize > index. */
    ci->op = CVT_UGT_INT;
    return 1;
  case IR_EQ: case IR_NE: {
    IRType ot = irt_type(IRL(ld, ir->op1)->t);
    if (ot == IRT_NUM) {
      ci->op = ir->o == IR_EQ ? CVT_EQ_NUM : CVT_NE_NUM;
    } else if (ot <= IRT_TRUE) {  /* Same primitive type: no payload. */
      if (ir->o == IR_EQ) ci->op = CVT__MAX;
      else return 0;
    } else if (irt_isint64(IRL(ld, ir->op1)->t)) {
      return 0;
    } else {
      ci->op = ir->o == IR_EQ ? CVT_EQ_INT : CVT_NE_INT;
    }
    return 1;
  }
  case IR_RETF:
    ci->op = CVT_RETF;
    ci->k = 1+bc_a(*((const BCIns *)ir_kptr(IRL(ld, ir->op2)) - 1));
    return 1;

  case IR_NOP: case IR_BASE: case IR_PROF: case IR_USE: case IR_XBAR:
  case IR_CARG: case IR_PHI:
    ci->op = CVT__MAX;  /* Nothing to run. */
    return 1;
  case IR_PVAL:
    ci->op = CVT__MAX;  /* Filled in at entry from the parent. */
    return 1;
  case IR_GCSTEP:
    ci->op = CVT__MAX;  /* load_gcsteps() places the check. */
    return 1;
  case IR_LOOP:
    ci->op = CVT_LOOP;
    return 1;

  case IR_BNOT: ci->op = CVT_BNOT; return t == IRT_INT || t == IRT_U32;
  case IR_BSWAP: ci->op = CVT_BSWAP; return t == IRT_INT || t == IRT_U32;
  case IR_BAND: ci->op = CVT_BAND; goto bitop;
  case IR_BOR: ci->op = CVT_BOR; goto bitop;
  case IR_BXOR: ci->op = CVT_BXOR; goto bitop;
  case IR_BSHL: ci->op = CVT_BSHL; goto bitop;
  case IR_BSHR: ci->op = CVT_BSHR; goto bitop;
  case IR_BSAR: ci->op = CVT_BSAR; goto bitop;
  case IR_BROL: ci->op = CVT_BROL; goto bitop;
  case IR_BROR: ci->op = CVT_BROR;
  bitop:
    return t == IRT_INT || t == IRT_U32;

  case IR_ADD: ci->op = num ? CVT_ADD_NUM : CVT_ADD_INT; goto arith;
  case IR_SUB: ci->op = num ? CVT_SUB_NUM : CVT_SUB_INT; goto arith;
  case IR_MUL: ci->op = num ? CVT_MUL_NUM : CVT_MUL_INT; goto arith;
  case IR_NEG: ci->op = num ? CVT_NEG_NUM : CVT_NEG_INT; goto arith;
  case IR_MIN: ci->op = num ? CVT_MIN_NUM : CVT_MIN_INT; goto arith;
  case IR_MAX: ci->op = num ? CVT_MAX_NUM : CVT_MAX_INT;
  arith:
    return num || t == IRT_INT || t == IRT_U32 ||
	   (irt_isaddr(ir->t) && (ir->o == IR_ADD || ir->o == IR_SUB)) ||
	   ((t == IRT_P32 || t == IRT_PGC) && (ir->o == IR_ADD || ir->o == IR_SUB));
  case IR_DIV: ci->op = CVT_DIV_NUM; return num;
  case IR_POW: ci->op = CVT_POW_NUM; return num;
  case IR_ABS: ci->op = CVT_ABS_NUM; return num;
  case IR_LDEXP:
    ci->op = CVT_LDEXP;
    return num && irt_isnum(IRL(ld, ir->op2)->t);
  case IR_MOD: ci->op = CVT_MOD_INT; return t == IRT_INT;
  case IR_FPMATH:
    switch (ir->op2) {
    case IRFPM_FLOOR: ci->op = CVT_FLOOR; break;
    case IRFPM_CEIL: ci->op = CVT_CEIL; break;
    case IRFPM_TRUNC: ci->op = CVT_TRUNC; break;
    case IRFPM_SQRT: ci->op = CVT_SQRT; break;
    case IRFPM_LOG: ci->op = CVT_LOG; break;
    case IRFPM_LOG2: ci->op = CVT_LOG2; break;
    default: return 0;
    }
    return num;
  case IR_ADDOV: ci->op = CVT_ADDOV; return t == IRT_INT;
  case IR_SUBOV: ci->op = CVT_SUBOV; return t == IRT_INT;
  case IR_MULOV: ci->op = CVT_MULOV; return t == IRT_INT;

  case IR_AREF: ci->op = CVT_AREF; return 1;
  case IR_HREFK: {
    IRIns *kslot = IRL(ld, ir->op2);
    IRIns *irkey = IRL(ld, kslot->op1);
    ci->op = CVT_HREFK;
    ci->b = kslot->op1;  /* The key constant. */
    ci->k = (int32_t)kslot->op2;  /* The slot. */
    ci->t = (uint8_t)irt_type(irkey->t);
    return irt_isnum(irkey->t) || irt_isgcv(irkey->t) ||
	   (irt_ispri(irkey->t) && !irt_isnil(irkey->t));
  }
  case IR_HREF:
    ci->op = CVT_HREF;
    ci->t = (uint8_t)irt_type(IRL(ld, ir->op2)->t);
    return !irt_is64(IRL(ld, ir->op2)->t) || irt_isnum(IRL(ld, ir->op2)->t);
  case IR_NEWREF:
    if (ir->r == RID_SINK) { ci->op = CVT__MAX; return 1; }
    ci->op = CVT_NEWREF;
    ci->t = (uint8_t)irt_type(IRL(ld, ir->op2)->t);
    return !irt_is64(IRL(ld, ir->op2)->t) || irt_isnum(IRL(ld, ir->op2)->t);
  case IR_UREFO: case IR_UREFC: {
    int guarded = (irt_t(ir->t) & (IRT_GUARD|IRT_TYPE)) == (IRT_GUARD|IRT_PGC);
    ci->op = guarded ? CVT_UREF_CHK : ir->o == IR_UREFO ? CVT_UREFO : CVT_UREFC;
    ci->k = (int32_t)(ir->op2 >> 8);
    ci->t = (uint8_t)(ir->o == IR_UREFC);
    return 1;
  }
  case IR_FREF:
    ci->op = CVT_FREF;
    ci->k = cvt_field_ofs[ir->op2];
    return 1;
  case IR_TMPREF:
    ci->op = CVT_TMPREF;
    ci->k = (int32_t)ir->op2;
    ci->t = ir->op1 == REF_NIL ? IRT_NIL : (uint8_t)irt_type(IRL(ld, ir->op1)->t);
    return !(ir->op1 != REF_NIL && irt_is64(IRL(ld, ir->op1)->t) &&
	     !irt_isnum(IRL(ld, ir->op1)->t));
  case IR_STRREF: ci->op = CVT_STRREF; return 1;
  case IR_LREF: ci->op = CVT_LREF; return 1;

  case IR_ALOAD: case IR_HLOAD: case IR_ULOAD:
    ci->op = CVT_TVLOAD;
    goto tvload;
  case IR_VLOAD:
    ci->op = CVT_VLOAD;
    ci->k = 8*(int32_t)ir->op2;
  tvload:
    ci->k = ir->o == IR_VLOAD ? ci->k : 0;
    return num || irt_ispri(ir->t) || (irt_isaddr(ir->t) && !irt_is64(ir->t));
  case IR_FLOAD:
    if (ir->op1 == REF_NIL) {  /* From GG_State. */
      ci->k = (int32_t)(ir->op2 << 2);
      ci->a = REF_NIL;
    } else {
      ci->k = cvt_field_ofs[ir->op2];
    }
    switch (t) {
    case IRT_I8: ci->op = CVT_FLOAD_I8; break;
    case IRT_U8: ci->op = CVT_FLOAD_U8; break;
    case IRT_I16: ci->op = CVT_FLOAD_I16; break;
    case IRT_U16: ci->op = CVT_FLOAD_U16; break;
    case IRT_NUM: ci->op = CVT_FLOAD_NUM; break;
    default:
      if (irt_is64(ir->t) || irt_isfloat(ir->t)) return 0;
      ci->op = CVT_FLOAD_32;
      break;
    }
    return 1;
  case IR_SLOAD: {
    /* b: SLOAD_TYPECHECK for a type check, SLOAD_EXACT for a checked
    ** conversion (asm_sload). */
    uint32_t mode = ir->op2;
    ci->k = 8*((int32_t)ir->op1-1);
    ci->b = (IRRef1)((mode & IRSLOAD_TYPECHECK) ? SLOAD_TYPECHECK : 0);
    if ((mode & IRSLOAD_PARENT)) { ci->op = CVT__MAX; return 1; }
    if ((mode & IRSLOAD_FRAME)) {
      ci->op = CVT_SLOAD_FRAME;
      ci->k += 4;
    } else if ((mode & IRSLOAD_KEYINDEX)) {
      ci->op = CVT_SLOAD_KEYINDEX;
    } else if ((mode & IRSLOAD_CONVERT)) {
      if (irt_isint(ir->t)) {
	ci->op = CVT_SLOAD_NUM2INT;
	if (irt_isguard(ir->t)) ci->b |= SLOAD_EXACT;
      } else {
	ci->op = CVT_SLOAD_INT2NUM;
      }
      return irt_isint(ir->t) || num;
    } else {
      ci->op = (mode & IRSLOAD_TYPECHECK) ? CVT_SLOAD_CHK : CVT_SLOAD;
    }
    return num || irt_ispri(ir->t) || irt_isinteger(ir->t) ||
	   (irt_isaddr(ir->t) && !irt_is64(ir->t));
  }
  case IR_XLOAD:
    ci->k = 0;
    switch (t) {
    case IRT_I8: ci->op = CVT_FLOAD_I8; break;
    case IRT_U8: ci->op = CVT_FLOAD_U8; break;
    case IRT_I16: ci->op = CVT_FLOAD_I16; break;
    case IRT_U16: ci->op = CVT_FLOAD_U16; break;
    case IRT_NUM: ci->op = CVT_FLOAD_NUM; break;
    default:
      if (irt_is64(ir->t) || irt_isfloat(ir->t)) return 0;
      ci->op = CVT_FLOAD_32;
      break;
    }
    return 1;
  case IR_ALEN: ci->op = CVT_ALEN; return 1;

  case IR_ASTORE: case IR_HSTORE: case IR_USTORE:
    /* A store's type is that of the value it stores. */
    if (ir->r == RID_SINK) { ci->op = CVT__MAX; return 1; }
    ci->op = CVT_TVSTORE;
    return num || irt_ispri(ir->t) || (irt_isaddr(ir->t) && !irt_is64(ir->t));
  case IR_FSTORE: case IR_XSTORE:  /* Stores the low bytes of the value. */
    if (ir->r == RID_SINK) { ci->op = CVT__MAX; return 1; }
    switch (t) {
    case IRT_I8: case IRT_U8: ci->op = CVT_FSTORE_8; break;
    case IRT_I16: case IRT_U16: ci->op = CVT_FSTORE_16; break;
    default:
      if (irt_is64(ir->t) || irt_isfloat(ir->t)) return 0;
      ci->op = CVT_FSTORE_32;
      break;
    }
    return 1;

  case IR_SNEW: case IR_XSNEW:  /* Fused into a BUFPUT, unless used. */
    ci->op = CVT_SNEW;
    return 1;
  case IR_TNEW:
    ci->op = CVT_TNEW;
    ci->k = (int32_t)(ir->op1 | (ir->op2 << 24));  /* lj_tab_new1's ahsize. */
    return 1;
  case IR_TDUP: ci->op = CVT_TDUP; return 1;
  case IR_BUFHDR:
    switch (ir->op2) {
    case IRBUFHDR_RESET: ci->op = CVT_BUFHDR_RESET; return 1;
    case IRBUFHDR_APPEND: ci->op = CVT_MOV; ci->b = 0; return 1;
    case IRBUFHDR_WRITE: ci->op = CVT_BUFHDR_WRITE; return 1;
    default: return 0;
    }
  case IR_BUFPUT: {
    IRIns *irs = IRL(ld, ir->op2);
    ci->op = CVT_BUFPUT_STR;
    if (irs->o == IR_KGC && ir_kstr(irs)->len == 1) {
      ci->op = CVT_BUFPUT_CHAR;
      ci->k = (int8_t)strdata(ir_kstr(irs))[0];  /* Signed, as the backend. */
    } else if (!irref_isk(ir->op2) && ld->fused[ir->op2]) {
      if (irs->o == IR_TOSTR) {
	ci->b = irs->op1;
	ci->op = irs->op2 == IRTOSTR_NUM ? CVT_BUFPUT_NUM :
		 irs->op2 == IRTOSTR_INT ? CVT_BUFPUT_INT : CVT_BUFPUT_CHARV;
      } else {
	ci->b = irs->op1;
	ci->k = irs->op2;  /* Length ref. */
	ci->op = CVT_BUFPUT_MEM;
      }
    }
    return 1;
  }
  case IR_BUFSTR: ci->op = CVT_BUFSTR; return 1;

  case IR_TBAR: ci->op = CVT_TBAR; return 1;
  case IR_OBAR: ci->op = CVT_OBAR; return 1;

  case IR_CONV: {
    IRType st = (IRType)(ir->op2 & IRCONV_SRCMASK);
    if (irt_isint64(ir->t) || st == IRT_I64 || st == IRT_U64 ||
	st == IRT_FLOAT || irt_isfloat(ir->t))
      return 0;
    if (num) {
      if (st == IRT_NUM) { ci->op = CVT_MOV; ci->b = 0; return 1; }
      ci->op = st == IRT_U32 ? CVT_NUM_U32 : CVT_NUM_INT;
      return st == IRT_INT || st == IRT_U32;
    } else if (st == IRT_NUM) {
      if (irt_isguard(ir->t)) ci->op = CVT_INT_NUM_CHK;
      else ci->op = irt_isu32(ir->t) ? CVT_U32_NUM : CVT_INT_NUM;
      return t == IRT_INT || t == IRT_U32;
    } else if (st == IRT_I8) { ci->op = CVT_EXT_I8; return 1;
    } else if (st == IRT_U8) { ci->op = CVT_EXT_U8; return 1;
    } else if (st == IRT_I16) { ci->op = CVT_EXT_I16; return 1;
    } else if (st == IRT_U16) { ci->op = CVT_EXT_U16; return 1;
    }
    ci->op = CVT_MOV;  /* 32 bit integer casts. */
    ci->b = 0;
    return 1;
  }
  case IR_TOBIT: ci->op = CVT_TOBIT; return 1;
  case IR_TOSTR:  /* Fused into a BUFPUT, unless used. */
    ci->op = ir->op2 == IRTOSTR_NUM ? CVT_TOSTR_NUM :
	     ir->op2 == IRTOSTR_INT ? CVT_TOSTR_INT : CVT_TOSTR_CHAR;
    return 1;
  case IR_STRTO: ci->op = CVT_STRTO; return 1;

  case IR_HIOP:  /* Only the next index after lj_vm_next. */
    ci->op = CVT_HIOP;
    return IRL(ld, ir->op1)->o == IR_CALLL &&
	   IRL(ld, ir->op1)->op2 == IRCALL_lj_vm_next;
  case IR_CALLN: case IR_CALLA: case IR_CALLL: case IR_CALLS:
    if (ir->op2 == IRCALL_lj_vm_next) {
      IRIns *ira = IRL(ld, ir->op1);  /* CARG table, index. */
      ci->op = CVT_NEXT;
      ci->a = ira->op1;
      ci->b = ira->op2;
      return 1;
    }
    ci->op = CVT_CALL;
    ci->k = (int32_t)ir->op2;
    return cvt_callable((IRCallID)ir->op2);
  default:
    return 0;  /* KSLOT in the trace body, HIOP, CNEW, CNEWI, CALLXS. */
  }
}

/* Snapshot in effect at each instruction: the last one taken before it. */
static void load_snapnos(CVTLoad *ld)
{
  GCtrace *T = ld->T;
  SnapNo sn = 0;
  IRRef ref;
  for (ref = REF_BASE; ref < T->nins; ref++) {
    while (sn+1 < T->nsnap && T->snap[sn+1].ref <= ref) sn++;
    ld->snapno[ref] = (uint16_t)sn;
  }
}

/* Parent values a side trace inherits (lj_snap_regspmap): its parent SLOADs
** and PVALs, with the parent refs they stand for.
*/
static uint32_t load_pvals(CVTLoad *ld, IRRef1 *pval)
{
  jit_State *J = ld->J;
  GCtrace *P = traceref(J, J->parent);
  SnapShot *snap = &P->snap[J->exitno];
  SnapEntry *map = &P->snapmap[snap->mapofs];
  MSize n = 0;
  uint32_t np = 0;
  IRRef ref;
  for (ref = REF_FIRST; ref < ld->T->nins; ref++) {
    IRIns *ir = IRL(ld, ref);
    IRRef pref;
    if (ir->o == IR_SLOAD && (ir->op2 & IRSLOAD_PARENT)) {
      for (;; n++) {
	if (n >= snap->nent) return ~0u;
	if (snap_slot(map[n]) == ir->op1) {
	  pref = snap_ref(map[n++]);
	  break;
	}
      }
    } else if (ir->o == IR_PVAL) {
      pref = ir->op1 + REF_BIAS;
    } else {
      break;
    }
    if (pval) {
      pval[2*np] = (IRRef1)ref;
      pval[2*np+1] = (IRRef1)pref;
    }
    np++;
    ld->stopins = ref;
  }
  return np;
}

/* Some PHI's loop value is another PHI's value before the loop: the moves
** must happen at once (CVT_LOOPBACK).
*/
static int load_phiclash(CVTProg *P)
{
  uint32_t i, j;
  for (i = 0; i < P->nphi; i++)
    for (j = 0; j < P->nphi; j++)
      if (P->phi[2*j+1] == P->phi[2*i]) return 1;
  return 0;
}

/* Pick the superinstructions: each pair in CVTFUSEDEF, left to right. The
** second instruction keeps its own xop, so a jump to it (the loop's start)
** runs it alone.
*/
static void load_fuse(CVTProg *P)
{
  static const uint8_t pairs[][3] = {
#define CVTFUSEPAIR(a, b)	{CVT_##a, CVT_##b, CVT_##a##__##b},
    CVTFUSEDEF(CVTFUSEPAIR)
#undef CVTFUSEPAIR
  };
  uint32_t i, j;
  for (i = 0; i < P->ncode; i++) P->code[i].xop = P->code[i].op;
  for (i = 0; i+1 < P->ncode; i++)
    for (j = 0; j < sizeof(pairs)/sizeof(pairs[0]); j++)
      if (P->code[i].op == pairs[j][0] && P->code[i+1].op == pairs[j][1]) {
	P->code[i++].xop = pairs[j][2];
	break;
      }
}

static void load_const(CVTLoad *ld, CVTVal *v, IRRef ref)
{
  IRIns *ir = IRL(ld, ref);
  v->u64 = 0;
  switch ((IROp)ir->o) {
  case IR_KINT: v->i = ir->i; break;
  case IR_KGC: v->p = ir_kgc(ir); break;
  case IR_KPTR: case IR_KKPTR: v->p = ir_kptr(ir); break;
  case IR_KNUM: v->n = ir_knum(ir)->n; break;
  case IR_KINT64: v->u64 = ir_kint64(ir)->u64; break;
  default: break;  /* KPRI, KNULL, KSLOT: no payload. */
  }
}

/* The end of a trace without a loop (asm_tail_link): the slots the last
** snapshot writes to the stack, where the base then is, and where the
** interpreter goes on when no trace is linked.
*/
static void load_tail(CVTLoad *ld, CVTProg *P)
{
  GCtrace *T = ld->T;
  SnapShot *snap = &T->snap[T->nsnap-1];
  SnapEntry *map = &T->snapmap[snap->mapofs];
  SnapEntry *flinks = &T->snapmap[snap_nextofs(T, snap)-1];
  MSize n, nent = snap->nent;
  BCReg baseslot = 0;
  const BCIns *pc;
  CVTStore *st = P->store;
  for (n = 0; n < nent; n++) {
    SnapEntry sn = map[n];
    BCReg s = snap_slot(sn);
    IRRef ref = snap_ref(sn);
    IRIns *ir = IRL(ld, ref);
    if ((sn & SNAP_FRAME)) baseslot = s;
    if ((sn & SNAP_NORESTORE)) continue;
    st->ofs = (int16_t)((int32_t)s - 1);
    st->ref = (IRRef1)ref;
    if ((sn & SNAP_KEYINDEX)) {
      st->kind = CVTS_LOHI;
      st->hi = LJ_KEYINDEX;
    } else if (irt_isnum(ir->t)) {
      st->kind = CVTS_NUM;
    } else if ((sn & (SNAP_CONT|SNAP_FRAME))) {
      st->kind = s != 0 ? CVTS_LOHI : CVTS_LO;
      if (s != 0) st->hi = (uint32_t)*flinks--;  /* Frame link. */
    } else {
      st->kind = irt_ispri(ir->t) ? CVTS_HI : CVTS_LOHI;
      st->hi = irt_toitype(ir->t);
    }
    st++;
  }
  P->nstore = (uint32_t)(st - P->store);
  P->tailslot = (int32_t)baseslot;
  pc = snap_pc(&map[nent]);
  P->snappc = pc;
  if (bc_op(*pc) == BC_JLOOP) {  /* Return trace: dispatch the RET. */
    BCIns *retpc = &traceref(ld->J, bc_d(*pc))->startins;
    if (bc_isret(bc_op(*retpc))) pc = retpc;
  }
  P->tailpc = pc;
  P->tailmres = (int32_t)(snap->nslots - baseslot);
  switch (bc_op(*pc)) {
  case BC_CALLM: case BC_CALLMT:
    P->tailmres -= (int32_t)(1 + bc_a(*pc) + bc_c(*pc)); break;
  case BC_RETM: P->tailmres -= (int32_t)(bc_a(*pc) + bc_d(*pc)); break;
  case BC_TSETM: P->tailmres -= (int32_t)bc_a(*pc); break;
  default: if (bc_op(*pc) < BC_FUNCF) P->tailmres = 0; break;
  }
}

/* Programs live outside the Lua heap, as machine code does: the heap then
** holds the same objects at the same addresses as with LuaJIT's assembly VM
** (hot counters are keyed by bytecode addresses), and the GC counts the same.
*/
#if LJ_TARGET_POSIX && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>

static void *cvt_alloc(size_t sz)
{
  void *p = mmap(NULL, sz, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS,
		 -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

static void cvt_free(void *p, size_t sz)
{
  munmap(p, sz);
}
#else
static void *cvt_alloc(size_t sz)
{
  return malloc(sz);
}

static void cvt_free(void *p, size_t sz)
{
  UNUSED(sz);
  free(p);
}
#endif

static MCode *cvt_load(jit_State *J, GCtrace *T, IRIns *irf)
{
  CVTLoad ld;
  CVTProg *P;
  size_t nref = T->nins - T->nk, ncode, sz;
  uint8_t *scratch;
  uint32_t npval = 0, nphi = 0, i;
  IRRef ref;
  int ok = 1;
  if (T->nins >= 65535) return NULL;
  ld.J = J;
  ld.T = T;
  ld.ir = irf;
  ld.stopins = REF_BASE;
  ld.loopref = 0;
  if (J->parent) {
    npval = load_pvals(&ld, NULL);
    if (npval == ~0u) return NULL;
  }
  for (ref = T->nins-1; ref > REF_BASE; ref--) {
    IROp op = (IROp)irf[ref].o;
    if (op == IR_LOOP) ld.loopref = ref;
    else if (op == IR_PHI && irf[ref].r != RID_SINK) nphi++;
  }
  /* One block: the program (at most one instruction per IR instruction, the
  ** GC checks, the PHI moves and the tail), then the scratch space of loading.
  */
  ncode = nref + 4 + nphi;
  sz = sizeof(CVTProg) + ncode*sizeof(CVTIns) + nref*sizeof(CVTVal) +
       T->nsnap*sizeof(TraceNo1) + (2*nphi + 2*npval)*sizeof(IRRef1);
  sz = (sz + 7) & ~(size_t)7;
  sz += T->snap[T->nsnap-1].nent*sizeof(CVTStore);
  sz = (sz + 7) & ~(size_t)7;
  P = (CVTProg *)cvt_alloc(sz + 4*nref);
  if (!P) return NULL;
  memset(P, 0, sz + 4*nref);
  P->size = sz + 4*nref;
  P->v = (CVTVal *)(void *)((char *)P + sizeof(CVTProg) +
			    ncode*sizeof(CVTIns)) - T->nk;
  P->exitlink = (TraceNo1 *)(void *)(P->v + T->nins);
  P->phi = P->exitlink + T->nsnap;
  P->pval = P->phi + 2*nphi;
  P->store = (CVTStore *)(void *)((char *)P + sz -
				  T->snap[T->nsnap-1].nent*sizeof(CVTStore));
  scratch = (uint8_t *)P + sz;
  ld.used = scratch - T->nk;
  ld.fused = scratch + nref - T->nk;
  ld.snapno = (uint16_t *)(void *)(scratch + 2*nref) - T->nk;
  load_snapnos(&ld);
  load_liveness(&ld);
  P->ir = irf;
  P->traceno = (TraceNo1)T->traceno;
  P->nsnap = (uint16_t)T->nsnap;
  P->link = (TraceNo1)T->link;
  P->nphi = nphi;
  P->npval = npval;
  P->loop = ~0u;
  if (npval) load_pvals(&ld, P->pval);
  for (ref = T->nk; ref < REF_BIAS; ref++) {
    load_const(&ld, &P->v[ref], ref);
    if (irt_is64(irf[ref].t) && irf[ref].o != IR_KNULL) ref++;
  }
  for (ref = T->nins-1, i = 0; ref > REF_BASE; ref--)
    if (irf[ref].o == IR_PHI && irf[ref].r != RID_SINK) {
      P->phi[2*i] = irf[ref].op1;
      P->phi[2*i+1] = irf[ref].op2;
      i++;
    }
  {  /* Decode, and place the GC checks where the backend places them. */
    CVTIns *code = P->code;
    uint32_t n = 0;
    int32_t steps = 0;
    IRRef r;
    /* Backwards first: the step counts. */
    int32_t headsteps, loopsteps = 0;
    uint16_t gcstep_at = 0;
    int32_t gcstep_steps = 0;
    for (r = T->nins-1; r > ld.stopins; r--) {
      IRIns *ir = &irf[r];
      if (!ld.used[r] && ir->o != IR_LOOP) continue;
      if (ir->o == IR_LOOP) { loopsteps = steps; steps = 0; continue; }
      if (ir->o == IR_GCSTEP) {
	IRRef ra;
	for (ra = ld.stopins+1; ra < r; ra++)
	  if ((irf[ra].o == IR_TNEW || irf[ra].o == IR_TDUP) &&
	      load_isalloc(&ld, ra))
	    steps++;
	gcstep_at = (uint16_t)r;
	gcstep_steps = steps;
	steps = (int32_t)0x80000000;
	continue;
      }
      if (load_isalloc(&ld, r)) steps++;
    }
    headsteps = steps;
    if (J->parent) {  /* Stack check of a side trace at entry. */
      GCtrace *PT = traceref(J, J->parent);
      BCReg topslot = T->snap[T->nsnap-1].topslot;
      for (r = T->nins-1; r > ld.stopins; r--)
	if (irf[r].o == IR_RETF && ld.used[r]) {
	  BCReg delta = 1+bc_a(*((const BCIns *)ir_kptr(&irf[irf[r].op2]))-1);
	  topslot = topslot > delta ? topslot - delta : 0;
	}
      /* The slots checked so far, for its own side traces (asm_head_side). */
      T->topslot = PT->topslot;
      if (topslot > PT->topslot && !ld.loopref)
	T->topslot = P->topslot = (uint8_t)topslot;
    } else {
      /* A root trace starts on a checked stack (asm_head_root). */
      T->topslot = gcref(T->startpt)->pt.framesize;
    }
    if (!J->parent && !ld.loopref) {  /* Root trace that adds frames. */
      SnapShot *snap = &T->snap[T->nsnap-1];
      SnapEntry *map = &T->snapmap[snap->mapofs];
      MSize m;
      for (m = 0; m < snap->nent; m++)
	if ((map[m] & SNAP_FRAME)) P->gotframe = 1;
    }
    if (headsteps > 0) {
      code[n].op = CVT_GCCHECK;
      code[n].k = headsteps;
      code[n].snap = 0;
      n++;
    }
    for (r = ld.stopins+1; r < T->nins; r++) {
      IRIns *ir = &irf[r];
      if (!ld.used[r] && ir->o != IR_LOOP) continue;
      if (!load_ins(&ld, &code[n], r)) { ok = 0; break; }
      if (ir->o == IR_LOOP) {
	P->loop = n;
	if (loopsteps) {
	  code[n].op = CVT_GCCHECK;
	  code[n].k = loopsteps;
	} else {
	  code[n].op = CVT_LOOP;
	}
	n++;
	continue;
      }
      if (r == gcstep_at && gcstep_steps) {
	code[n].op = CVT_GCCHECK;
	code[n].k = gcstep_steps;
	n++;
	continue;
      }
      if (code[n].op != CVT__MAX) n++;
    }
    if (ld.loopref && !load_phiclash(P)) {
      /* No PHI takes another PHI's value: plain moves, in order. */
      for (i = 0; i < nphi; i++, n++) {
	code[n].op = CVT_MOV;
	code[n].d = P->phi[2*i];
	code[n].a = P->phi[2*i+1];
      }
      code[n].op = CVT_JLOOP;
    } else {
      code[n].op = ld.loopref ? CVT_LOOPBACK : CVT_TAIL;
    }
    code[n].snap = (uint16_t)(T->nsnap-1);
    /* Back to the loop's GC check, or past the LOOP marker. */
    code[n].k = ld.loopref && code[P->loop].op == CVT_LOOP ?
		(int32_t)P->loop + 1 : (int32_t)P->loop;
    n++;
    P->ncode = n;
    load_fuse(P);
  }
  if (!ok) {
    cvt_free(P, P->size);
    return NULL;
  }
  if (!ld.loopref) load_tail(&ld, P);
  return (MCode *)P;
}

/* What loading costs, for bench/trace_prep_bench (process-wide). */
static uint64_t cvt_loaded, cvt_load_ns;

static uint64_t cvt_now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

MCode *lj_vm_trace_load(jit_State *J, GCtrace *T, IRIns *irf)
{
  uint64_t start = cvt_now_ns();
  MCode *P = cvt_load(J, T, irf);
  cvt_load_ns += cvt_now_ns() - start;
  cvt_loaded++;
  return P;
}

void lj_cvm_trace_loadstats(uint64_t *traces, uint64_t *ns)
{
  *traces = cvt_loaded;
  *ns = cvt_load_ns;
}

static void cvt_wasm_free(CVTProg *P);

void lj_vm_trace_unload(global_State *g, GCtrace *T)
{
  CVTProg *P = (CVTProg *)(void *)T->mcode;
  UNUSED(g);
  if (P) {
    T->mcode = NULL;
    cvt_wasm_free(P);
    cvt_free(P, P->size);
  }
}

void lj_vm_trace_patchexit(GCtrace *T, ExitNo exitno, TraceNo side)
{
  CVTProg *P = (CVTProg *)(void *)T->mcode;
  if (P && exitno < P->nsnap) P->exitlink[exitno] = (TraceNo1)side;
}

/* jit.util.wasmdump(file|nil), for jit.dump's 'm': the file that lists
** each trace as it is compiled to WebAssembly. The registry holds it under
** this key (and keeps it alive while jit.dump has not closed it).
*/
static const char cvt_dumpkey;

void lj_vm_trace_dumpto(lua_State *L)
{
  lua_pushlightuserdata(L, (void *)&cvt_dumpkey);
  if (L->base < L->top && tvisudata(L->base) &&
      udataV(L->base)->udtype == UDTYPE_IO_FILE)
    lua_pushvalue(L, 1);
  else
    lua_pushnil(L);
  lua_rawset(L, LUA_REGISTRYINDEX);
}

/* The open file compiled traces are listed to, or NULL. */
static FILE *cvt_dumpfile(jit_State *J)
{
  TValue key;
  cTValue *o;
  setrawlightudV(&key, (void *)&cvt_dumpkey);
  o = lj_tab_get(J->L, tabV(&J2G(J)->registrytv), &key);
  if (o && tvisudata(o) && udataV(o)->udtype == UDTYPE_IO_FILE)
    return *(FILE **)uddata(udataV(o));  /* lib_io.c's IOFileUD: fp first. */
  return NULL;
}

/* -- Running ------------------------------------------------------------- */

/* The hash part lookup of HREF (asm_href): &n->val or niltv. */
static TValue *cvt_href(global_State *g, GCtab *t, cTValue *key)
{
  Node *n;
  if (tvisstr(key)) n = hashstr(t, strV(key));
  else if (tvisnum(key)) n = hashnum(t, key);
  else if (tvisbool(key)) n = hashmask(t, boolV(key));
  else n = hashgcref(t, key->gcr);
  do {
    if (lj_obj_equal(&n->key, key)) return &n->val;
  } while ((n = nextnode(n)));
  return niltvg(g);
}

/* The IR's lj_vm_next (vm_next in the assembly VM): the next entry of t at
** or after idx. The low word is a pointer to its value and key (TValues in a
** row: a hash node, or a copy for an array slot), the high word the index
** after it (ITERN's HIOP). At the end, the key is nil.
*/
static uint64_t cvt_next(CVTProg *P, GCtab *t, uint32_t idx)
{
  TValue *res = P->nextres;
  for (; idx < t->asize; idx++) {
    cTValue *o = arrayslot(t, idx);
    if (!tvisnil(o)) {
      res[0] = *o;
      setnumV(&res[1], (lua_Number)idx);
      return (uint32_t)(uintptr_t)res | (uint64_t)(idx + 1) << 32;
    }
  }
  for (idx -= t->asize; idx <= t->hmask; idx++) {
    Node *n = &noderef(t->node)[idx];
    if (!tvisnil(&n->val))
      return (uint32_t)(uintptr_t)n | (uint64_t)(idx + t->asize + 1) << 32;
  }
  setnilV(&res[1]);
  return (uint32_t)(uintptr_t)res | (uint64_t)(idx + t->asize) << 32;
}

/* A value of IR type t as a TValue. */
static void cvt_totv(lua_State *L, TValue *o, IRType t, CVTVal v)
{
  if (t == IRT_NUM) setnumV(o, v.n);
  else if (t == IRT_INT) setintV(o, v.i);
  else if (t <= IRT_TRUE) setpriV(o, ~(uint32_t)t);
  else setgcV(L, o, (GCobj *)v.p, ~(uint32_t)t);
}

/* x86's cvttsd2si: out of range gives the most negative integer. */
static LJ_AINLINE int32_t cvt_num2int(double n)
{
  return lj_num2int(n);
}

/* IR calls with their real signatures: WebAssembly traps when a function is
** called through a pointer of another type. a[] are the arguments after L.
*/
static void cvt_call(lua_State *L, global_State *g, IRCallID id,
		     CVTVal *a, CVTVal *r)
{
  switch (id) {
  case IRCALL_lj_str_cmp: r->i = lj_str_cmp(a[0].p, a[1].p); break;
  case IRCALL_lj_str_find:
    r->p = (void *)lj_str_find(a[0].p, a[1].p, a[2].u, a[3].u); break;
  case IRCALL_lj_str_new: r->p = lj_str_new(L, a[0].p, a[1].u); break;
  case IRCALL_lj_strscan_num: r->i = lj_strscan_num(a[0].p, a[1].p); break;
  case IRCALL_lj_strfmt_int: r->p = lj_strfmt_int(L, a[0].i); break;
  case IRCALL_lj_strfmt_num: r->p = lj_strfmt_num(L, a[0].p); break;
  case IRCALL_lj_strfmt_char: r->p = lj_strfmt_char(L, a[0].i); break;
  case IRCALL_lj_strfmt_putint: r->p = lj_strfmt_putint(a[0].p, a[1].i); break;
  case IRCALL_lj_strfmt_putnum: r->p = lj_strfmt_putnum(a[0].p, a[1].p); break;
  case IRCALL_lj_strfmt_putquoted:
    r->p = lj_strfmt_putquoted(a[0].p, a[1].p); break;
  case IRCALL_lj_strfmt_putfnum_int:
    r->p = lj_strfmt_putfnum_int(a[0].p, (SFormat)a[1].u, a[2].n); break;
  case IRCALL_lj_strfmt_putfnum_uint:
    r->p = lj_strfmt_putfnum_uint(a[0].p, (SFormat)a[1].u, a[2].n); break;
  case IRCALL_lj_strfmt_putfnum:
    r->p = lj_strfmt_putfnum(a[0].p, (SFormat)a[1].u, a[2].n); break;
  case IRCALL_lj_strfmt_putfstr:
    r->p = lj_strfmt_putfstr(a[0].p, (SFormat)a[1].u, a[2].p); break;
  case IRCALL_lj_strfmt_putfchar:
    r->p = lj_strfmt_putfchar(a[0].p, (SFormat)a[1].u, a[2].i); break;
  case IRCALL_lj_buf_putmem: r->p = lj_buf_putmem(a[0].p, a[1].p, a[2].u); break;
  case IRCALL_lj_buf_putstr: r->p = lj_buf_putstr(a[0].p, a[1].p); break;
  case IRCALL_lj_buf_putchar: r->p = lj_buf_putchar(a[0].p, a[1].i); break;
  case IRCALL_lj_buf_putstr_reverse:
    r->p = lj_buf_putstr_reverse(a[0].p, a[1].p); break;
  case IRCALL_lj_buf_putstr_lower:
    r->p = lj_buf_putstr_lower(a[0].p, a[1].p); break;
  case IRCALL_lj_buf_putstr_upper:
    r->p = lj_buf_putstr_upper(a[0].p, a[1].p); break;
  case IRCALL_lj_buf_putstr_rep:
    r->p = lj_buf_putstr_rep(a[0].p, a[1].p, a[2].i); break;
  case IRCALL_lj_buf_puttab:
    r->p = lj_buf_puttab(a[0].p, a[1].p, a[2].p, a[3].i, a[4].i); break;
#if LJ_HASBUFFER
  case IRCALL_lj_bufx_set:
    lj_bufx_set(a[0].p, a[1].p, a[2].u, a[3].p); break;
  case IRCALL_lj_serialize_put: r->p = lj_serialize_put(a[0].p, a[1].p); break;
  case IRCALL_lj_serialize_get: r->p = lj_serialize_get(a[0].p, a[1].p); break;
  case IRCALL_lj_serialize_encode: r->p = lj_serialize_encode(L, a[0].p); break;
  case IRCALL_lj_serialize_decode:
    lj_serialize_decode(L, a[0].p, a[1].p); r->i = 0; break;
#endif
  case IRCALL_lj_buf_tostr: r->p = lj_buf_tostr(a[0].p); break;
  case IRCALL_lj_tab_new_ah: r->p = lj_tab_new_ah(L, a[0].i, a[1].i); break;
  case IRCALL_lj_tab_new1: r->p = lj_tab_new1(L, a[0].u); break;
  case IRCALL_lj_tab_dup: r->p = lj_tab_dup(L, a[0].p); break;
  case IRCALL_lj_tab_clear: lj_tab_clear(a[0].p); break;
  case IRCALL_lj_tab_newkey: r->p = lj_tab_newkey(L, a[0].p, a[1].p); break;
  case IRCALL_lj_tab_keyindex: r->u = lj_tab_keyindex(a[0].p, a[1].p); break;
  case IRCALL_lj_vm_next: r->p = lj_vm_next(a[0].p, a[1].u); break;
  case IRCALL_lj_tab_len: r->u = lj_tab_len(a[0].p); break;
  case IRCALL_lj_tab_clone: r->p = lj_tab_clone(L, a[0].p); break;
  case IRCALL_lj_tab_isarray: r->i = lj_tab_isarray(a[0].p); break;
  case IRCALL_lj_tab_nkeys: r->u = lj_tab_nkeys(a[0].p); break;
  case IRCALL_lj_tab_isempty: r->i = lj_tab_isempty(a[0].p); break;
  case IRCALL_lj_tab_len_hint: r->u = lj_tab_len_hint(a[0].p, a[1].u); break;
  case IRCALL_lj_gc_barrieruv: lj_gc_barrieruv(a[0].p, a[1].p); break;
  case IRCALL_lj_prng_u64d: r->u64 = lj_prng_u64d(a[0].p); break;
  case IRCALL_lj_vm_modi: r->i = lj_vm_modi(a[0].i, a[1].i); break;
  case IRCALL_log10: r->n = log10(a[0].n); break;
  case IRCALL_exp: r->n = exp(a[0].n); break;
  case IRCALL_sin: r->n = sin(a[0].n); break;
  case IRCALL_cos: r->n = cos(a[0].n); break;
  case IRCALL_tan: r->n = tan(a[0].n); break;
  case IRCALL_asin: r->n = asin(a[0].n); break;
  case IRCALL_acos: r->n = acos(a[0].n); break;
  case IRCALL_atan: r->n = atan(a[0].n); break;
  case IRCALL_sinh: r->n = sinh(a[0].n); break;
  case IRCALL_cosh: r->n = cosh(a[0].n); break;
  case IRCALL_tanh: r->n = tanh(a[0].n); break;
  case IRCALL_fputc: r->i = fputc(a[0].i, a[1].p); break;
  case IRCALL_fwrite: r->u = (uint32_t)fwrite(a[0].p, a[1].u, a[2].u, a[3].p); break;
  case IRCALL_fflush: r->i = fflush(a[0].p); break;
  case IRCALL_lj_vm_floor: r->n = lj_vm_floor(a[0].n); break;
  case IRCALL_lj_vm_ceil: r->n = lj_vm_ceil(a[0].n); break;
  case IRCALL_lj_vm_trunc: r->n = lj_vm_trunc(a[0].n); break;
  case IRCALL_sqrt: r->n = sqrt(a[0].n); break;
  case IRCALL_log: r->n = log(a[0].n); break;
  case IRCALL_lj_vm_log2: r->n = lj_vm_log2(a[0].n); break;
  case IRCALL_pow: r->n = pow(a[0].n, a[1].n); break;
  case IRCALL_atan2: r->n = atan2(a[0].n, a[1].n); break;
  case IRCALL_ldexp: r->n = ldexp(a[0].n, a[1].i); break;
  default:
    lj_assertG(0, "IR call %d not run by the executor", (int)id);
    UNUSED(g);
    break;
  }
}

/* The calls the executor runs (cvt_call). */
static int cvt_callable(IRCallID id)
{
  switch (id) {
  case IRCALL_lj_str_cmp: case IRCALL_lj_str_find: case IRCALL_lj_str_new:
  case IRCALL_lj_strscan_num: case IRCALL_lj_strfmt_int:
  case IRCALL_lj_strfmt_num: case IRCALL_lj_strfmt_char:
  case IRCALL_lj_strfmt_putint: case IRCALL_lj_strfmt_putnum:
  case IRCALL_lj_strfmt_putquoted: case IRCALL_lj_strfmt_putfnum_int:
  case IRCALL_lj_strfmt_putfnum_uint: case IRCALL_lj_strfmt_putfnum:
  case IRCALL_lj_strfmt_putfstr: case IRCALL_lj_strfmt_putfchar:
  case IRCALL_lj_buf_putmem: case IRCALL_lj_buf_putstr:
  case IRCALL_lj_buf_putchar: case IRCALL_lj_buf_putstr_reverse:
  case IRCALL_lj_buf_putstr_lower: case IRCALL_lj_buf_putstr_upper:
  case IRCALL_lj_buf_putstr_rep: case IRCALL_lj_buf_puttab:
#if LJ_HASBUFFER
  case IRCALL_lj_bufx_set: case IRCALL_lj_serialize_put:
  case IRCALL_lj_serialize_get: case IRCALL_lj_serialize_encode:
  case IRCALL_lj_serialize_decode:
#endif
  case IRCALL_lj_buf_tostr: case IRCALL_lj_tab_new_ah: case IRCALL_lj_tab_new1:
  case IRCALL_lj_tab_dup: case IRCALL_lj_tab_clear: case IRCALL_lj_tab_newkey:
  case IRCALL_lj_tab_keyindex: case IRCALL_lj_vm_next: case IRCALL_lj_tab_len:
  case IRCALL_lj_tab_clone: case IRCALL_lj_tab_isarray:
  case IRCALL_lj_tab_nkeys: case IRCALL_lj_tab_isempty:
  case IRCALL_lj_tab_len_hint: case IRCALL_lj_gc_barrieruv:
  case IRCALL_lj_prng_u64d: case IRCALL_lj_vm_modi: case IRCALL_log10:
  case IRCALL_exp: case IRCALL_sin: case IRCALL_cos: case IRCALL_tan:
  case IRCALL_asin: case IRCALL_acos: case IRCALL_atan: case IRCALL_sinh:
  case IRCALL_cosh: case IRCALL_tanh: case IRCALL_fputc: case IRCALL_fwrite:
  case IRCALL_fflush: case IRCALL_lj_vm_floor: case IRCALL_lj_vm_ceil:
  case IRCALL_lj_vm_trunc: case IRCALL_sqrt: case IRCALL_log:
  case IRCALL_lj_vm_log2: case IRCALL_pow: case IRCALL_atan2: case IRCALL_ldexp:
    return 1;
  default:
    return 0;
  }
}

/* The program of a trace the executor runs, or NULL. */
static CVTProg *cvt_prog(jit_State *J, TraceNo traceno)
{
  GCtrace *T = traceref(J, traceno);
  return (T && !(J->flags & JIT_F_NOEXEC)) ? (CVTProg *)(void *)T->mcode : NULL;
}

/* Leave to the interpreter at pc with multres (asm_tail_link, for a trace
** without a linked trace).
*/
static int cvt_leave(lua_State *L, TValue *base, const BCIns *pc,
		     int32_t mres)
{
  global_State *g = G(L);
  L->base = base;
  setcframe_pc(cframe_raw(L->cframe), pc);
  setmref(g->jit_base, NULL);
  setvmstate(g, INTERP);
  return mres;
}

/* The stack has room for topslot slots above base (asm_stack_check). */
static LJ_AINLINE int cvt_stackok(lua_State *L, TValue *base, BCReg topslot)
{
  return (char *)tvref(L->maxstack) - (char *)base >= 8*(ptrdiff_t)topslot;
}

/* A guard failed: exit through LuaJIT's lj_trace_exit(), which restores the
** snapshot from the values here, counts the exit and may start a side trace.
*/
static int cvt_exit(lua_State *L, CVTProg *P, SnapNo exitno)
{
  global_State *g = G(L);
  jit_State *J = G2J(g);
  ExitState ex;
  int r;
  memset(ex.gpr, 0, sizeof(ex.gpr));
  memset(ex.fpr, 0, sizeof(ex.fpr));
  ex.val = &P->v[0].u64;
  J->parent = P->traceno;
  J->exitno = exitno;
  J->L = L;
  L->base = tvref(g->jit_base);
  setmref(g->jit_base, NULL);
  setvmstate(g, EXIT);
  r = lj_trace_exit(J, &ex);
  setvmstate(g, INTERP);
  return r;
}

/* Arguments of an IR call, without L (asm_collectargs). */
static void cvt_args(CVTProg *P, IRRef ref, const CCallInfo *ci, CVTVal *a)
{
  uint32_t n = CCI_NARGS(ci) - ((ci->flags & CCI_L) ? 1 : 0);
  IRIns *ir = &P->ir[ref];
  if (n == 0) return;
  while (n > 1) {
    n--;
    ir = &P->ir[ir->op1];
    a[n] = P->v[ir->op2];
  }
  a[0] = P->v[ir->op1];
}

/* Type check of a TValue against IR type t (the loads' guard). */
static LJ_AINLINE int cvt_typeok(cTValue *o, IRType t)
{
  return t == IRT_NUM ? tvisnum(o) : itype(o) == irt_toitype_(t);
}

/* HREFK's guard: the node's key is the constant k of IR type kt. */
static LJ_AINLINE int cvt_keyok(cTValue *key, IRType kt, CVTVal k)
{
  return kt == IRT_NUM ? key->u64 == k.u64 :
	 itype(key) == irt_toitype_(kt) &&
	 (kt <= IRT_TRUE || gcrefu(key->gcr) == k.u);
}

/* Where a run of traces is: cvt_exec() stops now and then, and goes on. */
typedef struct CVTRun {
  CVTProg *P;		/* The trace running. */
  const CVTIns *ci;	/* Its next instruction, */
  int32_t wentry;	/* or its compiled code from 0 (start) or 1 (loop). */
  int step;		/* cvt_step(): run one instruction, return its exit. */
  int32_t switches;	/* Links and side-trace entries until a pause. */
  SnapNo exitno;	/* CVT_RUN_EXIT: the exit taken. */
  TValue *base;		/* CVT_RUN_LEAVE: the interpreter's base, */
  const BCIns *pc;	/* where it goes on, */
  int32_t mres;		/* and MULTRES. */
} CVTRun;

enum {
  CVT_RUN_EXIT,		/* A guard failed: exit through lj_trace_exit(). */
  CVT_RUN_LEAVE,	/* The last trace ended: on in the interpreter. */
  CVT_RUN_PAUSE,		/* Call cvt_exec() again. */
  CVT_RUN_SWITCH,	/* Go on in the other one of cvt_exec() and cvt_wexec(). */
  CVT_RUN_STEP		/* cvt_step(): the instruction ran. */
};

/* Trace P starts at base (which is in jit_base). */
static LJ_AINLINE void cvt_start(global_State *g, CVTProg *P, TValue *base)
{
  P->v[REF_BASE].p = base;
  g->vmstate = (int32_t)P->traceno;
}

/* After the end of trace P, with base moved to its last frame (the tail of
** asm_tail_link): the linked trace to start; or NULL, and r says where the
** interpreter goes on.
*/
static CVTProg *cvt_tail(jit_State *J, CVTProg *P, TValue *base, CVTRun *r)
{
  if (P->link) {  /* Root link: on with the linked trace. */
    CVTProg *LP = cvt_prog(J, P->link);
    if (LP) {
      setmref(J2G(J)->jit_base, base);
      return LP;
    }
    /* The linked trace does not run: interpret it from its start. */
    r->pc = P->snappc;
    r->mres = 0;
  } else {
    r->pc = P->tailpc;
    r->mres = P->tailmres;
  }
  r->base = base;
  return NULL;
}

/* The side trace patched into exit exitno of P, with the values it inherits,
** if there is one and its stack check passes; else NULL.
*/
static CVTProg *cvt_side(lua_State *L, CVTProg *P, SnapNo exitno)
{
  TraceNo side = P->exitlink[exitno];
  CVTProg *SP = side ? cvt_prog(G2J(G(L)), side) : NULL;
  if (SP && (!SP->topslot ||
	     cvt_stackok(L, tvref(G(L)->jit_base), SP->topslot))) {
    uint32_t i;
    for (i = 0; i < SP->npval; i++)
      SP->v[SP->pval[2*i]] = P->v[SP->pval[2*i+1]];
    return SP;
  }
  return NULL;
}

/* An exit of a GC check: it leaves through lj_trace_exit() even where a side
** trace starts at its exit number (lj_asm_patchexit() leaves a GC check's
** jump to the exit stub alone). Snapshot numbers are below 2^16.
*/
#define CVT_EXIT_GC		0x10000

/* cvt_exec() returns every CVT_PAUSE_LOOPS loop iterations and is called
** again at once, as the interpreter pauses (CVM_PAUSED in lj_cvm.c): a
** WebAssembly engine cannot switch a running invocation to the optimised
** code it compiles in the background, and a hot loop runs inside one.
*/
#define CVT_PAUSE_LOOPS		(1 << 14)

static int32_t cvt_step(lua_State *L, CVTProg *P, const CVTIns *ci);

/* -- Compiled traces (WebAssembly) --------------------------------------- */

#include "lj_emit_wasm.h"
#include "lj_asm_wasm.h"

/* A pause of a trace's loop (CVT_PAUSE_LOOPS iterations) counts as this
** many entries.
*/
#define CVT_PAUSE_HITS		1000

/* Compiled code to run for P, once it is hot: entered more than
** J->param[JIT_P_hotwasm] times, a pause of its loop counting as
** CVT_PAUSE_HITS entries. Only WebAssembly builds compile.
*/
static LJ_AINLINE int cvt_wasm_ready(jit_State *J, CVTProg *P, int paused)
{
#ifdef __EMSCRIPTEN__
  if (LJ_LIKELY(P->wfn)) return 1;
  P->hits += paused ? CVT_PAUSE_HITS : 1;
  if (!P->wtried && P->hits > (uint32_t)J->param[JIT_P_hotwasm])
    return cvt_wasm_compile(J, P);
#else
  UNUSED(J); UNUSED(P); UNUSED(paused);
#endif
  return 0;
}

/* Pause (CVT_RUN_PAUSE) before trace P, just started (cvt_start), runs
** from its start. Switches count, not only loop iterations: a loop whose
** every iteration leaves its root trace for a side trace that links back
** to the root never takes the root's LOOP twice in a row, and would never
** pause (for the wall-time budget, and for the engine's optimised code).
*/
static void cvt_switchpause(jit_State *J, CVTProg *P, CVTRun *r)
{
  r->switches = CVT_PAUSE_LOOPS;
  r->P = P;
  r->ci = P->code;
  r->wentry = cvt_wasm_ready(J, P, 0) ? 0 : -1;
}

/* Runs traces from r->ci of r->P: their instructions, the switches to side
** traces at patched exits and to linked traces at their ends.
*/
static LJ_NOINLINE int cvt_exec(lua_State *L, CVTRun *r)
{
  global_State *g = G(L);
  jit_State *J = G2J(g);
  CVTProg *P = r->P;
  const CVTIns *ci = r->ci - 1;
  CVTVal *v = P->v;
  TValue *base;
  SnapNo exitno;
  int32_t loops = CVT_PAUSE_LOOPS;
  goto run;
enter:  /* Trace P from its start, with base in jit_base. */
  cvt_start(g, P, base);
  if (LJ_UNLIKELY(--r->switches <= 0)) {  /* See cvt_switchpause(). */
    cvt_switchpause(J, P, r);
    return CVT_RUN_PAUSE;
  }
  if (cvt_wasm_ready(J, P, 0)) {  /* It runs compiled: cvt_wexec(). */
    r->P = P;
    r->wentry = 0;
    return CVT_RUN_SWITCH;
  }
  v = P->v;
  ci = P->code - 1;
run:
  for (;;) {
    ci++;
/* Leave through the exit of this guard when cond holds. */
#define EXIT_IF(cond) \
    do { if (LJ_UNLIKELY(cond)) { exitno = ci->snap; goto side_exit; } } while (0)
#define GUARD(cond)	EXIT_IF(!(cond)); break
#define VA	(v[ci->a])
#define VB	(v[ci->b])
#define VD	(v[ci->d])
#define FLOADP	(ci->a == REF_NIL ? (char *)J2GG(J) + ci->k : (char *)VA.p + ci->k)
/* The ops in superinstructions (CVTFUSEDEF): a pair runs both bodies in a
** row, then dispatches once.
*/
#define DO_AREF		VD.p = (TValue *)VA.p + VB.i
#define DO_HREFK \
    do { Node *node_ = (Node *)VA.p + ci->k; VD.p = &node_->val; \
	 EXIT_IF(!cvt_keyok(&node_->key, (IRType)ci->t, VB)); } while (0)
#define DO_UREF \
    do { GCupval *uv_ = &gcref(((GCfunc *)VA.p)->l.uvptr[ci->k])->uv; \
	 VD.p = ci->t ? &uv_->tv : mref(uv_->v, TValue); \
	 if (ci->op == CVT_UREF_CHK) EXIT_IF(uv_->closed != ci->t); } while (0)
#define DO_UREF_CHK	DO_UREF
#define DO_UREFO	DO_UREF
#define DO_TVLOAD \
    do { cTValue *o_ = (cTValue *)((char *)VA.p + ci->k); VD.u64 = o_->u64; \
	 EXIT_IF(!cvt_typeok(o_, (IRType)ci->t)); } while (0)
#define DO_SLOAD_CHK \
    do { cTValue *o_ = (cTValue *)((char *)v[REF_BASE].p + ci->k); \
	 VD.u64 = o_->u64; EXIT_IF(!cvt_typeok(o_, (IRType)ci->t)); } while (0)
#define DO_FLOAD_32	memcpy(&VD.u, FLOADP, 4)
#define DO_UGT_INT	EXIT_IF(!(VA.u > VB.u))
#define DO_EQ_INT	EXIT_IF(VA.u != VB.u)
#define DO_LE_INT	EXIT_IF(!(VA.i <= VB.i))
#define DO_ADD_INT	VD.u = VA.u + VB.u
#define DO_ADD_NUM	VD.n = VA.n + VB.n
#define DO_SUB_NUM	VD.n = VA.n - VB.n
#define DO_MUL_NUM	VD.n = VA.n * VB.n
#define DO_DIV_NUM	VD.n = VA.n / VB.n
#define DO_FLOOR	VD.n = lj_vm_floor(VA.n)
#define DO_MOV		VD = VA
#define DO_TVSTORE \
    do { TValue *o_ = (TValue *)VA.p; IRType t_ = (IRType)ci->t; \
	 if (t_ == IRT_NUM) { o_->n = VB.n; } \
	 else { if (t_ > IRT_TRUE) o_->u32.lo = VB.u; o_->it = irt_toitype_(t_); } \
    } while (0)
#define DO_INT_NUM_CHK \
    do { VD.i = cvt_num2int(VA.n); EXIT_IF((lua_Number)VD.i != VA.n); } while (0)
#define DO_JLOOP	goto loop
    switch (ci->xop) {
    /* -- Guards ----------------------------------------------------------- */
    case CVT_LT_NUM: GUARD(VA.n < VB.n);
    case CVT_GE_NUM: GUARD(VA.n >= VB.n);
    case CVT_LE_NUM: GUARD(VA.n <= VB.n);
    case CVT_GT_NUM: GUARD(VA.n > VB.n);
    case CVT_ULT_NUM: GUARD(!(VA.n >= VB.n));
    case CVT_UGE_NUM: GUARD(!(VA.n < VB.n));
    case CVT_ULE_NUM: GUARD(!(VA.n > VB.n));
    case CVT_UGT_NUM: GUARD(!(VA.n <= VB.n));
    case CVT_LT_INT: GUARD(VA.i < VB.i);
    case CVT_GE_INT: GUARD(VA.i >= VB.i);
    case CVT_LE_INT: DO_LE_INT; break;
    case CVT_GT_INT: GUARD(VA.i > VB.i);
    case CVT_ULT_INT: GUARD(VA.u < VB.u);
    case CVT_UGE_INT: GUARD(VA.u >= VB.u);
    case CVT_ULE_INT: GUARD(VA.u <= VB.u);
    case CVT_UGT_INT: DO_UGT_INT; break;
    case CVT_EQ_NUM: GUARD(VA.n == VB.n);
    case CVT_NE_NUM: GUARD(VA.n != VB.n);
    case CVT_EQ_INT: DO_EQ_INT; break;
    case CVT_NE_INT: GUARD(VA.u != VB.u);
    case CVT_RETF: {  /* Return to a lower frame: BASE moves down. */
      TValue *b = (TValue *)v[REF_BASE].p;
      EXIT_IF(frame_pc(b-1) != (const BCIns *)VB.p);
      base = b - ci->k;
      v[REF_BASE].p = base;
      setmref(g->jit_base, base);
      break;
    }

    /* -- Values ----------------------------------------------------------- */
    case CVT_MOV: DO_MOV; break;
    case CVT_BNOT: VD.u = ~VA.u; break;
    case CVT_BSWAP: VD.u = lj_bswap(VA.u); break;
    case CVT_BAND: VD.u = VA.u & VB.u; break;
    case CVT_BOR: VD.u = VA.u | VB.u; break;
    case CVT_BXOR: VD.u = VA.u ^ VB.u; break;
    case CVT_BSHL: VD.u = VA.u << (VB.u & 31); break;
    case CVT_BSHR: VD.u = VA.u >> (VB.u & 31); break;
    case CVT_BSAR: VD.i = VA.i >> (VB.u & 31); break;
    case CVT_BROL: VD.u = lj_rol(VA.u, VB.u & 31); break;
    case CVT_BROR: VD.u = lj_ror(VA.u, VB.u & 31); break;
    case CVT_ADD_NUM: DO_ADD_NUM; break;
    case CVT_SUB_NUM: DO_SUB_NUM; break;
    case CVT_MUL_NUM: DO_MUL_NUM; break;
    case CVT_DIV_NUM: DO_DIV_NUM; break;
    case CVT_POW_NUM: VD.n = pow(VA.n, VB.n); break;
    case CVT_NEG_NUM: VD.n = -VA.n; break;
    case CVT_ABS_NUM: VD.n = fabs(VA.n); break;
    case CVT_LDEXP: VD.n = lj_cvm_fscale(VA.n, VB.n); break;
    case CVT_MIN_NUM: VD.n = VA.n < VB.n ? VA.n : VB.n; break;  /* minsd */
    case CVT_MAX_NUM: VD.n = VA.n > VB.n ? VA.n : VB.n; break;  /* maxsd */
    case CVT_ADD_INT: DO_ADD_INT; break;
    case CVT_SUB_INT: VD.u = VA.u - VB.u; break;
    case CVT_MUL_INT: VD.u = VA.u * VB.u; break;
    case CVT_MOD_INT: VD.i = lj_vm_modi(VA.i, VB.i); break;
    case CVT_NEG_INT: VD.u = 0u - VA.u; break;
    case CVT_MIN_INT: VD.i = VA.i > VB.i ? VB.i : VA.i; break;
    case CVT_MAX_INT: VD.i = VA.i < VB.i ? VB.i : VA.i; break;
    case CVT_FLOOR: DO_FLOOR; break;
    case CVT_CEIL: VD.n = lj_vm_ceil(VA.n); break;
    case CVT_TRUNC: VD.n = lj_vm_trunc(VA.n); break;
    case CVT_SQRT: VD.n = sqrt(VA.n); break;
    case CVT_LOG: VD.n = log(VA.n); break;
    case CVT_LOG2: VD.n = lj_vm_log2(VA.n); break;
    case CVT_ADDOV: EXIT_IF(__builtin_add_overflow(VA.i, VB.i, &VD.i)); break;
    case CVT_SUBOV: EXIT_IF(__builtin_sub_overflow(VA.i, VB.i, &VD.i)); break;
    case CVT_MULOV: EXIT_IF(__builtin_mul_overflow(VA.i, VB.i, &VD.i)); break;

    /* -- References ------------------------------------------------------- */
    case CVT_AREF: DO_AREF; break;
    case CVT_HREFK: DO_HREFK; break;
    case CVT_HREF: case CVT_NEWREF: {
      TValue key;
      cvt_totv(L, &key, (IRType)ci->t, VB);
      if (ci->op == CVT_HREF) VD.p = cvt_href(g, (GCtab *)VA.p, &key);
      else VD.p = lj_tab_newkey(L, (GCtab *)VA.p, &key);
      break;
    }
    case CVT_UREFO: case CVT_UREFC: case CVT_UREF_CHK: DO_UREF; break;
    case CVT_FREF: VD.p = (char *)VA.p + ci->k; break;
    case CVT_TMPREF:
      if ((ci->k & IRTMPREF_IN1)) cvt_totv(L, &g->tmptv, (IRType)ci->t, VA);
      VD.p = &g->tmptv;
      break;
    case CVT_STRREF: VD.p = (char *)strdata((GCstr *)VA.p) + VB.i; break;
    case CVT_LREF: VD.p = L; break;

    /* -- Loads and stores ------------------------------------------------- */
    case CVT_TVLOAD: case CVT_VLOAD: DO_TVLOAD; break;
    case CVT_FLOAD_I8: VD.i = *(int8_t *)FLOADP; break;
    case CVT_FLOAD_U8: VD.i = *(uint8_t *)FLOADP; break;
    case CVT_FLOAD_I16: { int16_t x; memcpy(&x, FLOADP, 2); VD.i = x; break; }
    case CVT_FLOAD_U16: { uint16_t x; memcpy(&x, FLOADP, 2); VD.i = x; break; }
    case CVT_FLOAD_32: DO_FLOAD_32; break;
    case CVT_FLOAD_NUM: memcpy(&VD.n, FLOADP, 8); break;
    case CVT_SLOAD: VD.u64 = ((cTValue *)((char *)v[REF_BASE].p + ci->k))->u64; break;
    case CVT_SLOAD_CHK: DO_SLOAD_CHK; break;
    case CVT_SLOAD_NUM2INT: {
      cTValue *o = (cTValue *)((char *)v[REF_BASE].p + ci->k);
      EXIT_IF((ci->b & SLOAD_TYPECHECK) && !tvisnum(o));
      VD.i = cvt_num2int(o->n);
      if ((ci->b & SLOAD_EXACT)) GUARD((lua_Number)VD.i == o->n);
      break;
    }
    case CVT_SLOAD_INT2NUM: {
      cTValue *o = (cTValue *)((char *)v[REF_BASE].p + ci->k);
      VD.n = (lua_Number)(int32_t)o->u32.lo;
      break;
    }
    case CVT_SLOAD_KEYINDEX: {
      cTValue *o = (cTValue *)((char *)v[REF_BASE].p + ci->k);
      VD.u = o->u32.lo;
      if ((ci->b & SLOAD_TYPECHECK)) GUARD(o->u32.hi == LJ_KEYINDEX);
      break;
    }
    case CVT_SLOAD_FRAME:
      VD.u = *(uint32_t *)((char *)v[REF_BASE].p + ci->k);
      break;
    case CVT_ALEN:
      VD.u = ci->b == REF_NIL ? lj_tab_len((GCtab *)VA.p) :
	     lj_tab_len_hint((GCtab *)VA.p, VB.u);
      break;
    case CVT_TVSTORE: DO_TVSTORE; break;
    case CVT_FSTORE_8: *(uint8_t *)VA.p = (uint8_t)VB.u; break;
    case CVT_FSTORE_16: { uint16_t x = (uint16_t)VB.u; memcpy(VA.p, &x, 2); break; }
    case CVT_FSTORE_32: memcpy(VA.p, &VB.u, 4); break;

    /* -- Allocations and buffers ------------------------------------------ */
    case CVT_SNEW: VD.p = lj_str_new(L, (const char *)VA.p, VB.u); break;
    case CVT_TNEW: VD.p = lj_tab_new1(L, (uint32_t)ci->k); break;
    case CVT_TDUP: VD.p = lj_tab_dup(L, (GCtab *)VA.p); break;
    case CVT_BUFHDR_RESET: {
      SBuf *sb = (SBuf *)VA.p;
      sb->w = sb->b;
      VD.p = sb;
      break;
    }
    case CVT_BUFHDR_WRITE: {
      SBuf *sb = (SBuf *)VA.p;
      setsbufXL_(sb, L);
      VD.p = sb;
      break;
    }
    case CVT_BUFPUT_STR: VD.p = lj_buf_putstr((SBuf *)VA.p, (GCstr *)VB.p); break;
    case CVT_BUFPUT_CHAR: VD.p = lj_buf_putchar((SBuf *)VA.p, ci->k); break;
    case CVT_BUFPUT_CHARV: VD.p = lj_buf_putchar((SBuf *)VA.p, VB.i); break;
    case CVT_BUFPUT_NUM: {
      TValue tv;
      setnumV(&tv, VB.n);
      VD.p = lj_strfmt_putnum((SBuf *)VA.p, &tv);
      break;
    }
    case CVT_BUFPUT_INT: VD.p = lj_strfmt_putint((SBuf *)VA.p, VB.i); break;
    case CVT_BUFPUT_MEM:
      VD.p = lj_buf_putmem((SBuf *)VA.p, VB.p, v[ci->k].u);
      break;
    case CVT_BUFSTR: VD.p = lj_buf_tostr((SBuf *)VA.p); break;

    /* -- Barriers --------------------------------------------------------- */
    case CVT_TBAR: {
      GCtab *t = (GCtab *)VA.p;
      if (isblack(obj2gco(t))) lj_gc_barrierback(g, t);
      break;
    }
    case CVT_OBAR: {
      TValue *tv = (TValue *)VA.p;
      GCupval *uv = (GCupval *)(void *)((char *)tv - offsetof(GCupval, tv));
      if (iswhite((GCobj *)VB.p) && isblack(obj2gco(uv)))
	lj_gc_barrieruv(g, tv);
      break;
    }

    /* -- Conversions ------------------------------------------------------ */
    case CVT_NUM_INT: VD.n = (lua_Number)VA.i; break;
    case CVT_NUM_U32: VD.n = (lua_Number)VA.u; break;
    case CVT_INT_NUM: VD.i = cvt_num2int(VA.n); break;
    case CVT_INT_NUM_CHK: DO_INT_NUM_CHK; break;
    case CVT_U32_NUM: {  /* asm_conv: x86 has no unsigned conversion. */
      int32_t i = cvt_num2int(VA.n);
      if (i < 0) i = (int32_t)((uint32_t)cvt_num2int(VA.n - 2147483648.0) +
			       0x80000000u);
      VD.i = i;
      break;
    }
    case CVT_EXT_I8: VD.i = (int8_t)VA.i; break;
    case CVT_EXT_U8: VD.i = (uint8_t)VA.i; break;
    case CVT_EXT_I16: VD.i = (int16_t)VA.i; break;
    case CVT_EXT_U16: VD.i = (uint16_t)VA.i; break;
    case CVT_TOBIT: {
      TValue tv;
      tv.n = VA.n + VB.n;
      VD.i = (int32_t)tv.u32.lo;
      break;
    }
    case CVT_TOSTR_NUM: {
      TValue tv;
      setnumV(&tv, VA.n);
      VD.p = lj_strfmt_num(L, &tv);
      break;
    }
    case CVT_TOSTR_INT: VD.p = lj_strfmt_int(L, VA.i); break;
    case CVT_TOSTR_CHAR: VD.p = lj_strfmt_char(L, VA.i); break;
    case CVT_STRTO: {
      TValue tv;
      EXIT_IF(!lj_strscan_num((GCstr *)VA.p, &tv));
      VD.n = tv.n;
      break;
    }

    /* -- Calls and control ------------------------------------------------ */
    case CVT_CALL: {
      CVTVal a[CCI_NARGS_MAX];
      cvt_args(P, ci->d, &lj_ir_callinfo[ci->k], a);
      cvt_call(L, g, (IRCallID)ci->k, a, &VD);
      break;
    }
    case CVT_NEXT:
      VD.u64 = cvt_next(P, (GCtab *)VA.p, VB.u);
      break;
    case CVT_HIOP: VD.u = (uint32_t)(VA.u64 >> 32); break;
    case CVT_GCCHECK:  /* asm_gc_check: exit if the GC needs the atomic phase. */
      if (LJ_UNLIKELY(g->gc.total >= g->gc.threshold) &&
	  lj_gc_step_jit(g, (MSize)ci->k)) {
	exitno = ci->snap | CVT_EXIT_GC;
	goto side_exit;
      }
      break;
    case CVT_LOOP: break;
    case CVT_LOOPBACK: {  /* The PHIs take their loop values at once. */
      CVTVal tmp[LJ_MAX_PHI];
      uint32_t i, nphi = P->nphi;
      for (i = 0; i < nphi; i++) tmp[i] = v[P->phi[2*i+1]];
      for (i = 0; i < nphi; i++) v[P->phi[2*i]] = tmp[i];
      goto loop;
    }
    case CVT_JLOOP:  /* The PHI moves came before: on with the loop. */
    loop:
      ci = P->code + ci->k - 1;
      if (LJ_UNLIKELY(--loops == 0)) {
	r->P = P;
	r->ci = ci + 1;
	/* The loop's values are all in v: its compiled code can go on. */
	r->wentry = cvt_wasm_ready(J, P, 1) ? 1 : -1;
	return CVT_RUN_PAUSE;
      }
      break;
    case CVT_TAIL: {  /* Write the last snapshot, then link or leave. */
      TValue *b = (TValue *)v[REF_BASE].p;
      const CVTStore *st = P->store, *end = st + P->nstore;
      EXIT_IF(P->gotframe &&
	      !cvt_stackok(L, b, traceref(J, P->traceno)->snap[ci->snap].topslot));
      for (; st < end; st++) {
	TValue *o = b + st->ofs;
	switch (st->kind) {
	case CVTS_NUM: o->u64 = v[st->ref].u64; break;
	case CVTS_LOHI: o->u32.lo = v[st->ref].u; o->u32.hi = st->hi; break;
	case CVTS_HI: o->u32.hi = st->hi; break;
	default: o->u32.lo = v[st->ref].u; break;
	}
      }
      base = b + P->tailslot;
      P = cvt_tail(J, P, base, r);
      if (!P) return CVT_RUN_LEAVE;
      goto enter;
    }
    case CVT_STEPEND:
      return CVT_RUN_STEP;
#define CVTFUSECASE(a, b) \
    case CVT_##a##__##b: DO_##a; ci++; DO_##b; break;
    CVTFUSEDEF(CVTFUSECASE)
#undef CVTFUSECASE
    default:  /* Never: the loader makes only the ops above. */
      lj_assertG(0, "bad executor op %d", ci->xop);
#if defined(__GNUC__) && !defined(LUA_USE_ASSERT)
      __builtin_unreachable();  /* No range check in the dispatch. */
#endif
      break;
    }
#undef EXIT_IF
#undef GUARD
#undef FLOADP
#undef DO_AREF
#undef DO_HREFK
#undef DO_UREF
#undef DO_UREF_CHK
#undef DO_UREFO
#undef DO_TVLOAD
#undef DO_SLOAD_CHK
#undef DO_FLOAD_32
#undef DO_UGT_INT
#undef DO_EQ_INT
#undef DO_LE_INT
#undef DO_ADD_INT
#undef DO_ADD_NUM
#undef DO_SUB_NUM
#undef DO_MUL_NUM
#undef DO_DIV_NUM
#undef DO_FLOOR
#undef DO_MOV
#undef DO_TVSTORE
#undef DO_INT_NUM_CHK
#undef DO_JLOOP
#undef VA
#undef VB
#undef VD
  }

side_exit:
  if (r->step) {  /* cvt_step(): the compiled code takes the exit. */
    r->exitno = exitno;
    return CVT_RUN_EXIT;
  }
  if (!(exitno & CVT_EXIT_GC)) {  /* A patched exit goes on with its side trace. */
    CVTProg *SP = cvt_side(L, P, exitno);
    if (SP) {
      P = SP;
      base = tvref(g->jit_base);
      goto enter;
    }
  }
  r->P = P;
  r->exitno = exitno & ~CVT_EXIT_GC;
  return CVT_RUN_EXIT;
}

/* Runs compiled traces from r->P (at its start or, r->wentry = 1, its loop)
** and on through their exits and links as cvt_exec() does, until a trace
** that is not compiled (CVT_RUN_SWITCH) or the interpreter.
*/
static LJ_NOINLINE int cvt_wexec(lua_State *L, CVTRun *r)
{
  global_State *g = G(L);
  jit_State *J = G2J(g);
  CVTProg *P = r->P;
  int32_t entry = r->wentry;
  int32_t switches = r->switches;  /* A local: a link stores nothing. */
  int res;
  for (;;) {
    int32_t rc = cvt_wasm_call(P, L, entry);
    CVTProg *NP;
    TValue *base;
    if (rc >= 0) {  /* A guard failed. */
      NP = (rc & CVT_EXIT_GC) ? NULL : cvt_side(L, P, (SnapNo)rc);
      if (!NP) {
	r->P = P;
	r->exitno = (SnapNo)rc & ~CVT_EXIT_GC;
	res = CVT_RUN_EXIT;
	break;
      }
      base = tvref(g->jit_base);
    } else if (rc == CVT_WASM_PAUSE) {
      r->P = P;
      r->wentry = 1;
      res = CVT_RUN_PAUSE;
      break;
    } else {  /* It wrote its last snapshot (CVT_WASM_TAIL). */
      base = (TValue *)P->v[REF_BASE].p + P->tailslot;
      NP = cvt_tail(J, P, base, r);
      if (!NP) {
	res = CVT_RUN_LEAVE;
	break;
      }
    }
    P = NP;
    cvt_start(g, P, base);
    entry = 0;
    if (LJ_UNLIKELY(--switches <= 0)) {  /* See cvt_switchpause(). */
      cvt_switchpause(J, P, r);
      return CVT_RUN_PAUSE;
    }
    if (!cvt_wasm_ready(J, P, 0)) {
      r->P = P;
      r->ci = P->code;
      r->wentry = -1;
      res = CVT_RUN_SWITCH;
      break;
    }
  }
  r->switches = switches;
  return res;
}

/* Run one instruction for compiled code (a copy of it, then STEPEND): -1,
** or the exit it takes.
*/
static int32_t cvt_step(lua_State *L, CVTProg *P, const CVTIns *ci)
{
  CVTIns one[2];
  CVTRun r;
  one[0] = *ci;
  one[0].xop = one[0].op;  /* Only this one. */
  memset(&one[1], 0, sizeof(one[1]));
  one[1].op = one[1].xop = CVT_STEPEND;
  r.P = P;
  r.ci = one;
  r.wentry = -1;
  r.step = 1;
  r.switches = CVT_PAUSE_LOOPS;
  return cvt_exec(L, &r) == CVT_RUN_STEP ? -1 : (int32_t)r.exitno;
}

/* cvt_wexec() must stay an invocation of its own, which returns at each
** pause: a WebAssembly engine runs an invocation to its end in the code it
** was entered with, and a cycle of compiled traces may never leave the first,
** baseline-compiled one. LJ_NOINLINE is LLVM's; Binaryen inlines a function
** with a single caller anyway. It does not follow a call through a volatile
** pointer.
*/
static int (*volatile cvt_wexec_fn)(lua_State *L, CVTRun *r) = cvt_wexec;

int lj_cvm_trace_run(lua_State *L, TValue *base, TraceNo traceno)
{
  global_State *g = G(L);
  CVTRun r;
  r.P = cvt_prog(G2J(g), traceno);
  lj_assertG(r.P != NULL, "trace %d does not run", (int)traceno);
  r.ci = r.P->code;
  r.step = 0;
  r.switches = CVT_PAUSE_LOOPS;
  setmref(g->jit_base, base);
  setmref(g->tmpbuf.L, L);
  cvt_start(g, r.P, base);
  r.wentry = cvt_wasm_ready(G2J(g), r.P, 0) ? 0 : -1;
  for (;;) {
    const ljo_Observer *obs;
    switch (r.wentry >= 0 ? cvt_wexec_fn(L, &r) : cvt_exec(L, &r)) {
    case CVT_RUN_SWITCH:
      break;
    case CVT_RUN_PAUSE:  /* The observer may stop the program here. */
      obs = G2J(g)->observer;
      if (obs && obs->pause) {
	L->base = tvref(g->jit_base);
	L->top = curr_topL(L);
	obs->pause(obs->ud, L);
      }
      break;
    case CVT_RUN_EXIT: return cvt_exit(L, r.P, r.exitno);
    default: return cvt_leave(L, r.base, r.pc, r.mres);
    }
  }
}

#endif
