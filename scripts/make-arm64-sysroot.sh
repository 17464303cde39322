#!/usr/bin/env bash
# Builds the arm64 sysroot the cross build links against: the arm64 Debian 12 packages of quantbench's
# dependencies, fetched with `apt-get download` and unpacked with `dpkg-deb -x` — never installed, so the
# machine's amd64 packages stay as they are. apt runs with its own state folder (arm64 package lists only),
# so the system's dpkg architectures and package lists are not touched either.
# Usage: scripts/make-arm64-sysroot.sh [SYSROOT]   (default build-arm64/sysroot)
set -euo pipefail
cd "$(dirname "$0")/.."
sysroot="$(realpath -m "${1:-build-arm64/sysroot}")"
work="$(realpath -m "$sysroot/../apt-arm64")"

# Headers, CMake configs and libraries of every dependency, and the runtime libraries they need on a
# Raspberry Pi OS (Debian 12 arm64) system: libc, libstdc++ and libgcc are the same 12.2 / 2.36 versions
# as Debian's cross toolchain, so binaries built with it run against these under qemu.
packages=(
  libflatbuffers-dev libflatbuffers2
  libfmt-dev libfmt9
  libcli11-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev googletest
  libbenchmark-dev libbenchmark1debian
  libxnnpack-dev libxnnpack0 libpthreadpool-dev libpthreadpool0 libcpuinfo-dev libcpuinfo0
  libc6 libstdc++6 libgcc-s1
)

apt_options=(
  -o "Dir::State=$work/state" -o "Dir::State::status=$work/state/status" -o "Dir::Cache=$work/cache"
  -o APT::Architecture=arm64 -o APT::Architectures::=arm64 -o APT::Sandbox::User=root
)
mkdir -p "$work/state/lists/partial" "$work/cache/archives/partial" "$work/debs"
touch "$work/state/status"
apt-get "${apt_options[@]}" -q update
(cd "$work/debs" && apt-get "${apt_options[@]}" download "${packages[@]/%/:arm64}")

rm -rf "$sysroot.partial"
mkdir -p "$sysroot.partial"
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$sysroot.partial"
done
# Absolute symlinks (e.g. /lib/ld-linux-aarch64.so.1 -> /lib/aarch64-linux-gnu/...) would point into the
# host's file system; make them relative to the sysroot.
find "$sysroot.partial" -type l -lname '/*' -print0 | while IFS= read -r -d '' link; do
  target="$(readlink "$link")"
  ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$sysroot.partial$target")" "$link"
done
rm -rf "$sysroot"
mv "$sysroot.partial" "$sysroot"
echo "make-arm64-sysroot: $sysroot ($(ls "$work"/debs/*.deb | wc -l) packages)"
