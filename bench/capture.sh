#!/usr/bin/env bash
# bench/capture.sh: what recording the timeline costs, on programs that make the recorder work
# hard (bench/capture/*.lua), for the native CLI and the node engine, in one run.
#
#   bench/capture.sh [PROGRAM...]     (names without .lua; default: all of bench/capture/)
#
# Per program and build, the minimum wall time of LJP_BENCH_REPEAT runs (default 3) of
#   plain      ljplay run FILE                      (no timeline)
#   timeline   ljplay run FILE --timeline OUT.jsonl
# where ljplay is build/native/native/ljplay (LJPLAY) or `node build/wasm/wasm/ljplay-node.js`
# (LJPLAY_NODE_JS; node's default flags). Printed: both times, their ratio, the timeline's events
# (lines after the header) and bytes per event, and events per second of the time the timeline
# adds (events / (timeline - plain)).
# Natively the timeline's engine is the assertion build (ljplay-assert: LuaJIT's own
# consistency checks run, as the stitch lab needs); the line "release engine" after the
# table repeats the native timelines with `--engine ljplay` (no assertions), to tell the
# checks' share from the capture's.
# Goals (issue 20): timeline/plain <= 3 everywhere; >= 1,000,000 events/s natively;
# <= 120 bytes per event on average.
set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
LJPLAY=${LJPLAY:-$root/build/native/native/ljplay}
LJPLAY_NODE_JS=${LJPLAY_NODE_JS:-$root/build/wasm/wasm/ljplay-node.js}
repeat=${LJP_BENCH_REPEAT:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf 'command: LJP_BENCH_REPEAT=%s %q' "$repeat" "$0"
[[ $# -gt 0 ]] && printf ' %q' "$@"
printf '\n'
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine: $(nproc) cores, $(uname -sm)"
echo "native:  $LJPLAY"
echo "node:    $LJPLAY_NODE_JS ($(node --version 2>/dev/null || echo 'no node'))"
echo

programs=("$@")
if [[ ${#programs[@]} -eq 0 ]]; then
  for f in "$here"/capture/*.lua; do programs+=("$(basename "$f" .lua)"); done
fi

# best_time CMD...: the minimum wall time in seconds of $repeat runs (stdout discarded).
# Sets $failed when a run fails.
best_time() {
  local best="" t0 t1 s
  for ((r = 0; r < repeat; r++)); do
    t0=$(date +%s%N)
    if ! "$@" > "$work/out" 2> "$work/err"; then
      failed=1
      echo "  FAIL: $*: $(head -c 300 "$work/err")" >&2
    fi
    t1=$(date +%s%N)
    s=$(( (t1 - t0) / 1000 ))
    if [[ -z $best || $s -lt $best ]]; then best=$s; fi
  done
  awk -v us="$best" 'BEGIN { printf "%.3f", us / 1e6 }'
}

failed=0
worst_ratio=0
native_rate_min=""
total_events=0
total_bytes=0
printf '%-14s %-7s %9s %11s %7s %9s %8s %13s\n' program build plain_s timeline_s ratio \
  events B/event events/s
for p in "${programs[@]}"; do
  file="$here/capture/$p.lua"
  for build in native node; do
    if [[ $build == native ]]; then cmd=("$LJPLAY"); else cmd=(node "$LJPLAY_NODE_JS"); fi
    plain=$(best_time "${cmd[@]}" run "$file")
    with=$(best_time "${cmd[@]}" run "$file" --timeline "$work/t.jsonl")
    events=$(( $(wc -l < "$work/t.jsonl") - 1 ))
    bytes=$(stat -c %s "$work/t.jsonl")
    total_events=$((total_events + events))
    total_bytes=$((total_bytes + bytes))
    read -r ratio per rate < <(awk -v a="$plain" -v b="$with" -v e="$events" -v n="$bytes" \
      'BEGIN { d = b - a; printf "%.2f %.0f %.0f\n", b / a, n / e, (d > 0 ? e / d : 0) }')
    printf '%-14s %-7s %9s %11s %7s %9d %8s %13s\n' "$p" "$build" "$plain" "$with" "$ratio" \
      "$events" "$per" "$rate"
    worst_ratio=$(awk -v a="$worst_ratio" -v b="$ratio" 'BEGIN { print (b > a ? b : a) }')
    if [[ $build == native ]]; then
      if [[ -z $native_rate_min || $rate -lt $native_rate_min ]]; then native_rate_min=$rate; fi
    fi
  done
done
echo
printf 'release engine (native, ljplay run FILE --timeline OUT --engine ljplay):'
for p in "${programs[@]}"; do
  t=$(best_time "$LJPLAY" run "$here/capture/$p.lua" --timeline "$work/t.jsonl" --engine "$LJPLAY")
  printf ' %s %ss' "$p" "$t"
done
printf '\n\n'
avg=$(awk -v n="$total_bytes" -v e="$total_events" 'BEGIN { printf "%.0f", n / e }')
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo NOT MET; fi; }
echo "goal: timeline/plain <= 3 on every program and build: worst $worst_ratio ($(verdict "$worst_ratio <= 3"))"
echo "goal: >= 1000000 events/s natively: lowest $native_rate_min ($(verdict "$native_rate_min >= 1000000"))"
echo "goal: <= 120 bytes per event on average: $avg ($(verdict "$avg <= 120"))"
exit $failed
