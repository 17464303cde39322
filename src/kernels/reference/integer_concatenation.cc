// CONCATENATION of UINT8 or INT8 tensors along one axis. An input whose scale or zero point differs from
// the output's is requantized as TensorFlow Lite's uint8 kernel does it:
// q_out = round(q_in * s + (-zp_in * s)) + zp_out with s = in_scale * (1 / out_scale) in float, clamped;
// since inputs are 8-bit this is a 256-entry table per input. (TensorFlow Lite itself rejects INT8
// inputs whose quantization differs from the output's; here they are requantized the same way.)
// Fused activations are not applied by TensorFlow Lite's integer kernel and must be NONE here.
#include "kernels/reference/integer_common.h"

#include <array>
#include <cmath>
#include <cstring>

namespace qb {
namespace {

class IntegerConcatenation final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    const ConcatenationOptions options = OptionsOr<ConcatenationOptions>(op);
    if (io.inputs.empty()) return Errorf("expected at least 1 input");
    QB_RETURN_IF_ERROR(CheckInteger8InOut(io));
    if (options.activation != Activation::kNone) {
      return Errorf("fused activation {} is not supported on integer CONCATENATION", static_cast<int>(options.activation));
    }
    const RuntimeTensor& first = io.in(0);
    const int rank = first.rank();
    const int axis = options.axis < 0 ? options.axis + rank : options.axis;
    if (axis < 0 || axis >= rank) return Errorf("axis {} is out of range for rank {}", options.axis, rank);
    QB_ASSIGN_OR_RETURN(QuantParams out_q, PerTensorQuant(io.out(0), "output"));
    const IntRange range = TypeRange(first.type);

    Shape computed = first.shape;
    computed[static_cast<size_t>(axis)] = 0;
    inputs_.clear();
    for (size_t i = 0; i < io.inputs.size(); ++i) {
      const std::string what = fmt::format("input {}", i);
      if (!io.has_input(i)) return Errorf("{} is missing", what);
      const RuntimeTensor& t = io.in(i);
      QB_RETURN_IF_ERROR(CheckType(t, what, first.type));
      if (t.rank() != rank) return Errorf("{} {} must have rank {}", what, ShapeToString(t.shape), rank);
      for (int d = 0; d < rank; ++d) {
        if (d != axis && t.dim(d) != first.dim(d)) {
          return Errorf("{} {} does not match input 0 {} outside axis {}", what, ShapeToString(t.shape),
                        ShapeToString(first.shape), axis);
        }
      }
      computed[static_cast<size_t>(axis)] += t.dim(axis);
      QB_ASSIGN_OR_RETURN(QuantParams in_q, PerTensorQuant(t, what));
      InputPlan plan;
      plan.requantize = in_q.scale != out_q.scale || in_q.zero_point != out_q.zero_point;
      if (plan.requantize) {
        const float scale = in_q.scale * (1.0f / out_q.scale);
        const float bias = -static_cast<float>(in_q.zero_point) * scale;
        plan.table = BuildByteTable(first.type, [&](int32_t q) {
          const int32_t v = static_cast<int32_t>(std::round(static_cast<float>(q) * scale + bias)) + out_q.zero_point;
          return std::clamp(v, range.min, range.max);
        });
      }
      inputs_.push_back(plan);
    }
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), computed));
    outer_ = 1;
    for (int d = 0; d < axis; ++d) outer_ *= first.dim(d);
    inner_ = 1;
    for (int d = axis + 1; d < rank; ++d) inner_ *= first.dim(d);
    axis_ = axis;
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t*) override {
    uint8_t* out = io.out(0).data;
    for (int64_t o = 0; o < outer_; ++o) {
      for (size_t i = 0; i < inputs_.size(); ++i) {
        const RuntimeTensor& t = io.in(i);
        const int64_t chunk = static_cast<int64_t>(t.dim(axis_)) * inner_;
        const uint8_t* in = t.data + o * chunk;
        if (!inputs_[i].requantize) {
          std::memcpy(out, in, static_cast<size_t>(chunk));
        } else {
          ApplyByteTable(inputs_[i].table, in, out, chunk);
        }
        out += chunk;
      }
    }
  }

 private:
  struct InputPlan {
    bool requantize = false;
    ByteTable table{};
  };
  std::vector<InputPlan> inputs_;
  int64_t outer_ = 1, inner_ = 1;
  int axis_ = 0;
};

}  // namespace

std::unique_ptr<OpKernel> NewIntegerConcatenation() { return std::make_unique<IntegerConcatenation>(); }

}  // namespace qb
