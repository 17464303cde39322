// SOFTMAX of UINT8 or INT8 tensors over the last dimension. The output must be quantized as TensorFlow Lite
// requires: scale 1/256, zero point -128 (INT8) or 0 (UINT8). Per row, with m the row's maximum,
// e[d] = exp(-beta * in_scale * d) is a 256-entry float table built in Prepare, and
// r = e[m - q] * (1 / (sum(e[m - q]) * out_scale)); q_out = clamp(round(r) + zp), where round is
// (int)(r + 0.5f) for UINT8 and std::round for INT8 — the float lookup-table path of TensorFlow Lite's
// optimized kernel, which its builtin op resolver runs on x86-64.
#include "kernels/reference/integer_common.h"

#include <array>
#include <algorithm>
#include <cmath>
#include <type_traits>

namespace qb {
namespace {

class IntegerSoftmax final : public Integer8Kernel<IntegerSoftmax> {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckInteger8InOut(io));
    const RuntimeTensor& input = io.in(0);
    if (input.rank() < 1 || input.dim(input.rank() - 1) <= 0) {
      return Errorf("input 0 {} must have a non-empty last dimension", ShapeToString(input.shape));
    }
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), input.shape));
    QB_ASSIGN_OR_RETURN(const InOutQuant quant, PerTensorInOutQuant(io));
    out_q_ = quant.out;
    const int32_t expected_zero_point = input.type == DType::kInt8 ? -128 : 0;
    if (std::abs(out_q_.scale - 1.0f / 256) > 0.001f / 256 || out_q_.zero_point != expected_zero_point) {
      return Errorf("output must have scale 1/256 and zero point {}, got scale {} and zero point {}",
                    expected_zero_point, out_q_.scale, out_q_.zero_point);
    }
    const float beta = OptionsOr<SoftmaxOptions>(op).beta;
    for (size_t d = 0; d < exp_.size(); ++d) exp_[d] = std::exp(-beta * quant.in.scale * static_cast<float>(d));
    depth_ = input.dim(input.rank() - 1);
    rows_ = input.num_elements() / depth_;
    range_ = TypeRange(input.type);
    return OkStatus();
  }

 private:
  friend class Integer8Kernel<IntegerSoftmax>;

  template <typename T>
  void Run(const KernelIo& io, uint8_t* /*scratch*/) const {
    const T* in = io.in(0).data_as<T>();
    T* out = io.out(0).data_as<T>();
    for (int64_t r = 0; r < rows_; ++r, in += depth_, out += depth_) {
      int32_t max = in[0];
      for (int32_t i = 1; i < depth_; ++i) max = std::max<int32_t>(max, in[i]);
      float sum = 0.0f;
      for (int32_t i = 0; i < depth_; ++i) sum += exp_[static_cast<size_t>(max - in[i])];
      const float inverse_sum = 1.0f / (sum * out_q_.scale);
      for (int32_t i = 0; i < depth_; ++i) {
        const float rescaled = exp_[static_cast<size_t>(max - in[i])] * inverse_sum;
        const int32_t rounded = std::is_same_v<T, uint8_t> ? static_cast<int32_t>(rescaled + 0.5f)
                                                           : static_cast<int32_t>(std::round(rescaled));
        out[i] = static_cast<T>(std::clamp(rounded + out_q_.zero_point, range_.min, range_.max));
      }
    }
  }

  std::array<float, 256> exp_{};
  QuantParams out_q_;
  IntRange range_;
  int32_t depth_ = 1;
  int64_t rows_ = 0;
};

}  // namespace

std::unique_ptr<OpKernel> NewIntegerSoftmax() { return std::make_unique<IntegerSoftmax>(); }

}  // namespace qb
