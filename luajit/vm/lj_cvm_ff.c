/*
** Fast functions of the portable C VM.
**
** The C counterparts of the ->ff_* handlers in vm_x86.dasc. Each handler
** does exactly what the assembly fast path does and returns 0 (so that the
** VM calls the LJLIB_ASM fallback in lib_*.c) wherever the assembly jumps
** to ->fff_fallback. The calling convention is described in lj_cvm.h.
**
** Single-number mode (LJ_DUALNUM=0): every number is a double and every
** integer result is returned as a double, as ->fff_resbit/->fff_resxmm0 do.
*/

#include <math.h>

#define lj_cvm_ff_c
#define LUA_CORE

#include "lj_obj.h"
#include "lj_gc.h"
#include "lj_str.h"
#include "lj_tab.h"
#include "lj_buf.h"
#include "lj_strfmt.h"
#include "lj_ff.h"
#include "lj_lib.h"
#include "lj_cvm.h"

/* -- Helpers ------------------------------------------------------------- */

/* Number of arguments. */
#define ff_nargs(L)	((MSize)((L)->top - (L)->base))

/* .ffunc_1 + number check (.ffunc_nsse): at least one argument, a number. */
static LJ_AINLINE int ff_isnum1(lua_State *L)
{
  return L->top > L->base && tvisnum(L->base);
}

/* .ffunc_2 + two number checks (.ffunc_nnsse, .ffunc_nnr). */
static LJ_AINLINE int ff_isnum2(lua_State *L)
{
  return L->top > L->base+1 && tvisnum(L->base) && tvisnum(L->base+1);
}

/* Store a number result in the function slot. Like ->fff_resxmm0. */
static LJ_AINLINE int ff_resnum(lua_State *L, lua_Number n)
{
  setnumV(L->base-1, n);
  return FFH_RES(1);
}

/* x87/SSE default NaN ("real indefinite"). */
static LJ_AINLINE lua_Number ff_nan(void)
{
  TValue o;
  o.u64 = U64x(fff80000,00000000);
  return o.n;
}

/* Copy the sign bit of s to the (positive or zero) value x: orpd. */
static LJ_AINLINE lua_Number ff_orsign(lua_Number x, lua_Number s)
{
  TValue a, b;
  a.n = x; b.n = s;
  a.u32.hi |= (b.u32.hi & 0x80000000u);
  return a.n;
}

/* ->vm_floor_sse, ->vm_ceil_sse, ->vm_trunc_sse (macro vm_round).
** Returns x unchanged if |x| >= 2^52 or x is NaN (ucomisd is unordered).
*/
static lua_Number vm_round(lua_Number x, int mode)
{
  const lua_Number two52 = 4503599627370496.0;
  TValue a;
  lua_Number r;
  a.n = x; a.u32.hi &= 0x7fffffffu;  /* |x| */
  if (!(two52 > a.n)) return x;  /* ucomisd xmm3, xmm1; jbe >1 */
  r = (a.n + two52) - two52;  /* Round |x| to nearest integer. */
  if (mode == 2) {  /* trunc(x) */
    if (a.n < r) r -= 1.0;
    return ff_orsign(r, x);
  }
  r = ff_orsign(r, x);
  if (mode == 1) {  /* ceil(x) */
    if (x > r) r += 1.0;
    return ff_orsign(r, x);
  } else {  /* floor(x) */
    if (x < r) r -= 1.0;
    return r;
  }
}

/* -- Base library: checks ------------------------------------------------ */

static int ff_assert(lua_State *L)
{
  TValue *base = L->base;
  MSize i, n = ff_nargs(L);
  if (n < 1 || !tvistruecond(base)) return 0;
  for (i = 0; i < n; i++)  /* Move all arguments down by one slot. */
    copyTV(L, base+i-1, base+i);
  return FFH_RES((int)n);
}

static int ff_type(lua_State *L)
{
  TValue *base = L->base;
  GCfuncC *fn;
  if (ff_nargs(L) < 1) return 0;
  /* The type names are upvalues of type(), in ORDER LJ_T. */
  fn = &curr_func(L)->c;
  setstrV(L, base-1, strV(&fn->upvalue[itypemap(base)]));
  return FFH_RES(1);
}

/* -- Base library: iterators --------------------------------------------- */

