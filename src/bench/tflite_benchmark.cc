#include "bench/tflite_benchmark.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "runtime/seeded_inputs.h"
#include "tflite/reader.h"

namespace qb::bench {

int64_t TfliteBenchmark::ModelFileSize() {
  std::error_code error;
  const auto size = std::filesystem::file_size(params().graph, error);
  return error ? -1 : static_cast<int64_t>(size);
}

Status TfliteBenchmark::Init() {
  QB_ASSIGN_OR_RETURN(graph_, ReadTfliteFile(params().graph));
  InterpreterOptions options;
  QB_ASSIGN_OR_RETURN(options.kernels, KernelConfigOf(params()));
  auto interpreter = Interpreter::Create(graph_, options);
  if (!interpreter.ok()) return interpreter.status().WithContext(params().graph);
  interpreter_ = std::move(interpreter).value();
  if (params().enable_op_profiling) {
    profiler_ = std::make_unique<OpProfiler>(OpProfiler::DescribeOps(*interpreter_));
    interpreter_->set_observer(profiler_.get());
    AddListener(profiler_.get());
  }
  return OkStatus();
}

std::optional<KernelSummary> TfliteBenchmark::DescribeKernels() {
  const KernelConfig& config = interpreter_->kernel_config();
  KernelSummary summary;
  summary.float_backend = FloatBackendName(config.float_backend);
  summary.isa = IsaName(config.isa);
  summary.best_isa = IsaName(KernelConfig::DefaultIsa());
  summary.description = DescribeKernelConfig(config);
  for (size_t i = 0; i < interpreter_->num_ops(); ++i) {
    const std::string implementation = interpreter_->op_implementation(i);
    auto same = [&](const auto& entry) { return entry.first == implementation; };
    auto it = std::find_if(summary.implementations.begin(), summary.implementations.end(), same);
    if (it == summary.implementations.end()) {
      summary.implementations.emplace_back(implementation, 1);
    } else {
      ++it->second;
    }
  }
  for (const SharedQuantizedInput& shared : interpreter_->shared_quantized_inputs()) {
    ++summary.shared_quantized_inputs;
    summary.ops_sharing_them += static_cast<int>(shared.ops.size());
  }
  return summary;
}

Status TfliteBenchmark::PrepareInputData() {
  inputs_ = SeededModelInputs(*interpreter_);
  return OkStatus();
}

Status TfliteBenchmark::ResetInputs() {
  for (size_t i = 0; i < inputs_.size(); ++i) {
    Status status = interpreter_->SetInputFromFloats(i, inputs_[i]);
    if (!status.ok()) return status.WithContext(fmt::format("{}: input {}", params().graph, i));
  }
  return OkStatus();
}

Status TfliteBenchmark::RunImpl() {
  interpreter_->Invoke();
  return OkStatus();
}

std::optional<OpProfile> TfliteBenchmark::TakeOpProfile() {
  if (!profiler_) return std::nullopt;
  return profiler_->profile();
}

}  // namespace qb::bench
