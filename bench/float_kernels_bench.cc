// Float32 kernels and models, reference vs oneDNN vs XNNPACK, in GFLOP/s (2 x multiply-accumulates per
// second), next to the FMA peak of the same core measured in the same run. Layers are taken from the
// published models (ResNet50 3x3 and 1x1 convolutions, MobileNet's depthwise and pointwise layers, a
// VGG 3x3); models are the tiny architectures (src/models). One thread; the ISA cap is $QB_ISA (one per
// process, as in the tool). Not a test: run by hand, see BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "conv_layers.h"
#include "fma_peak.h"
#include "kernels/kernel_factory.h"
#include "models/model_registry.h"
#include "models/model_summary.h"
#include "runtime/interpreter.h"
#include "graph_runner.h"

namespace qb::bench {
namespace {

void RunGraph(benchmark::State& state, std::shared_ptr<const Graph> graph, FloatBackend backend) {
  auto interpreter = TimeGraph(state, graph, BestIsaConfig(backend), "GFLOPs");
  if (!interpreter) return;
  // Layers: the implementation of their one op; models: the backend (their first op may be a reference PAD).
  state.SetLabel(graph->ops.size() == 1 ? interpreter->op_implementation(0) : std::string(FloatBackendName(backend)));
}

void BM_FmaPeak(benchmark::State& state, int64_t (*loop)(int64_t, float*), IsaLevel needs) {
  if (!CpuHasIsa(needs)) {
    state.SkipWithError("this CPU lacks the ISA");
    return;
  }
  constexpr int64_t kIterations = 1 << 20;
  float sink = 0;
  int64_t flops = 0;
  for (auto _ : state) flops = loop(kIterations, &sink);
  benchmark::DoNotOptimize(sink);
  state.counters["GFLOPs"] = benchmark::Counter(static_cast<double>(flops) * 1e-9,
                                                benchmark::Counter::kIsIterationInvariantRate);
}

void RegisterAll() {
  benchmark::RegisterBenchmark("peak/fma_avx512", [](benchmark::State& s) {
    BM_FmaPeak(s, FmaPeakAvx512, IsaLevel::kAvx512Core);
  });
  benchmark::RegisterBenchmark("peak/fma_avx2", [](benchmark::State& s) { BM_FmaPeak(s, FmaPeakAvx2, IsaLevel::kAvx2); });
  const auto& backends = BuiltFloatBackends();
  for (const ConvLayer& layer : kConvLayers) {
    auto built = ConvGraph(layer);
    if (!built.ok()) continue;
    auto graph = *built;
    for (FloatBackend backend : backends) {
      const std::string name = std::string("layer/") + layer.name + "/" + std::string(FloatBackendName(backend));
      benchmark::RegisterBenchmark(name.c_str(), [graph, backend](benchmark::State& s) { RunGraph(s, graph, backend); })
          ->Unit(benchmark::kMillisecond)
          ->MinTime(backend == FloatBackend::kReference ? 0.2 : 0.5);
    }
  }
  for (const auto& model : models::AllModels()) {
    if (!model.tiny) continue;
    auto built = models::BuildModel(model.name, 1);
    if (!built.ok()) continue;
    auto graph = std::make_shared<const Graph>(std::move(built->graph));
    for (FloatBackend backend : backends) {
      const std::string name = "model/" + std::string(model.name) + "/" + std::string(FloatBackendName(backend));
      benchmark::RegisterBenchmark(name.c_str(), [graph, backend](benchmark::State& s) { RunGraph(s, graph, backend); })
          ->Unit(benchmark::kMicrosecond)
          ->MinTime(0.3);
    }
  }
}

}  // namespace
}  // namespace qb::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  qb::bench::RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
