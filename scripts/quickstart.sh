#!/usr/bin/env bash
# The main job: installs what is missing, builds quantbench (Release) and benchmarks a model the way
# TensorFlow Lite's benchmark_model does. Usage: scripts/quickstart.sh [model.tflite]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DQB_BUILD_TESTS=OFF
cmake --build build
model="${1:-../shared/fixtures/tflite/hosted_mobilenet_v1_0.25_224_float.tflite}"
if [ ! -f "$model" ]; then
  echo "quickstart: no model at $model; pass a .tflite file: scripts/quickstart.sh path/to/model.tflite" >&2
  exit 1
fi
build/quantbench bench --graph="$model" --num_threads=1
