// AVERAGE_POOL_2D and MAX_POOL_2D on oneDNN's pooling_forward, NHWC in and out. TensorFlow Lite leaves
// SAME padding out of both (the maximum ignores it, the average divides by the in-bounds count): oneDNN's
// max pooling and pooling_avg_exclude_padding. The fused activation is an eltwise post-op.
#include <memory>

#include "kernels/onednn/onednn_context.h"
#include "kernels/onednn/onednn_kernels.h"
#include "kernels/onednn/onednn_primitive_kernel.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"
#include "kernels/reference/sliding_window.h"

namespace qb::onednn {
namespace {

using tag = dnnl::memory::format_tag;
constexpr auto kF32 = dnnl::memory::data_type::f32;

class PoolingKernel final : public PrimitiveKernel {
 public:
  explicit PoolingKernel(bool max) : max_(max) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR((max_ ? MakeFloatMaxPool2DKernel() : MakeFloatAveragePool2DKernel())->Prepare(op, io));
    const auto options = OptionsOr<Pool2DOptions>(op);
    QB_ASSIGN_OR_RETURN(const SlidingWindow2D w, PoolWindow(options, io.in(0)));
    QB_ASSIGN_OR_RETURN(const ActivationRange activation, FloatActivationRange(options.activation));
    const int64_t channels = io.in(0).dim(3);
    const dnnl::memory::desc src({w.batch, channels, w.in_h, w.in_w}, kF32, tag::nhwc);
    const dnnl::memory::desc dst({w.batch, channels, w.out_h, w.out_w}, kF32, tag::nhwc);
    try {
      dnnl::pooling_forward::desc desc(
          dnnl::prop_kind::forward_inference,
          max_ ? dnnl::algorithm::pooling_max : dnnl::algorithm::pooling_avg_exclude_padding, src, dst,
          {w.stride_h, w.stride_w}, {w.kernel_h, w.kernel_w}, {w.pad_top, w.pad_left}, {w.pad_bottom(), w.pad_right()});
      dnnl::pooling_forward::primitive_desc pd(desc, KernelAttributes(activation), CpuEngine());
      primitive_ = BoundPrimitive(dnnl::pooling_forward(pd), pd, {});
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this pooling ({}); run it with --float_backend=reference", e.what());
    }
    return OkStatus();
  }

 private:
  bool max_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeAveragePool2DKernel() { return std::make_unique<PoolingKernel>(false); }
std::unique_ptr<OpKernel> MakeMaxPool2DKernel() { return std::make_unique<PoolingKernel>(true); }

}  // namespace qb::onednn
