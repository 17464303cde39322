// FULLY_CONNECTED on UINT8 and INT8 activations with per-tensor or per-channel (dimension 0) weights
// [units, depth], optional INT32 bias, keep_num_dims; TensorFlow Lite's reference integer kernel: the
// input is read as [elements / depth, depth]. Bit-exact.
#include "kernels/reference/integer_common.h"

namespace qb {
namespace {

class IntegerFullyConnected final : public Integer8Kernel<IntegerFullyConnected> {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    const FullyConnectedOptions options = OptionsOr<FullyConnectedOptions>(op);
    if (io.inputs.size() < 2 || !io.has_input(1)) return Errorf("expected input, weights and optional bias");
    if (options.weights_format != 0) return Errorf("shuffled weights formats are not supported");
    QB_RETURN_IF_ERROR(CheckInteger8InOut(io));
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& filter = io.in(1);
    QB_RETURN_IF_ERROR(CheckRank(filter, "weights (input 1)", 2));
    const int32_t units = filter.dim(0), depth = filter.dim(1);
    if (depth <= 0 || input.rank() < 1 || input.num_elements() % depth != 0) {
      return Errorf("input {} cannot be read as rows of the weights' depth {}", ShapeToString(input.shape), depth);
    }
    Shape computed;
    if (options.keep_num_dims) {
      if (input.dim(input.rank() - 1) != depth) {
        return Errorf("keep_num_dims needs the input's last dimension {} to equal the weights' depth {}",
                      input.dim(input.rank() - 1), depth);
      }
      computed = input.shape;
      computed.back() = units;
    } else {
      computed = {static_cast<int32_t>(input.num_elements() / depth), units};
    }
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), computed));
    QB_ASSIGN_OR_RETURN(quant_, PrepareWeightedOpQuant(io, options.activation, units, 0));
    rows_ = input.num_elements() / depth;
    units_ = units;
    depth_ = depth;
    return OkStatus();
  }

 private:
  friend class Integer8Kernel<IntegerFullyConnected>;

  template <typename T>
  void Run(const KernelIo& io, uint8_t* /*scratch*/) const {
    const T* in = io.in(0).data_as<T>();
    const T* w = io.in(1).data_as<T>();
    const int32_t* bias = io.has_input(2) ? io.in(2).data_as<int32_t>() : nullptr;
    T* out = io.out(0).data_as<T>();
    for (int64_t r = 0; r < rows_; ++r) {
      const T* x = in + r * depth_;
      for (int32_t u = 0; u < units_; ++u) {
        const T* k = w + static_cast<int64_t>(u) * depth_;
        int32_t acc = 0;
        for (int32_t d = 0; d < depth_; ++d) acc += (x[d] + quant_.input_offset) * (k[d] + quant_.filter_offset);
        if (bias) acc = WrappingAdd(acc, bias[u]);
        acc = quant_.Requantize(acc, static_cast<size_t>(u));
        *out++ = ClampCast<T>(acc, quant_.act);
      }
    }
  }

  int64_t rows_ = 0;
  int32_t units_ = 0, depth_ = 0;
  WeightedOpQuant quant_;
};

}  // namespace

std::unique_ptr<OpKernel> NewIntegerFullyConnected() { return std::make_unique<IntegerFullyConnected>(); }

}  // namespace qb
