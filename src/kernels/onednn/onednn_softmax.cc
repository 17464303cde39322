// SOFTMAX of a float32 tensor over its last axis on oneDNN's softmax_forward (row-major). oneDNN 2.6 has
// no beta: only beta = 1 comes here (onednn_backend.cc); any other stays on the reference kernel.
#include <memory>

#include "kernels/onednn/onednn_context.h"
#include "kernels/onednn/onednn_kernels.h"
#include "kernels/onednn/onednn_primitive_kernel.h"
#include "kernels/reference/float_kernels.h"

namespace qb::onednn {
namespace {

class SoftmaxKernel final : public PrimitiveKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatSoftmaxKernel()->Prepare(op, io));
    const dnnl::memory::desc data = RowMajorFloatDesc(io.in(0).shape);
    const int axis = static_cast<int>(data.dims().size()) - 1;
    try {
      dnnl::softmax_forward::desc desc(dnnl::prop_kind::forward_inference, data, axis);
      dnnl::softmax_forward::primitive_desc pd(desc, KernelAttributes(ActivationRange{}), CpuEngine());
      primitive_ = BoundPrimitive(dnnl::softmax_forward(pd), pd, {});
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this SOFTMAX ({}); run it with --float_backend=reference", e.what());
    }
    return OkStatus();
  }
};

}  // namespace

std::unique_ptr<OpKernel> MakeSoftmaxKernel() { return std::make_unique<SoftmaxKernel>(); }

}  // namespace qb::onednn
