#!/bin/sh
# Sets up and runs the playground.
# Usage: ./play.sh [FILE [ljplay run options...]]
#   With no arguments, runs the snapshot-limit stitch example with -jv so you see
#   the trace abort ("too many snapshots") and the program still finish.
set -eu
cd "$(dirname "$0")"

./scripts/install-deps.sh
cmake --preset native >/dev/null
cmake --build --preset native

if [ $# -eq 0 ]; then
  set -- examples/maxsnap_stitch.lua -jv --opt maxsnap=1
  echo "=== ljplay run $*"
fi
exec build/native/native/ljplay run "$@"
