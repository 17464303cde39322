#include "kernels/reference/residual_add.h"

#include <algorithm>
#include <string>

#include "kernels/reference/activation.h"
#include "kernels/reference/kernel_checks.h"
#include "kernels/scratch.h"

namespace qb {

bool HasResidualAdd(const Op& op) {
  const auto* options = std::get_if<Conv2DOptions>(&op.options);
  return op.type == OpType::kConv2D && options != nullptr && options->fused_residual_add;
}

ResidualSplit SplitResidualAdd(const Op& op, const KernelIo& io) {
  ResidualSplit split{op, io};
  auto& options = std::get<Conv2DOptions>(split.convolution.options);
  options.fused_residual_add = false;
  options.activation = Activation::kNone;
  split.convolution.inputs.resize(std::min<size_t>(split.convolution.inputs.size(), kResidualInput));
  split.io.inputs.resize(std::min<size_t>(split.io.inputs.size(), kResidualInput));
  while (!split.io.inputs.empty() && split.io.inputs.back() == nullptr) {
    split.io.inputs.pop_back();
    split.convolution.inputs.pop_back();
  }
  return split;
}

Status CheckResidualInput(const KernelIo& io) {
  if (io.inputs.size() != kResidualInput + 1 || !io.has_input(kResidualInput) || io.outputs.size() != 1) {
    return Errorf("a convolution with a fused ADD needs the residual as input {}", kResidualInput);
  }
  const RuntimeTensor& residual = io.in(kResidualInput);
  QB_RETURN_IF_ERROR(CheckType(residual, "residual", DType::kFloat32));
  if (residual.shape != io.out(0).shape) {
    return Errorf("residual shape {} differs from the output's {}", ShapeToString(residual.shape),
                  ShapeToString(io.out(0).shape));
  }
  return OkStatus();
}

namespace {

class ResidualAddKernel final : public OpKernel {
 public:
  explicit ResidualAddKernel(std::unique_ptr<OpKernel> convolution) : convolution_(std::move(convolution)) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckResidualInput(io));
    QB_ASSIGN_OR_RETURN(activation_, FloatActivationRange(std::get<Conv2DOptions>(op.options).activation));
    ResidualSplit split = SplitResidualAdd(op, io);
    io_ = split.io;
    output_elements_ = io.out(0).num_elements();
    return convolution_->Prepare(split.convolution, io_);
  }

  // The convolution's scratch, then room for the residual: the runtime may give the output the residual's
  // memory (interpreter.h), which the convolution would overwrite before the residual is added.
  size_t ScratchBytes() const override {
    return AlignScratch(convolution_->ScratchBytes()) + static_cast<size_t>(output_elements_) * sizeof(float);
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    float* out = io.out(0).data_as<float>();
    const float* residual = io.in(kResidualInput).data_as<const float>();
    if (residual == out) {
      auto* saved = reinterpret_cast<float*>(scratch + AlignScratch(convolution_->ScratchBytes()));
      residual = std::copy_n(residual, output_elements_, saved) - output_elements_;
    }
    convolution_->Eval(io_, scratch);
    for (int64_t i = 0; i < output_elements_; ++i) out[i] = activation_.Apply(out[i] + residual[i]);
  }

  std::string Implementation() const override { return convolution_->Implementation() + " + add"; }

 private:
  std::unique_ptr<OpKernel> convolution_;
  KernelIo io_;
  ActivationRange activation_;
  int64_t output_elements_ = 0;
};

}  // namespace

std::unique_ptr<OpKernel> MakeResidualAddKernel(std::unique_ptr<OpKernel> convolution) {
  return std::make_unique<ResidualAddKernel>(std::move(convolution));
}

}  // namespace qb
