#!/usr/bin/env bash
# bench/run.sh: run the benchmark programs in bench/programs/ with several Lua engines in one
# run and print a table of times and of ratios against the references measured in the same run.
#
#   bench/run.sh [--quick] [--cvm] [PROGRAM...]
#
#   --quick     small sizes and 1 repetition (a smoke test that finishes well under a minute)
#   --cvm       the portable C VM's table instead (engines below)
#   PROGRAM     run only these programs (names without .lua), e.g. `bench/run.sh nbody fannkuch`
#
# With --cvm, the engines are the C VM as the browser runs it and references:
#   cvm-wasm      node $LUAJIT_NODE -joff FILE SIZE              (build/wasm: C VM in WebAssembly)
#   wasm-traces   node $LUAJIT_NODE FILE SIZE                    (the same, JIT on: traces run,
#                                                                 hot ones compiled to wasm)
#   wasm-exec     node $LUAJIT_NODE -Ohotwasm=1000000000 FILE SIZE  (traces run, never compiled:
#                                                                 the trace executor alone)
#   ref-joff      $LUAJIT_REF -joff FILE SIZE                    (LuaJIT's x64 assembly interpreter)
#   lua5.1, lua5.4                                               (Debian's, native x64)
#   cvm-x86       $X86 $LUAJIT_CVM -joff FILE SIZE               (build/portable: C VM, -m32)
#   x86-traces    $X86 $LUAJIT_CVM FILE SIZE                     (the same, JIT on: traces run)
#   asm-x86       $X86 $LUAJIT_REF_X86 -joff FILE SIZE           (LuaJIT's x86 assembly interpreter)
# cvm-x86/asm-x86 compares the two interpreters like for like: same 32-bit ABI, both
# natively where this kernel runs 32-bit programs ($X86 empty), else both under qemu-i386.
# *-traces/-joff compare the C VM's trace execution with its own interpreter (same build;
# node with its default tiering, no flags). Numeric programs: nbody, spectral_norm, fannkuch.
#
# Engines, in this order:
#   ljplay        $LJPLAY run FILE --jit on -- SIZE   (the playground build, JIT on)
#   luajit-ref    $LUAJIT_REF FILE SIZE               (stock LuaJIT, JIT on: THE reference)
#   ref-joff      $LUAJIT_REF -joff FILE SIZE         (LuaJIT's assembly interpreter)
#   lua5.1        lua5.1 FILE SIZE                    (Debian lua5.1; skipped with a note if absent)
#   lua5.4        lua5.4 FILE SIZE                    (Debian lua5.4; skipped with a note if absent)
#   cvm           $LJP_BENCH_CVM ...                  (only when LJP_BENCH_CVM is set)
#
# Environment:
#   LJPLAY            path of ljplay      (default: <repo>/build/native/native/ljplay)
#   LUAJIT_REF        path of luajit-ref  (default: <repo>/build/native/luajit/luajit-ref)
#   LJP_BENCH_REPEAT  repetitions per program and engine; the minimum wall time is kept
#                     (default 3; 1 with --quick)
#   LJP_BENCH_CVM     command of an extra engine (the future C VM). If it contains {file} and
#                     {args}, those are replaced by the program path and its size; otherwise the
#                     path and size are appended: `$LJP_BENCH_CVM FILE SIZE`.
#
# Every output is compared with bench/programs/NAME.expected (NAME.quick.expected with
# --quick). A wrong output or a failing engine prints FAIL and makes the script exit 1 at the end.
set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
progdir="$here/programs"

# The exact command line first, with the environment variables that change the run.
printf 'command:'
for v in LJPLAY LUAJIT_REF LJP_BENCH_REPEAT LJP_BENCH_CVM; do
  [[ -n "${!v+x}" ]] && printf ' %s=%q' "$v" "${!v}"
done
printf ' %q' "$0" "$@"
printf '\n'

