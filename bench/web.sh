#!/usr/bin/env bash
# bench/web.sh: the web build's engine against another Lua in WebAssembly, in one run.
#
#   bench/web.sh [--quick] [PROGRAM...]
#
# Engines (each program runs in its own node process, start-up included, as bench/run.sh does;
# node with its default flags unless said):
#   engine        node $LJPLAY_NODE run FILE -- SIZE            the engine as the page runs it:
#                                                               LuaJIT on the C VM in wasm, JIT on,
#                                                               hot traces compiled to wasm
#   executor      node $LJPLAY_NODE run FILE --opt hotwasm=1000000000 -- SIZE
#                                                               the same, traces only in the C VM's
#                                                               trace executor (never compiled)
#   engine-joff   node $LJPLAY_NODE run FILE --jit off -- SIZE  the C VM's interpreter alone
#   wasmoon       node bench/web/wasmoon_run.js FILE SIZE       npm wasmoon (PUC Lua 5.4 in wasm)
#   wasmoon-nl    node --no-liftoff bench/web/wasmoon_run.js FILE SIZE
#                                                               the same with V8's optimising
#                                                               compiler from the start (V8 cannot
#                                                               tier up a long-running wasm call)
#   luajit-jit    $LUAJIT_REF FILE SIZE                         native stock LuaJIT, JIT on: the
#                                                               bound (only if built)
#   luajit-joff   $LUAJIT_REF -joff FILE SIZE                   its interpreter: how much LuaJIT's
#                                                               own traces gain on each program
# Ratios: other engine's time / the engine's time (above 1: the engine is faster), and
# engine/luajit-jit. Goals: engine >= 3x engine-joff on the numeric programs (nbody,
# spectral_norm, fannkuch), >= 4x wasmoon and >= 2.5x wasmoon-nl over all programs, within
# 4x of luajit-jit on the numeric programs (geomeans); traces (engine, executor) against
# engine-joff: geomean >= 1.3x, no program under 0.9x, printed next to what native LuaJIT's
# machine code gains over its own interpreter on the same program (luajit-joff/luajit-jit). Then what compiling costs (one more run
# of each program with a timeline: per-trace compile time, median and p95, and its share of the
# engine's run time), and the size of everything the page loads (every file of the built
# site, gzip -9) against its goal, 1.5 MB.
#
# wasmoon comes from npm, pinned by bench/web/package-lock.json, installed into
# $LJP_BENCH_WEB_DIR (default build/bench-web). The sizes are bench/run.sh's; the outputs are
# compared with bench/programs/NAME.expected (NAME.quick.expected with --quick).
#
# Environment:
#   LJPLAY_NODE       ljplay-node.js (default: <repo>/build/wasm/wasm/ljplay-node.js)
#   LUAJIT_REF        native stock LuaJIT (default: <repo>/build/native/luajit/luajit-ref)
#   LJP_SITE_DIR      the built site (default: <repo>/build/wasm/site)
#   LJP_BENCH_REPEAT  repetitions; the minimum wall time is kept (default 3; 1 with --quick)
set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
progdir="$here/programs"

printf 'command:'
for v in LJPLAY_NODE LUAJIT_REF LJP_SITE_DIR LJP_BENCH_REPEAT LJP_BENCH_WEB_DIR; do
  [[ -n "${!v+x}" ]] && printf ' %s=%q' "$v" "${!v}"
done
printf ' %q' "$0" "$@"
printf '\n'

quick=0
only=()
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "web.sh: unknown option: $a" >&2; exit 2 ;;
    *) only+=("${a%.lua}") ;;
  esac
done

# The programs and their sizes: bench/run.sh's tables.
eval "$(sed -n '/^all_programs=(/p; /^declare -A size_full=(/,/^)/p; /^declare -A size_quick=(/,/^)/p' \
          "$here/run.sh")"
programs=()
for p in "${only[@]+"${only[@]}"}"; do
  if [[ -z "${size_full[$p]+x}" ]]; then echo "web.sh: unknown program: $p" >&2; exit 2; fi
  programs+=("$p")
