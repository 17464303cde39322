// MEAN of a rank-4 float32 NHWC tensor over its two spatial axes (Keras' GlobalAveragePooling2D) as
// oneDNN's average pooling with one H x W window: oneDNN 2.6's reduction primitive has only its slow
// reference kernel for this layout. keep_dims changes only the output's declared shape.
#include <memory>

#include "kernels/onednn/onednn_context.h"
#include "kernels/onednn/onednn_kernels.h"
#include "kernels/onednn/onednn_primitive_kernel.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"

namespace qb::onednn {
namespace {

using tag = dnnl::memory::format_tag;
constexpr auto kF32 = dnnl::memory::data_type::f32;

class SpatialMeanKernel final : public PrimitiveKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatMeanKernel()->Prepare(op, io));
    const RuntimeTensor& input = io.in(0);
    const int64_t n = input.dim(0), h = input.dim(1), w = input.dim(2), c = input.dim(3);
    try {
      dnnl::pooling_forward::desc desc(dnnl::prop_kind::forward_inference, dnnl::algorithm::pooling_avg_exclude_padding,
                                       dnnl::memory::desc({n, c, h, w}, kF32, tag::nhwc),
                                       dnnl::memory::desc({n, c, 1, 1}, kF32, tag::nhwc), {1, 1}, {h, w}, {0, 0},
                                       {0, 0});
      dnnl::pooling_forward::primitive_desc pd(desc, KernelAttributes(ActivationRange{}), CpuEngine());
      primitive_ = BoundPrimitive(dnnl::pooling_forward(pd), pd, {});
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this MEAN ({}); run it with --float_backend=reference", e.what());
    }
    return OkStatus();
  }
};

}  // namespace

bool IsSpatialMean(const KernelIo& io) {
  if (io.inputs.size() != 2 || !io.has_input(1) || io.in(0).rank() != 4) return false;
  const RuntimeTensor& axes = io.in(1);
  if (!axes.constant || axes.data == nullptr || axes.rank() > 1 || axes.num_elements() != 2) return false;
  if (axes.type != DType::kInt32 && axes.type != DType::kInt64) return false;
  bool reduced[4] = {};
  for (int64_t i = 0; i < 2; ++i) {
    const int64_t axis = ReadIndexValue(axes, i);
    if (axis < -4 || axis > 3) return false;
    reduced[axis < 0 ? axis + 4 : axis] = true;
  }
  return !reduced[0] && reduced[1] && reduced[2] && !reduced[3];
}

std::unique_ptr<OpKernel> MakeSpatialMeanKernel() { return std::make_unique<SpatialMeanKernel>(); }

}  // namespace qb::onednn