quick=0
cvm=0
only=()
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    --cvm) cvm=1 ;;
    -h|--help) sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option: $a" >&2; exit 2 ;;
    *) only+=("${a%.lua}") ;;
  esac
done

# Programs with their full and quick sizes (arg[1]). The .expected files hold the output for
# the full size, the .quick.expected files the output for the quick size.
all_programs=(nbody spectral_norm fannkuch binary_trees string_builder table_heavy closures coroutine_ring)
declare -A size_full=(
  [nbody]=1200000 [spectral_norm]=2000 [fannkuch]=10 [binary_trees]=15
  [string_builder]=500000 [table_heavy]=80000 [closures]=500000 [coroutine_ring]=3000000
)
declare -A size_quick=(
  [nbody]=100000 [spectral_norm]=300 [fannkuch]=8 [binary_trees]=11
  [string_builder]=50000 [table_heavy]=10000 [closures]=50000 [coroutine_ring]=200000
)

programs=()
if ((${#only[@]})); then
  for p in "${only[@]}"; do
    if [[ -z "${size_full[$p]+x}" ]]; then echo "run.sh: unknown program: $p" >&2; exit 2; fi
    programs+=("$p")
  done
else
  programs=("${all_programs[@]}")
fi

if ((quick)); then
  repeat=1
  suffix=.quick.expected
else
  repeat=${LJP_BENCH_REPEAT:-3}
  suffix=.expected
fi
if ! [[ "$repeat" =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: LJP_BENCH_REPEAT must be a positive integer, not '$repeat'" >&2; exit 2
fi

LJPLAY=${LJPLAY:-$root/build/native/native/ljplay}
LUAJIT_REF=${LUAJIT_REF:-$root/build/native/luajit/luajit-ref}
LUAJIT_NODE=${LUAJIT_NODE:-$root/build/wasm/wasm/luajit-node.js}
LUAJIT_CVM=${LUAJIT_CVM:-$root/build/portable/luajit/luajit-cvm}
LUAJIT_REF_X86=${LUAJIT_REF_X86:-$root/build/portable/luajit/luajit-ref}
needed=("$LJPLAY" "$LUAJIT_REF")
((cvm)) && needed=("$LUAJIT_REF" "$LUAJIT_CVM" "$LUAJIT_REF_X86")
for b in "${needed[@]}"; do
  if [[ ! -x "$b" ]]; then
    echo "run.sh: $b is missing or not executable (build the native/portable presets, or set LJPLAY / LUAJIT_REF / LUAJIT_CVM / LUAJIT_REF_X86)" >&2
    exit 2
  fi
done
if ((cvm)) && [[ ! -f "$LUAJIT_NODE" ]]; then
  echo "run.sh: $LUAJIT_NODE is missing (build the wasm preset, or set LUAJIT_NODE)" >&2
  exit 2
fi

# Engine table: name and whether it is available.
engines=(ljplay luajit-ref ref-joff lua5.1 lua5.4)
[[ -n "${LJP_BENCH_CVM:-}" ]] && engines+=(cvm)
((cvm)) && engines=(cvm-wasm wasm-traces wasm-exec ref-joff lua5.1 lua5.4 cvm-x86 x86-traces
                    asm-x86)
declare -A have
for e in "${engines[@]}"; do have[$e]=1; done
for e in lua5.1 lua5.4; do
  if ! command -v "$e" >/dev/null 2>&1; then
    have[$e]=0
    echo "note: $e not found, its columns show '-' (apt-get install $e)"
  fi
done

# 32-bit x86 programs run natively where the kernel can, else under qemu-i386.
X86=""
if ((cvm)) && ! "$LUAJIT_REF_X86" -v >/dev/null 2>&1; then X86=qemu-i386; fi

# run_engine ENGINE FILE SIZE: run one program once, stdout/stderr to $out/$err.
run_engine() {
  local e=$1 file=$2 size=$3
  case "$e" in
    ljplay)     "$LJPLAY" run "$file" --jit on -- "$size" ;;
    luajit-ref) "$LUAJIT_REF" "$file" "$size" ;;
    ref-joff)   "$LUAJIT_REF" -joff "$file" "$size" ;;
    lua5.1)     lua5.1 "$file" "$size" ;;
    lua5.4)     lua5.4 "$file" "$size" ;;
    cvm-wasm)   node "$LUAJIT_NODE" -joff "$file" "$size" ;;
    wasm-traces) node "$LUAJIT_NODE" "$file" "$size" ;;
    wasm-exec)  node "$LUAJIT_NODE" -Ohotwasm=1000000000 "$file" "$size" ;;
    cvm-x86)    $X86 "$LUAJIT_CVM" -joff "$file" "$size" ;;
    x86-traces) $X86 "$LUAJIT_CVM" "$file" "$size" ;;
    asm-x86)    $X86 "$LUAJIT_REF_X86" -joff "$file" "$size" ;;
    cvm)
      if [[ "$LJP_BENCH_CVM" == *"{file}"* ]]; then
        local c=${LJP_BENCH_CVM//\{file\}/$(printf '%q' "$file")}
        c=${c//\{args\}/$size}
        eval "$c"
      else
        # word-split on purpose: the variable holds a command with its options
        # shellcheck disable=SC2086
        $LJP_BENCH_CVM "$file" "$size"
      fi ;;
  esac
}

# Microseconds from EPOCHREALTIME ("seconds.micros").
now_us() { local t=${EPOCHREALTIME}; echo $(( ${t%.*} * 1000000 + 10#${t#*.} )); }

echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(uname -sm)"
if ((cvm)); then
  echo "cvm-wasm:    $LUAJIT_NODE (node $(node --version))"
  echo "cvm-x86:     $LUAJIT_CVM (${X86:-natively})"
  echo "asm-x86:     $LUAJIT_REF_X86 (${X86:-natively})"
else
  echo "ljplay:      $LJPLAY ($("$LJPLAY" --version 2>&1 | sed -n 2p | cut -d' ' -f1-2))"
fi
echo "luajit-ref:  $LUAJIT_REF ($("$LUAJIT_REF" -v 2>&1 | cut -d' ' -f1-2))"
for e in lua5.1 lua5.4; do
  ((have[$e])) && echo "$e:      $(command -v "$e") ($("$e" -v 2>&1 | cut -d' ' -f1-2))"
done
[[ -n "${LJP_BENCH_CVM:-}" ]] && echo "cvm:         $LJP_BENCH_CVM"
echo "mode:    $( ((quick)) && echo quick || echo full ), $repeat repetition(s), minimum wall time in seconds"
echo

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
err=$tmp/err
results=$tmp/results   # lines: PROGRAM ENGINE MICROSECONDS|FAIL|-
failures=0

for p in "${programs[@]}"; do
  file="$progdir/$p.lua"
  if ((quick)); then size=${size_quick[$p]}; else size=${size_full[$p]}; fi
  expected="$progdir/$p$suffix"
  if [[ ! -f "$file" || ! -f "$expected" ]]; then
    echo "FAIL $p: $file or $expected is missing"
    failures=$((failures + 1))
    for e in "${engines[@]}"; do echo "$p $e FAIL" >>"$results"; done
    continue
  fi
  declare -A best=()
  declare -A bad=()
  # Repetitions are interleaved across engines so slow drifts hit every engine alike.
  for ((r = 1; r <= repeat; r++)); do
    for e in "${engines[@]}"; do
      ((have[$e])) || continue
      [[ -n "${bad[$e]+x}" ]] && continue
      t0=$(now_us)
      run_engine "$e" "$file" "$size" >"$out" 2>"$err"
      rc=$?
      t1=$(now_us)
      dt=$((t1 - t0))
      if ((rc != 0)) || ! cmp -s "$out" "$expected"; then
        bad[$e]=1
        failures=$((failures + 1))
        echo "FAIL $p with $e (size $size, exit status $rc): output differs from ${expected#"$root"/}"
        diff "$expected" "$out" | head -n 8 | sed 's/^/    /'
        head -n 5 "$err" | sed 's/^/    stderr: /'
        continue
      fi
      if [[ -z "${best[$e]+x}" ]] || ((dt < best[$e])); then best[$e]=$dt; fi
    done
  done
  line="$p:"
  for e in "${engines[@]}"; do
    if ((!have[$e])); then v=-
    elif [[ -n "${bad[$e]+x}" ]]; then v=FAIL
    else v=${best[$e]}
    fi
    echo "$p $e $v" >>"$results"
    line+=" $e=$([[ $v =~ ^[0-9]+$ ]] && awk -v u="$v" 'BEGIN{printf "%.3f", u/1e6}' || echo "$v")"
  done
  echo "$line" >&2   # progress on stderr; the tables below are the result
  unset best bad
done

# Tables. Ratios: numerator / denominator per program, geometric mean over programs that have
# both numbers. Seconds also get a geometric mean row.
awk -v engines="${engines[*]}" -v ratio_ok=1.03 -v quick="$quick" -v cvm="$cvm" '
function cell(p, e) { return (p SUBSEP e) in t ? t[p, e] : "-" }
function isnum(v) { return v ~ /^[0-9]+$/ }
BEGIN { ne = split(engines, E, " ") }
{
  if (!($1 in seen)) { seen[$1] = 1; P[++np] = $1 }
  t[$1, $2] = $3
}
END {
  # ratio columns: label, numerator, denominator
  nr = 0
  if (cvm) {
    R[++nr] = "wasm/joff";   N[nr] = "cvm-wasm"; D[nr] = "ref-joff"
    R[++nr] = "wasm/lua5.1"; N[nr] = "cvm-wasm"; D[nr] = "lua5.1"
    R[++nr] = "wasm/lua5.4"; N[nr] = "cvm-wasm"; D[nr] = "lua5.4"
    R[++nr] = "cvm/asm-x86"; N[nr] = "cvm-x86";  D[nr] = "asm-x86"
    R[++nr] = "wtrace/wasm"; N[nr] = "wasm-traces"; D[nr] = "cvm-wasm"
    R[++nr] = "xtrace/x86";  N[nr] = "x86-traces";  D[nr] = "cvm-x86"
    R[++nr] = "wexec/wasm";  N[nr] = "wasm-exec";   D[nr] = "cvm-wasm"
  } else {
  R[++nr] = "ljplay/ref";      N[nr] = "ljplay";   D[nr] = "luajit-ref"
  R[++nr] = "joff/ref";        N[nr] = "ref-joff"; D[nr] = "luajit-ref"
  R[++nr] = "lua5.1/ref";      N[nr] = "lua5.1";   D[nr] = "luajit-ref"
  R[++nr] = "lua5.4/ref";      N[nr] = "lua5.4";   D[nr] = "luajit-ref"
  R[++nr] = "lua5.1/joff";     N[nr] = "lua5.1";   D[nr] = "ref-joff"
  R[++nr] = "lua5.4/joff";     N[nr] = "lua5.4";   D[nr] = "ref-joff"
  for (i = 1; i <= ne; i++) if (E[i] == "cvm") {
    R[++nr] = "cvm/joff"; N[nr] = "cvm"; D[nr] = "ref-joff"
    R[++nr] = "cvm/lua5.4"; N[nr] = "cvm"; D[nr] = "lua5.4"
  }
  }

  print "Seconds (minimum wall time)"
  printf "%-16s", "program"
  for (i = 1; i <= ne; i++) printf " %11s", E[i]
  printf "\n"
  for (k = 1; k <= np; k++) {
    p = P[k]; printf "%-16s", p
    for (i = 1; i <= ne; i++) {
      v = cell(p, E[i])
      if (isnum(v)) { printf " %11.3f", v / 1e6; ls[i] += log(v / 1e6); cs[i]++ }
      else printf " %11s", v
    }
    printf "\n"
  }
  printf "%-16s", "geomean"
  for (i = 1; i <= ne; i++) if (cs[i]) printf " %11.3f", exp(ls[i] / cs[i]); else printf " %11s", "-"
  printf "\n\n"

  if (cvm) print "Ratios (time of numerator engine / time of denominator engine, same run; joff = LuaJIT x64 -joff, wasm = C VM under node, cvm/asm-x86 = both 32-bit under qemu-i386)"
  else print "Ratios (time of numerator engine / time of denominator engine, same run; ref = luajit-ref JIT on, joff = luajit-ref -joff)"
  printf "%-16s", "program"
  for (j = 1; j <= nr; j++) printf " %11s", R[j]
  printf "\n"
  slow = ""
  for (k = 1; k <= np; k++) {
    p = P[k]; printf "%-16s", p
    for (j = 1; j <= nr; j++) {
      a = cell(p, N[j]); b = cell(p, D[j])
      if (isnum(a) && isnum(b) && b > 0) {
        x = a / b
        mark = (!cvm && j == 1 && x > ratio_ok) ? "*" : " "
        if (mark == "*") slow = slow " " p
        printf " %10.3f%s", x, mark
        lr[j] += log(x); cr[j]++
      } else printf " %11s", "-"
    }
    printf "\n"
  }
  printf "%-16s", "geomean"
  for (j = 1; j <= nr; j++) if (cr[j]) printf " %10.3f ", exp(lr[j] / cr[j]); else printf " %11s", "-"
  printf "\n"
  if (cvm) {
    if (cr[4]) printf "\ncvm/asm-x86 goal: <= 1.80 (geomean %.3f:%s)\n", exp(lr[4] / cr[4]), (exp(lr[4] / cr[4]) <= 1.8 ? " ok" : " OVER THE GOAL")
    if (cr[2]) printf "wasm/lua5.1 goal: < 1 (geomean %.3f:%s)\n", exp(lr[2] / cr[2]), (exp(lr[2] / cr[2]) < 1 ? " ok" : " OVER THE GOAL")
    # Trace execution against the same build interpreting: geomean <= 1/1.3, none over 1/0.9.
    for (j = 5; j <= 7; j++) if (cr[j]) {
      g = exp(lr[j] / cr[j]); worst = 0; num = 0; nn = 0
      for (k = 1; k <= np; k++) {
        a = cell(P[k], N[j]); b = cell(P[k], D[j])
        if (isnum(a) && isnum(b) && b > 0) {
          if (a / b > worst) { worst = a / b; wp = P[k] }
          if (P[k] ~ /^(nbody|spectral_norm|fannkuch)$/) { num += log(a / b); nn++ }
        }
      }
      printf "%s goal: geomean <= %.3f, none over %.3f (geomean %.3f, numeric %.3f, worst %.3f %s):%s\n", R[j], 1 / 1.3, 1 / 0.9, g, (nn ? exp(num / nn) : 0), worst, wp, (g <= 1 / 1.3 && worst <= 1 / 0.9 ? " ok" : " NOT MET")
    }
  } else if (cr[1]) {
    g = exp(lr[1] / cr[1])
    printf "\nljplay/ref goal: <= %.2f per program. geomean %.3f:%s\n", ratio_ok, g, (g <= ratio_ok ? " ok" : " OVER THE GOAL")
    if (slow != "") printf "* over %.2f:%s\n", ratio_ok, slow
    if (quick) print "(--quick: the runs are so short that process start-up dominates; judge the ratios on a full run)"
  }
}' "$results"

if ((failures)); then
  echo
  echo "FAIL: $failures program/engine run(s) gave a wrong output or failed"
  exit 1
fi
exit 0
