#!/usr/bin/env bash
# Cross-builds quantbench for ARM64 (Raspberry Pi OS = Debian 12 arm64) and runs its tests under qemu-user,
# once per emulated CPU: `max` (NEON + dotprod) and `cortex-a72` (the Raspberry Pi 4: NEON only).
#   scripts/build-arm64.sh                      everything, the whole suite on both CPUs
#   QB_CPU=cortex-a72 scripts/build-arm64.sh    one CPU only
#   scripts/build-arm64.sh --quick              CI's reduced run: builds only the fixture and ARM64 kernel
#                                               tests; runs the fixture tests on the first CPU and the ARM64
#                                               kernel tests on every CPU
# The LiteRT.js compatibility tests (tests/compat) need node and are not run under qemu.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
[ "${1:-}" = "--quick" ] && quick=true
build=build-arm64
sysroot="$PWD/$build/sysroot"
jobs=$(nproc)
arm_tests='QGemm[A-Za-z]*Test'

scripts/install-arm64-deps.sh
[ -d "$sysroot/usr/include" ] || scripts/make-arm64-sysroot.sh "$sysroot"

read -r -a cpus <<< "${QB_CPU:-max cortex-a72}"
configure() {
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake \
    -DQB_ARM64_SYSROOT="$sysroot" -DQB_QEMU_CPU="$1"
}
configure "${cpus[0]}"
if $quick; then
  cmake --build "$build" --target fixture_tests kernels_qgemm_tests
else
  cmake --build "$build"
fi

first=true
for cpu in "${cpus[@]}"; do
  echo "== ARM64 tests under qemu -cpu $cpu =="
  configure "$cpu" >/dev/null  # the emulator command, and so ctest's, names the CPU
  selection=()
  if $quick; then
    if $first; then selection=(-R "Golden|$arm_tests"); else selection=(-R "$arm_tests"); fi
  fi
  QB_CPU="$cpu" ctest --test-dir "$build" --output-on-failure -j "$jobs" -E LiteRtCompat "${selection[@]}"
  first=false
done