done
((${#programs[@]})) || programs=("${all_programs[@]}")

if ((quick)); then repeat=1; suffix=.quick.expected; else repeat=${LJP_BENCH_REPEAT:-3}; suffix=.expected; fi
if ! [[ "$repeat" =~ ^[1-9][0-9]*$ ]]; then
  echo "web.sh: LJP_BENCH_REPEAT must be a positive integer, not '$repeat'" >&2; exit 2
fi

LJPLAY_NODE=${LJPLAY_NODE:-$root/build/wasm/wasm/ljplay-node.js}
LUAJIT_REF=${LUAJIT_REF:-$root/build/native/luajit/luajit-ref}
LJP_SITE_DIR=${LJP_SITE_DIR:-$root/build/wasm/site}
web_dir=${LJP_BENCH_WEB_DIR:-$root/build/bench-web}
if [[ ! -f "$LJPLAY_NODE" ]]; then
  echo "web.sh: $LJPLAY_NODE is missing (cmake --preset wasm && cmake --build --preset wasm)" >&2
  exit 2
fi

# wasmoon, exactly as the lock file says (npm ci), once per change of the lock file.
mkdir -p "$web_dir"
if ! cmp -s "$here/web/package-lock.json" "$web_dir/package-lock.json" ||
   [[ ! -f "$web_dir/node_modules/wasmoon/package.json" ]]; then
  cp "$here/web/package.json" "$here/web/package-lock.json" "$web_dir/"
  (cd "$web_dir" && npm ci --no-audit --no-fund --loglevel=error) || {
    echo "web.sh: npm ci in $web_dir failed" >&2; exit 2; }
fi

run_engine() {
  local e=$1 file=$2 size=$3
  case "$e" in
    engine)      node --no-experimental-fetch "$LJPLAY_NODE" run "$file" -- "$size" ;;
    executor)    node --no-experimental-fetch "$LJPLAY_NODE" run "$file" --opt hotwasm=1000000000 \
                   -- "$size" ;;
    engine-joff) node --no-experimental-fetch "$LJPLAY_NODE" run "$file" --jit off -- "$size" ;;
    wasmoon)     node "$here/web/wasmoon_run.js" "$web_dir/node_modules" "$file" "$size" ;;
    wasmoon-nl)  node --no-liftoff "$here/web/wasmoon_run.js" "$web_dir/node_modules" "$file" \
                   "$size" ;;
    luajit-jit)  "$LUAJIT_REF" "$file" "$size" ;;
    luajit-joff) "$LUAJIT_REF" -joff "$file" "$size" ;;
  esac
}
engines=(engine executor engine-joff wasmoon wasmoon-nl)
[[ -x "$LUAJIT_REF" ]] && engines+=(luajit-jit luajit-joff)

