// QUANTIZE: FLOAT32 -> UINT8/INT8/INT16, per tensor or per channel, as TensorFlow Lite's AffineQuantize:
// q = clamp(round(x / scale) + zero_point) with float division and rounding half away from zero; and
// requantization between UINT8, INT8 and INT16 (per tensor):
// q_out = clamp(zp_out + MultiplyByQuantizedMultiplier(q_in - zp_in, in_scale / out_scale)). Both exact.
#include "kernels/reference/integer_common.h"

namespace qb {
namespace {

int32_t LoadInteger(const uint8_t* data, DType type, int64_t i) {
  switch (type) {
    case DType::kInt8: return reinterpret_cast<const int8_t*>(data)[i];
    case DType::kInt16: return reinterpret_cast<const int16_t*>(data)[i];
    default: return data[i];
  }
}

void StoreInteger(uint8_t* data, DType type, int64_t i, int32_t value) {
  switch (type) {
    case DType::kInt8: reinterpret_cast<int8_t*>(data)[i] = static_cast<int8_t>(value); break;
    case DType::kInt16: reinterpret_cast<int16_t*>(data)[i] = static_cast<int16_t>(value); break;
    default: data[i] = static_cast<uint8_t>(value); break;
  }
}

class IntegerQuantize final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    if (io.inputs.size() != 1 || !io.has_input(0) || io.outputs.size() != 1) {
      return Errorf("expected 1 input and 1 output");
    }
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& output = io.out(0);
    if (!IsQuantizedIntegerType(output.type)) {
      return Errorf("QUANTIZE to {} is not supported (UINT8, INT8 or INT16)", DTypeName(output.type));
    }
    if (input.type != DType::kFloat32 && !IsQuantizedIntegerType(input.type)) {
      return Errorf("QUANTIZE from {} is not supported (FLOAT32, UINT8, INT8 or INT16)", DTypeName(input.type));
    }
    QB_RETURN_IF_ERROR(CheckOutputShape(output, input.shape));
    range_ = TypeRange(output.type);
    from_float_ = input.type == DType::kFloat32;
    if (from_float_) return PrepareFromFloat(output);

    QB_ASSIGN_OR_RETURN(in_q_, PerTensorQuant(input, "input 0"));
    QB_ASSIGN_OR_RETURN(QuantParams out_q, PerTensorQuant(output, "output"));
    out_zero_point_ = out_q.zero_point;
    multiplier_ = QuantizeMultiplier(static_cast<double>(in_q_.scale) / static_cast<double>(out_q.scale));
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t*) override {
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& output = io.out(0);
    const int64_t count = input.num_elements();
    if (from_float_) {
      const float* in = input.data_as<float>();
      for (int64_t i = 0; i < count; ++i) {
        const auto c = static_cast<size_t>((i / inner_) % static_cast<int64_t>(params_.size()));
        StoreInteger(output.data, output.type, i, QuantizeValue(in[i], params_[c], range_));
      }
      return;
    }
    for (int64_t i = 0; i < count; ++i) {
      const int32_t q = LoadInteger(input.data, input.type, i) - in_q_.zero_point;
      const int32_t v = out_zero_point_ + MultiplyByQuantizedMultiplier(q, multiplier_);
      StoreInteger(output.data, output.type, i, std::clamp(v, range_.min, range_.max));
    }
  }

 private:
  Status PrepareFromFloat(const RuntimeTensor& output) {
    const Quantization& q = output.quant();
    params_.clear();
    inner_ = 1;
    if (q.per_channel()) {
      const int dim = q.quantized_dimension;
      if (dim < 0 || dim >= output.rank() || output.dim(dim) != static_cast<int32_t>(q.scale.size()) ||
          (q.zero_point.size() != q.scale.size() && !q.zero_point.empty())) {
        return Errorf("output has {} scales and {} zero points along dimension {} of {}", q.scale.size(),
                      q.zero_point.size(), dim, ShapeToString(output.shape));
      }
      for (size_t c = 0; c < q.scale.size(); ++c) {
        const int64_t zp = q.zero_point.empty() ? 0 : q.zero_point[c];
        if (!(q.scale[c] > 0.0f) || zp < range_.min || zp > range_.max) {
          return Errorf("output channel {} has invalid quantization (scale {}, zero point {})", c, q.scale[c], zp);
        }
        params_.push_back({q.scale[c], static_cast<int32_t>(zp)});
      }
      for (int d = dim + 1; d < output.rank(); ++d) inner_ *= output.dim(d);
      return OkStatus();
    }
    QB_ASSIGN_OR_RETURN(QuantParams out_q, PerTensorQuant(output, "output"));
    params_.push_back(out_q);
    return OkStatus();
  }

  bool from_float_ = true;
  IntRange range_;
  std::vector<QuantParams> params_;  // float input: one per tensor or per channel
  int64_t inner_ = 1;                // float input: elements per step of the quantized dimension
  QuantParams in_q_;
  int32_t out_zero_point_ = 0;
  QuantizedMultiplier multiplier_;
};

}  // namespace

std::unique_ptr<OpKernel> NewIntegerQuantize() { return std::make_unique<IntegerQuantize>(); }

}  // namespace qb