static int ff_next(lua_State *L)
{
  TValue *base = L->base;
  MSize n = ff_nargs(L);
  int r;
  if (n < 1 || !tvistab(base)) return 0;
  if (n == 1) setnilV(base+1);  /* Set missing 2nd arg to nil. */
  r = lj_tab_next(tabV(base), base+1, base-1);
  if (r > 0) return FFH_RES(2);  /* Found key/value. */
  if (r < 0) return 0;  /* Invalid key: the fallback raises the error. */
  setnilV(base-1);  /* End of traversal: return nil. */
  return FFH_RES(1);
}

static int ff_pairs(lua_State *L)
{
  TValue *base = L->base;
  GCfuncC *fn;
  if (ff_nargs(L) < 1 || !tvistab(base)) return 0;
  fn = &curr_func(L)->c;
  setfuncV(L, base-1, funcV(&fn->upvalue[0]));  /* next */
  setnilV(base+1);
  return FFH_RES(3);
}

static int ff_ipairs_aux(lua_State *L)
{
  TValue *base = L->base;
  GCtab *t;
  cTValue *o;
  lua_Number n;
  int32_t k;
  if (ff_nargs(L) < 2 || !tvistab(base) || !tvisnum(base+1)) return 0;
  n = numV(base+1) + 1.0;
  k = lj_num2int(n);  /* A non-integral key is truncated, as in the asm. */
  setnumV(base-1, n);
  t = tabV(base);
  if ((uint32_t)k < t->asize) {
    o = arrayslot(t, k);
  } else {
    if (t->hmask == 0) return FFH_RES(0);  /* Empty hash part. */
    o = lj_tab_getinth(t, k);
    if (!o) return FFH_RES(0);
  }
  if (tvisnil(o)) return FFH_RES(0);
  copyTV(L, base, o);
  return FFH_RES(2);
}

static int ff_ipairs(lua_State *L)
{
  TValue *base = L->base;
  GCfuncC *fn;
  if (ff_nargs(L) < 1 || !tvistab(base)) return 0;
  fn = &curr_func(L)->c;
  setfuncV(L, base-1, funcV(&fn->upvalue[0]));  /* ipairs_aux */
  setnumV(base+1, 0.0);
  return FFH_RES(3);
}

/* -- Base library: getters and setters ----------------------------------- */

static int ff_getmetatable(lua_State *L)
{
  TValue *base = L->base;
  global_State *g = G(L);
  GCtab *mt;
  cTValue *tv;
  if (ff_nargs(L) < 1) return 0;
  if (tvistab(base))
    mt = tabref(tabV(base)->metatable);
  else if (tvisudata(base))
    mt = tabref(udataV(base)->metatable);
  else
    mt = tabref(basemt_obj(g, base));
  if (!mt) {
    setnilV(base-1);
    return FFH_RES(1);
  }
  settabV(L, base-1, mt);  /* Metatable is the default result. */
  /* Raw hash lookup of the interned "__metatable" (not lj_meta_fast). */
  tv = lj_tab_getstr(mt, mmname_str(g, MM_metatable));
  if (tv && !tvisnil(tv))
    copyTV(L, base-1, tv);  /* Return mt.__metatable. */
  return FFH_RES(1);
}

static int ff_setmetatable(lua_State *L)
{
  TValue *base = L->base;
  GCtab *t, *mt;
  /* Fast path: no metatable for the table yet and not clearing it. */
  if (ff_nargs(L) < 2 || !tvistab(base)) return 0;
  t = tabV(base);
  if (tabref(t->metatable) || !tvistab(base+1)) return 0;
  mt = tabV(base+1);
  setgcref(t->metatable, obj2gco(mt));
  settabV(L, base-1, t);  /* Return the original table. */
  /* Like the asm: barrier for a black table, skipping the iswhite(mt) check
  ** of lj_gc_objbarriert.
  */
  lj_gc_anybarriert(L, t);
  return FFH_RES(1);
}

static int ff_rawget(lua_State *L)
{
  TValue *base = L->base;
  if (ff_nargs(L) < 2 || !tvistab(base)) return 0;
  copyTV(L, base-1, lj_tab_get(L, tabV(base), base+1));
  return FFH_RES(1);
}

/* -- Base library: conversions ------------------------------------------- */

