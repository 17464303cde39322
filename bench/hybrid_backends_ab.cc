// hybrid_backends_ab: whole quantized models on the two x86-64 hybrid backends — oneDNN int8 (7-bit inputs
// below VNNI) and quantbench's own kernels (kernels/qgemm, exact 8-bit) — and, when X_quant.tflite has an
// X.tflite beside it, that float32 model, in one process, runs alternating between them so that a noisy,
// shared machine slows all alike; prints the best of `--rounds` each, their ratio and the speedups over
// float32. Float ops run on oneDNN throughout, on --num_threads threads (default 1) like every hybrid op.
// Usage:
//   build/hybrid_backends_ab [--rounds=N] [--num_threads=N] model_quant.tflite...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "graph_runner.h"
#include "runtime/seeded_inputs.h"
#include "tflite/reader.h"

namespace qb::bench {
namespace {

Result<std::unique_ptr<Interpreter>> Prepare(std::shared_ptr<const Graph> graph, HybridBackend hybrid,
                                             int num_threads) {
  InterpreterOptions options;
  options.kernels = BestIsaConfig(FloatBackend::kOneDnn, hybrid);
  options.kernels.num_threads = num_threads;
  QB_ASSIGN_OR_RETURN(std::unique_ptr<Interpreter> interpreter, Interpreter::Create(std::move(graph), options));
  QB_RETURN_IF_ERROR(SetInputs(*interpreter, SeededModelInputs(*interpreter)));
  return interpreter;
}

double Seconds(Interpreter& interpreter) {
  const auto start = std::chrono::steady_clock::now();
  interpreter.Invoke();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// models/ResNet50_quant.tflite -> models/ResNet50.tflite when it exists, else "".
std::string FloatSibling(const std::string& path) {
  constexpr std::string_view kSuffix = "_quant.tflite";
  if (!path.ends_with(kSuffix)) return "";
  const std::string sibling = path.substr(0, path.size() - kSuffix.size()) + ".tflite";
  return std::filesystem::exists(sibling) ? sibling : "";
}

Status Compare(const std::string& path, int rounds, int num_threads) {
  QB_ASSIGN_OR_RETURN(std::shared_ptr<const Graph> graph, ReadTfliteFile(path));
  QB_ASSIGN_OR_RETURN(std::unique_ptr<Interpreter> onednn, Prepare(graph, HybridBackend::kOneDnn, num_threads));
  QB_ASSIGN_OR_RETURN(std::unique_ptr<Interpreter> qgemm, Prepare(graph, HybridBackend::kQGemm, num_threads));
  std::unique_ptr<Interpreter> float32;
  if (const std::string sibling = FloatSibling(path); !sibling.empty()) {
    QB_ASSIGN_OR_RETURN(std::shared_ptr<const Graph> float_graph, ReadTfliteFile(sibling));
    QB_ASSIGN_OR_RETURN(float32, Prepare(float_graph, HybridBackend::kSameAsFloat, num_threads));
  }
  Interpreter* runs[] = {onednn.get(), qgemm.get(), float32.get()};
  double best[] = {1e30, 1e30, 1e30};
  for (int round = -1; round < rounds; ++round) {  // round -1: first runs (JIT, page faults), not timed
    for (int i = 0; i < 3; ++i) {
      if (runs[i] == nullptr) continue;
      const double seconds = Seconds(*runs[i]);
      if (round >= 0) best[i] = std::min(best[i], seconds);
    }
  }
  std::printf("%-40s onednn %8.1f ms   qgemm %8.1f ms   qgemm/onednn %.2f", path.c_str(), best[0] * 1e3,
              best[1] * 1e3, best[1] / best[0]);
  if (float32) {
    std::printf("   float32 %8.1f ms   speedup onednn %.2fx qgemm %.2fx", best[2] * 1e3, best[2] / best[0],
                best[2] / best[1]);
  }
  std::printf("\n");
  return OkStatus();
}

}  // namespace
}  // namespace qb::bench

int main(int argc, char** argv) {
  int rounds = 8, num_threads = 1;
  int failures = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--rounds=")) {
      rounds = std::max(1, std::atoi(argv[i] + 9));
      continue;
    }
    if (arg.starts_with("--num_threads=")) {
      num_threads = std::max(1, std::atoi(argv[i] + 14));
      continue;
    }
    const qb::Status status = qb::bench::Compare(argv[i], rounds, num_threads);
    if (!status.ok()) {
      std::fprintf(stderr, "hybrid_backends_ab: %s: %s\n", argv[i], status.message().c_str());
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
