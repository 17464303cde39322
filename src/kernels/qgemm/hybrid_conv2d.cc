// Hybrid CONV_2D of the own kernels (every architecture; groups = 1): the image is quantized into scratch
// (the level's quantize_image: the reference's QuantizeImageAsymmetric or its exact copy), or taken from
// the ops that share it (kernels/shared_quantized_input.h); then a block of output positions at a time is
// unrolled (im2col) into rows of KH * KW * Cin values in the filter's [Cout][KH][KW][Cin] order, padded
// taps holding the zero point (so they add exactly 0), and multiplied with the packed filter by the
// level's GEMM tile (qgemm.h).
// A 1x1, stride-1 convolution whose Cin is a multiple of 16 reads its rows straight from the image. A fused
// residual ADD (reference/residual_add.h) is added in the output pass, before the ADD's activation.
#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "kernels/qgemm/qgemm_hybrid_kernels.h"
#include "kernels/scratch.h"
#include "kernels/qgemm/qgemm.h"
#include "kernels/reference/float_conv_common.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/residual_add.h"

namespace qb {
namespace {

class QGemmHybridConv2DKernel final : public OpKernel {
 public:
  QGemmHybridConv2DKernel(QGemmIsa isa, int num_threads, HybridInputBits bits)
      : microkernels_(MicrokernelsFor(isa)), num_threads_(num_threads), bits_(bits) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    residual_ = HasResidualAdd(op);
    if (!residual_) return PrepareConvolution(op, io);
    // A fused residual ADD (reference/residual_add.h): the convolution without activation, then the residual
    // and the ADD's activation in the output pass.
    QB_RETURN_IF_ERROR(CheckResidualInput(io));
    const ResidualSplit split = SplitResidualAdd(op, io);
    QB_RETURN_IF_ERROR(PrepareConvolution(split.convolution, split.io));
    QB_ASSIGN_OR_RETURN(conv_.activation, FloatActivationRange(std::get<Conv2DOptions>(op.options).activation));
    return OkStatus();
  }

  size_t ScratchBytes() const override {
    return AlignScratch(conv_.InputImageSize(in_c_)) + AlignScratch(UnrolledBytes()) +
           QGemmWideRowBytes(weights_, plan_);
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    const float* bias = io.has_input(2) ? io.in(2).data_as<const float>() : nullptr;
    const float* residual = residual_ ? io.in(kResidualInput).data_as<const float>() : nullptr;
    float* output = io.out(0).data_as<float>();
    uint8_t* unrolled_bytes = scratch + AlignScratch(conv_.InputImageSize(in_c_));
    auto* unrolled = reinterpret_cast<int8_t*>(unrolled_bytes);
    auto* wide_rows = reinterpret_cast<int16_t*>(unrolled_bytes + AlignScratch(UnrolledBytes()));
    const SlidingWindow2D& w = conv_.window;
    const size_t image_size = conv_.InputImageSize(in_c_);
    auto quantize = [&](int64_t b, uint8_t* into) {
      return microkernels_.quantize_image(input + b * image_size, image_size, reinterpret_cast<int8_t*>(into), bits_,
                                          num_threads_);
    };
    shared_.QuantizeIfFirst(w.batch, quantize);
    for (int32_t b = 0; b < w.batch; ++b) {
      const SharedImages<QuantizedImage>::Image taken = shared_.Take(b, scratch, quantize);
      const auto* image = reinterpret_cast<const int8_t*>(taken.bytes);
      const QuantizedImage& q = taken.parameters;
      const size_t output_offset = b * conv_.OutputImageSize(out_c_);
      float* y = output + output_offset;
      const float* r = residual == nullptr ? nullptr : residual + output_offset;
      conv_.terms.Set(q.scale, conv_.filter.channel_scales, bias);
      RunQGemmRows(microkernels_, plan_, weights_, conv_.activation, wide_rows,
                   [&](QGemmRowTile& tile, int32_t m, int32_t p, int32_t slot) {
                     tile.rows[m] = direct_rows_ ? image + int64_t{p} * in_c_
                                                 : Unroll(image, q.zero_point, p / w.out_w, p % w.out_w,
                                                          unrolled + int64_t{slot} * weights_.padded_depth);
                     tile.zero_points[m] = q.zero_point;
                     tile.terms[m] = &conv_.terms;
                     tile.outputs[m] = y + int64_t{p} * out_c_;
                     tile.residuals[m] = r == nullptr ? nullptr : r + int64_t{p} * out_c_;
                   });
    }
  }

  std::optional<QuantizedInputForm> ShareableQuantizedInput() const override {
    const size_t image_size = conv_.InputImageSize(in_c_);
    return QuantizedInputForm{fmt::format("s8{}, {} image(s) of {} values", QGemmInputBitsSuffix(bits_),
                                          conv_.window.batch, image_size),
                              SharedImages<QuantizedImage>::Bytes(conv_.window.batch, image_size)};
  }
  void UseSharedQuantizedInput(uint8_t* memory, bool quantizes) override {
    shared_.Attach(memory, quantizes, conv_.InputImageSize(in_c_));
  }

