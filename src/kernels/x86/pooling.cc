// The x86-64 pooling kernels' driver (pooling.h): per output position, the pointers to the in-bounds taps
// (row by row, as the reference visits them), then the AVX2 loop over channels. A window inside the input
// takes its pointers from offsets computed once (ForEachTap's bounds checks cost as much as the AVX2 loop
// over ResNet50's 64 channels); one that overlaps the padding visits its taps.
#include "kernels/x86/pooling.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "kernels/reference/activation.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"
#include "kernels/reference/sliding_window.h"
#include "kernels/threading/parallel_for.h"
#include "kernels/x86/pooling_avx2.h"

namespace qb {
namespace {

template <bool kMax>
class X86Pool2DKernel final : public OpKernel {
 public:
  explicit X86Pool2DKernel(int num_threads) : num_threads_(num_threads) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR((kMax ? MakeFloatMaxPool2DKernel() : MakeFloatAveragePool2DKernel())->Prepare(op, io));
    const auto options = OptionsOr<Pool2DOptions>(op);
    QB_ASSIGN_OR_RETURN(activation_, FloatActivationRange(options.activation));
    QB_ASSIGN_OR_RETURN(window_, PoolWindow(options, io.in(0)));
    channels_ = io.in(0).dim(3);
    parts_ = std::max(1, std::min(num_threads_, window_.batch * window_.out_h));
    // Offsets only for a window that fits in the input (else no window is inside it): at most one per input
    // pixel, whatever kernel size a file declares.
    tap_offsets_.clear();
    const SlidingWindow2D& w = window_;
    const bool fits =
        int64_t{w.kernel_h - 1} * w.dilation_h < w.in_h && int64_t{w.kernel_w - 1} * w.dilation_w < w.in_w;
    for (int32_t ky = 0; fits && ky < w.kernel_h; ++ky) {
      for (int32_t kx = 0; kx < w.kernel_w; ++kx) {
        tap_offsets_.push_back((int64_t{ky} * w.dilation_h * w.in_w + int64_t{kx} * w.dilation_w) * channels_);
      }
    }
    return OkStatus();
  }

  // Each part's list of tap pointers.
  size_t ScratchBytes() const override {
    return static_cast<size_t>(parts_) * TapsPerWindow() * sizeof(const float*);
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    const int32_t rows = window_.batch * window_.out_h;
    ParallelFor(num_threads_, parts_, [&](int32_t part) {
      auto* taps = reinterpret_cast<const float**>(scratch) + static_cast<size_t>(part) * TapsPerWindow();
      const auto share = EvenShare(rows, part, parts_);
      for (int32_t row = share.begin; row < share.end; ++row) {
        PoolRow(input, output, row / window_.out_h, row % window_.out_h, taps);
      }
    });
  }

  std::string Implementation() const override {
    return kMax ? "x86 maxpool_pixel_f32_avx2" : "x86 avgpool_pixel_f32_avx2";
  }

 private:
  // The most in-bounds taps one output position has: the window cut to the input (a SAME window may be far
  // larger than the input; a file's pool has no weights to bound it).
  size_t TapsPerWindow() const {
    return static_cast<size_t>(std::min(window_.kernel_h, window_.in_h)) * std::min(window_.kernel_w, window_.in_w);
  }

  // Output row oy of image b.
  void PoolRow(const float* input, float* output, int32_t b, int32_t oy, const float** taps) const {
    const SlidingWindow2D& w = window_;
    const float* image = input + int64_t{b} * w.in_h * w.in_w * channels_;
    float* out = output + (int64_t{b} * w.out_h + oy) * w.out_w * channels_;
    const int32_t top = w.InputRow(oy);
    const bool rows_inside = top >= 0 && w.InputRow(oy, w.kernel_h - 1) < w.in_h;
    for (int32_t ox = 0; ox < w.out_w; ++ox, out += channels_) {
      int32_t count = 0;
      const int32_t left = w.InputCol(ox);
      if (rows_inside && left >= 0 && w.InputCol(ox, w.kernel_w - 1) < w.in_w) {
        const float* corner = image + (int64_t{top} * w.in_w + left) * channels_;
        for (const int64_t offset : tap_offsets_) taps[count++] = corner + offset;
      } else {
        w.ForEachTap(oy, ox, [&](int32_t, int32_t, int32_t iy, int32_t ix) {
          taps[count++] = image + (int64_t{iy} * w.in_w + ix) * channels_;
        });
      }
      if (kMax) {
        maxpool_pixel_f32_avx2(taps, count, channels_, activation_.min, activation_.max, out);
      } else {
        avgpool_pixel_f32_avx2(taps, count, channels_, activation_.min, activation_.max, out);
      }
    }
  }

  int num_threads_;
  SlidingWindow2D window_;
  int32_t channels_ = 0, parts_ = 1;
  std::vector<int64_t> tap_offsets_;  // of the window's taps from its top-left one, row by row
  ActivationRange activation_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeX86AveragePool2DKernel(int num_threads) {
  return std::make_unique<X86Pool2DKernel<false>>(num_threads);
}
std::unique_ptr<OpKernel> MakeX86MaxPool2DKernel(int num_threads) {
  return std::make_unique<X86Pool2DKernel<true>>(num_threads);
}

}  // namespace qb
