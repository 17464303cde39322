// FULLY_CONNECTED reference kernel, float32 and hybrid (float activations x INT8 weights quantized along
// dimension 0; the input is quantized per row, semantics in hybrid_quantize.h). Input [..., K] is read as
// rows of K values, weights are [Cout, K], optional bias [Cout]; the output is [rows, Cout], or the input's
// shape with K replaced by Cout when keep_num_dims is set.
#include <memory>

#include "kernels/reference/activation.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/hybrid_quantize.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {
namespace {

// out[r, c] = finish(c, sum over k of (x[r, k] - zero) * w[c, k]) for one row.
template <typename Acc, typename In, typename W, typename Finish>
void FullyConnectedRow(const In* x, Acc zero, const W* weights, int32_t depth, int32_t channels, float* out,
                       Finish finish) {
  for (int32_t c = 0; c < channels; ++c) {
    const W* w = weights + int64_t{c} * depth;
    Acc acc = 0;
    for (int32_t k = 0; k < depth; ++k) acc += (static_cast<Acc>(x[k]) - zero) * static_cast<Acc>(w[k]);
    out[c] = finish(c, acc);
  }
}

class FullyConnectedKernel final : public OpKernel {
 public:
  explicit FullyConnectedKernel(HybridInputBits input_bits) : input_bits_(input_bits) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 2, 3));
    const auto options = OptionsOr<FullyConnectedOptions>(op);
    if (options.weights_format != 0) {
      return Errorf("weights_format {} is not supported (only DEFAULT)", static_cast<int>(options.weights_format));
    }
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& weights = io.in(1);
    QB_RETURN_IF_ERROR(CheckType(input, "input", DType::kFloat32));
    QB_RETURN_IF_ERROR(CheckType(io.out(0), "output", DType::kFloat32));
    QB_RETURN_IF_ERROR(CheckRankRange(input, "input", 1, 6));
    QB_RETURN_IF_ERROR(CheckRank(weights, "weights", 2));
    channels_ = weights.dim(0);
    depth_ = weights.dim(1);
    if (depth_ <= 0) return Errorf("weights must have shape [Cout, K] with K > 0, got {}", ShapeToString(weights.shape));
    if (input.num_elements() % depth_ != 0) {
      return Errorf("input {} has {} elements, not a multiple of the weights' depth {}", ShapeToString(input.shape),
                    input.num_elements(), depth_);
    }
    rows_ = static_cast<int32_t>(input.num_elements() / depth_);
    Shape computed{rows_, channels_};
    if (options.keep_num_dims) {
      if (input.shape.back() != depth_) {
        return Errorf("keep_num_dims needs the input's last dimension to be {}, got {}", depth_,
                      ShapeToString(input.shape));
      }
      computed = input.shape;
      computed.back() = channels_;
    }
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), computed));
    QB_RETURN_IF_ERROR(CheckOptionalBias(io, 2, channels_));
    QB_ASSIGN_OR_RETURN(activation_, FloatActivationRange(options.activation));
    QB_ASSIGN_OR_RETURN(weights_, PrepareFilter(weights, 0, channels_));
    if (weights_.hybrid) terms_ = HybridOutputTerms(static_cast<size_t>(channels_));
    return OkStatus();
  }

  size_t ScratchBytes() const override { return weights_.hybrid ? static_cast<size_t>(depth_) : 0; }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    const float* bias = io.has_input(2) ? io.in(2).data_as<const float>() : nullptr;
    float* output = io.out(0).data_as<float>();
    for (int32_t r = 0; r < rows_; ++r) {
      const float* x = input + int64_t{r} * depth_;
      float* y = output + int64_t{r} * channels_;
      if (!weights_.hybrid) {
        FullyConnectedRow<float>(x, 0.0f, io.in(1).data_as<const float>(), depth_, channels_, y,
                                 [&](int32_t c, float acc) {
                                   return activation_.Apply(bias != nullptr ? acc + bias[c] : acc);
                                 });
        continue;
      }
      int8_t* q = reinterpret_cast<int8_t*>(scratch);
      const QuantizedImage row = QuantizeImageAsymmetric(x, static_cast<size_t>(depth_), q, input_bits_);
      terms_.Set(row.scale, weights_.channel_scales, bias);
      FullyConnectedRow<int32_t>(q, row.zero_point, io.in(1).data_as<const int8_t>(), depth_, channels_, y,
                                 [&](int32_t c, int32_t acc) {
                                   return activation_.Apply(terms_.Apply(acc, static_cast<size_t>(c)));
                                 });
    }
  }

 private:
  HybridInputBits input_bits_;
  HybridOutputTerms terms_;  // hybrid only: the current row's epilogue
  int32_t rows_ = 0, depth_ = 0, channels_ = 0;
  ActivationRange activation_;
  FilterInfo weights_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatFullyConnectedKernel(HybridInputBits input_bits) {
  return std::make_unique<FullyConnectedKernel>(input_bits);
}

}  // namespace qb