now_us() { local t=${EPOCHREALTIME}; echo $(( ${t%.*} * 1000000 + 10#${t#*.} )); }

echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(uname -sm)"
echo "engine:  $LJPLAY_NODE (node $(node --version))"
echo "wasmoon: $(node -p "require('$web_dir/node_modules/wasmoon/package.json').version")"
echo "mode:    $( ((quick)) && echo quick || echo full ), $repeat repetition(s), minimum wall time in seconds"
echo

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
results=$tmp/results
failures=0
for p in "${programs[@]}"; do
  file="$progdir/$p.lua"
  if ((quick)); then size=${size_quick[$p]}; else size=${size_full[$p]}; fi
  expected="$progdir/$p$suffix"
  declare -A best=() bad=()
  for ((r = 1; r <= repeat; r++)); do
    for e in "${engines[@]}"; do
      [[ -n "${bad[$e]+x}" ]] && continue
      t0=$(now_us)
      run_engine "$e" "$file" "$size" >"$tmp/out" 2>"$tmp/err"
      rc=$?
      dt=$(( $(now_us) - t0 ))
      if ((rc != 0)) || ! cmp -s "$tmp/out" "$expected"; then
        bad[$e]=1
        failures=$((failures + 1))
        echo "FAIL $p with $e (size $size, exit status $rc): output differs from ${expected#"$root"/}"
        diff "$expected" "$tmp/out" | head -n 8 | sed 's/^/    /'
        head -n 5 "$tmp/err" | sed 's/^/    stderr: /'
        continue
      fi
      if [[ -z "${best[$e]+x}" ]] || ((dt < best[$e])); then best[$e]=$dt; fi
    done
  done
  line="$p:"
  for e in "${engines[@]}"; do
    if [[ -n "${bad[$e]+x}" ]]; then v=FAIL; else v=${best[$e]}; fi
    echo "$p $e $v" >>"$results"
    line+=" $e=$v"
  done
  echo "$line" >&2
  unset best bad
done

awk -v engines="${engines[*]}" '
function isnum(v) { return v ~ /^[0-9]+$/ }
function numeric(p) { return p ~ /^(nbody|spectral_norm|fannkuch)$/ }
BEGIN {
  ne = split(engines, E, " ")
  # Ratios: N/D, above 1 = the engine is faster (except engine/luajit-jit).
  nr = 0
  R[++nr] = "joff/eng";  N[nr] = "engine-joff"; D[nr] = "engine"
  R[++nr] = "joff/exec"; N[nr] = "engine-joff"; D[nr] = "executor"
  R[++nr] = "wm/eng";    N[nr] = "wasmoon";     D[nr] = "engine"
  R[++nr] = "wmnl/eng";  N[nr] = "wasmoon-nl";  D[nr] = "engine"
  R[++nr] = "eng/lj";    N[nr] = "engine";      D[nr] = "luajit-jit"
  R[++nr] = "ljoff/lj";  N[nr] = "luajit-joff"; D[nr] = "luajit-jit"
}
{ if (!($1 in seen)) { seen[$1] = 1; P[++np] = $1 } t[$1, $2] = $3 }
END {
  print "Seconds (minimum wall time, node start-up included)"
  printf "%-16s", "program"; for (i = 1; i <= ne; i++) printf " %11s", E[i]
  printf "\n"
  for (k = 1; k <= np; k++) {
    p = P[k]; printf "%-16s", p
    for (i = 1; i <= ne; i++) { v = t[p, E[i]]; if (isnum(v)) printf " %11.3f", v / 1e6; else printf " %11s", (v == "" ? "-" : v) }
    printf "\n"
  }
  print ""
  print "Ratios (numerator time / denominator time, same run): eng = engine, exec = executor, joff = engine-joff,"
  print "wm = wasmoon, wmnl = wasmoon-nl (node --no-liftoff), lj = luajit-jit (native), ljoff = luajit-joff"
  printf "%-16s", "program"; for (j = 1; j <= nr; j++) printf " %10s", R[j]
  printf "\n"
  for (k = 1; k <= np; k++) {
    p = P[k]; printf "%-16s", p
    for (j = 1; j <= nr; j++) {
      a = t[p, N[j]]; b = t[p, D[j]]
      if (isnum(a) && isnum(b) && b > 0) {
        x = a / b; printf " %10.3f", x
        all[j] += log(x); nall[j]++
        if (numeric(p)) { num[j] += log(x); nnum[j]++ }
        if (!(j in lo) || x < lo[j]) { lo[j] = x; lop[j] = p }
      } else printf " %10s", "-"
    }
    printf "\n"
  }
  printf "%-16s", "geomean"; for (j = 1; j <= nr; j++) if (nall[j]) printf " %10.3f", exp(all[j] / nall[j]); else printf " %10s", "-"
  printf "\n%-16s", "numeric"; for (j = 1; j <= nr; j++) if (nnum[j]) printf " %10.3f", exp(num[j] / nnum[j]); else printf " %10s", "-"
  printf "\n\n"
  if (nnum[1]) { g = exp(num[1] / nnum[1]); printf "goal: engine >= 3x engine-joff on the numeric programs (%.3f: %s)\n", g, (g >= 3 ? "ok" : "NOT MET") }
  if (nall[3]) { g = exp(all[3] / nall[3]); printf "goal: engine >= 4x wasmoon (%.3f: %s)\n", g, (g >= 4 ? "ok" : "NOT MET") }
  if (nall[4]) { g = exp(all[4] / nall[4]); printf "goal: engine >= 2.5x wasmoon-nl (%.3f: %s)\n", g, (g >= 2.5 ? "ok" : "NOT MET") }
  if (nnum[5]) { g = exp(num[5] / nnum[5]); printf "goal: engine within 4x of luajit-jit on the numeric programs (%.3f: %s)\n", g, (g <= 4 ? "ok" : "NOT MET") }
  for (j = 1; j <= 2; j++) if (nall[j]) {
    g = exp(all[j] / nall[j])
    printf "goal: %s (traces against the interpreter) geomean >= 1.3, none under 0.9 (%.3f, lowest %.3f %s: %s)", D[j], g, lo[j], lop[j], (g >= 1.3 && lo[j] >= 0.9 ? "ok" : "NOT MET")
    a = t[lop[j], "luajit-joff"]; b = t[lop[j], "luajit-jit"]
    if (isnum(a) && isnum(b) && b > 0) printf "; native LuaJIT on %s: %.3f", lop[j], a / b
    printf "\n"
  }
  if (nall[6]) printf "native LuaJIT (its traces against its interpreter, the same measure): geomean %.3f, lowest %.3f %s\n", exp(all[6] / nall[6]), lo[6], lop[6]
}' "$results"

# What compiling costs: the engine once more with a timeline, its "compiled" events.
echo
echo "compiling (engine with --timeline; compile_ms of each trace, and their sum against the engine's time above):"
for p in "${programs[@]}"; do
  if ((quick)); then size=${size_quick[$p]}; else size=${size_full[$p]}; fi
  node --no-experimental-fetch "$LJPLAY_NODE" run "$progdir/$p.lua" --timeline "$tmp/t.jsonl" \
    -- "$size" >/dev/null 2>&1
  ms=$(grep '"type":"compiled"' "$tmp/t.jsonl" | sed -n 's/.*"compile_ms":\([0-9.e+-]*\).*/\1/p')
  run_us=$(awk -v p="$p" '$1 == p && $2 == "engine" { print $3 }' "$results")
  printf '%s\n' "$ms" | sort -g | awk -v p="$p" -v run_us="$run_us" '
    NF { v[++n] = $1 + 0; sum += $1 }
    END {
      if (!n) { printf "  %-16s no trace compiled\n", p; exit }
      med = v[int((n + 1) / 2)]; p95 = v[int(n * 0.95 + 0.999)]
      share = (run_us ~ /^[0-9]+$/ && run_us > 0) ? sprintf("%.1f%%", 100 * sum * 1000 / run_us) : "-"
      printf "  %-16s %4d traces  median %.3f ms  p95 %.3f ms  total %.1f ms  share %s\n", p, n, med, p95, sum, share
    }'
done

# The page's size: every file of the built site, as gzip -9 would send it.
if [[ -d "$LJP_SITE_DIR" ]]; then
  total=0
  echo
  echo "page size (gzip -9) of $LJP_SITE_DIR:"
  for f in "$LJP_SITE_DIR"/*; do
    [[ -f "$f" ]] || continue
    raw=$(stat -c %s "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    total=$((total + gz))
    printf '  %-22s %9d B  gzip %9d B\n' "$(basename "$f")" "$raw" "$gz"
  done
  awk -v t="$total" 'BEGIN { printf "size goal: everything the page loads <= 1.5 MB gzip (%.3f MB: %s)\n", t / 1048576, (t <= 1.5 * 1048576 ? "ok" : "OVER THE GOAL") }'
else
  echo
  echo "page size: $LJP_SITE_DIR is missing (build the wasm preset)"
fi

if ((failures)); then
  echo
  echo "FAIL: $failures program/engine run(s) gave a wrong output or failed"
  exit 1
fi
