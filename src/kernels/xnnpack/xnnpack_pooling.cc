// AVERAGE_POOL_2D and MAX_POOL_2D on xnn_create_average_pooling2d_nhwc_f32 / xnn_create_max_pooling2d_nhwc_f32,
// with TensorFlow Lite's padding given explicitly (sliding_window.h). Both leave padding out as TensorFlow
// Lite does: the maximum ignores it, the average divides by the in-bounds count (XNNPACK's pixelwise
// average for windows that overlap the padding). The fused activation is the operator's output clamp.
// XNNPACK takes no 1x1 window (a copy), no stride beyond the window and no window larger than the image
// (XnnpackTakesPoolWindow).
#include <memory>

#include "kernels/reference/activation.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"
#include "kernels/reference/sliding_window.h"
#include "kernels/xnnpack/xnnpack_kernels.h"
#include "kernels/xnnpack/xnnpack_operator.h"

namespace qb::xnnpack {
namespace {

class PoolingKernel final : public OpKernel {
 public:
  PoolingKernel(bool max, int num_threads) : max_(max), pool_(SharedThreadPool(num_threads)) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR((max_ ? MakeFloatMaxPool2DKernel() : MakeFloatAveragePool2DKernel())->Prepare(op, io));
    const auto options = OptionsOr<Pool2DOptions>(op);
    QB_ASSIGN_OR_RETURN(window_, PoolWindow(options, io.in(0)));
    QB_ASSIGN_OR_RETURN(const ActivationRange activation, FloatActivationRange(options.activation));
    const SlidingWindow2D& w = window_;
    auto u = [](int32_t v) { return static_cast<uint32_t>(v); };
    const auto channels = static_cast<size_t>(io.in(0).dim(3));
    xnn_operator_t created = nullptr;
    xnn_status status;
    if (max_) {
      status = xnn_create_max_pooling2d_nhwc_f32(u(w.pad_top), u(w.pad_right()), u(w.pad_bottom()), u(w.pad_left),
                                                 u(w.kernel_h), u(w.kernel_w), u(w.stride_h), u(w.stride_w), 1, 1,
                                                 channels, channels, channels, activation.min, activation.max, 0,
                                                 &created);
    } else {
      status = xnn_create_average_pooling2d_nhwc_f32(u(w.pad_top), u(w.pad_right()), u(w.pad_bottom()),
                                                     u(w.pad_left), u(w.kernel_h), u(w.kernel_w), u(w.stride_h),
                                                     u(w.stride_w), channels, channels, channels, activation.min,
                                                     activation.max, 0, &created);
    }
    operator_.reset(created);
    return CheckXnn(status, max_ ? "xnn_create_max_pooling2d_nhwc_f32" : "xnn_create_average_pooling2d_nhwc_f32");
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    if (operator_.NeedsSetup(input, output)) {
      const auto batch = static_cast<size_t>(window_.batch), height = static_cast<size_t>(window_.in_h),
                 width = static_cast<size_t>(window_.in_w);
      if (max_) {
        xnn_setup_max_pooling2d_nhwc_f32(operator_.get(), batch, height, width, input, output, pool_);
      } else {
        xnn_setup_average_pooling2d_nhwc_f32(operator_.get(), batch, height, width, input, output, pool_);
      }
    }
    xnn_run_operator(operator_.get(), pool_);
  }

  std::string Implementation() const override {
    return max_ ? "xnnpack max_pooling2d_nhwc_f32" : "xnnpack average_pooling2d_nhwc_f32";
  }

 private:
  bool max_;
  pthreadpool_t pool_;
  SlidingWindow2D window_;
  Operator operator_;
};

}  // namespace

bool XnnpackTakesPoolWindow(const Op& op, const KernelIo& io) {
  if (io.in(0).rank() != 4) return false;  // the reference reports it
  const Result<SlidingWindow2D> w = PoolWindow(OptionsOr<Pool2DOptions>(op), io.in(0));
  // A window larger than the image (SAME padding allows any) would size XNNPACK's indirection buffer by the
  // window, not the image: the reference takes it.
  return w.ok() && w->kernel_h * w->kernel_w > 1 && w->stride_h <= w->kernel_h && w->stride_w <= w->kernel_w &&
         w->kernel_h <= w->in_h && w->kernel_w <= w->in_w;
}

std::unique_ptr<OpKernel> MakeAveragePool2DKernel(int num_threads) {
  return std::make_unique<PoolingKernel>(false, num_threads);
}
std::unique_ptr<OpKernel> MakeMaxPool2DKernel(int num_threads) {
  return std::make_unique<PoolingKernel>(true, num_threads);
}

}  // namespace qb::xnnpack