static int ff_tonumber(lua_State *L)
{
  TValue *base = L->base;
  /* Only a number and exactly one argument (no base). */
  if (ff_nargs(L) != 1 || !tvisnum(base)) return 0;
  copyTV(L, base-1, base);
  return FFH_RES(1);
}

static int ff_tostring(lua_State *L)
{
  TValue *base = L->base;
  GCstr *s;
  if (ff_nargs(L) < 1) return 0;
  if (tvisstr(base)) {  /* A __tostring in the string metatable is ignored. */
    setstrV(L, base-1, strV(base));
    return FFH_RES(1);
  }
  /* Numbers inline, unless a number base metatable is present. */
  if (!tvisnumber(base) || gcref(G(L)->gcroot[GCROOT_BASEMT_NUM]))
    return 0;
  lj_gc_check(L);
  s = lj_strfmt_num(L, L->base);
  setstrV(L, L->base-1, s);
  return FFH_RES(1);
}

/* -- Math library -------------------------------------------------------- */

static int ff_math_abs(lua_State *L)
{
  TValue o;
  if (!ff_isnum1(L)) return 0;
  o.n = numV(L->base);
  o.u32.hi &= 0x7fffffffu;  /* andps with sseconst_abs: also for -0, NaN. */
  return ff_resnum(L, o.n);
}

/* Caveat: like the asm (.ffunc, not .ffunc_1), math.floor/ceil do not check
** the argument count: without arguments they read the stale slot at L->base.
*/
static int ff_math_floor(lua_State *L)
{
  if (!tvisnum(L->base)) return 0;
  return ff_resnum(L, vm_round(numV(L->base), 0));
}

static int ff_math_ceil(lua_State *L)
{
  if (!tvisnum(L->base)) return 0;
  return ff_resnum(L, vm_round(numV(L->base), 1));
}

/* .ffunc_nsse: one number argument, result of a libm function. */
static LJ_AINLINE int ff_math_unary(lua_State *L, double (*f)(double))
{
  if (!ff_isnum1(L)) return 0;
  return ff_resnum(L, f(numV(L->base)));
}

/* .ffunc_nnsse: two number arguments. */
static LJ_AINLINE int ff_math_binary(lua_State *L, double (*f)(double, double))
{
  if (!ff_isnum2(L)) return 0;
  return ff_resnum(L, f(numV(L->base), numV(L->base+1)));
}

static int ff_math_sqrt(lua_State *L) { return ff_math_unary(L, sqrt); }
static int ff_math_log10(lua_State *L) { return ff_math_unary(L, log10); }
static int ff_math_exp(lua_State *L) { return ff_math_unary(L, exp); }
static int ff_math_sin(lua_State *L) { return ff_math_unary(L, sin); }
static int ff_math_cos(lua_State *L) { return ff_math_unary(L, cos); }
static int ff_math_tan(lua_State *L) { return ff_math_unary(L, tan); }
static int ff_math_asin(lua_State *L) { return ff_math_unary(L, asin); }
static int ff_math_acos(lua_State *L) { return ff_math_unary(L, acos); }
static int ff_math_atan(lua_State *L) { return ff_math_unary(L, atan); }
static int ff_math_sinh(lua_State *L) { return ff_math_unary(L, sinh); }
static int ff_math_cosh(lua_State *L) { return ff_math_unary(L, cosh); }
static int ff_math_tanh(lua_State *L) { return ff_math_unary(L, tanh); }

static int ff_math_log(lua_State *L)
{
  /* Exactly one argument. math.log(x, base) is done by the fallback. */
  if (ff_nargs(L) != 1 || !tvisnum(L->base)) return 0;
  return ff_resnum(L, log(numV(L->base)));
}

static int ff_math_atan2(lua_State *L) { return ff_math_binary(L, atan2); }
static int ff_math_pow(lua_State *L) { return ff_math_binary(L, pow); }
static int ff_math_fmod(lua_State *L) { return ff_math_binary(L, fmod); }

