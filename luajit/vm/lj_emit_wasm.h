/*
** WebAssembly binary format emitter for the portable target's trace compiler.
**
** The wasm counterpart of LuaJIT's lj_emit_*.h: a growable byte buffer, the
** LEB128 encodings and the opcodes lj_asm_wasm.h uses. Everything is written
** forwards; section and function sizes are patched in once known (a fixed
** five-byte LEB128, which the format allows).
*/

/* Value types. */
#define WT_I32		0x7f
#define WT_I64		0x7e
#define WT_F64		0x7c
#define WT_FUNC		0x60
#define WT_FUNCREF	0x70
#define WT_VOID		0x40	/* Empty block type. */

/* Sections. */
#define WSEC_TYPE	1
#define WSEC_IMPORT	2
#define WSEC_FUNC	3
#define WSEC_EXPORT	7
#define WSEC_CODE	10

/* Opcodes (WebAssembly 1.0, and the saturating truncations). */
#define WASMOPDEF(_) \
  _(UNREACHABLE, 0x00) _(NOP, 0x01) _(BLOCK, 0x02) _(LOOP, 0x03) \
  _(IF, 0x04) _(ELSE, 0x05) _(END, 0x0b) _(BR, 0x0c) _(BR_IF, 0x0d) \
  _(RETURN, 0x0f) _(CALL_INDIRECT, 0x11) _(DROP, 0x1a) _(SELECT, 0x1b) \
  _(LOCAL_GET, 0x20) _(LOCAL_SET, 0x21) _(LOCAL_TEE, 0x22) \
  _(I32_LOAD, 0x28) _(I64_LOAD, 0x29) _(F64_LOAD, 0x2b) \
  _(I32_LOAD8_S, 0x2c) _(I32_LOAD8_U, 0x2d) _(I32_LOAD16_S, 0x2e) \
  _(I32_LOAD16_U, 0x2f) \
  _(I32_STORE, 0x36) _(I64_STORE, 0x37) _(F64_STORE, 0x39) \
  _(I32_STORE8, 0x3a) _(I32_STORE16, 0x3b) \
  _(I32_CONST, 0x41) _(I64_CONST, 0x42) _(F64_CONST, 0x44) \
  _(I32_EQZ, 0x45) _(I32_EQ, 0x46) _(I32_NE, 0x47) _(I32_LT_S, 0x48) \
  _(I32_LT_U, 0x49) _(I32_GT_S, 0x4a) _(I32_GT_U, 0x4b) _(I32_LE_S, 0x4c) \
  _(I32_LE_U, 0x4d) _(I32_GE_S, 0x4e) _(I32_GE_U, 0x4f) \
  _(I64_EQ, 0x51) _(I64_NE, 0x52) \
  _(F64_EQ, 0x61) _(F64_NE, 0x62) _(F64_LT, 0x63) _(F64_GT, 0x64) \
  _(F64_LE, 0x65) _(F64_GE, 0x66) \
  _(I32_ADD, 0x6a) _(I32_SUB, 0x6b) _(I32_MUL, 0x6c) _(I32_REM_S, 0x6f) \
  _(I32_AND, 0x71) \
  _(I32_OR, 0x72) _(I32_XOR, 0x73) _(I32_SHL, 0x74) _(I32_SHR_S, 0x75) \
  _(I32_SHR_U, 0x76) _(I32_ROTL, 0x77) _(I32_ROTR, 0x78) \
  _(I64_ADD, 0x7c) _(I64_SUB, 0x7d) _(I64_MUL, 0x7e) \
  _(F64_ABS, 0x99) _(F64_NEG, 0x9a) _(F64_CEIL, 0x9b) _(F64_FLOOR, 0x9c) \
  _(F64_TRUNC, 0x9d) _(F64_SQRT, 0x9f) _(F64_ADD, 0xa0) _(F64_SUB, 0xa1) \
  _(F64_MUL, 0xa2) _(F64_DIV, 0xa3) \
  _(I32_WRAP_I64, 0xa7) _(I32_TRUNC_F64_S, 0xaa) _(I64_EXTEND_I32_S, 0xac) \
  _(F64_CONVERT_I32_S, 0xb7) _(F64_CONVERT_I32_U, 0xb8) \
  _(I64_REINTERPRET_F64, 0xbd)

enum {
#define WASMOPENUM(name, code)	WOP_##name = code,
  WASMOPDEF(WASMOPENUM)
#undef WASMOPENUM
  WOP__DUMMY
};

/* -- Compiler memory ----------------------------------------------------- */

/* Everything the compiler allocates lives in an arena of its own, emptied
** after each trace, never in the C heap. LuaJIT's heap is the C heap on
** this target (LUAJIT_USE_SYSMALLOC), and its hot counters are keyed by
** bytecode addresses: with the compiler out of the heap, a program's
** objects have the same addresses whether its traces are compiled or not,
** so both tiers make the same trace decisions (-jv is the same). A trace
** too large for the arena stays in the executor.
*/
#ifdef __EMSCRIPTEN__
#define WASM_ARENA_SIZE		(4u << 20)
#else
#define WASM_ARENA_SIZE		8	/* Nothing compiles without a wasm engine. */
#endif

