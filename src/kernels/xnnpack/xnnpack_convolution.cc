// CONV_2D and DEPTHWISE_CONV_2D on xnn_create_convolution2d_nhwc_f32. TensorFlow Lite's filter layouts
// are XNNPACK's own: CONV_2D [Cout, KH, KW, Cin/G] is [G, Cout/G, KH, KW, Cin/G]; DEPTHWISE_CONV_2D
// [1, KH, KW, Cin*M] is the XNN_FLAG_DEPTHWISE_CONVOLUTION layout with G = Cin, M outputs per group.
// Padding is given explicitly, computed like TensorFlow Lite (sliding_window.h).
#include <memory>

#include "kernels/reference/float_conv_common.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/xnnpack/xnnpack_kernels.h"
#include "kernels/xnnpack/xnnpack_operator.h"

namespace qb::xnnpack {
namespace {

class ConvolutionKernel final : public OpKernel {
 public:
  ConvolutionKernel(bool depthwise, int num_threads) : depthwise_(depthwise), pool_(SharedThreadPool(num_threads)) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    auto reference = depthwise_ ? MakeFloatDepthwiseConv2DKernel() : MakeFloatConv2DKernel();
    QB_RETURN_IF_ERROR(reference->Prepare(op, io));
    const RuntimeTensor& filter = io.in(1);
    const int32_t in_c = io.in(0).dim(3);
    const int32_t out_c = io.out(0).dim(3);
    uint32_t groups = 1, flags = 0;
    size_t group_in_c = 0, group_out_c = 0;
    if (depthwise_) {
      QB_ASSIGN_OR_RETURN(setup_, PrepareFloatConv(OptionsOr<DepthwiseConv2DOptions>(op), io, out_c, 3));
      groups = static_cast<uint32_t>(in_c);
      group_in_c = 1;
      group_out_c = static_cast<size_t>(out_c / in_c);
      flags = XNN_FLAG_DEPTHWISE_CONVOLUTION;
    } else {
      QB_ASSIGN_OR_RETURN(setup_, PrepareFloatConv(OptionsOr<Conv2DOptions>(op), io, out_c, 0));
      groups = static_cast<uint32_t>(in_c / filter.dim(3));
      group_in_c = static_cast<size_t>(filter.dim(3));
      group_out_c = static_cast<size_t>(out_c) / groups;
    }
    const SlidingWindow2D& w = setup_.window;
    auto u = [](int32_t v) { return static_cast<uint32_t>(v); };
    xnn_operator_t created = nullptr;
    const xnn_status status = xnn_create_convolution2d_nhwc_f32(
        u(w.pad_top), u(w.pad_right()), u(w.pad_bottom()), u(w.pad_left), u(w.kernel_h), u(w.kernel_w),
        u(w.stride_h), u(w.stride_w), u(w.dilation_h), u(w.dilation_w), groups, group_in_c, group_out_c,
        static_cast<size_t>(in_c), static_cast<size_t>(out_c), filter.data_as<const float>(),
        io.has_input(2) ? io.in(2).data_as<const float>() : nullptr, setup_.activation.min, setup_.activation.max,
        flags, &created);
    operator_.reset(created);
    return CheckXnn(status, "xnn_create_convolution2d_nhwc_f32");
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    if (operator_.NeedsSetup(input, output)) {
      const SlidingWindow2D& w = setup_.window;
      xnn_setup_convolution2d_nhwc_f32(operator_.get(), static_cast<size_t>(w.batch), static_cast<size_t>(w.in_h),
                                       static_cast<size_t>(w.in_w), input, output, pool_);
    }
    xnn_run_operator(operator_.get(), pool_);
  }

  std::string Implementation() const override {
    return depthwise_ ? "xnnpack depthwise convolution_nhwc_f32" : "xnnpack convolution_nhwc_f32";
  }

 private:
  bool depthwise_;
  pthreadpool_t pool_;
  FloatConvSetup setup_;
  Operator operator_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeConv2DKernel(int num_threads) {
  return std::make_unique<ConvolutionKernel>(false, num_threads);
}
std::unique_ptr<OpKernel> MakeDepthwiseConv2DKernel(int num_threads) {
  return std::make_unique<ConvolutionKernel>(true, num_threads);
}

}  // namespace qb::xnnpack