/* x87 fscale: x * 2^trunc(y), exact in extended precision, then rounded
** once to double by fstp. math.ldexp, and IR_LDEXP on trace.
*/
lua_Number lj_cvm_fscale(lua_Number x, lua_Number y)
{
  int n;
  if (x != x) return x;
  if (y != y) return y;
  if (isinf(y)) {
    if (y > 0.0)  /* x*2^+Inf: invalid for 0, else +-Inf. */
      return x == 0.0 ? ff_nan() : ff_orsign(y, x);
    else  /* x*2^-Inf: invalid for +-Inf, else +-0. */
      return isinf(x) ? ff_nan() : ff_orsign(0.0, x);
  }
  /* Beyond +-4096 every non-zero finite double over/underflows anyway. */
  n = y > 4096.0 ? 4096 : y < -4096.0 ? -4096 : (int)y;
  return ldexp(x, n);
}

static int ff_math_ldexp(lua_State *L)
{
  if (!ff_isnum2(L)) return 0;
  return ff_resnum(L, lj_cvm_fscale(numV(L->base), numV(L->base+1)));
}

static int ff_math_frexp(lua_State *L)
{
  TValue *base = L->base;
  uint32_t hi, lo, e, bias = 1022;
  lua_Number ex = 0.0;
  if (!ff_isnum1(L)) return 0;
  copyTV(L, base-1, base);
  hi = base->u32.hi; lo = base->u32.lo;
  e = hi << 1;
  /* Return +-0, +-Inf, NaN unmodified and an exponent of 0. */
  if (e < 0xffe00000u && (lo | e) != 0) {
    if (e < 0x00200000u) {  /* Denormal: multiply with 2^54, adjust bias. */
      setnumV(base-1, numV(base) * 18014398509481984.0);
      e = (base-1)->u32.hi << 1;
      bias = 1076;
    }
    ex = (lua_Number)(int32_t)((e >> 21) - bias);
    /* Put mantissa in range [0.5,1). */
    (base-1)->u32.hi = ((base-1)->u32.hi & 0x800fffffu) | 0x3fe00000u;
  }
  setnumV(base, ex);
  return FFH_RES(2);
}

static int ff_math_modf(lua_State *L)
{
  TValue *base = L->base;
  lua_Number x, ip, fp;
  if (!ff_isnum1(L)) return 0;
  x = numV(base);
  if ((base->u32.hi << 1) == 0xffe00000u) {  /* +-Inf (checks hi word only). */
    ip = x; fp = 0.0;
  } else {
    ip = vm_round(x, 2);
    fp = x != x ? x : x - ip;  /* subsd keeps the NaN of x. */
  }
  setnumV(base-1, ip);
  setnumV(base, fp);
  /* Give the fraction the sign of the integer part. */
  if (((base-1)->u32.hi ^ base->u32.hi) & 0x80000000u)
    base->u32.hi ^= 0x80000000u;
  return FFH_RES(2);
}

/* math_minmax: minsd/maxsd return the 2nd operand (the next argument) if
** either is NaN or both are equal (e.g. 0 and -0).
*/
static int ff_math_min(lua_State *L)
{
  TValue *o = L->base, *top = L->top;
  lua_Number x;
  if (o >= top || !tvisnum(o)) return 0;
  x = numV(o);
  for (o++; o < top; o++) {
    lua_Number y;
    if (!tvisnum(o)) return 0;
    y = numV(o);
    x = x < y ? x : y;  /* minsd */
  }
  return ff_resnum(L, x);
}

static int ff_math_max(lua_State *L)
{
  TValue *o = L->base, *top = L->top;
  lua_Number x;
  if (o >= top || !tvisnum(o)) return 0;
  x = numV(o);
  for (o++; o < top; o++) {
    lua_Number y;
    if (!tvisnum(o)) return 0;
    y = numV(o);
    x = x > y ? x : y;  /* maxsd */
  }
  return ff_resnum(L, x);
}

/* -- Bit library --------------------------------------------------------- */

/* ->fff_resbit: int32 result as a number. */
static LJ_AINLINE int ff_resbit(lua_State *L, int32_t i)
{
  return ff_resnum(L, (lua_Number)i);
}

static int ff_bit_tobit(lua_State *L)
{
  if (!ff_isnum1(L)) return 0;
  return ff_resbit(L, lj_num2bit(numV(L->base)));
}

static int ff_bit_bnot(lua_State *L)
{
  if (!ff_isnum1(L)) return 0;
  return ff_resbit(L, (int32_t)~(uint32_t)lj_num2bit(numV(L->base)));
}

static int ff_bit_bswap(lua_State *L)
{
  if (!ff_isnum1(L)) return 0;
  return ff_resbit(L, (int32_t)lj_bswap((uint32_t)lj_num2bit(numV(L->base))));
}

