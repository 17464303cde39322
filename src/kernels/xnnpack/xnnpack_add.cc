// ADD of two float32 tensors of one shape on xnn_create_add_nd_f32, both read as one flat vector; the fused
// activation is the operator's output clamp.
#include <memory>

#include "kernels/reference/activation.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"
#include "kernels/xnnpack/xnnpack_kernels.h"
#include "kernels/xnnpack/xnnpack_operator.h"

namespace qb::xnnpack {
namespace {

class AddKernel final : public OpKernel {
 public:
  explicit AddKernel(int num_threads) : pool_(SharedThreadPool(num_threads)) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatAddKernel()->Prepare(op, io));
    QB_ASSIGN_OR_RETURN(const ActivationRange activation, FloatActivationRange(OptionsOr<AddOptions>(op).activation));
    elements_ = static_cast<size_t>(io.out(0).num_elements());
    xnn_operator_t created = nullptr;
    const xnn_status status = xnn_create_add_nd_f32(activation.min, activation.max, 0, &created);
    operator_.reset(created);
    return CheckXnn(status, "xnn_create_add_nd_f32");
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* a = io.in(0).data_as<const float>();
    const float* b = io.in(1).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    if (operator_.NeedsSetup(a, output, b)) {
      const size_t shape[1] = {elements_};
      xnn_setup_add_nd_f32(operator_.get(), 1, shape, 1, shape, a, b, output, pool_);
    }
    xnn_run_operator(operator_.get(), pool_);
  }

  std::string Implementation() const override { return "xnnpack add_nd_f32"; }

 private:
  pthreadpool_t pool_;
  size_t elements_ = 0;
  Operator operator_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeAddKernel(int num_threads) { return std::make_unique<AddKernel>(num_threads); }

}  // namespace qb::xnnpack
