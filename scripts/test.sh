#!/usr/bin/env bash
# Builds and runs the whole test suite (ctest). With CI=true or --full it also runs the suite under
# AddressSanitizer + UBSan, fuzzes the .tflite reader for 60 seconds, and cross-builds for ARM64 to run the
# fixture and ARM64 kernel tests under qemu (scripts/build-arm64.sh --quick; without --quick it runs all).
# Fixtures are found through $QB_FIXTURES (default: ../shared/fixtures); tests that need them skip without.
set -euo pipefail
cd "$(dirname "$0")/.."
full=false
[ "${CI:-}" = "true" ] && full=true
[ "${1:-}" = "--full" ] && full=true
jobs=$(nproc)
# Each stage's heading says how long the run has taken so far (CI has a time budget).
stage() { echo "== $1 (at $((SECONDS / 60))m$((SECONDS % 60))s) =="; }

scripts/install-deps.sh
scripts/install-node-deps.sh
stage "Release build"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DQB_BUILD_TESTS=ON  # ON: quickstart.sh leaves it OFF in the cache
cmake --build build
stage "Release suite"
ctest --test-dir build --output-on-failure --no-tests=error -j "$jobs"

if $full; then
  stage "AddressSanitizer + UBSan"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQB_SANITIZE=ON -DQB_BUILD_BENCHMARKS=OFF \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"  # -O1 -g1: enough for the sanitizers, quicker to build
  cmake --build build-asan
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"

  stage "libFuzzer: .tflite reader, 60 s"
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DQB_BUILD_FUZZERS=ON -DQB_BUILD_TESTS=OFF
  cmake --build build-fuzz --target tflite_reader_fuzzer
  corpus=$(mktemp -d)
  fixtures="${QB_FIXTURES:-../shared/fixtures}"
  find "$fixtures/tflite" -name '*.tflite' -size -64k -exec cp {} "$corpus" \; 2>/dev/null || true
  (cd "$corpus" && "$OLDPWD/build-fuzz/fuzz/tflite_reader_fuzzer" -max_total_time=60 -rss_limit_mb=2048 \
     -print_final_stats=1 "$corpus")
  rm -rf "$corpus"

  stage "ARM64: cross build, fixture + ARM64 kernel tests under qemu"
  scripts/build-arm64.sh --quick
fi
stage "done"
