#!/usr/bin/env bash
# The main job: installs what is missing, builds quantbench (Release) and runs the experiment — the models
# generated, quantized, benchmarked in a fresh process per trial, charted and reported — in its quick form
# (MobileNet and ResNet50, 3 trials each, one thread). Results land in results/ (report.md, finalResult.csv,
# results.json, charts/). Extra arguments go to `quantbench experiment`, e.g.
#   scripts/quickstart.sh --trials 10 --models MobileNet,InceptionV3,ResNet50,ResNet101,ResNet152,VGG16,VGG19
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DQB_BUILD_TESTS=OFF
cmake --build build
build/quantbench experiment --quick --out results "$@"
echo "quickstart: open results/report.md"
