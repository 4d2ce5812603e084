#!/bin/sh
# Sets up and runs the playground.
# Usage:
#   ./play.sh                      the snapshot-limit stitch case, explained step by step
#   ./play.sh FILE [options...]    any program, with `ljplay run` options
#   ./play.sh --desktop [FILE]     the desktop app (needs a display)
# (The web build, served on 127.0.0.1, comes with the web issue.)
set -eu
cd "$(dirname "$0")"

./scripts/install-deps.sh
cmake --preset native >/dev/null
cmake --build --preset native

if [ "${1:-}" = "--desktop" ]; then
  shift
  exec build/native/native/ljplay gui "${1:-examples/maxsnap_stitch.lua}"
fi
if [ $# -eq 0 ]; then
  set -- examples/maxsnap_stitch.lua --explain
  echo "=== ljplay run $*"
fi
exec build/native/native/ljplay run "$@"
