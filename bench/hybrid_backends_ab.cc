// hybrid_backends_ab: whole quantized models on the two x86-64 hybrid backends — oneDNN int8 (7-bit inputs
// below VNNI) and quantbench's own kernels (kernels/qgemm, exact 8-bit) — in one process, runs alternating
// between them so that a noisy, shared machine slows both alike; prints the best of `--rounds` per backend
// and their ratio. Float ops run on oneDNN in both. Usage:
//   build/hybrid_backends_ab [--rounds=N] model.tflite...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "graph_runner.h"
#include "runtime/seeded_inputs.h"
#include "tflite/reader.h"

namespace qb::bench {
namespace {

Result<std::unique_ptr<Interpreter>> Prepare(std::shared_ptr<const Graph> graph, HybridBackend hybrid) {
  InterpreterOptions options;
  options.kernels = BestIsaConfig(FloatBackend::kOneDnn, hybrid);
  QB_ASSIGN_OR_RETURN(std::unique_ptr<Interpreter> interpreter, Interpreter::Create(std::move(graph), options));
  QB_RETURN_IF_ERROR(SetInputs(*interpreter, SeededModelInputs(*interpreter)));
  return interpreter;
}

double Seconds(Interpreter& interpreter) {
  const auto start = std::chrono::steady_clock::now();
  interpreter.Invoke();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Status Compare(const std::string& path, int rounds) {
  QB_ASSIGN_OR_RETURN(std::shared_ptr<const Graph> graph, ReadTfliteFile(path));
  QB_ASSIGN_OR_RETURN(std::unique_ptr<Interpreter> onednn, Prepare(graph, HybridBackend::kOneDnn));
  QB_ASSIGN_OR_RETURN(std::unique_ptr<Interpreter> qgemm, Prepare(graph, HybridBackend::kQGemm));
  Seconds(*onednn);  // first runs (JIT, page faults) are not timed
  Seconds(*qgemm);
  double best_onednn = 1e30, best_qgemm = 1e30;
  for (int round = 0; round < rounds; ++round) {
    best_onednn = std::min(best_onednn, Seconds(*onednn));
    best_qgemm = std::min(best_qgemm, Seconds(*qgemm));
  }
  std::printf("%-40s onednn %8.1f ms   qgemm %8.1f ms   qgemm/onednn %.2f\n", path.c_str(), best_onednn * 1e3,
              best_qgemm * 1e3, best_qgemm / best_onednn);
  return OkStatus();
}

}  // namespace
}  // namespace qb::bench

int main(int argc, char** argv) {
  int rounds = 8;
  int failures = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--rounds=")) {
      rounds = std::max(1, std::atoi(argv[i] + 9));
      continue;
    }
    const qb::Status status = qb::bench::Compare(argv[i], rounds);
    if (!status.ok()) {
      std::fprintf(stderr, "hybrid_backends_ab: %s: %s\n", argv[i], status.message().c_str());
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
