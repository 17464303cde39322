// FULLY_CONNECTED on oneDNN's inner_product_forward: the input read as [rows, K] (nc), TensorFlow Lite's
// weights [Cout, K] (oi) reordered once into the primitive's layout, output [rows, Cout].
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

class FullyConnectedKernel final : public PrimitiveKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatFullyConnectedKernel()->Prepare(op, io));
    const RuntimeTensor& weights = io.in(1);
    const int64_t channels = weights.dim(0), depth = weights.dim(1);
    const int64_t rows = io.in(0).num_elements() / depth;
    QB_ASSIGN_OR_RETURN(const ActivationRange activation,
                        FloatActivationRange(OptionsOr<FullyConnectedOptions>(op).activation));
    const dnnl::memory::desc src({rows, depth}, kF32, tag::nc);
    const dnnl::memory::desc dst({rows, channels}, kF32, tag::nc);
    const dnnl::memory::desc user_weights({channels, depth}, kF32, tag::oi);
    const dnnl::memory::desc any_weights({channels, depth}, kF32, tag::any);
    const dnnl::memory::desc bias =
        io.has_input(2) ? dnnl::memory::desc({channels}, kF32, tag::a) : dnnl::memory::desc();
    try {
      dnnl::inner_product_forward::desc desc(dnnl::prop_kind::forward_inference, src, any_weights, bias, dst);
      dnnl::inner_product_forward::primitive_desc pd(desc, KernelAttributes(activation), CpuEngine());
      std::unordered_map<int, dnnl::memory> constants;
      constants[DNNL_ARG_WEIGHTS] = PackWeights(user_weights, weights.data, pd.weights_desc());
      if (io.has_input(2)) constants[DNNL_ARG_BIAS] = dnnl::memory(bias, CpuEngine(), io.in(2).data);
      primitive_ = BoundPrimitive(dnnl::inner_product_forward(pd), pd, std::move(constants));
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this fully connected layer ({}); run it with --float_backend=reference",
                    e.what());
    }
    return OkStatus();
  }
};

}  // namespace

std::unique_ptr<OpKernel> MakeFullyConnectedKernel() { return std::make_unique<FullyConnectedKernel>(); }

}  // namespace qb::onednn
