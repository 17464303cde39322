#!/usr/bin/env bash
# Cross-builds quantbench for ARM64 (Raspberry Pi OS = Debian 12 arm64) and runs the test suite under
# qemu-user, once per emulated CPU: `max` (NEON + dotprod) and `cortex-a72` (the Raspberry Pi 4: NEON only).
#   scripts/build-arm64.sh                 build and run the whole suite on both CPUs
#   QB_CPU=cortex-a72 scripts/build-arm64.sh    one CPU only
#   scripts/build-arm64.sh --quick         CI's reduced run: the fixture tests on a subset of the fixtures
# The LiteRT.js compatibility tests (tests/compat) need node and are not run under qemu.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
[ "${1:-}" = "--quick" ] && quick=true
build=build-arm64
sysroot="$PWD/$build/sysroot"
jobs=$(nproc)

scripts/install-arm64-deps.sh
[ -d "$sysroot/usr/include" ] || scripts/make-arm64-sysroot.sh "$sysroot"

cpus=(${QB_CPU:-max cortex-a72})
configure() {
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake \
    -DQB_ARM64_SYSROOT="$sysroot" -DQB_QEMU_CPU="$1"
}
configure "${cpus[0]}"
cmake --build "$build"

for cpu in "${cpus[@]}"; do
  echo "== ARM64 tests under qemu -cpu $cpu =="
  configure "$cpu" >/dev/null
  filter=()
  $quick && filter=(-R "${QB_ARM64_QUICK_TESTS:-Fixture|ArmHybrid}")
  QB_CPU="$cpu" ctest --test-dir "$build" --output-on-failure -j "$jobs" -E 'LiteRtCompat' "${filter[@]}"
done
