// Hybrid kernels (float32 activations x int8 weights: dynamic-range quantization) in GOP/s (2 x
// multiply-accumulates per second), next to the int8 peaks of the same core measured in the same run
// (int8_peak.h): the layers of float_kernels_bench.cc quantized with every weight INT8, on the reference
// on the oneDNN hybrid kernels (7-bit inputs below VNNI) and on quantbench's own (kernels/qgemm; their
// time includes quantizing the input), and the input quantizer
// alone in GB/s of float input. One thread; the ISA cap is $QB_ISA (one per process, as in the tool).
// Not a test: run by hand, see BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "conv_layers.h"
#include "int8_peak.h"
#include "kernels/kernel_factory.h"
#include "kernels/x86/hybrid_input_quantizer.h"
#include "kernels/x86/hybrid_input_quantizer_avx2.h"
#include "models/model_summary.h"
#include "quant/dynamic_range_quantizer.h"
#include "runtime/interpreter.h"
#include "graph_runner.h"

namespace qb::bench {
namespace {

void RunHybridGraph(benchmark::State& state, std::shared_ptr<const Graph> graph, HybridBackend backend) {
  auto interpreter = TimeGraph(state, graph, BestIsaConfig(FloatBackend::kReference, backend), "GOPs");
  if (interpreter) state.SetLabel(interpreter->op_implementation(0));
}

void BM_Int8Peak(benchmark::State& state, int64_t (*loop)(int64_t, int32_t*), IsaLevel needs) {
  if (!CpuHasIsa(needs)) {
    state.SkipWithError("this CPU lacks the ISA");
    return;
  }
  constexpr int64_t kIterations = 1 << 20;
  int32_t sink = 0;
  int64_t ops = 0;
  for (auto _ : state) ops = loop(kIterations, &sink);
  benchmark::DoNotOptimize(sink);
  state.counters["GOPs"] =
      benchmark::Counter(static_cast<double>(ops) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

// The quantizer benchmarks' image: 56x56x256 (ResNet50's largest 3x3 input), values in [-1, 6).
constexpr U8ImageLayout kQuantizerImage{56, 56, 256, 1, 1, 1, 1};  // with SAME 3x3 padding
std::vector<float> QuantizerInput() {
  std::vector<float> x(kQuantizerImage.InputSize());
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-1.0f, 6.0f);
  for (float& v : x) v = dist(rng);
  return x;
}
void SetQuantizerBytes(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kQuantizerImage.InputSize() * sizeof(float)));
}

// The input quantizer alone, padded image.
void BM_QuantizeImage(benchmark::State& state) {
  const std::vector<float> x = QuantizerInput();
  std::vector<uint8_t> u(kQuantizerImage.PaddedSize());
  for (auto _ : state) {
    benchmark::DoNotOptimize(QuantizeImageToU8(x.data(), kQuantizerImage, HybridInputBits::k8, u.data()));
  }
  SetQuantizerBytes(state);
}

// Its two passes alone on the same image: the range, then the values (unpadded u8).
void BM_QuantizerRangePass(benchmark::State& state) {
  const std::vector<float> x = QuantizerInput();
  for (auto _ : state) benchmark::DoNotOptimize(HybridValueRangeAvx2(x.data(), x.size()));
  SetQuantizerBytes(state);
}
void BM_QuantizerValuesPass(benchmark::State& state) {
  const std::vector<float> x = QuantizerInput();
  std::vector<uint8_t> u(x.size());
  const QuantizedImage params = HybridInputParameters(-1.0f, 6.0f, HybridInputBits::k8);
  for (auto _ : state) {
    QuantizeToBytesAvx2(x.data(), x.size(), params, InputRangeOf(HybridInputBits::k8), QuantizedByte::kUnsigned,
                        u.data());
    benchmark::DoNotOptimize(u.data());
  }
  SetQuantizerBytes(state);
}

void RegisterAll() {
  benchmark::RegisterBenchmark("peak/tdpbssd_amx", [](benchmark::State& s) {
    BM_Int8Peak(s, TdpbssdPeak, IsaLevel::kAvx512CoreAmx);
  });
  benchmark::RegisterBenchmark("peak/vpdpbusd_avx512_vnni", [](benchmark::State& s) {
    BM_Int8Peak(s, VpdpbusdPeak, IsaLevel::kAvx512CoreVnni);
  });
  benchmark::RegisterBenchmark("peak/vpmaddubsw_avx512", [](benchmark::State& s) {
    BM_Int8Peak(s, VpmaddubswPeak, IsaLevel::kAvx512Core);
  });
  benchmark::RegisterBenchmark("peak/vpmaddubsw_avx2", [](benchmark::State& s) {
    BM_Int8Peak(s, VpmaddubswPeakAvx2, IsaLevel::kAvx2);
  });
  benchmark::RegisterBenchmark("peak/vpmaddwd_avx2", [](benchmark::State& s) {
    BM_Int8Peak(s, VpmaddwdPeakAvx2, IsaLevel::kAvx2);
  });
  benchmark::RegisterBenchmark("quantizer/56x56x256_pad1", BM_QuantizeImage)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("quantizer/range_pass_56x56x256", BM_QuantizerRangePass)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("quantizer/values_pass_56x56x256", BM_QuantizerValuesPass)->Unit(benchmark::kMicrosecond);
  for (const ConvLayer& layer : kConvLayers) {
    auto built = ConvGraph(layer);
    if (!built.ok()) continue;
    auto quantized = QuantizeDynamicRange(**built, DynamicRangeOptions{.min_elements = 1});
    if (!quantized.ok()) continue;
    std::shared_ptr<const Graph> graph = quantized->graph;
    const std::pair<HybridBackend, const char*> backends[] = {
        {HybridBackend::kReference, "reference"}, {HybridBackend::kOneDnn, "onednn"}, {HybridBackend::kQGemm, "qgemm"}};
    for (const auto& [backend, backend_name] : backends) {
      const std::string name = std::string("hybrid_layer/") + layer.name + "/" + backend_name;
      benchmark::RegisterBenchmark(name.c_str(), [graph, backend](benchmark::State& s) {
        RunHybridGraph(s, graph, backend);
      })->Unit(benchmark::kMillisecond)->MinTime(backend == HybridBackend::kReference ? 0.1 : 0.5);
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
