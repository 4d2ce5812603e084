#!/bin/sh
# Sets up everything (Debian packages, pinned sources, builds) and runs all tests.
# Usage: ./test.sh        (idempotent; safe to run again)
set -eu
cd "$(dirname "$0")"

./scripts/install-deps.sh

# Release build with the full JIT, then the assertion + sanitizer build.
for preset in native native-debug; do
  echo "=== $preset: configure and build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "=== $preset: test"
  ctest --preset "$preset"
done
