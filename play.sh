#!/bin/sh
# Sets up and runs the playground.
# Usage: ./play.sh [FILE [ljplay run options...]]
#   With no arguments, runs the snapshot-limit stitch case with --explain: the
#   stitch's record-stop fails, the stack is restored, the trace aborts and the
#   program still prints the right result.
set -eu
cd "$(dirname "$0")"

./scripts/install-deps.sh
cmake --preset native >/dev/null
cmake --build --preset native

if [ $# -eq 0 ]; then
  set -- examples/maxsnap_stitch.lua --explain
  echo "=== ljplay run $*"
fi
exec build/native/native/ljplay run "$@"
