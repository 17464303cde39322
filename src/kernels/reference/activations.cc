// RELU, RELU6, LOGISTIC and HARD_SWISH reference kernels, float32, element by element:
//   RELU max(x, 0); RELU6 min(max(x, 0), 6); LOGISTIC 1 / (1 + exp(-x)); HARD_SWISH x * relu6(x + 3) / 6.
#include <algorithm>
#include <cmath>
#include <memory>

#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {
namespace {

float Relu(float x) { return std::max(x, 0.0f); }
float Relu6(float x) { return std::min(std::max(x, 0.0f), 6.0f); }
float Logistic(float x) { return 1.0f / (1.0f + std::exp(-x)); }
float HardSwish(float x) { return x * Relu6(x + 3.0f) / 6.0f; }

template <float (*kFunction)(float)>
class UnaryKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 1, 1));
    QB_RETURN_IF_ERROR(CheckType(io.in(0), "input", DType::kFloat32));
    QB_RETURN_IF_ERROR(CheckType(io.out(0), "output", DType::kFloat32));
    return CheckOutputShape(io.out(0), io.in(0).shape);
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    const int64_t count = io.in(0).num_elements();
    for (int64_t i = 0; i < count; ++i) output[i] = kFunction(input[i]);
  }
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatReluKernel() { return std::make_unique<UnaryKernel<Relu>>(); }
std::unique_ptr<OpKernel> MakeFloatRelu6Kernel() { return std::make_unique<UnaryKernel<Relu6>>(); }
std::unique_ptr<OpKernel> MakeFloatLogisticKernel() { return std::make_unique<UnaryKernel<Logistic>>(); }
std::unique_ptr<OpKernel> MakeFloatHardSwishKernel() { return std::make_unique<UnaryKernel<HardSwish>>(); }

}  // namespace qb
