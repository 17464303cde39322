#include "experiment/model_preparation.h"

#include <filesystem>
#include <set>

#include "core/text.h"
#include "kernels/kernel_factory.h"
#include "models/model_registry.h"
#include "quant/dynamic_range_quantizer.h"
#include "runtime/interpreter.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace qb::experiment {
namespace {

namespace fs = std::filesystem;

Status GenerateFloat(const ExperimentSpec& spec, const std::string& name, const std::string& path) {
  QB_ASSIGN_OR_RETURN(models::BuiltModel built, models::BuildModel(name, spec.seed));
  return WriteTfliteFile(built.graph, path).WithContext(path);
}

Status Quantize(const std::string& float_path, const std::string& quant_path) {
  QB_ASSIGN_OR_RETURN(auto graph, ReadTfliteFile(float_path));
  auto quantized = QuantizeDynamicRange(*graph);
  if (!quantized.ok()) return quantized.status().WithContext(float_path);
  return WriteTfliteFile(*quantized->graph, quant_path).WithContext(quant_path);
}

// Whether quantbench's `bench` children, at the spec's --isa, run the hybrid ops on 7-bit inputs (a foreign
// benchmark tool, e.g. TensorFlow Lite's benchmark_model, quantizes to 8 bits).
bool BenchmarksQuantizeInputsToSevenBits(const ExperimentSpec& spec) {
  if (!spec.bench_tool.empty()) return false;
  const KernelFlags flags{.hybrid_backend = spec.bench.kernels.hybrid_backend, .isa = spec.isa};
  Result<KernelConfig> config = ResolveKernelConfig(flags, spec.bench.num_threads);
  return config.ok() && config->HybridInputsAreSevenBit();
}

}  // namespace

Result<PreparedModel> PrepareModel(const ExperimentSpec& spec, const std::string& name, const LogLine& log) {
  PreparedModel model;
  model.name = name;
  model.float_path = (fs::path(spec.models_dir) / (name + ".tflite")).string();
  model.quant_path = (fs::path(spec.models_dir) / (RowName(name, Variant::kQuant) + ".tflite")).string();
  if (!fs::exists(model.float_path)) {
    log("generating " + model.float_path);
    QB_RETURN_IF_ERROR(GenerateFloat(spec, name, model.float_path));
  }
  if (!fs::exists(model.quant_path)) {
    log("quantizing " + model.float_path + " -> " + model.quant_path);
    QB_RETURN_IF_ERROR(Quantize(model.float_path, model.quant_path));
  }
  std::error_code ec;
  model.float_bytes = fs::file_size(model.float_path, ec);
  model.quant_bytes = fs::file_size(model.quant_path, ec);

  QB_ASSIGN_OR_RETURN(auto float_graph, ReadTfliteFile(model.float_path));
  QB_ASSIGN_OR_RETURN(auto quant_graph, ReadTfliteFile(model.quant_path));
  if (spec.fidelity_samples > 0) {
    log(fmt::format("comparing {} with {} on {} inputs", model.quant_path, model.float_path, spec.fidelity_samples));
    FidelityOptions options;
    options.samples = spec.fidelity_samples;
    // On the reference kernels, the oracle: the figure measures the quantization, not a backend (and the
    // --isa cap of this process stays free for the benchmarks' child processes) — with the input width the
    // benchmarked hybrid kernels use (7 bits on oneDNN below VNNI: README "Below VNNI").
    options.kernels.float_backend = FloatBackend::kReference;
    if (BenchmarksQuantizeInputsToSevenBits(spec)) options.kernels.hybrid_backend = HybridBackend::kReference7Bit;
    auto report = CompareModels(float_graph, quant_graph, options);
    if (!report.ok()) return report.status().WithContext(model.float_path + " vs " + model.quant_path);
    model.fidelity = std::move(report).value();
  }
  return model;
}

}  // namespace qb::experiment
