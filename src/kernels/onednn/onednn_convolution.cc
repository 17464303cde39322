// CONV_2D and DEPTHWISE_CONV_2D on oneDNN's convolution_forward. Activations stay in TensorFlow Lite's
// NHWC (oneDNN's nhwc tag), read and written in place, or — where the backend asks for it
// (ActivationLayout::kBlocked, onednn_backend.cc) — are reordered into oneDNN's nChw8c in the kernel's
// scratch, convolved there and reordered back into the NHWC output. The filter is described to oneDNN by
// strides over TensorFlow Lite's layout and reordered once into the primitive's own (format_tag::any):
//   CONV_2D [Cout, KH, KW, Cin/G]        -> oneDNN {OC, IC, KH, KW}, grouped {G, OC/G, IC/G, KH, KW}
//   DEPTHWISE_CONV_2D [1, KH, KW, Cin*M]  -> oneDNN {G = Cin, M, 1, KH, KW}
// Padding is TensorFlow Lite's (SAME's odd row/column after the input: padding_r), dilation d is oneDNN's d-1.
// A fused residual ADD (reference/residual_add.h; nhwc only) is a sum post-op into the output, which holds
// the residual when the primitive runs (the runtime's shared memory, else copied in), then the ADD's
// activation: the conv's float output plus the residual, as the ADD computed it.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kernels/onednn/onednn_context.h"
#include "kernels/onednn/onednn_filter_layout.h"
#include "kernels/onednn/onednn_kernels.h"
#include "kernels/onednn/onednn_primitive_kernel.h"
#include "kernels/reference/float_conv_common.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/residual_add.h"

namespace qb::onednn {
namespace {

using dims = dnnl::memory::dims;
using tag = dnnl::memory::format_tag;
constexpr auto kF32 = dnnl::memory::data_type::f32;

class ConvolutionKernel final : public PrimitiveKernel {
 public:
  ConvolutionKernel(bool depthwise, ActivationLayout layout) : depthwise_(depthwise), layout_(layout) {}

  size_t ScratchBytes() const override {
    if (layout_ == ActivationLayout::kNhwc) return primitive_.scratch_bytes();
    return BlockedDestinationOffset() + AlignScratch(blocked_dst_bytes_);
  }
  void Eval(const KernelIo& io, uint8_t* scratch) override {
    if (residual_) {
      PlaceResidualInOutput(io.in(kResidualInput).data_as<const float>(), io.out(0).data_as<float>(),
                            io.out(0).num_elements());
    }
    if (layout_ == ActivationLayout::kNhwc) return PrimitiveKernel::Eval(io, scratch);
    uint8_t* blocked_src = scratch + BlockedSourceOffset();
    uint8_t* blocked_dst = scratch + BlockedDestinationOffset();
    to_blocked_.Execute(io.in(0).data, blocked_src, scratch);
    primitive_.Execute(blocked_src, blocked_dst, scratch);
    to_nhwc_.Execute(blocked_dst, io.out(0).data, scratch);
  }
  std::string Implementation() const override {
    return primitive_.implementation() + (layout_ == ActivationLayout::kBlocked ? " nChw8c" : "");
  }

