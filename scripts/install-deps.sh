#!/bin/sh
# Installs the Debian packages the playground needs to build and test.
# Idempotent: packages already present are left alone.
set -eu

# 32-bit x86 (preset portable) comes from libc6-dev-i386 and the lib32 GCC
# libraries, not gcc-multilib: Debian cannot install that beside the aarch64
# cross compilers. WebAssembly (preset wasm): Debian's emscripten (3.1.6), which
# brings node to run the tests. The browser tests (tests/web) drive Debian's
# chromium (installed without its recommends; it removes nothing) with
# playwright-core from npm, which the tests install into the build tree. wabt
# (wasm-objdump) only checks, in the tests, what the trace compiler emits.
packages="build-essential cmake ninja-build pkg-config dpkg-dev patch xz-utils ca-certificates
  libcli11-dev nlohmann-json3-dev libgtest-dev libglfw3-dev libgl-dev
  gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
  libc6-dev-i386 lib32gcc-12-dev lib32stdc++-12-dev emscripten wabt
  xvfb xauth imagemagick libgl1-mesa-dri libcapstone-dev chromium fonts-dejavu-core"

missing=""
# npm installs the browser tests' and the web benchmark's packages; a machine
# with node from elsewhere usually has its npm, else Debian's.
command -v npm >/dev/null 2>&1 || packages="$packages npm"
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing:$missing"
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
