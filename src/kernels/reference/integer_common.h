// Shared pieces of the integer reference kernels (integer_*.cc): quantization-parameter checks,
// TensorFlow Lite's quantized activation ranges, the requantization setup of the weighted ops (CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED), and the factories integer_registry.cc dispatches to. Checks of
// types, ranks and shapes are the ones every reference kernel uses (kernel_checks.h); the window
// geometry of convolutions and pooling is in sliding_window.h.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/status.h"
#include "kernels/kernel.h"
#include "kernels/reference/integer_fixed_point.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {

struct QuantParams {
  float scale = 1.0f;
  int32_t zero_point = 0;
};

struct IntRange {
  int32_t min = 0;
  int32_t max = 0;
};

// The representable range of UINT8, INT8, INT16 or INT32.
IntRange TypeRange(DType type);
bool IsInteger8(DType type);  // UINT8 or INT8

// A tensor's per-tensor quantization: present, one positive finite scale, zero point within the type's
// range. `what` names the tensor in messages ("input 0", "output").
Result<QuantParams> PerTensorQuant(const RuntimeTensor& tensor, std::string_view what);

// The per-tensor quantization of input 0 and of output 0 (PerTensorQuant of each).
struct InOutQuant {
  QuantParams in;
  QuantParams out;
};
Result<InOutQuant> PerTensorInOutQuant(const KernelIo& io);
// The same, for ops that only move or select values (pooling, PAD): input 0 and output 0 must share
// one quantization, which is returned.
Result<QuantParams> SharedInOutQuant(const KernelIo& io);

// Input 0 is present, there is one output, and it has input 0's type; both are UINT8 or INT8.
Status CheckInteger8InOut(const KernelIo& io);

// TensorFlow Lite's CalculateActivationRangeQuantized: the clamp of a fused activation, in the output's
// quantized domain. TANH and SIGN_BIT are not fused activations of integer ops.
Result<IntRange> QuantizedActivationRange(Activation activation, DType type, QuantParams output);

// clamp(round(real / scale) + zero_point), rounding half away from zero in float arithmetic, as
// TensorFlow Lite's quantization of a single value.
int32_t QuantizeValue(float real, QuantParams params, IntRange range);

template <typename T>
T ClampCast(int32_t value, IntRange range) {
  return static_cast<T>(std::clamp(value, range.min, range.max));
}

// A map of 8-bit values to 8-bit values as a table over the 256 raw input bytes, holding raw output
// bytes: fn(q_in) returns q_out (already clamped) for q_in in the input type's range. Unary 8-bit ops
// (activations, requantization) precompute one in Prepare and run ApplyByteTable in Eval.
using ByteTable = std::array<uint8_t, 256>;
template <typename Fn>
ByteTable BuildByteTable(DType input_type, Fn&& fn) {
  ByteTable table{};
  for (int raw = 0; raw < 256; ++raw) {
    const int32_t q = input_type == DType::kInt8 ? static_cast<int32_t>(static_cast<int8_t>(raw)) : raw;
    table[static_cast<size_t>(raw)] = static_cast<uint8_t>(fn(q));
  }
  return table;
}
void ApplyByteTable(const ByteTable& table, const uint8_t* in, uint8_t* out, int64_t count);

// Base of the integer kernels that run one Eval body for both 8-bit types: Eval calls
// Derived::Run<T>(io, scratch) with T = int8_t or uint8_t, the type of input 0 (validated in Prepare).
// Derived keeps Run private and names this base a friend.
template <typename Derived>
class Integer8Kernel : public OpKernel {
 public:
  void Eval(const KernelIo& io, uint8_t* scratch) final {
    const Derived& self = static_cast<const Derived&>(*this);
    if (io.in(0).type == DType::kInt8) {
      self.template Run<int8_t>(io, scratch);
    } else {
      self.template Run<uint8_t>(io, scratch);
    }
  }
};

// Requantization of an op that multiplies activations with constant weights and adds an INT32 bias:
// acc = sum((x + input_offset) * (w + filter_offset)) + bias, then per output channel
// out = clamp(Requantize(acc, c), act), where Requantize is
//   UINT8: MultiplyByQuantizedMultiplier(acc, channel[c]) + output_offset — TensorFlow Lite's builtin
//          fixed-point kernels, which run uint8 models (XNNPACK takes them only when asked to);
//   INT8:  lrintf(float(acc) * channel_scale[c]) + output_offset, channel_scale = in_scale * w_scale /
//          out_scale in float — the fp32 requantization of XNNPACK, which TensorFlow Lite delegates int8
//          convolutions and fully connected layers to by default.
struct WeightedOpQuant {
  int32_t input_offset = 0;
  int32_t filter_offset = 0;
  int32_t output_offset = 0;
  std::vector<QuantizedMultiplier> channel;
  std::vector<float> channel_scale;
  bool fp32_requantization = false;
  IntRange act;
  int32_t Requantize(int32_t acc, size_t c) const;
};
// Validates input 0 (activation), input 1 (constant filter, per-tensor or per-channel along
// `channel_dim` with zero points 0), optional input 2 (INT32 bias of `channels` elements) and output 0,
// and computes the multipliers in_scale * w_scale[c] / out_scale (in double, as TensorFlow Lite).
Result<WeightedOpQuant> PrepareWeightedOpQuant(const KernelIo& io, Activation activation, int32_t channels,
                                               int32_t channel_dim);

// Factories of the integer kernels, one per op.
std::unique_ptr<OpKernel> NewIntegerConv2D();
std::unique_ptr<OpKernel> NewIntegerDepthwiseConv2D();
std::unique_ptr<OpKernel> NewIntegerFullyConnected();
std::unique_ptr<OpKernel> NewIntegerPool2D(OpType type);  // AVERAGE_POOL_2D or MAX_POOL_2D
std::unique_ptr<OpKernel> NewIntegerElementwise(OpType type);  // ADD or MUL
std::unique_ptr<OpKernel> NewIntegerConcatenation();
std::unique_ptr<OpKernel> NewIntegerMean();
std::unique_ptr<OpKernel> NewIntegerPad();
std::unique_ptr<OpKernel> NewIntegerSoftmax();
std::unique_ptr<OpKernel> NewIntegerActivation(OpType type);  // LOGISTIC, HARD_SWISH, RELU, RELU6
std::unique_ptr<OpKernel> NewIntegerQuantize();

}  // namespace qb
