#!/bin/sh
# Installs the Debian packages the playground needs to build and test.
# Idempotent: packages already present are left alone.
set -eu

packages="build-essential cmake ninja-build pkg-config dpkg-dev patch xz-utils ca-certificates
  libcli11-dev nlohmann-json3-dev libgtest-dev libglfw3-dev libgl-dev
  gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
  xvfb xauth imagemagick libgl1-mesa-dri libcapstone-dev"

missing=""
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
