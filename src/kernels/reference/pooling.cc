// AVERAGE_POOL_2D and MAX_POOL_2D reference kernels, float32, NHWC. With SAME padding the window is cut
// to the input: padded positions take no part in the maximum or the average (the divisor is the number
// of in-bounds elements), as in TensorFlow Lite.
#include <algorithm>
#include <limits>
#include <memory>

#include "kernels/reference/activation.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"
#include "kernels/reference/sliding_window.h"

namespace qb {
namespace {

enum class PoolKind { kAverage, kMax };

template <PoolKind kKind>
class Pool2DKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 1, 1));
    const auto options = OptionsOr<Pool2DOptions>(op);
    const RuntimeTensor& input = io.in(0);
    QB_RETURN_IF_ERROR(CheckType(input, "input", DType::kFloat32));
    QB_RETURN_IF_ERROR(CheckType(io.out(0), "output", DType::kFloat32));
    QB_RETURN_IF_ERROR(CheckRank(input, "input", 4));
    QB_ASSIGN_OR_RETURN(activation_, FloatActivationRange(options.activation));
    QB_ASSIGN_OR_RETURN(window_, PoolWindow(options, input));
    channels_ = input.dim(3);
    return CheckOutputShape(io.out(0), window_.OutputShape(channels_));
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    const SlidingWindow2D& win = window_;
    for (int32_t b = 0; b < win.batch; ++b) {
      for (int32_t oy = 0; oy < win.out_h; ++oy) {
        const int32_t y0 = win.InputRow(oy);
        const int32_t y_begin = std::max(y0, 0);
        const int32_t y_end = std::min(y0 + win.kernel_h, win.in_h);
        for (int32_t ox = 0; ox < win.out_w; ++ox) {
          const int32_t x0 = win.InputCol(ox);
          const int32_t x_begin = std::max(x0, 0);
          const int32_t x_end = std::min(x0 + win.kernel_w, win.in_w);
          float* out = output + ((int64_t{b} * win.out_h + oy) * win.out_w + ox) * channels_;
          for (int32_t c = 0; c < channels_; ++c) {
            float acc = kKind == PoolKind::kMax ? -std::numeric_limits<float>::infinity() : 0.0f;
            int32_t count = 0;
            for (int32_t y = y_begin; y < y_end; ++y) {
              for (int32_t x = x_begin; x < x_end; ++x) {
                const float v = input[((int64_t{b} * win.in_h + y) * win.in_w + x) * channels_ + c];
                acc = kKind == PoolKind::kMax ? std::max(acc, v) : acc + v;
                ++count;
              }
            }
            if (kKind == PoolKind::kAverage) acc = count > 0 ? acc / static_cast<float>(count) : 0.0f;
            out[c] = activation_.Apply(acc);
          }
        }
      }
    }
  }

 private:
  SlidingWindow2D window_;
  int32_t channels_ = 0;
  ActivationRange activation_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatAveragePool2DKernel() {
  return std::make_unique<Pool2DKernel<PoolKind::kAverage>>();
}
std::unique_ptr<OpKernel> MakeFloatMaxPool2DKernel() { return std::make_unique<Pool2DKernel<PoolKind::kMax>>(); }

}  // namespace qb
