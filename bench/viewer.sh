#!/usr/bin/env bash
# bench/viewer.sh: the desktop viewer with a big timeline. Records one natively
# from bench/capture/many_traces.lua (CHUNKS load()ed loops, about 14 events
# each), opens it in `ljplay gui` under Xvfb at 1280x720 and steps one recorded
# bytecode per frame (--step-bench): prints the frame times while stepping
# and the memory per event after loading.
#
#   bench/viewer.sh [CHUNKS...]     (default: 2000 70000, about 30k and 1M events)
#
# The page's counterpart is the browser test web.million_event_timeline_in_chromium
# (tests/web/big_timeline_test.js), which prints the same figures for headless Chromium.
set -eu
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
LJPLAY=${LJPLAY:-$root/build/native/native/ljplay}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v xvfb-run > /dev/null || { echo "bench/viewer.sh: needs xvfb-run (apt-get install xvfb)" >&2; exit 2; }

chunks=("$@")
[[ ${#chunks[@]} -gt 0 ]] || chunks=(2000 70000)
echo "command: $0 ${chunks[*]}"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine: $(nproc) cores, $(uname -sm)"
for n in "${chunks[@]}"; do
  "$LJPLAY" run "$here/capture/many_traces.lua" "$n" --timeline "$work/t.jsonl" \
    --timeline-cap $((4 << 30)) --max-time 600 > /dev/null
  echo "many_traces $n: $(($(wc -l < "$work/t.jsonl") - 1)) events, $(($(stat -c %s "$work/t.jsonl") >> 20)) MB"
  xvfb-run -a -s "-screen 0 1280x800x24" "$LJPLAY" gui "$work/t.jsonl" --step-bench 300 \
    --window-size 1280x720
done