static union { double align; uint8_t b[WASM_ARENA_SIZE]; } wasm_arena;
static uint32_t wasm_arena_top;

/* n zeroed bytes, 8-byte aligned, or NULL when the arena is full. */
static void *wasm_alloc(uint32_t n)
{
  uint32_t top = (wasm_arena_top + 7) & ~7u;
  if (n > WASM_ARENA_SIZE - top) return NULL;
  wasm_arena_top = top + n;
  return memset(wasm_arena.b + top, 0, n);
}

/* Grow the last block allocated, or copy p to a new one. */
static void *wasm_grow(void *p, uint32_t oldn, uint32_t n)
{
  uint8_t *q = (uint8_t *)p;
  if (q && q + oldn == wasm_arena.b + wasm_arena_top &&
      n - oldn <= WASM_ARENA_SIZE - wasm_arena_top) {
    wasm_arena_top += n - oldn;
    return q;
  }
  q = (uint8_t *)wasm_alloc(n);
  if (q && p) memcpy(q, p, oldn);
  return q;
}

/* Forget everything allocated (after a trace). */
static void wasm_arena_reset(void)
{
  wasm_arena_top = 0;
}

/* A growing buffer of bytes. On failure to grow, ok is cleared and writes
** are dropped: the caller checks ok once at the end.
*/
typedef struct WasmBuf {
  uint8_t *b;
  uint32_t n, sz;
  int ok;
} WasmBuf;

static void wasm_init(WasmBuf *w)
{
  w->b = NULL;
  w->n = w->sz = 0;
  w->ok = 1;
}

static int wasm_need(WasmBuf *w, uint32_t n)
{
  if (w->n + n > w->sz) {
    uint32_t sz = w->sz ? w->sz : 256;
    uint8_t *b;
    while (w->n + n > sz) sz *= 2;
    b = (uint8_t *)wasm_grow(w->b, w->sz, sz);
    if (!b) { w->ok = 0; return 0; }
    w->b = b;
    w->sz = sz;
  }
  return w->ok;
}

static void emit_byte(WasmBuf *w, uint32_t x)
{
  if (wasm_need(w, 1)) w->b[w->n++] = (uint8_t)x;
}

static void emit_bytes(WasmBuf *w, const void *p, uint32_t n)
{
  if (wasm_need(w, n)) {
    memcpy(w->b + w->n, p, n);
    w->n += n;
  }
}

static void emit_u32(WasmBuf *w, uint32_t x)
{
  do {
    uint32_t b = x & 0x7f;
    x >>= 7;
    emit_byte(w, x ? b | 0x80 : b);
  } while (x);
}

static void emit_s64(WasmBuf *w, int64_t x)
{
  for (;;) {
    uint32_t b = (uint32_t)x & 0x7f;
    x >>= 7;  /* Arithmetic shift: the sign is kept. */
    if ((x == 0 && !(b & 0x40)) || (x == -1 && (b & 0x40))) {
      emit_byte(w, b);
      return;
    }
    emit_byte(w, b | 0x80);
  }
}

/* A size to patch in later: five bytes, the longest LEB128 of a u32. */
static uint32_t emit_size_slot(WasmBuf *w)
{
  uint32_t at = w->n;
  emit_bytes(w, "\x80\x80\x80\x80\x00", 5);
  return at;
}

static void emit_size_patch(WasmBuf *w, uint32_t at)
{
  uint32_t x = w->n - at - 5, i;
  if (!w->ok) return;
  for (i = 0; i < 5; i++, x >>= 7)
    w->b[at+i] = (uint8_t)((x & 0x7f) | (i < 4 ? 0x80 : 0));
}

static void emit_name(WasmBuf *w, const char *s)
{
  uint32_t n = (uint32_t)strlen(s);
  emit_u32(w, n);
  emit_bytes(w, s, n);
}

/* Instructions. */
#define emit_op(w, op)		emit_byte((w), WOP_##op)

static void emit_i32const(WasmBuf *w, int32_t x)
{
  emit_op(w, I32_CONST);
  emit_s64(w, x);
}

static void emit_i64const(WasmBuf *w, int64_t x)
{
  emit_op(w, I64_CONST);
  emit_s64(w, x);
}

static void emit_f64const(WasmBuf *w, double x)
{
  emit_op(w, F64_CONST);
  emit_bytes(w, &x, 8);  /* Little-endian IEEE 754, as the format. */
}

static void emit_local(WasmBuf *w, uint32_t op, uint32_t idx)
{
  emit_byte(w, op);
  emit_u32(w, idx);
}

/* A load or store with its alignment (log2) and a constant offset. */
static void emit_mem(WasmBuf *w, uint32_t op, uint32_t align, uint32_t ofs)
{
  emit_byte(w, op);
  emit_u32(w, align);
  emit_u32(w, ofs);
}
