// AVERAGE_POOL_2D and MAX_POOL_2D on UINT8 and INT8 activations, TensorFlow Lite's reference integer
// pooling: the window covers only in-bounds input positions (padding is not counted), the average rounds
// half away from zero ((sum +- count / 2) / count), then the fused activation clamps. Input and output
// share their quantization. Bit-exact.
#include "kernels/reference/integer_common.h"
#include "kernels/reference/sliding_window.h"

#include <limits>

namespace qb {
namespace {

class IntegerPool2D final : public Integer8Kernel<IntegerPool2D> {
 public:
  explicit IntegerPool2D(OpType type) : average_(type == OpType::kAveragePool2D) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    const Pool2DOptions options = OptionsOr<Pool2DOptions>(op);
    QB_RETURN_IF_ERROR(CheckInteger8InOut(io));
    const RuntimeTensor& input = io.in(0);
    QB_RETURN_IF_ERROR(CheckRank(input, "input 0", 4));
    QB_ASSIGN_OR_RETURN(const QuantParams quant, SharedInOutQuant(io));
    QB_ASSIGN_OR_RETURN(window_, PoolWindow(options, input));
    channels_ = input.dim(3);
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), window_.OutputShape(channels_)));
    QB_ASSIGN_OR_RETURN(act_, QuantizedActivationRange(options.activation, input.type, quant));
    return OkStatus();
  }

 private:
  friend class Integer8Kernel<IntegerPool2D>;

  template <typename T>
  void Run(const KernelIo& io, uint8_t* /*scratch*/) const {
    const SlidingWindow2D& win = window_;
    const T* in = io.in(0).data_as<T>();
    T* out = io.out(0).data_as<T>();
    for (int32_t b = 0; b < win.batch; ++b) {
      for (int32_t oy = 0; oy < win.out_h; ++oy) {
        const int32_t y0 = win.InputRow(oy);
        const int32_t y_begin = std::max(y0, 0), y_end = std::min(y0 + win.kernel_h, win.in_h);
        for (int32_t ox = 0; ox < win.out_w; ++ox) {
          const int32_t x0 = win.InputCol(ox);
          const int32_t x_begin = std::max(x0, 0), x_end = std::min(x0 + win.kernel_w, win.in_w);
          const int32_t count = (y_end - y_begin) * (x_end - x_begin);
          for (int32_t c = 0; c < channels_; ++c) {
            int32_t acc = average_ ? 0 : std::numeric_limits<int32_t>::min();
            for (int32_t y = y_begin; y < y_end; ++y) {
              for (int32_t x = x_begin; x < x_end; ++x) {
                const int32_t v = in[((static_cast<int64_t>(b) * win.in_h + y) * win.in_w + x) * channels_ + c];
                acc = average_ ? acc + v : std::max(acc, v);
              }
            }
            if (average_ && count > 0) acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
            *out++ = ClampCast<T>(acc, act_);
          }
        }
      }
    }
  }

  bool average_;
  SlidingWindow2D window_;
  int32_t channels_ = 0;
  IntRange act_;
};

}  // namespace

std::unique_ptr<OpKernel> NewIntegerPool2D(OpType type) { return std::make_unique<IntegerPool2D>(type); }

}  // namespace qb
