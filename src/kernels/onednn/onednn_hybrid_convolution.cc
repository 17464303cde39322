// Hybrid CONV_2D and DEPTHWISE_CONV_2D (float32 activations x constant INT8 filter, semantics in
// reference/hybrid_quantize.h) on oneDNN's u8 x s8 convolution_forward, one image per execution:
//   1. the image is quantized per image into scratch as u8 (hybrid_input_quantizer.h, AVX2), with
//      TensorFlow Lite's padding written explicitly around it as the u8 zero point (a real 0, which adds
//      0 to the sums as the reference's skipped taps do); for a strided 1x1 convolution only the rows
//      and columns it reads, which it then reads with stride 1;
//   2. a VALID convolution reads the padded image as nhwc u8 with the image's zero point as the run-time
//      source zero point (oneDNN 2.6's fast brgconv kernels take a source zero point only without
//      implicit padding; none for an input that cannot be negative, hybrid_output_stage.h); the s8 filter
//      is described over TensorFlow Lite's layout (onednn_filter_layout.h) and reordered once in Prepare,
//      with oneDNN's zero-point compensation where there is a zero point; the implementation is oneDNN's
//      first choice, or the one the backend prefers (onednn_backend.cc);
//   3. hybrid_output_stage.h rescales the exact int32 accumulators, adds the bias (and a fused residual,
//      summed into the output), applies the activation and writes float32 nhwc.
// Scratch and Eval: onednn_hybrid_kernel.h (the u8 image is the padded one).
#include <memory>
#include <string>

#include "kernels/onednn/onednn_filter_layout.h"
#include "kernels/onednn/onednn_hybrid_kernel.h"
#include "kernels/reference/float_conv_common.h"
#include "kernels/reference/float_kernels.h"

namespace qb::onednn {
namespace {

using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;

class HybridConvolutionKernel final : public HybridPrimitiveKernel {
 public:
  HybridConvolutionKernel(bool depthwise, HybridInputBits bits, int num_threads, std::string preferred_implementation)
      : HybridPrimitiveKernel(bits, num_threads),
        depthwise_(depthwise),
        preferred_implementation_(std::move(preferred_implementation)) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    reference_ = depthwise_ ? MakeFloatDepthwiseConv2DKernel(bits_) : MakeFloatConv2DKernel(bits_);
    residual_ = HasResidualAdd(op);
    if (residual_) reference_ = MakeResidualAddKernel(std::move(reference_));
    QB_RETURN_IF_ERROR(reference_->Prepare(op, io));
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& filter = io.in(1);
    const int64_t in_c = input.dim(3);
    const int64_t out_c = io.out(0).dim(3);
    QB_ASSIGN_OR_RETURN(ConvolutionShape shape, PrepareConvolutionShape(op, io, depthwise_));
    const FloatConvSetup& setup = shape.setup;
    const FilterLayout& layout = shape.layout;
    const SlidingWindow2D& w = setup.window;
    images_ = w.batch;
    layout_ = U8ImageLayout{w.in_h, w.in_w, static_cast<int32_t>(in_c), w.pad_top, w.pad_left, w.pad_bottom(),
                            w.pad_right()};
    // A strided 1x1 convolution without padding reads only every stride-th row and column: only those are
    // quantized (after the whole image's range), and the primitive runs with stride 1 over them.
    const bool sampled = !depthwise_ && w.kernel_h == 1 && w.kernel_w == 1 && (w.stride_h > 1 || w.stride_w > 1) &&
                         w.pad_top == 0 && w.pad_left == 0 && w.pad_bottom() == 0 && w.pad_right() == 0;
    if (sampled) {
      layout_.row_step = w.stride_h;
      layout_.column_step = w.stride_w;
    }
    in_image_ = static_cast<int64_t>(setup.InputImageSize(static_cast<int32_t>(in_c)));
    out_image_ = static_cast<int64_t>(setup.OutputImageSize(static_cast<int32_t>(out_c)));
    const float* bias = io.has_input(2) ? io.in(2).data_as<const float>() : nullptr;
    stage_ = HybridOutputStage({1, out_c, 1, 1}, {out_c}, setup.filter, bias, setup.activation,
                               !input.non_negative);
    const int64_t padded_h = layout_.SampledHeight() + w.pad_top + w.pad_bottom();
    const int64_t padded_w = layout_.SampledWidth() + w.pad_left + w.pad_right();
    const dnnl::memory::desc src({1, in_c, padded_h, padded_w}, dt::u8, tag::nhwc);
    const dnnl::memory::desc dst({1, out_c, w.out_h, w.out_w}, dt::f32, tag::nhwc);
    if (residual_) stage_.AddResidualSum();
    const dnnl::memory::desc user_weights(layout.logical, dt::s8, layout.strides);
    const dnnl::memory::desc any_weights(layout.logical, dt::s8, tag::any);
    try {
      dnnl::convolution_forward::desc desc(
          dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, src, any_weights,
          stage_.BiasDesc(), dst, {sampled ? 1 : w.stride_h, sampled ? 1 : w.stride_w},
          {w.dilation_h - 1, w.dilation_w - 1},
          {0, 0}, {0, 0});
      dnnl::convolution_forward::primitive_desc pd(desc, stage_.Attributes(), CpuEngine());
      PreferImplementation(pd, preferred_implementation_);
      std::unordered_map<int, dnnl::memory> constants = stage_.Arguments();
      constants[DNNL_ARG_WEIGHTS] = PackWeights(user_weights, filter.data, pd.weights_desc());
      primitive_ = BoundPrimitive(dnnl::convolution_forward(pd), pd, std::move(constants));
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this hybrid convolution ({}); run it with --float_backend=reference",
                    e.what());
    }
    return OkStatus();
  }

 private:
  bool depthwise_;
  std::string preferred_implementation_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeHybridConv2DKernel(HybridInputBits bits, int num_threads,
                                                 std::string preferred_implementation) {
  return std::make_unique<HybridConvolutionKernel>(false, bits, num_threads, std::move(preferred_implementation));
}
std::unique_ptr<OpKernel> MakeHybridDepthwiseConv2DKernel(HybridInputBits bits, int num_threads) {
  return std::make_unique<HybridConvolutionKernel>(true, bits, num_threads, std::string());
}

}  // namespace qb::onednn
