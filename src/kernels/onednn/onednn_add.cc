// ADD of two float32 tensors of one shape on oneDNN's binary_add, the fused activation as an eltwise
// post-op. Elementwise on equal shapes, so both are described as one flat vector.
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

class AddKernel final : public PrimitiveKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatAddKernel()->Prepare(op, io));
    QB_ASSIGN_OR_RETURN(const ActivationRange activation, FloatActivationRange(OptionsOr<AddOptions>(op).activation));
    const dnnl::memory::desc flat({io.out(0).num_elements()}, kF32, tag::a);
    try {
      dnnl::binary::desc desc(dnnl::algorithm::binary_add, flat, flat, flat);
      dnnl::binary::primitive_desc pd(desc, KernelAttributes(activation), CpuEngine());
      primitive_ = BoundPrimitive(dnnl::binary(pd), pd, {});
      primitive_.BindSecondSource(flat);
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this ADD ({}); run it with --float_backend=reference", e.what());
    }
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    primitive_.Execute(io.in(0).data, io.in(1).data, io.out(0).data, scratch);
  }
};

}  // namespace

std::unique_ptr<OpKernel> MakeAddKernel() { return std::make_unique<AddKernel>(); }

}  // namespace qb::onednn
