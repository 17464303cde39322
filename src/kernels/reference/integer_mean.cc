// MEAN of UINT8 or INT8 tensors over constant axes (INT32 or INT64 input 1), keep_dims. Sums are exact
// int32; the mean is requantized as TensorFlow Lite's QuantizedMeanOrSum does it, in float:
// q_out = clamp(round(sum / count * s - zp_in * s) + zp_out) with s = in_scale / out_scale, rounding
// half away from zero. TensorFlow Lite's newer integer-only path (4-D input reduced over height and width)
// may differ from this by 1 LSB.
#include "kernels/reference/integer_common.h"

#include <array>
#include <cmath>

namespace qb {
namespace {

constexpr int kMaxRank = 8;

class IntegerMean final : public Integer8Kernel<IntegerMean> {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    if (io.inputs.size() != 2 || !io.has_input(1)) return Errorf("expected input and axes");
    QB_RETURN_IF_ERROR(CheckInteger8InOut(io));
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& axes = io.in(1);
    QB_RETURN_IF_ERROR(CheckConstant(axes, "axes (input 1)"));
    QB_RETURN_IF_ERROR(CheckIndexType(axes, "axes (input 1)"));
    const int rank = input.rank();
    if (rank > kMaxRank) return Errorf("input 0 of rank {} exceeds the supported rank {}", rank, kMaxRank);
    std::vector<bool> reduced(static_cast<size_t>(rank), false);
    for (int64_t i = 0; i < axes.num_elements(); ++i) {
      int64_t axis = ReadIndexValue(axes, i);
      if (axis < -rank || axis >= rank) return Errorf("axis {} is out of range for rank {}", axis, rank);
      if (axis < 0) axis += rank;
      reduced[static_cast<size_t>(axis)] = true;
    }
    const bool keep_dims = OptionsOr<ReducerOptions>(op).keep_dims;
    Shape computed;
    out_strides_.assign(static_cast<size_t>(rank), 0);
    count_ = 1;
    for (int d = 0; d < rank; ++d) {
      if (reduced[static_cast<size_t>(d)]) {
        count_ *= input.dim(d);
        if (keep_dims) computed.push_back(1);
      } else {
        computed.push_back(input.dim(d));
      }
    }
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), computed));
    int64_t stride = 1;
    for (int d = rank - 1; d >= 0; --d) {
      if (!reduced[static_cast<size_t>(d)]) {
        out_strides_[static_cast<size_t>(d)] = stride;
        stride *= input.dim(d);
      }
    }
    QB_ASSIGN_OR_RETURN(const InOutQuant quant, PerTensorInOutQuant(io));
    out_q_ = quant.out;
    scale_ = quant.in.scale / out_q_.scale;
    bias_ = -static_cast<float>(quant.in.zero_point) * scale_;
    range_ = TypeRange(input.type);
    outputs_ = io.out(0).num_elements();
    return OkStatus();
  }

  size_t ScratchBytes() const override { return static_cast<size_t>(outputs_) * sizeof(int32_t); }

 private:
  friend class Integer8Kernel<IntegerMean>;

  template <typename T>
  void Run(const KernelIo& io, uint8_t* scratch) const {
    int32_t* sums = reinterpret_cast<int32_t*>(scratch);
    const RuntimeTensor& input = io.in(0);
    const T* in = input.data_as<T>();
    T* out = io.out(0).data_as<T>();
    std::fill(sums, sums + outputs_, 0);
    const int rank = input.rank();
    std::array<int32_t, kMaxRank> index{};
    int64_t out_index = 0;
    const int64_t total = input.num_elements();
    for (int64_t i = 0; i < total; ++i) {
      sums[out_index] += in[i];
      for (int d = rank - 1; d >= 0; --d) {
        const auto du = static_cast<size_t>(d);
        out_index += out_strides_[du];
        if (++index[du] < input.dim(d)) break;
        out_index -= out_strides_[du] * index[du];
        index[du] = 0;
      }
    }
    for (int64_t o = 0; o < outputs_; ++o) {
      const float mean = static_cast<float>(sums[o]) / static_cast<float>(count_);
      const float rounded = std::round(mean * scale_ + bias_) + static_cast<float>(out_q_.zero_point);
      out[o] = static_cast<T>(std::clamp(rounded, static_cast<float>(range_.min), static_cast<float>(range_.max)));
    }
  }

  std::vector<int64_t> out_strides_;  // per input dimension; 0 for a reduced one
  int64_t count_ = 1, outputs_ = 0;
  QuantParams out_q_;
  float scale_ = 1.0f, bias_ = 0.0f;
  IntRange range_;
};

}  // namespace

std::unique_ptr<OpKernel> NewIntegerMean() { return std::make_unique<IntegerMean>(); }

}  // namespace qb
