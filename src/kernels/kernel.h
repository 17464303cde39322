// OpKernel: the interface every operator implementation (reference, oneDNN, XNNPACK, own int8) provides
// to the runtime, in TensorFlow Lite's Prepare/Eval split:
//   Prepare validates shapes, types and options once, packs constant weights and sizes its scratch;
//   Eval only computes: no validation, no allocation, no error path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"
#include "kernels/shared_quantized_input.h"

namespace qb {

// A tensor as a kernel sees it. Shapes are the ones declared in the model (validated by Prepare);
// `data` points into the model's constant buffer, the activation arena, or a caller's input.
struct RuntimeTensor {
  const Tensor* desc = nullptr;  // name, type, declared shape, quantization
  DType type = DType::kFloat32;
  Shape shape;
  uint8_t* data = nullptr;  // nullptr during Prepare for activations
  size_t bytes = 0;
  bool constant = false;
  // Every value is >= 0 (or NaN), known from the graph (runtime/non_negative_tensors.h); false when unknown.
  bool non_negative = false;

  template <typename T>
  T* data_as() const {
    return reinterpret_cast<T*>(data);
  }
  int64_t num_elements() const { return ElementCount(shape); }
  int rank() const { return static_cast<int>(shape.size()); }
  int32_t dim(int i) const { return shape[static_cast<size_t>(i)]; }
  const Quantization& quant() const { return desc->quantization; }
  const std::string& name() const { return desc->name; }
};

// The tensors of one op, in the op's order. An omitted optional input is a nullptr.
struct KernelIo {
  std::vector<RuntimeTensor*> inputs;
  std::vector<RuntimeTensor*> outputs;

  bool has_input(size_t i) const { return i < inputs.size() && inputs[i] != nullptr; }
  const RuntimeTensor& in(size_t i) const { return *inputs[i]; }
  RuntimeTensor& out(size_t i) const { return *outputs[i]; }
};

class OpKernel {
 public:
  virtual ~OpKernel() = default;
  // Validates the op once; the message says what is wrong ("input 0 must be rank 4, got [1, 10]").
  // The runtime prefixes it with the op's index and type.
  virtual Status Prepare(const Op& op, const KernelIo& io) = 0;
  // Bytes of temporary memory Eval needs (shared across ops by the runtime); valid after Prepare.
  virtual size_t ScratchBytes() const { return 0; }
  // Computes the outputs. `scratch` holds ScratchBytes() bytes, 64-byte aligned.
  virtual void Eval(const KernelIo& io, uint8_t* scratch) = 0;
  // Which implementation runs, for profiles and results, e.g. "reference" or "onednn brgconv:avx512_core".
  virtual std::string Implementation() const { return "reference"; }

  // Hybrid kernels that quantize input 0 per image may share that quantization with other ops reading the
  // same tensor (shared_quantized_input.h): after Prepare, the form they would quantize it to, if any; the
  // runtime then hands the sharers one block of `form.bytes` (64-byte aligned, alive from the first
  // sharer's Eval to the last's). `quantizes`: this op runs first and writes it; the others only read it.
  virtual std::optional<QuantizedInputForm> ShareableQuantizedInput() const { return std::nullopt; }
  virtual void UseSharedQuantizedInput(uint8_t* /*memory*/, bool /*quantizes*/) {}
};

}  // namespace qb
