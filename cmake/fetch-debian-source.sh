#!/bin/sh
# Download a Debian source package's orig tarball without touching the system's
# apt configuration: a private sources list (deb-src lines derived from the
# mirror this machine already uses) and a private lists directory.
#
# usage: fetch-debian-source.sh PACKAGE VERSION TARBALL_NAME DEST_DIR
# Prints nothing on success; DEST_DIR/TARBALL_NAME then exists (hash checked by the caller).
set -eu
pkg=$1 version=$2 tarball=$3 dest=$4

mkdir -p "$dest"
[ -f "$dest/$tarball" ] && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The mirror URI of the first Debian source already configured on this machine.
mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
  awk '/^URIs:/ && /debian/ && !/security/ {print $2; exit}
       /^deb / && /debian/ && !/security/ {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' |
  head -n 1)
if [ -z "$mirror" ]; then
  echo "fetch-debian-source: no Debian mirror configured in /etc/apt" >&2
  exit 1
fi

mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/dl"
for suite in sid trixie; do
  echo "deb-src $mirror $suite main" >>"$work/sources.list"
done
apt_opts="-o Dir::Etc::SourceList=$work/sources.list -o Dir::Etc::SourceParts=/dev/null
  -o Dir::State::Lists=$work/lists -o Dir::Cache=$work/cache -o APT::Sandbox::User=root -qq"

# shellcheck disable=SC2086
apt-get $apt_opts update >&2
# shellcheck disable=SC2086
(cd "$work/dl" && apt-get $apt_opts source --download-only "$pkg=$version" >&2)
if [ ! -f "$work/dl/$tarball" ]; then
  echo "fetch-debian-source: $pkg $version did not provide $tarball" >&2
  exit 1
fi
mv "$work/dl/$tarball" "$dest/$tarball"
