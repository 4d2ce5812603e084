#!/bin/sh
# Sets up everything (Debian packages, pinned sources, builds) and runs all tests.
# Usage: ./test.sh        (idempotent; safe to run again)
set -eu
cd "$(dirname "$0")"

./scripts/install-deps.sh

# Release build with the full JIT, the assertion + sanitizer build, the ARM64
# build (cross-compiled; its tests run under qemu-aarch64), the portable C VM
# (32-bit x86, compared with LuaJIT's x86 VM; run natively where the kernel
# can, else under qemu-i386), then the same C VM as WebAssembly (Emscripten;
# its tests run under node and in Chromium). Each preset's time is printed at
# the end.
times=""
for preset in native native-debug native-arm64 portable wasm; do
  start=$(date +%s)
  echo "=== $preset: configure and build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "=== $preset: test"
  ctest --preset "$preset"
  times="$times$(printf '%-13s %5d s' "$preset" $(($(date +%s) - start)))
"
done
echo "=== time per preset (configure, build, test)"
printf '%s' "$times"
