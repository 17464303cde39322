// Hybrid DEPTHWISE_CONV_2D of the own kernels (every architecture): the image is quantized into scratch
// (the level's quantize_image: the reference's QuantizeImageAsymmetric or its exact copy); with a depth
// multiplier above 1 it is then widened to one value per output channel (channel oc holds input channel
// oc / multiplier), so the kernel always pairs input and filter channel by channel. Per output position the
// taps that read the input (padded taps add 0 and are left out) are handed to the level's microkernel
// (dwconv_microkernels.h) as pointers, then rescaled like the reference (by the level's vector epilogue
// where the biases fold).
// The filter [1, KH, KW, Cout] is used in its own layout: one row of Cout weights per tap.
#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "kernels/qgemm/qgemm_hybrid_kernels.h"
#include "kernels/scratch.h"
#include "kernels/reference/float_conv_common.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/threading/parallel_for.h"

namespace qb {
namespace {

class QGemmHybridDepthwiseConv2DKernel final : public OpKernel {
 public:
  QGemmHybridDepthwiseConv2DKernel(QGemmIsa isa, int num_threads, HybridInputBits bits)
      : microkernels_(MicrokernelsFor(isa)), num_threads_(num_threads), bits_(bits) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatDepthwiseConv2DKernel()->Prepare(op, io));  // the reference's checks
    in_c_ = io.in(0).dim(3);
    out_c_ = io.in(1).dim(3);
    multiplier_ = out_c_ / in_c_;
    QB_ASSIGN_OR_RETURN(conv_, PrepareFloatConv(OptionsOr<DepthwiseConv2DOptions>(op), io, out_c_, 3));
    taps_ = static_cast<size_t>(conv_.window.kernel_h) * conv_.window.kernel_w;
    weights_.Resize(taps_ * out_c_);
    std::memcpy(weights_.data(), io.in(1).data, taps_ * out_c_);
    workers_ = std::max(1, std::min(num_threads_, conv_.window.out_h));
    no_correction_.assign(static_cast<size_t>(out_c_), 0);
    return OkStatus();
  }

  size_t ScratchBytes() const override {
    return AlignScratch(ImageBytes()) + (multiplier_ > 1 ? AlignScratch(WideImageBytes()) : 0) +
           static_cast<size_t>(workers_) * WorkerBytes();
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    const float* bias = io.has_input(2) ? io.in(2).data_as<const float>() : nullptr;
    float* output = io.out(0).data_as<float>();
    auto* image = reinterpret_cast<int8_t*>(scratch);
    auto* wide = multiplier_ > 1 ? image + AlignScratch(ImageBytes()) : image;
    uint8_t* worker_scratch =
        scratch + AlignScratch(ImageBytes()) + (multiplier_ > 1 ? AlignScratch(WideImageBytes()) : 0);
    const SlidingWindow2D& w = conv_.window;
    const auto* filter = reinterpret_cast<const int8_t*>(weights_.data());
    for (int32_t b = 0; b < w.batch; ++b) {
      const QuantizedImage q = microkernels_.quantize_image(input + b * ImageBytes(), ImageBytes(), image, bits_, num_threads_);
      conv_.terms.Set(q.scale, conv_.filter.channel_scales, bias);
      if (multiplier_ > 1) Widen(image, wide);
      float* y = output + b * conv_.OutputImageSize(out_c_);
      // The output rows in an even share per worker, each with its own accumulators and tap lists.
      ParallelFor(num_threads_, workers_, [&](int32_t worker) {
        uint8_t* own = worker_scratch + static_cast<size_t>(worker) * WorkerBytes();
        auto* acc = reinterpret_cast<int32_t*>(own);
        auto* tap_inputs = reinterpret_cast<const int8_t**>(own + AlignScratch(sizeof(int32_t) * out_c_));
        const int8_t** tap_weights = tap_inputs + taps_;
        QGemmFoldedOutput folded = FoldedOutput();
        const auto rows = EvenShare(w.out_h, worker, workers_);
        for (int32_t oy = rows.begin; oy < rows.end; ++oy) {
          for (int32_t ox = 0; ox < w.out_w; ++ox) {
            int32_t taps = 0;
            w.ForEachTap(oy, ox, [&](int32_t ky, int32_t kx, int32_t iy, int32_t ix) {
              tap_inputs[taps] = wide + (int64_t{iy} * w.in_w + ix) * out_c_;
              tap_weights[taps] = filter + (int64_t{ky} * w.kernel_w + kx) * out_c_;
              ++taps;
            });
            microkernels_.dwconv(tap_inputs, tap_weights, taps, out_c_, q.zero_point, acc);
            Finish(acc, folded, y + (int64_t{oy} * w.out_w + ox) * out_c_);
          }
        }
      });
    }
  }

