// Interpreter: runs a Graph. Create() plans the execution once — folds PADs into the convolutions after
// them and residual ADDs into the convolutions before them (pad_folding.h, residual_fusion.h), picks a
// kernel per op, runs every Prepare, assigns activations to offsets in one reused arena by lifetime, and
// lets hybrid ops reading one input share its quantization (shared_quantized_inputs.h) — and Invoke() only
// runs the kernels' Eval in order, with no allocation.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/aligned_buffer.h"
#include "core/status.h"
#include "graph/graph.h"
#include "kernels/kernel.h"
#include "kernels/kernel_factory.h"
#include "runtime/shared_quantized_inputs.h"

namespace qb {

struct InterpreterOptions {
  KernelConfig kernels{};  // float backend, ISA cap, threads (kernels/kernel_factory.h)
  // Fold PADs and residual ADDs into convolutions (exact; the folded ops then do not run on their own, and a
  // fused convolution's output may take its residual's memory), and let hybrid ops that quantize the same
  // input the same way quantize it once. Off where op indices must stay the graph's and every op must read
  // its tensors itself (the models' calibration pass).
  bool fuse_ops = true;
};

// Told about every op as it runs (op profiling). Not called when no observer is set.
class OpObserver {
 public:
  virtual ~OpObserver() = default;
  virtual void OnOpEnd(size_t op_index, int64_t start_us, int64_t end_us) = 0;
};

class Interpreter {
 public:
  static Result<std::unique_ptr<Interpreter>> Create(std::shared_ptr<const Graph> graph,
                                                     const InterpreterOptions& options = {});

  const Graph& graph() const { return *graph_; }
  size_t num_inputs() const { return graph_->inputs.size(); }
  size_t num_outputs() const { return graph_->outputs.size(); }
  RuntimeTensor& input(size_t i) { return tensors_[static_cast<size_t>(graph_->inputs[i])]; }
  const RuntimeTensor& output(size_t i) const { return tensors_[static_cast<size_t>(graph_->outputs[i])]; }
  // Any tensor by its index in the graph (activations hold the latest Invoke's values): for observers
  // that read or adjust intermediate results, such as the models' calibration pass.
  RuntimeTensor& tensor(int32_t index) { return tensors_[static_cast<size_t>(index)]; }

  // Copies real values into input i, quantizing them (round(x/scale)+zero_point, clamped) when the input
  // is UINT8/INT8. The count must equal the input's element count.
  Status SetInputFromFloats(size_t i, std::span<const float> values);
  // Output i as real values (dequantized when the output is integer).
  std::vector<float> OutputAsFloats(size_t i) const;

  void Invoke();

  void set_observer(OpObserver* observer) { observer_ = observer; }
  // The ops that run, in order: the graph's, with PADs and ADDs folded into convolutions.
  size_t num_ops() const { return kernels_.size(); }
  const Op& op(size_t i) const { return ops_[i]; }
  std::string op_implementation(size_t i) const { return kernels_[i]->Implementation(); }
  size_t arena_bytes() const { return arena_.size(); }
  size_t scratch_bytes() const { return scratch_.size(); }
  // The inputs quantized once for several hybrid ops (runtime/shared_quantized_inputs.h).
  const std::vector<SharedQuantizedInput>& shared_quantized_inputs() const { return shared_inputs_; }
  const KernelConfig& kernel_config() const { return kernel_config_; }

 private:
  Interpreter() = default;
  Status Plan(const InterpreterOptions& options);
  Status ShareQuantizedInputs();

  std::shared_ptr<const Graph> graph_;
  std::vector<Op> ops_;
  std::vector<RuntimeTensor> tensors_;
  std::vector<KernelIo> io_;
  std::vector<std::unique_ptr<OpKernel>> kernels_;
  AlignedBuffer arena_;
  AlignedBuffer scratch_;
  std::vector<SharedQuantizedInput> shared_inputs_;
  AlignedBuffer shared_inputs_arena_;  // their quantized forms, by lifetime
  OpObserver* observer_ = nullptr;
  KernelConfig kernel_config_;
};

}  // namespace qb