  std::string Implementation() const override {
    return std::string("qgemm ") + (direct_rows_ ? "gemm " : "im2col+gemm ") +
           std::string(QGemmTileName(microkernels_, plan_)) + std::string(QGemmInputBitsSuffix(bits_));
  }

 private:
  // The plain convolution's setup: the reference's checks, the packed filter, the row source and blocks.
  Status PrepareConvolution(const Op& op, const KernelIo& io) {
    QB_RETURN_IF_ERROR(MakeFloatConv2DKernel()->Prepare(op, io));  // the reference's checks and messages
    const RuntimeTensor& filter = io.in(1);
    in_c_ = io.in(0).dim(3);
    out_c_ = filter.dim(0);
    QB_ASSIGN_OR_RETURN(conv_, PrepareFloatConv(OptionsOr<Conv2DOptions>(op), io, out_c_, 0));
    const int32_t depth = conv_.window.kernel_h * conv_.window.kernel_w * in_c_;
    weights_ = PackQGemmWeights(filter.data_as<const int8_t>(), out_c_, depth, conv_.filter.channel_scales,
                                microkernels_.layout);
    const SlidingWindow2D& w = conv_.window;
    direct_rows_ = w.kernel_h == 1 && w.kernel_w == 1 && w.stride_h == 1 && w.stride_w == 1 && w.pad_top == 0 &&
                   w.pad_left == 0 && in_c_ == weights_.padded_depth;
    plan_ = PlanQGemm(weights_, w.out_h * w.out_w, num_threads_);
    return OkStatus();
  }

  // The im2col rows of every worker's block (none when rows are read from the image).
  size_t UnrolledBytes() const {
    return direct_rows_ ? 0 : static_cast<size_t>(plan_.Slots()) * weights_.padded_depth;
  }

  // Writes the im2col row of output position (oy, ox) to `row` and returns it. Without dilation the taps of
  // one kernel row are adjacent in the image: one copy per kernel row (7 x 3 bytes at once in a 7x7 stem).
  const int8_t* Unroll(const int8_t* image, int32_t zero_point, int32_t oy, int32_t ox, int8_t* row) const {
    const SlidingWindow2D& w = conv_.window;
    const size_t window_row = static_cast<size_t>(w.kernel_w) * in_c_;
    int8_t* out = row;
    for (int32_t ky = 0; ky < w.kernel_h; ++ky) {
      const int32_t iy = w.InputRow(oy, ky);
      if (iy < 0 || iy >= w.in_h) {
        std::memset(out, zero_point, window_row);
        out += window_row;
        continue;
      }
      const int8_t* image_row = image + int64_t{iy} * w.in_w * in_c_;
      if (w.dilation_w == 1) {
        const int32_t ix0 = w.InputCol(ox);
        const int32_t first = std::clamp(-ix0, 0, w.kernel_w), last = std::clamp(w.in_w - ix0, first, w.kernel_w);
        std::memset(out, zero_point, static_cast<size_t>(first) * in_c_);
        if (last > first) {
          std::memcpy(out + int64_t{first} * in_c_, image_row + (int64_t{ix0} + first) * in_c_,
                      static_cast<size_t>(last - first) * in_c_);
        }
        std::memset(out + int64_t{last} * in_c_, zero_point, static_cast<size_t>(w.kernel_w - last) * in_c_);
        out += window_row;
        continue;
      }
      for (int32_t kx = 0; kx < w.kernel_w; ++kx, out += in_c_) {
        const int32_t ix = w.InputCol(ox, kx);
        if (ix < 0 || ix >= w.in_w) {
          std::memset(out, zero_point, static_cast<size_t>(in_c_));
        } else {
          std::memcpy(out, image_row + int64_t{ix} * in_c_, static_cast<size_t>(in_c_));
        }
      }
    }
    std::memset(out, 0, static_cast<size_t>(row + weights_.padded_depth - out));  // meets zero weights
    return row;
  }

  QGemmMicrokernels microkernels_;
  int32_t in_c_ = 0, out_c_ = 0;
  FloatConvSetup conv_;
  PackedQGemmWeights weights_;
  bool direct_rows_ = false;
  bool residual_ = false;  // a fused residual ADD: input kResidualInput is added before the activation
  int num_threads_ = 1;
  HybridInputBits bits_;
  QGemmPlan plan_;  // the output positions of one image, in blocks shared by the threads (qgemm.h)
  SharedImages<QuantizedImage> shared_;  // attached when the runtime shares this op's quantized input
};

}  // namespace

std::unique_ptr<OpKernel> MakeQGemmHybridConv2DKernel(QGemmIsa isa, int num_threads, HybridInputBits bits) {
  return std::make_unique<QGemmHybridConv2DKernel>(isa, num_threads, bits);
}

}  // namespace qb
