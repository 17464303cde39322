#include "op_harness.h"

#include "kernels/reference/reference_kernels.h"

namespace qb::testing {

Quantization Quant(std::vector<float> scale, std::vector<int64_t> zero_point, int32_t quantized_dimension) {
  Quantization q;
  q.scale = std::move(scale);
  q.zero_point = std::move(zero_point);
  q.quantized_dimension = quantized_dimension;
  return q;
}

OpHarness::OpHarness(OpType type, OpOptions options, int32_t version) {
  op_.type = type;
  op_.options = std::move(options);
  op_.version = version;
  inputs_.reserve(16);
  outputs_.reserve(16);
  storage_.reserve(64);
}

RuntimeTensor& OpHarness::NewTensor(std::vector<RuntimeTensor>& list, DType type, Shape shape, Quantization quant) {
  auto desc = std::make_unique<Tensor>();
  desc->type = type;
  desc->shape = shape;
  desc->quantization = std::move(quant);
  desc->has_quantization = !desc->quantization.empty();
  std::string name = "t";  // built, then moved: "t" + ... trips a GCC 12 -Wstringop-overflow false positive
  name += std::to_string(descs_.size());
  desc->name = std::move(name);
  RuntimeTensor t;
  t.desc = desc.get();
  t.type = type;
  t.shape = std::move(shape);
  t.bytes = static_cast<size_t>(ElementCount(t.shape)) * DTypeSize(type);
  descs_.push_back(std::move(desc));
  list.push_back(t);
  return list.back();
}

int OpHarness::AddInput(DType type, Shape shape, std::vector<uint8_t> data, Quantization quant) {
  RuntimeTensor& t = NewTensor(inputs_, type, std::move(shape), std::move(quant));
  storage_.emplace_back(std::max(t.bytes, data.size()));
  if (!data.empty()) std::memcpy(storage_.back().data(), data.data(), data.size());
  t.data = storage_.back().data();
  omitted_.push_back(false);
  return static_cast<int>(inputs_.size() - 1);
}

int OpHarness::AddConstant(DType type, Shape shape, std::vector<uint8_t> data, Quantization quant) {
  int index = AddInput(type, std::move(shape), std::move(data), std::move(quant));
  inputs_.back().constant = true;
  return index;
}

int OpHarness::AddOmittedInput() {
  NewTensor(inputs_, DType::kFloat32, {}, {});
  omitted_.push_back(true);
  return static_cast<int>(inputs_.size() - 1);
}

int OpHarness::AddOutput(DType type, Shape shape, Quantization quant) {
  RuntimeTensor& t = NewTensor(outputs_, type, std::move(shape), std::move(quant));
  storage_.emplace_back(t.bytes);
  t.data = storage_.back().data();
  return static_cast<int>(outputs_.size() - 1);
}

Status OpHarness::Prepare() {
  KernelIo io;
  for (size_t i = 0; i < inputs_.size(); ++i) io.inputs.push_back(omitted_[i] ? nullptr : &inputs_[i]);
  for (auto& t : outputs_) io.outputs.push_back(&t);
  op_.inputs.clear();
  op_.outputs.clear();
  for (size_t i = 0; i < inputs_.size(); ++i) op_.inputs.push_back(omitted_[i] ? -1 : static_cast<int32_t>(i));
  for (size_t i = 0; i < outputs_.size(); ++i) op_.outputs.push_back(static_cast<int32_t>(inputs_.size() + i));
  auto kernel = factory_ ? factory_(op_, io) : CreateReferenceKernel(op_, io);
  if (!kernel.ok()) return kernel.status();
  kernel_ = std::move(kernel).value();
  return kernel_->Prepare(op_, io);
}

Status OpHarness::Run() {
  QB_RETURN_IF_ERROR(Prepare());
  KernelIo io;
  for (size_t i = 0; i < inputs_.size(); ++i) io.inputs.push_back(omitted_[i] ? nullptr : &inputs_[i]);
  for (auto& t : outputs_) io.outputs.push_back(&t);
  AlignedBuffer scratch(kernel_->ScratchBytes());
  kernel_->Eval(io, scratch.data());
  return OkStatus();
}

}  // namespace qb::testing
