// OpHarness: runs one op through the reference kernel factory without a model file, for op tests.
//
//   OpHarness h(OpType::kConv2D, Conv2DOptions{...});
//   h.AddInput(DType::kFloat32, {1, 3, 3, 1}, Bytes(std::vector<float>{...}));
//   h.AddConstant(DType::kInt8, {1, 2, 2, 1}, Bytes(weights), Quant({0.5f}, {0}));
//   h.AddOutput(DType::kFloat32, {1, 2, 2, 1});
//   ASSERT_TRUE(h.Run().ok());
//   auto out = h.OutputAs<float>(0);
#pragma once

#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "core/aligned_buffer.h"
#include "core/status.h"
#include "graph/graph.h"
#include "kernels/kernel.h"

namespace qb::testing {

template <typename T>
std::vector<uint8_t> Bytes(const std::vector<T>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

Quantization Quant(std::vector<float> scale, std::vector<int64_t> zero_point, int32_t quantized_dimension = 0);

class OpHarness {
 public:
  explicit OpHarness(OpType type, OpOptions options = std::monostate{}, int32_t version = 1);

  // Each returns the tensor's index in the op's inputs/outputs.
  int AddInput(DType type, Shape shape, std::vector<uint8_t> data, Quantization quant = {});
  int AddConstant(DType type, Shape shape, std::vector<uint8_t> data, Quantization quant = {});
  int AddOmittedInput();  // an optional input given as -1
  int AddOutput(DType type, Shape shape, Quantization quant = {});

  // Creates the kernel with CreateReferenceKernel (or `factory` when given), runs Prepare, then Eval.
  Status Run();
  Status Prepare();  // only creation + Prepare, for validation tests
  const OpKernel& kernel() const { return *kernel_; }

  template <typename T>
  std::vector<T> OutputAs(size_t i) const {
    const auto& t = outputs_[i];
    std::vector<T> values(t.bytes / sizeof(T));
    if (!values.empty()) std::memcpy(values.data(), t.data, t.bytes);
    return values;
  }
  RuntimeTensor& input(size_t i) { return inputs_[i]; }
  RuntimeTensor& output(size_t i) { return outputs_[i]; }

  using Factory = Result<std::unique_ptr<OpKernel>> (*)(const Op&, const KernelIo&);
  void set_factory(Factory factory) { factory_ = factory; }

 private:
  RuntimeTensor& NewTensor(std::vector<RuntimeTensor>& list, DType type, Shape shape, Quantization quant);

  Op op_;
  std::vector<std::unique_ptr<Tensor>> descs_;
  std::vector<RuntimeTensor> inputs_, outputs_;  // reserved up front: pointers stay valid
  std::vector<bool> omitted_;
  std::vector<AlignedBuffer> storage_;
  std::unique_ptr<OpKernel> kernel_;
  Factory factory_ = nullptr;
};

}  // namespace qb::testing
