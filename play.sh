#!/bin/sh
# Sets up and runs the playground.
# Usage:
#   ./play.sh [--port N]           the web playground: builds it (preset wasm) and serves it
#                                  on http://127.0.0.1:8080/ (or port N) until Ctrl+C
#   ./play.sh --desktop [FILE]     the desktop app (needs a display)
#   ./play.sh FILE [options...]    any program with `ljplay run` options, in the terminal,
#                                  e.g. ./play.sh examples/maxsnap_stitch.lua --explain
set -eu
cd "$(dirname "$0")"

if [ $# -eq 0 ] || [ "$1" = "--port" ]; then
  port=8080
  if [ $# -gt 0 ]; then
    [ $# -eq 2 ] || { echo "usage: ./play.sh [--port N]" >&2; exit 2; }
    port=$2
  fi
  ./scripts/install-deps.sh
  cmake --preset wasm >/dev/null
  cmake --build --preset wasm --target ljplay-site
  echo "=== the playground, in a browser at the address below (Ctrl+C stops it)"
  exec node scripts/serve-site.js build/wasm/site --port "$port"
fi

./scripts/install-deps.sh
cmake --preset native >/dev/null
cmake --build --preset native

if [ "$1" = "--desktop" ]; then
  shift
  exec build/native/native/ljplay gui "${1:-examples/maxsnap_stitch.lua}"
fi
exec build/native/native/ljplay run "$@"