/* .ffunc_bit_op: any number of arguments >= 1, all numbers. */
static LJ_AINLINE int ff_bit_op(lua_State *L, int op)
{
  TValue *base = L->base, *o;
  uint32_t y;
  if (!ff_isnum1(L)) return 0;
  y = (uint32_t)lj_num2bit(numV(base));
  for (o = L->top-1; o > base; o--) {  /* Last to second argument. */
    uint32_t x;
    if (!tvisnum(o)) return 0;
    x = (uint32_t)lj_num2bit(numV(o));
    if (op == 0) y &= x; else if (op == 1) y |= x; else y ^= x;
  }
  return ff_resbit(L, (int32_t)y);
}

static int ff_bit_band(lua_State *L) { return ff_bit_op(L, 0); }
static int ff_bit_bor(lua_State *L) { return ff_bit_op(L, 1); }
static int ff_bit_bxor(lua_State *L) { return ff_bit_op(L, 2); }

/* .ffunc_bit_sh: two numbers; x86 masks the shift count to 5 bits. */
static LJ_AINLINE int ff_bit_sh(lua_State *L, int op)
{
  uint32_t x, sh;
  if (!ff_isnum2(L)) return 0;
  x = (uint32_t)lj_num2bit(numV(L->base));
  sh = (uint32_t)lj_num2bit(numV(L->base+1)) & 31;
  switch (op) {
  case 0: x = x << sh; break;  /* shl */
  case 1: x = x >> sh; break;  /* shr */
  case 2: x = (uint32_t)((int32_t)x >> sh); break;  /* sar */
  case 3: x = lj_rol(x, sh); break;  /* rol */
  default: x = lj_ror(x, sh); break;  /* ror */
  }
  return ff_resbit(L, (int32_t)x);
}

static int ff_bit_lshift(lua_State *L) { return ff_bit_sh(L, 0); }
static int ff_bit_rshift(lua_State *L) { return ff_bit_sh(L, 1); }
static int ff_bit_arshift(lua_State *L) { return ff_bit_sh(L, 2); }
static int ff_bit_rol(lua_State *L) { return ff_bit_sh(L, 3); }
static int ff_bit_ror(lua_State *L) { return ff_bit_sh(L, 4); }

/* -- String library ------------------------------------------------------ */

/* ->fff_resstr */
static LJ_AINLINE int ff_resstr(lua_State *L, GCstr *s)
{
  setstrV(L, L->base-1, s);
  return FFH_RES(1);
}

/* Note: the asm does its GC check (ffgccheck) in string.char, string.sub and
** the ffstring_op functions before it checks the arguments. Here the check
** is done once the fast path is sure to allocate, so returning 0 stays free
** of side effects.
*/

static int ff_string_byte(lua_State *L)
{
  GCstr *s;
  /* Only the 1-arg case. */
  if (ff_nargs(L) != 1 || !tvisstr(L->base)) return 0;
  s = strV(L->base);
  if (s->len < 1) return FFH_RES(0);  /* No results for empty string. */
  return ff_resnum(L, (lua_Number)*(const uint8_t *)strdata(s));
}

static int ff_string_char(lua_State *L)
{
  char c;
  int32_t k;
  /* Exactly one argument, a number that truncates to 0..255. */
  if (ff_nargs(L) != 1 || !tvisnum(L->base)) return 0;
  k = lj_num2int(numV(L->base));
  if ((uint32_t)k > 255) return 0;
  c = (char)k;
  lj_gc_check(L);
  return ff_resstr(L, lj_str_new(L, &c, 1));
}

static int ff_string_sub(lua_State *L)
{
  TValue *base = L->base;
  MSize n = ff_nargs(L);
  GCstr *s;
  int32_t start, end = -1, len;
  if (n < 2) return 0;
  if (n > 2) {
    if (!tvisnum(base+2)) return 0;
    end = lj_num2int(numV(base+2));
  }
  if (!tvisstr(base) || !tvisnum(base+1)) return 0;
  s = strV(base);
  len = (int32_t)s->len;
  start = lj_num2int(numV(base+1));
  if ((uint32_t)len < (uint32_t)end) {
    if (len < end)
      end = len;  /* Overflow. */
    else
      end = end + len + 1;  /* Negative end. */
  }
  if (start <= 0) {
    if (start != 0) start = start + len + 1;  /* Negative start. */
    if (start <= 0) start = 1;  /* Underflow. */
  }
  lj_gc_check(L);
  if (end < start)  /* ->fff_emptystr */
    return ff_resstr(L, lj_str_new(L, strdata(s), 0));
  return ff_resstr(L, lj_str_new(L, strdata(s) + start - 1,
				 (size_t)(end - start + 1)));
}