  Status Prepare(const Op& op, const KernelIo& io) override {
    auto reference = depthwise_ ? MakeFloatDepthwiseConv2DKernel() : MakeFloatConv2DKernel();
    residual_ = HasResidualAdd(op);
    if (residual_) {
      QB_RETURN_IF_ERROR(CheckResidualInput(io));
      const ResidualSplit split = SplitResidualAdd(op, io);
      QB_RETURN_IF_ERROR(reference->Prepare(split.convolution, split.io));
      layout_ = ActivationLayout::kNhwc;  // the backend asks for no other (onednn_backend.cc)
    } else {
      QB_RETURN_IF_ERROR(reference->Prepare(op, io));
    }
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& filter = io.in(1);
    const int64_t in_c = input.dim(3);
    const int64_t out_c = io.out(0).dim(3);
    QB_ASSIGN_OR_RETURN(ConvolutionShape shape, PrepareConvolutionShape(op, io, depthwise_));
    const FloatConvSetup& setup = shape.setup;
    const FilterLayout& layout = shape.layout;
    const SlidingWindow2D& w = setup.window;
    const dnnl::memory::desc nhwc_src({w.batch, in_c, w.in_h, w.in_w}, kF32, tag::nhwc);
    const dnnl::memory::desc nhwc_dst({w.batch, out_c, w.out_h, w.out_w}, kF32, tag::nhwc);
    const dnnl::memory::desc user_weights(layout.logical, kF32, layout.strides);
    const dnnl::memory::desc bias = io.has_input(2) ? dnnl::memory::desc({out_c}, kF32, tag::a) : dnnl::memory::desc();
    try {
      auto describe = [&](tag activations) {
        const dnnl::memory::desc src({w.batch, in_c, w.in_h, w.in_w}, kF32, activations);
        const dnnl::memory::desc dst({w.batch, out_c, w.out_h, w.out_w}, kF32, activations);
        const dnnl::memory::desc any_weights(layout.logical, kF32, tag::any);
        const dnnl::convolution_forward::desc desc(
            dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, src, any_weights, bias, dst,
            {w.stride_h, w.stride_w}, {w.dilation_h - 1, w.dilation_w - 1}, {w.pad_top, w.pad_left},
            {w.pad_bottom(), w.pad_right()});
        return dnnl::convolution_forward::primitive_desc(desc, KernelAttributes(setup.activation, residual_),
                                                         CpuEngine());
      };
      auto pd = describe(layout_ == ActivationLayout::kBlocked ? tag::nChw8c : tag::nhwc);
      if (layout_ == ActivationLayout::kBlocked && std::string_view(pd.impl_info_str()).substr(0, 3) == "ref") {
        layout_ = ActivationLayout::kNhwc;  // no fast blocked kernel for this shape: nhwc, read in place
        pd = describe(tag::nhwc);
      }
      std::unordered_map<int, dnnl::memory> constants;
      constants[DNNL_ARG_WEIGHTS] = PackWeights(user_weights, filter.data, pd.weights_desc());
      if (io.has_input(2)) constants[DNNL_ARG_BIAS] = dnnl::memory(bias, CpuEngine(), io.in(2).data);
      primitive_ = BoundPrimitive(dnnl::convolution_forward(pd), pd, std::move(constants));
      if (layout_ == ActivationLayout::kBlocked) {
        to_blocked_ = ReorderPrimitive(nhwc_src, pd.src_desc());
        to_nhwc_ = ReorderPrimitive(pd.dst_desc(), nhwc_dst);
        blocked_src_bytes_ = pd.src_desc().get_size();
        blocked_dst_bytes_ = pd.dst_desc().get_size();
      }
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this convolution ({}); run it with --float_backend=reference", e.what());
    }
    return OkStatus();
  }

 private:
  // Scratch: [the primitives' scratchpad | the blocked source | the blocked destination].
  size_t BlockedSourceOffset() const {
    return AlignScratch(std::max({primitive_.scratch_bytes(), to_blocked_.scratch_bytes(), to_nhwc_.scratch_bytes()}));
  }
  size_t BlockedDestinationOffset() const { return BlockedSourceOffset() + AlignScratch(blocked_src_bytes_); }

  bool depthwise_;
  ActivationLayout layout_;
  bool residual_ = false;  // a fused residual ADD, summed into the output
  BoundPrimitive to_blocked_, to_nhwc_;
  size_t blocked_src_bytes_ = 0, blocked_dst_bytes_ = 0;
};

}  // namespace

std::unique_ptr<OpKernel> MakeConv2DKernel(ActivationLayout layout) {
  return std::make_unique<ConvolutionKernel>(false, layout);
}
std::unique_ptr<OpKernel> MakeDepthwiseConv2DKernel() {
  return std::make_unique<ConvolutionKernel>(true, ActivationLayout::kNhwc);
}

}  // namespace qb::onednn
