#!/usr/bin/env bash
# bench/web/where_time_goes.sh: where the C VM in WebAssembly spends a benchmark's time, with
# hot traces compiled (the default) and without the JIT: node --cpu-prof of luajit-node-prof
# (luajit-node with function names; built here), summed by bench/web/profile_summary.js.
#
#   bench/web/where_time_goes.sh [PROGRAM...]      (default: all of bench/programs)
set -eu
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cmake --build --preset wasm --target luajit-node-prof >/dev/null
node_js=$root/build/wasm/wasm/luajit-node-prof.js
eval "$(sed -n '/^all_programs=(/p; /^declare -A size_full=(/,/^)/p' "$root/bench/run.sh")"
programs=("$@")
((${#programs[@]})) || programs=("${all_programs[@]}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for p in "${programs[@]}"; do
  for mode in "" -joff; do
    rm -f "$tmp"/*.cpuprofile
    node --cpu-prof --cpu-prof-interval=250 --cpu-prof-dir="$tmp" "$node_js" $mode \
      "$root/bench/programs/$p.lua" "${size_full[$p]}" >/dev/null
    echo "== $p ${mode:-(JIT on, traces compiled)}"
    node "$here/profile_summary.js" "$tmp"/*.cpuprofile
  done
done