/* ffstring_op: tmpbuf, lj_buf_putstr_*, lj_buf_tostr. */
static LJ_AINLINE int ff_string_op(lua_State *L,
				   SBuf *(LJ_FASTCALL *put)(SBuf *, GCstr *))
{
  SBuf *sb;
  if (ff_nargs(L) < 1 || !tvisstr(L->base)) return 0;
  lj_gc_check(L);
  sb = lj_buf_tmp_(L);
  put(sb, strV(L->base));
  return ff_resstr(L, lj_buf_str(L, sb));
}

static int ff_string_reverse(lua_State *L)
{
  return ff_string_op(L, lj_buf_putstr_reverse);
}

static int ff_string_lower(lua_State *L)
{
  return ff_string_op(L, lj_buf_putstr_lower);
}

static int ff_string_upper(lua_State *L)
{
  return ff_string_op(L, lj_buf_putstr_upper);
}

/* -- Dispatch table ------------------------------------------------------ */

/* Fast functions without an entry have no fast path. pcall, xpcall and the
** coroutine functions are handled by the VM itself.
*/
const lua_CFunction lj_cvm_ff[FF__MAX] = {
  [FF_assert] = ff_assert,
  [FF_type] = ff_type,
  [FF_next] = ff_next,
  [FF_pairs] = ff_pairs,
  [FF_ipairs_aux] = ff_ipairs_aux,
  [FF_ipairs] = ff_ipairs,
  [FF_getmetatable] = ff_getmetatable,
  [FF_setmetatable] = ff_setmetatable,
  [FF_rawget] = ff_rawget,
  [FF_tonumber] = ff_tonumber,
  [FF_tostring] = ff_tostring,
  [FF_math_abs] = ff_math_abs,
  [FF_math_floor] = ff_math_floor,
  [FF_math_ceil] = ff_math_ceil,
  [FF_math_sqrt] = ff_math_sqrt,
  [FF_math_log10] = ff_math_log10,
  [FF_math_exp] = ff_math_exp,
  [FF_math_sin] = ff_math_sin,
  [FF_math_cos] = ff_math_cos,
  [FF_math_tan] = ff_math_tan,
  [FF_math_asin] = ff_math_asin,
  [FF_math_acos] = ff_math_acos,
  [FF_math_atan] = ff_math_atan,
  [FF_math_sinh] = ff_math_sinh,
  [FF_math_cosh] = ff_math_cosh,
  [FF_math_tanh] = ff_math_tanh,
  [FF_math_frexp] = ff_math_frexp,
  [FF_math_modf] = ff_math_modf,
  [FF_math_log] = ff_math_log,
  [FF_math_atan2] = ff_math_atan2,
  [FF_math_pow] = ff_math_pow,
  [FF_math_fmod] = ff_math_fmod,
  [FF_math_ldexp] = ff_math_ldexp,
  [FF_math_min] = ff_math_min,
  [FF_math_max] = ff_math_max,
  [FF_bit_tobit] = ff_bit_tobit,
  [FF_bit_bnot] = ff_bit_bnot,
  [FF_bit_bswap] = ff_bit_bswap,
  [FF_bit_lshift] = ff_bit_lshift,
  [FF_bit_rshift] = ff_bit_rshift,
  [FF_bit_arshift] = ff_bit_arshift,
  [FF_bit_rol] = ff_bit_rol,
  [FF_bit_ror] = ff_bit_ror,
  [FF_bit_band] = ff_bit_band,
  [FF_bit_bor] = ff_bit_bor,
  [FF_bit_bxor] = ff_bit_bxor,
  [FF_string_byte] = ff_string_byte,
  [FF_string_char] = ff_string_char,
  [FF_string_sub] = ff_string_sub,
  [FF_string_reverse] = ff_string_reverse,
  [FF_string_lower] = ff_string_lower,
  [FF_string_upper] = ff_string_upper,
};
