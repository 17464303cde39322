#include "graph_runner.h"

#include "models/model_summary.h"
#include "runtime/seeded_inputs.h"

namespace qb::bench {

KernelConfig BestIsaConfig(FloatBackend backend, HybridBackend hybrid) {
  KernelConfig config;
  auto isa = SelectIsa("");
  if (isa.ok()) config.isa = *isa;
  config.float_backend = backend;
  config.hybrid_backend = hybrid;
  return config;
}

std::unique_ptr<Interpreter> TimeGraph(benchmark::State& state, std::shared_ptr<const Graph> graph,
                                       const KernelConfig& config, const char* counter) {
  InterpreterOptions options;
  options.kernels = config;
  auto interpreter = Interpreter::Create(graph, options);
  if (!interpreter.ok()) {
    state.SkipWithError(interpreter.status().message().c_str());
    return nullptr;
  }
  Status set = SetInputs(**interpreter, SeededModelInputs(**interpreter));
  if (!set.ok()) {
    state.SkipWithError(set.message().c_str());
    return nullptr;
  }
  for (auto _ : state) (*interpreter)->Invoke();
  const double ops = 2.0 * static_cast<double>(models::Summarize(*graph).macs);
  state.counters[counter] = benchmark::Counter(ops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  return std::move(interpreter).value();
}

}  // namespace qb::bench