  std::string Implementation() const override {
    return "qgemm indirect " + std::string(microkernels_.dwconv_name) + std::string(QGemmInputBitsSuffix(bits_));
  }

 private:
  size_t ImageBytes() const { return conv_.InputImageSize(in_c_); }
  size_t WideImageBytes() const { return conv_.InputImageSize(out_c_); }
  // One worker's accumulators and tap lists (input and filter pointers).
  size_t WorkerBytes() const {
    return AlignScratch(sizeof(int32_t) * static_cast<size_t>(out_c_)) + AlignScratch(2 * taps_ * sizeof(const int8_t*));
  }

  // The vector epilogue's view of one output position (its output set per position) for the current image's
  // terms, or rows = 0 when some bias is not folded.
  QGemmFoldedOutput FoldedOutput() const {
    QGemmFoldedOutput folded;
    if (!conv_.terms.all_folded()) return folded;
    folded.rows = 1;
    folded.scales[0] = conv_.terms.scales();
    folded.biases[0] = conv_.terms.biases_in_accumulator_units();
    folded.channel_sums = no_correction_.data();  // the accumulators are already exact
    folded.min = conv_.activation.min;
    folded.max = conv_.activation.max;
    return folded;
  }

  // One output position from its exact accumulators: the level's vector epilogue for the channels it takes
  // (folded biases, groups of 4), the reference epilogue for the rest.
  void Finish(const int32_t* acc, QGemmFoldedOutput& folded, float* out) const {
    int32_t c = 0;
    if (folded.rows > 0) {
      c = out_c_ / 4 * 4;
      folded.outputs[0] = out;
      if (c > 0) microkernels_.folded_store(acc, out_c_, folded, 0, c);
    }
    for (; c < out_c_; ++c) out[c] = conv_.activation.Apply(conv_.terms.Apply(acc[c], static_cast<size_t>(c)));
  }

  // wide[pixel][oc] = image[pixel][oc / multiplier].
  void Widen(const int8_t* image, int8_t* wide) const {
    const size_t pixels = static_cast<size_t>(conv_.window.in_h) * conv_.window.in_w;
    for (size_t p = 0; p < pixels; ++p) {
      for (int32_t ic = 0; ic < in_c_; ++ic) {
        std::memset(wide + p * out_c_ + ic * multiplier_, image[p * in_c_ + ic], static_cast<size_t>(multiplier_));
      }
    }
  }

  QGemmMicrokernels microkernels_;
  int32_t in_c_ = 0, out_c_ = 0, multiplier_ = 1;
  FloatConvSetup conv_;
  AlignedBuffer weights_;
  size_t taps_ = 0;      // KH * KW
  int num_threads_ = 1;
  HybridInputBits bits_;
  int32_t workers_ = 1;  // tasks per image, each with its own share of the output rows and scratch
  std::vector<int32_t> no_correction_;  // zeros: the epilogue's channel sums
};

}  // namespace

std::unique_ptr<OpKernel> MakeQGemmHybridDepthwiseConv2DKernel(QGemmIsa isa, int num_threads, HybridInputBits bits) {
  return std::make_unique<QGemmHybridDepthwiseConv2DKernel>(isa, num_threads, bits);
}

}  // namespace qb
