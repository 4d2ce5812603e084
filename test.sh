#!/bin/sh
# Sets up everything (Debian packages, pinned sources, builds) and runs all tests.
# Usage: ./test.sh        (idempotent; safe to run again)
set -eu
cd "$(dirname "$0")"

./scripts/install-deps.sh

# Release build with the full JIT, the assertion + sanitizer build, then the
# ARM64 build (cross-compiled; its tests run under qemu-aarch64).
for preset in native native-debug native-arm64; do
  echo "=== $preset: configure and build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "=== $preset: test"
  ctest --preset "$preset"
done
