// SOFTMAX reference kernel, float32, over the last axis: y = exp(beta * (x - max)) / sum, subtracting the
// row maximum so that no exponent overflows.
#include <algorithm>
#include <cmath>
#include <memory>

#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {
namespace {

class SoftmaxKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 1, 1));
    const RuntimeTensor& input = io.in(0);
    QB_RETURN_IF_ERROR(CheckType(input, "input", DType::kFloat32));
    QB_RETURN_IF_ERROR(CheckType(io.out(0), "output", DType::kFloat32));
    QB_RETURN_IF_ERROR(CheckRankRange(input, "input", 1, 8));
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), input.shape));
    beta_ = OptionsOr<SoftmaxOptions>(op).beta;
    depth_ = input.shape.back();
    rows_ = depth_ > 0 ? input.num_elements() / depth_ : 0;
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    for (int64_t r = 0; r < rows_; ++r) {
      const float* x = input + r * depth_;
      float* y = output + r * depth_;
      const float max = *std::max_element(x, x + depth_);
      float sum = 0.0f;
      for (int64_t i = 0; i < depth_; ++i) {
        y[i] = std::exp((x[i] - max) * beta_);
        sum += y[i];
      }
      const float inverse = 1.0f / sum;
      for (int64_t i = 0; i < depth_; ++i) y[i] *= inverse;
    }
  }

 private:
  float beta_ = 1.0f;
  int64_t depth_ = 0, rows_ = 0;
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatSoftmaxKernel() { return std::make_unique<SoftmaxKernel>(); }

}  // namespace qb
