#!/usr/bin/env bash
# Installs what the ARM64 cross build needs on the (amd64) host, when missing (root or sudo): Debian's
# aarch64 cross compiler and qemu-user to run the arm64 tests. The arm64 libraries themselves go into a
# sysroot folder (scripts/make-arm64-sysroot.sh), never into the system.
set -euo pipefail
packages=(g++-aarch64-linux-gnu qemu-user-static flatbuffers-compiler)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
