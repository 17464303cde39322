// Hybrid FULLY_CONNECTED, and hybrid CONV_2D in the pointwise form oneDNN 2.6's convolutions leave to
// their slow reference kernel (1x1 filter over a 1x1 image: classifier heads such as MobileNet's
// conv_preds), on oneDNN's u8 x s8 matmul (semantics in reference/hybrid_quantize.h). One quantized
// "image" per execution: a FULLY_CONNECTED row of K values (each row has its own input scale), or one
// batch element of the convolution. The image is quantized into scratch as u8 (hybrid_input_quantizer.h),
// multiplied as {M, K} x {K, Cout} (M = 1 for a row; the image's pixels for the convolution) with the
// weights described over TensorFlow Lite's [Cout, K] / [Cout, 1, 1, K] (strides {1, K}) and reordered
// once in Prepare, and rescaled by hybrid_output_stage.h into float32 {M, Cout}.
// Scratch and Eval: onednn_hybrid_kernel.h.
#include <memory>

#include "kernels/onednn/onednn_hybrid_kernel.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"

namespace qb::onednn {
namespace {

using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;

class HybridMatmulKernel final : public HybridPrimitiveKernel {
 public:
  HybridMatmulKernel(bool pointwise_conv, HybridInputBits bits, int num_threads)
      : HybridPrimitiveKernel(bits, num_threads), pointwise_conv_(pointwise_conv) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    const RuntimeTensor& weights = io.in(1);
    ActivationRange activation;
    if (pointwise_conv_) {
      reference_ = MakeFloatConv2DKernel(bits_);
      QB_RETURN_IF_ERROR(reference_->Prepare(op, io));
      const RuntimeTensor& input = io.in(0);
      images_ = input.dim(0);
      pixels_ = int64_t{input.dim(1)} * input.dim(2);
      depth_ = input.dim(3);
      QB_ASSIGN_OR_RETURN(activation, FloatActivationRange(OptionsOr<Conv2DOptions>(op).activation));
    } else {
      reference_ = MakeFloatFullyConnectedKernel(bits_);
      QB_RETURN_IF_ERROR(reference_->Prepare(op, io));
      depth_ = weights.dim(1);
      images_ = io.in(0).num_elements() / depth_;
      pixels_ = 1;
      QB_ASSIGN_OR_RETURN(activation, FloatActivationRange(OptionsOr<FullyConnectedOptions>(op).activation));
    }
    channels_ = weights.dim(0);
    in_image_ = pixels_ * depth_;
    out_image_ = pixels_ * channels_;
    layout_ = U8ImageLayout{1, static_cast<int32_t>(pixels_), static_cast<int32_t>(depth_)};
    QB_ASSIGN_OR_RETURN(const FilterInfo filter, PrepareFilter(weights, 0, static_cast<int32_t>(channels_)));
    const float* bias = io.has_input(2) ? io.in(2).data_as<const float>() : nullptr;
    stage_ = HybridOutputStage({1, channels_}, {1, channels_}, filter, bias, activation, !io.in(0).non_negative);
    const dnnl::memory::desc src({pixels_, depth_}, dt::u8, tag::ab);
    const dnnl::memory::desc dst({pixels_, channels_}, dt::f32, tag::ab);
    const dnnl::memory::desc user_weights({depth_, channels_}, dt::s8, dnnl::memory::dims{1, depth_});
    const dnnl::memory::desc any_weights({depth_, channels_}, dt::s8, tag::any);
    try {
      dnnl::matmul::desc desc(src, any_weights, stage_.BiasDesc(), dst);
      dnnl::matmul::primitive_desc pd(desc, stage_.Attributes(), CpuEngine());
      std::unordered_map<int, dnnl::memory> constants = stage_.Arguments();
      constants[DNNL_ARG_WEIGHTS] = PackWeights(user_weights, weights.data, pd.weights_desc());
      primitive_ = BoundPrimitive(dnnl::matmul(pd), pd, std::move(constants));
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this hybrid matrix product ({}); run it with --float_backend=reference",
                    e.what());
    }
    return OkStatus();
  }

 private:
  bool pointwise_conv_;
  int64_t pixels_ = 1, depth_ = 0, channels_ = 0;
};

}  // namespace

std::unique_ptr<OpKernel> MakeHybridFullyConnectedKernel(HybridInputBits bits, int num_threads) {
  return std::make_unique<HybridMatmulKernel>(false, bits, num_threads);
}
std::unique_ptr<OpKernel> MakeHybridPointwiseConv2DKernel(HybridInputBits bits, int num_threads) {
  return std::make_unique<HybridMatmulKernel>(true, bits, num_threads);
}

}  // namespace qb::onednn
