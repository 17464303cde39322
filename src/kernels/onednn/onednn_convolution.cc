// CONV_2D and DEPTHWISE_CONV_2D on oneDNN's convolution_forward. Activations stay in TensorFlow Lite's
// NHWC (oneDNN's nhwc tag); the filter is described to oneDNN by strides over TensorFlow Lite's layout
// and reordered once into the primitive's own (format_tag::any):
//   CONV_2D [Cout, KH, KW, Cin/G]        -> oneDNN {OC, IC, KH, KW}, grouped {G, OC/G, IC/G, KH, KW}
//   DEPTHWISE_CONV_2D [1, KH, KW, Cin*M]  -> oneDNN {G = Cin, M, 1, KH, KW}
// Padding is TensorFlow Lite's (SAME's odd row/column after the input: padding_r), dilation d is oneDNN's d-1.
#include <memory>
#include <optional>

#include "kernels/onednn/onednn_context.h"
#include "kernels/onednn/onednn_filter_layout.h"
#include "kernels/onednn/onednn_kernels.h"
#include "kernels/onednn/onednn_primitive_kernel.h"
#include "kernels/reference/float_conv_common.h"
#include "kernels/reference/float_kernels.h"

namespace qb::onednn {
namespace {

using dims = dnnl::memory::dims;
using tag = dnnl::memory::format_tag;
constexpr auto kF32 = dnnl::memory::data_type::f32;

class ConvolutionKernel final : public PrimitiveKernel {
 public:
  explicit ConvolutionKernel(bool depthwise) : depthwise_(depthwise) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    auto reference = depthwise_ ? MakeFloatDepthwiseConv2DKernel() : MakeFloatConv2DKernel();
    QB_RETURN_IF_ERROR(reference->Prepare(op, io));
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& filter = io.in(1);
    const int64_t in_c = input.dim(3);
    const int64_t out_c = io.out(0).dim(3);
    QB_ASSIGN_OR_RETURN(ConvolutionShape shape, PrepareConvolutionShape(op, io, depthwise_));
    const FloatConvSetup& setup = shape.setup;
    const FilterLayout& layout = shape.layout;
    const SlidingWindow2D& w = setup.window;
    const dnnl::memory::desc src({w.batch, in_c, w.in_h, w.in_w}, kF32, tag::nhwc);
    const dnnl::memory::desc dst({w.batch, out_c, w.out_h, w.out_w}, kF32, tag::nhwc);
    const dnnl::memory::desc user_weights(layout.logical, kF32, layout.strides);
    const dnnl::memory::desc any_weights(layout.logical, kF32, tag::any);
    const dnnl::memory::desc bias = io.has_input(2) ? dnnl::memory::desc({out_c}, kF32, tag::a) : dnnl::memory::desc();
    try {
      dnnl::convolution_forward::desc desc(
          dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, src, any_weights, bias, dst,
          {w.stride_h, w.stride_w}, {w.dilation_h - 1, w.dilation_w - 1}, {w.pad_top, w.pad_left},
          {w.pad_bottom(), w.pad_right()});
      dnnl::convolution_forward::primitive_desc pd(desc, KernelAttributes(setup.activation), CpuEngine());
      std::unordered_map<int, dnnl::memory> constants;
      constants[DNNL_ARG_WEIGHTS] = PackWeights(user_weights, filter.data, pd.weights_desc());
      if (io.has_input(2)) constants[DNNL_ARG_BIAS] = dnnl::memory(bias, CpuEngine(), io.in(2).data);
      primitive_ = BoundPrimitive(dnnl::convolution_forward(pd), pd, std::move(constants));
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this convolution ({}); run it with --float_backend=reference", e.what());
    }
    return OkStatus();
  }

 private:
  bool depthwise_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeConv2DKernel() { return std::make_unique<ConvolutionKernel>(false); }
std::unique_ptr<OpKernel> MakeDepthwiseConv2DKernel() { return std::make_unique<ConvolutionKernel>(true); }

}  // namespace qb::onednn
