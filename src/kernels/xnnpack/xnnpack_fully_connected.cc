// FULLY_CONNECTED on xnn_create_fully_connected_nc_f32: the input read as [rows, K], TensorFlow Lite's
// weights [Cout, K] (XNNPACK's untransposed layout), packed by XNNPACK when the operator is created.
#include <memory>

#include "kernels/reference/activation.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"
#include "kernels/xnnpack/xnnpack_kernels.h"
#include "kernels/xnnpack/xnnpack_operator.h"

namespace qb::xnnpack {
namespace {

class FullyConnectedKernel final : public OpKernel {
 public:
  explicit FullyConnectedKernel(int num_threads) : pool_(SharedThreadPool(num_threads)) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatFullyConnectedKernel()->Prepare(op, io));
    const RuntimeTensor& weights = io.in(1);
    const auto channels = static_cast<size_t>(weights.dim(0));
    const auto depth = static_cast<size_t>(weights.dim(1));
    rows_ = static_cast<size_t>(io.in(0).num_elements()) / depth;
    QB_ASSIGN_OR_RETURN(const ActivationRange activation,
                        FloatActivationRange(OptionsOr<FullyConnectedOptions>(op).activation));
    xnn_operator_t created = nullptr;
    const xnn_status status = xnn_create_fully_connected_nc_f32(
        depth, channels, depth, channels, weights.data_as<const float>(),
        io.has_input(2) ? io.in(2).data_as<const float>() : nullptr, activation.min, activation.max, 0, &created);
    operator_.reset(created);
    return CheckXnn(status, "xnn_create_fully_connected_nc_f32");
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    if (operator_.NeedsSetup(input, output)) {
      xnn_setup_fully_connected_nc_f32(operator_.get(), rows_, input, output, pool_);
    }
    xnn_run_operator(operator_.get(), pool_);
  }

  std::string Implementation() const override { return "xnnpack fully_connected_nc_f32"; }

 private:
  pthreadpool_t pool_;
  size_t rows_ = 0;
  Operator operator_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeFullyConnectedKernel(int num_threads) {
  return std::make_unique<FullyConnectedKernel>(num_threads);
}

}  // namespace qb::xnnpack
