#include "bench/tflite_benchmark.h"

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
  options.num_threads = params().num_threads;
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
