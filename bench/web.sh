#!/usr/bin/env bash
# bench/web.sh: the web build's engine against another Lua in WebAssembly, in one run.
#
#   bench/web.sh [--quick] [PROGRAM...]
#
# Engines (each program runs in its own node process, start-up included, as bench/run.sh does):
#   engine        node $LJPLAY_NODE run FILE -- SIZE            the engine as the page runs it:
#                                                               LuaJIT on the C VM in wasm, JIT on
#                                                               (traces are recorded, not run)
#   engine-joff   node $LJPLAY_NODE run FILE --jit off -- SIZE  the C VM alone
#   luajit-node   node $LUAJIT_NODE FILE SIZE                   stock luajit.c on the same C VM,
#                                                               without LuaJIT's assertions (the
#                                                               page's engine has them); only if built
#   wasmoon       node bench/web/wasmoon_run.js FILE SIZE       npm wasmoon (PUC Lua 5.4 in wasm)
# Ratios are wasmoon's time / each engine's time (above 1: faster than wasmoon). Goal: the
# geomean of wasmoon/engine >= 1.5. Then the size of everything the page loads (every file of
# the built site, gzip -9) against its goal, 1.5 MB.
#
# wasmoon comes from npm, pinned by bench/web/package-lock.json, installed into
# $LJP_BENCH_WEB_DIR (default build/bench-web). The sizes are bench/run.sh's; the outputs are
# compared with bench/programs/NAME.expected (NAME.quick.expected with --quick).
#
# Environment:
#   LJPLAY_NODE       ljplay-node.js (default: <repo>/build/wasm/wasm/ljplay-node.js)
#   LUAJIT_NODE       luajit-node.js (default: <repo>/build/wasm/wasm/luajit-node.js)
#   LJP_SITE_DIR      the built site (default: <repo>/build/wasm/site)
#   LJP_BENCH_REPEAT  repetitions; the minimum wall time is kept (default 3; 1 with --quick)
set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
progdir="$here/programs"

printf 'command:'
for v in LJPLAY_NODE LUAJIT_NODE LJP_SITE_DIR LJP_BENCH_REPEAT LJP_BENCH_WEB_DIR; do
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
LUAJIT_NODE=${LUAJIT_NODE:-$root/build/wasm/wasm/luajit-node.js}
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
    engine-joff) node --no-experimental-fetch "$LJPLAY_NODE" run "$file" --jit off -- "$size" ;;
    luajit-node) node --no-experimental-fetch "$LUAJIT_NODE" "$file" "$size" ;;
    wasmoon)     node "$here/web/wasmoon_run.js" "$web_dir/node_modules" "$file" "$size" ;;
  esac
}
engines=(engine engine-joff)
[[ -f "$LUAJIT_NODE" ]] && engines+=(luajit-node)
engines+=(wasmoon)

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
BEGIN { ne = split(engines, E, " ") }
{ if (!($1 in seen)) { seen[$1] = 1; P[++np] = $1 } t[$1, $2] = $3 }
END {
  print "Seconds (minimum wall time, node start-up included) and wasmoon/E (wasmoon time / E time)"
  printf "%-16s", "program"; for (i = 1; i <= ne; i++) printf " %12s", E[i]
  for (i = 1; i < ne; i++) printf " %12s", "w/" E[i]
  printf "\n"
  for (k = 1; k <= np; k++) {
    p = P[k]; printf "%-16s", p
    for (i = 1; i <= ne; i++) { v = t[p, E[i]]; if (isnum(v)) printf " %12.3f", v / 1e6; else printf " %12s", v }
    w = t[p, "wasmoon"]
    for (i = 1; i < ne; i++) {
      a = t[p, E[i]]
      if (isnum(a) && isnum(w)) { x = w / a; printf " %12.3f", x; lr[i] += log(x); cr[i]++ } else printf " %12s", "-"
    }
    printf "\n"
  }
  printf "%-16s", "geomean"; for (i = 1; i <= ne; i++) printf " %12s", ""
  for (i = 1; i < ne; i++) if (cr[i]) printf " %12.3f", exp(lr[i] / cr[i]); else printf " %12s", "-"
  printf "\n"
  if (cr[1]) {
    g = exp(lr[1] / cr[1])
    printf "\nspeed goal: the engine >= 1.5x wasmoon (geomean wasmoon/engine %.3f: %s)\n", g, (g >= 1.5 ? "ok" : "UNDER THE GOAL")
  }
}' "$results"

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
