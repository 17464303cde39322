// ADD and MUL on UINT8 and INT8 activations with NumPy broadcasting up to rank 5, TensorFlow Lite's
// 8-bit schemes (bit-exact):
//   ADD: each input, offset by its zero point, is shifted left by 20 and scaled by
//        in_scale / (2 * max input scale); the sum is scaled by 2 * max input scale / (2^20 * out_scale).
//   MUL: the product of the offset inputs is scaled by in1_scale * in2_scale / out_scale (computed in
//        float, as TensorFlow Lite does).
#include "kernels/reference/integer_common.h"

#include <array>

namespace qb {
namespace {

constexpr int kMaxRank = 5;
constexpr int kAddLeftShift = 20;

class IntegerElementwise final : public Integer8Kernel<IntegerElementwise> {
 public:
  explicit IntegerElementwise(OpType type) : add_(type == OpType::kAdd) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    if (io.inputs.size() != 2 || !io.has_input(1)) return Errorf("expected 2 inputs, got {}", io.inputs.size());
    QB_RETURN_IF_ERROR(CheckInteger8InOut(io));
    const RuntimeTensor& a = io.in(0);
    const RuntimeTensor& b = io.in(1);
    QB_RETURN_IF_ERROR(CheckType(b, "input 1", a.type));
    QB_RETURN_IF_ERROR(PrepareBroadcast(a.shape, b.shape, io.out(0)));

    QB_ASSIGN_OR_RETURN(QuantParams q1, PerTensorQuant(a, "input 0"));
    QB_ASSIGN_OR_RETURN(QuantParams q2, PerTensorQuant(b, "input 1"));
    QB_ASSIGN_OR_RETURN(QuantParams qo, PerTensorQuant(io.out(0), "output"));
    const Activation activation =
        add_ ? OptionsOr<AddOptions>(op).activation : OptionsOr<MulOptions>(op).activation;
    QB_ASSIGN_OR_RETURN(act_, QuantizedActivationRange(activation, a.type, qo));
    offset1_ = -q1.zero_point;
    offset2_ = -q2.zero_point;
    output_offset_ = qo.zero_point;
    if (add_) {
      const double twice_max = 2.0 * std::max(static_cast<double>(q1.scale), static_cast<double>(q2.scale));
      multiplier1_ = QuantizeMultiplier(q1.scale / twice_max);
      multiplier2_ = QuantizeMultiplier(q2.scale / twice_max);
      output_multiplier_ = QuantizeMultiplier(twice_max / ((1 << kAddLeftShift) * static_cast<double>(qo.scale)));
    } else {
      const float real = q1.scale * q2.scale / qo.scale;
      output_multiplier_ = QuantizeMultiplier(static_cast<double>(real));
    }
    return OkStatus();
  }

 private:
  friend class Integer8Kernel<IntegerElementwise>;

  // Right-aligns both shapes to rank 5; a broadcast dimension gets stride 0.
  Status PrepareBroadcast(const Shape& a, const Shape& b, const RuntimeTensor& output) {
    const size_t rank = std::max(a.size(), b.size());
    if (rank > kMaxRank) return Errorf("inputs of rank {} exceed the supported rank {}", rank, kMaxRank);
    std::array<int32_t, kMaxRank> da, db;
    da.fill(1);
    db.fill(1);
    std::copy(a.begin(), a.end(), da.end() - static_cast<std::ptrdiff_t>(a.size()));
    std::copy(b.begin(), b.end(), db.end() - static_cast<std::ptrdiff_t>(b.size()));
    int64_t stride_a = 1, stride_b = 1;
    for (int i = kMaxRank - 1; i >= 0; --i) {
      if (da[i] != db[i] && da[i] != 1 && db[i] != 1) {
        return Errorf("input shapes {} and {} cannot be broadcast", ShapeToString(a), ShapeToString(b));
      }
      dims_[i] = da[i] == 1 ? db[i] : da[i];
      strides1_[i] = da[i] == 1 ? 0 : stride_a;
      strides2_[i] = db[i] == 1 ? 0 : stride_b;
      stride_a *= da[i];
      stride_b *= db[i];
    }
    return CheckOutputShape(output, Shape(dims_.end() - static_cast<std::ptrdiff_t>(rank), dims_.end()));
  }

  template <typename T>
  void Run(const KernelIo& io, uint8_t* /*scratch*/) const {
    const T* a = io.in(0).data_as<T>();
    const T* b = io.in(1).data_as<T>();
    T* out = io.out(0).data_as<T>();
    for (int32_t i0 = 0; i0 < dims_[0]; ++i0) {
      for (int32_t i1 = 0; i1 < dims_[1]; ++i1) {
        for (int32_t i2 = 0; i2 < dims_[2]; ++i2) {
          for (int32_t i3 = 0; i3 < dims_[3]; ++i3) {
            const int64_t base1 = i0 * strides1_[0] + i1 * strides1_[1] + i2 * strides1_[2] + i3 * strides1_[3];
            const int64_t base2 = i0 * strides2_[0] + i1 * strides2_[1] + i2 * strides2_[2] + i3 * strides2_[3];
            for (int32_t i4 = 0; i4 < dims_[4]; ++i4) {
              *out++ = Compute<T>(a[base1 + i4 * strides1_[4]], b[base2 + i4 * strides2_[4]]);
            }
          }
        }
      }
    }
  }

  template <typename T>
  T Compute(int32_t x, int32_t y) const {
    int32_t result;
    if (add_) {
      const int32_t sx = MultiplyByQuantizedMultiplier((x + offset1_) * (1 << kAddLeftShift), multiplier1_);
      const int32_t sy = MultiplyByQuantizedMultiplier((y + offset2_) * (1 << kAddLeftShift), multiplier2_);
      result = MultiplyByQuantizedMultiplier(sx + sy, output_multiplier_);
    } else {
      result = MultiplyByQuantizedMultiplier((x + offset1_) * (y + offset2_), output_multiplier_);
    }
    return ClampCast<T>(result + output_offset_, act_);
  }

  bool add_;
  std::array<int32_t, kMaxRank> dims_{};
  std::array<int64_t, kMaxRank> strides1_{}, strides2_{};
  int32_t offset1_ = 0, offset2_ = 0, output_offset_ = 0;
  QuantizedMultiplier multiplier1_, multiplier2_, output_multiplier_;
  IntRange act_;
};

}  // namespace

std::unique_ptr<OpKernel> NewIntegerElementwise(OpType type) { return std::make_unique<IntegerElementwise>(type); }

}  // namespace qb
