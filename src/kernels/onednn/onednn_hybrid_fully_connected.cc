// Hybrid FULLY_CONNECTED (float32 input rows x constant INT8 weights [Cout, K], semantics in
// reference/hybrid_quantize.h) on oneDNN's u8 x s8 matmul, one row per execution (each row has its own
// input scale): the row is quantized into scratch as u8 (hybrid_input_quantizer.h), multiplied as
// {1, K} x {K, Cout} with the weights described over TensorFlow Lite's [Cout, K] (strides {1, K}) and
// reordered once in Prepare, and rescaled by hybrid_output_stage.h into float32 [1, Cout].
// Scratch: oneDNN's scratchpad, then the u8 row (64-byte aligned).
#include <memory>

#include "kernels/onednn/hybrid_input_quantizer.h"
#include "kernels/onednn/hybrid_output_stage.h"
#include "kernels/onednn/onednn_context.h"
#include "kernels/onednn/onednn_kernels.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"

namespace qb::onednn {
namespace {

using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;

size_t AlignUp(size_t bytes) { return (bytes + 63) / 64 * 64; }

class HybridFullyConnectedKernel final : public OpKernel {
 public:
  explicit HybridFullyConnectedKernel(HybridInputBits bits) : bits_(bits) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatFullyConnectedKernel(bits_)->Prepare(op, io));
    const RuntimeTensor& weights = io.in(1);
    channels_ = weights.dim(0);
    depth_ = weights.dim(1);
    rows_ = io.in(0).num_elements() / depth_;
    QB_ASSIGN_OR_RETURN(const ActivationRange activation,
                        FloatActivationRange(OptionsOr<FullyConnectedOptions>(op).activation));
    QB_ASSIGN_OR_RETURN(const FilterInfo filter, PrepareFilter(weights, 0, static_cast<int32_t>(channels_)));
    const float* bias = io.has_input(2) ? io.in(2).data_as<const float>() : nullptr;
    stage_ = HybridOutputStage({1, channels_}, filter.channel_scales, bias, activation);
    const dnnl::memory::desc src({1, depth_}, dt::u8, tag::ab);
    const dnnl::memory::desc dst({1, channels_}, dt::f32, tag::ab);
    const dnnl::memory::desc user_weights({depth_, channels_}, dt::s8, dnnl::memory::dims{1, depth_});
    const dnnl::memory::desc any_weights({depth_, channels_}, dt::s8, tag::any);
    try {
      dnnl::matmul::desc desc(src, any_weights, dst);
      dnnl::matmul::primitive_desc pd(desc, stage_.Attributes(), CpuEngine());
      std::unordered_map<int, dnnl::memory> constants = stage_.Arguments();
      constants[DNNL_ARG_WEIGHTS] = PackWeights(user_weights, weights.data, pd.weights_desc());
      primitive_ = BoundPrimitive(dnnl::matmul(pd), pd, std::move(constants));
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this hybrid fully connected layer ({}); run it with "
                    "--float_backend=reference", e.what());
    }
    return OkStatus();
  }

  size_t ScratchBytes() const override {
    return AlignUp(primitive_.scratch_bytes()) + static_cast<size_t>(depth_);
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    uint8_t* row = scratch + AlignUp(primitive_.scratch_bytes());
    const float* input = io.in(0).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    for (int64_t r = 0; r < rows_; ++r) {
      stage_.SetImage(QuantizeImageToU8(input + r * depth_, static_cast<size_t>(depth_), bits_, row));
      primitive_.Execute(row, output + r * channels_, scratch);
    }
  }

  std::string Implementation() const override { return primitive_.implementation() + HybridSuffix(bits_); }

 private:
  HybridInputBits bits_;
  int64_t rows_ = 0, depth_ = 0, channels_ = 0;
  HybridOutputStage stage_;
  BoundPrimitive primitive_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeHybridFullyConnectedKernel(HybridInputBits bits) {
  return std::make_unique<HybridFullyConnectedKernel>(bits);
}

}  // namespace qb::onednn
