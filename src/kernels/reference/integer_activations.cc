// LOGISTIC, HARD_SWISH, RELU and RELU6 on UINT8 and INT8 tensors, each as a 256-entry table built in
// Prepare (see BuildByteTable):
//   LOGISTIC, HARD_SWISH: dequantize -> float function -> round(y * (1 / out_scale)) + zp_out, clamped,
//     as TensorFlow Lite's lookup-table kernels build theirs. LOGISTIC matches TensorFlow Lite's optimized
//     (table) kernel exactly; TensorFlow Lite computes HARD_SWISH in fixed point, so it may differ by 1 LSB.
//   RELU, RELU6: TensorFlow Lite's scheme, exact: zp_out + MultiplyByQuantizedMultiplier(q - zp_in,
//     in_scale / out_scale), clamped to the quantized [0, inf) or [0, 6].
#include "kernels/reference/integer_common.h"

#include <cmath>

namespace qb {
namespace {

class IntegerActivation final : public OpKernel {
 public:
  explicit IntegerActivation(OpType type) : type_(type) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckInteger8InOut(io));
    const RuntimeTensor& input = io.in(0);
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), input.shape));
    QB_ASSIGN_OR_RETURN(const InOutQuant quant, PerTensorInOutQuant(io));
    const QuantParams in_q = quant.in, out_q = quant.out;
    const IntRange range = TypeRange(input.type);
    if (type_ == OpType::kRelu || type_ == OpType::kRelu6) {
      QB_ASSIGN_OR_RETURN(IntRange act, QuantizedActivationRange(type_ == OpType::kRelu ? Activation::kRelu : Activation::kRelu6,
                                                        input.type, out_q));
      const QuantizedMultiplier m = QuantizeMultiplier(static_cast<double>(in_q.scale) / out_q.scale);
      table_ = BuildByteTable(input.type, [&](int32_t q) {
        return std::clamp(out_q.zero_point + MultiplyByQuantizedMultiplier(q - in_q.zero_point, m), act.min, act.max);
      });
      return OkStatus();
    }
    const bool logistic = type_ == OpType::kLogistic;
    const float inverse_scale = 1.0f / out_q.scale;
    table_ = BuildByteTable(input.type, [&](int32_t q) {
      const float x = in_q.scale * static_cast<float>(q - in_q.zero_point);
      const float y = logistic ? 1.0f / (1.0f + std::exp(-x)) : x * std::clamp(x + 3.0f, 0.0f, 6.0f) / 6.0f;
      const auto rounded = static_cast<int32_t>(std::clamp(std::round(y * inverse_scale), -1e9f, 1e9f));
      return std::clamp(rounded + out_q.zero_point, range.min, range.max);
    });
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t*) override {
    ApplyByteTable(table_, io.in(0).data, io.out(0).data, io.in(0).num_elements());
  }

 private:
  OpType type_;
  ByteTable table_{};
};

}  // namespace

std::unique_ptr<OpKernel> NewIntegerActivation(OpType type) { return std::make_unique<IntegerActivation>(type); }

}  // namespace qb
