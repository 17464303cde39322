// The x86-64 hybrid depthwise convolution's driver (hybrid_depthwise_conv2d.h): the weights packed once
// for the AVX2 loop, then per image the padded u8 image, the epilogue's per-channel terms and the rows.
#include "kernels/x86/hybrid_depthwise_conv2d.h"

#include <algorithm>
#include <string>
#include <vector>

#include "kernels/reference/float_conv_common.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/threading/parallel_for.h"
#include "kernels/x86/hybrid_depthwise_avx2.h"
#include "kernels/x86/hybrid_input_quantizer.h"

namespace qb {
namespace {

class X86HybridDepthwiseConv2DKernel final : public OpKernel {
 public:
  X86HybridDepthwiseConv2DKernel(HybridInputBits bits, int num_threads) : bits_(bits), num_threads_(num_threads) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatDepthwiseConv2DKernel(bits_)->Prepare(op, io));  // the reference's checks
    channels_ = io.in(0).dim(3);
    if (io.out(0).dim(3) != channels_) return Errorf("the x86 hybrid depthwise kernel takes depth multiplier 1 only");
    QB_ASSIGN_OR_RETURN(conv_, PrepareFloatConv(OptionsOr<DepthwiseConv2DOptions>(op), io, channels_, 3));
    const SlidingWindow2D& w = conv_.window;
    layout_ = U8ImageLayout{w.in_h, w.in_w, channels_, w.pad_top, w.pad_left, w.pad_bottom(), w.pad_right()};
    const auto* filter = io.in(1).data_as<const int8_t>();
    filter_.assign(filter, filter + io.in(1).num_elements());
    // 7-bit images: 32-channel groups on vpmaddubsw (hybrid_depthwise_avx2.h), then 16-channel ones.
    groups32_ = bits_ == HybridInputBits::k7 ? channels_ / 32 : 0;
    groups16_ = (channels_ - 32 * groups32_) / 16;
    PackWeights();
    PackWeights32();
    const int64_t row_bytes = int64_t{w.in_w + w.pad_left + w.pad_right()} * channels_;
    tap_offsets_.clear();
    for (int32_t ky = 0; ky < w.kernel_h; ++ky) {
      for (int32_t kx = 0; kx < w.kernel_w; ++kx) {
        tap_offsets_.push_back(int64_t{ky} * w.dilation_h * row_bytes + int64_t{kx} * w.dilation_w * channels_);
      }
    }
    if (tap_offsets_.size() % 2 != 0) tap_offsets_.push_back(tap_offsets_.front());  // times a 0 weight
    row_ = DepthwiseRow{.image = nullptr, .row_bytes = row_bytes, .tap_offsets = tap_offsets_.data(),
                        .taps = w.kernel_h * w.kernel_w, .groups32 = groups32_, .groups = groups16_,
                        .channels = channels_, .out_w = w.out_w, .stride_h = w.stride_h, .stride_w = w.stride_w,
                        .zero_point = 0, .weights32 = packed32_.data(), .weight_sums = weight_sums_.data(),
                        .weights = packed_.data(), .add_before = nullptr, .scale = nullptr, .add_after = nullptr,
                        .lo = conv_.activation.min, .hi = conv_.activation.max};
    add_before_.assign(static_cast<size_t>(channels_), 0.0f);
    add_after_.assign(static_cast<size_t>(channels_), 0.0f);
    row_.add_before = add_before_.data();  // filled per image (SetTerms)
    row_.scale = conv_.terms.scales();
    row_.add_after = add_after_.data();
    parts_ = std::max(1, std::min(num_threads_, w.out_h));
    return OkStatus();
  }

  size_t ScratchBytes() const override { return layout_.PaddedSize(); }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    const float* bias = io.has_input(2) ? io.in(2).data_as<const float>() : nullptr;
    float* output = io.out(0).data_as<float>();
    const SlidingWindow2D& w = conv_.window;
    for (int32_t b = 0; b < w.batch; ++b) {
      const U8Image image =
          QuantizeImageToU8(input + b * conv_.InputImageSize(channels_), layout_, bits_, scratch, num_threads_);
      SetTerms(image.scale, bias);
      DepthwiseRow row = row_;
      row.image = scratch;
      row.zero_point = image.zero_point;
      float* y = output + b * conv_.OutputImageSize(channels_);
      ParallelFor(num_threads_, parts_, [&](int32_t part) {
        const auto rows = EvenShare(w.out_h, part, parts_);
        for (int32_t oy = rows.begin; oy < rows.end; ++oy) {
          float* out = y + int64_t{oy} * w.out_w * channels_;
          if (row.groups32 + row.groups > 0) hybrid_dwconv_row_u8_avx2(row, oy, out);
          FinishChannelTail(row, oy, out);
        }
      });
    }
  }

  std::string Implementation() const override { return "x86 hybrid_dwconv_row_u8_avx2" + U8HybridSuffix(bits_); }

 private:
  // The filter [1, KH, KW, C] as the AVX2 loops read it (hybrid_depthwise_avx2.h): the 16-channel groups.
  void PackWeights() {
    const int32_t taps = Taps(), pairs = (taps + 1) / 2, first = 32 * groups32_;
    packed_.assign(static_cast<size_t>(pairs) * groups16_ * kDepthwisePairLanes, 0);
    for (int32_t p = 0; p < pairs; ++p) {
      for (int32_t g = 0; g < groups16_; ++g) {
        int16_t* out = packed_.data() + (static_cast<size_t>(p) * groups16_ + g) * kDepthwisePairLanes;
        for (int32_t half = 0; half < 2; ++half) {      // the low product vector, then the high one
          for (int32_t lane = 0; lane < 2; ++lane) {    // 128-bit lanes: channels +0 and +8
            for (int32_t i = 0; i < 4; ++i) {
              const int32_t c = first + g * 16 + lane * 8 + half * 4 + i;
              int16_t* pair = out + half * 16 + lane * 8 + i * 2;
              pair[0] = Weight(2 * p, c);
              pair[1] = 2 * p + 1 < taps ? Weight(2 * p + 1, c) : int16_t{0};
            }
          }
        }
      }
    }
  }

  // The 32-channel groups (7-bit images) and their channels' weight sums.
  void PackWeights32() {
    const int32_t taps = Taps(), pairs = (taps + 1) / 2;
    constexpr int32_t kBytes = 2 * kDepthwisePairLanes;
    packed32_.assign(static_cast<size_t>(pairs) * groups32_ * kBytes, 0);
    weight_sums_.assign(static_cast<size_t>(32 * groups32_), 0);
    for (int32_t p = 0; p < pairs; ++p) {
      for (int32_t g = 0; g < groups32_; ++g) {
        int8_t* out = packed32_.data() + (static_cast<size_t>(p) * groups32_ + g) * kBytes;
        for (int32_t half = 0; half < 2; ++half) {      // the low vector (unpacklo), then the high one
          for (int32_t lane = 0; lane < 2; ++lane) {    // 128-bit lanes: channels +0 and +16
            for (int32_t i = 0; i < 8; ++i) {
              const int32_t c = g * 32 + lane * 16 + half * 8 + i;
              int8_t* pair = out + half * 32 + lane * 16 + i * 2;
              pair[0] = Weight(2 * p, c);
              pair[1] = 2 * p + 1 < taps ? Weight(2 * p + 1, c) : int8_t{0};
            }
          }
        }
      }
    }
    for (int32_t t = 0; t < taps; ++t) {
      for (int32_t c = 0; c < 32 * groups32_; ++c) weight_sums_[static_cast<size_t>(c)] += Weight(t, c);
    }
  }
  int32_t Taps() const { return conv_.window.kernel_h * conv_.window.kernel_w; }
  int8_t Weight(int32_t tap, int32_t c) const { return filter_[static_cast<size_t>(tap) * channels_ + c]; }

  // The reference's epilogue as one expression per channel: (float(acc) + add_before) * scale + add_after,
  // with add_after = -0 (the identity of +) for a folded bias and add_before = 0 otherwise.
  void SetTerms(float input_scale, const float* bias) {
    conv_.terms.Set(input_scale, conv_.filter.channel_scales, bias);
    for (size_t c = 0; c < static_cast<size_t>(channels_); ++c) {
      const bool folded = conv_.terms.folded(c);
      add_before_[c] = folded ? conv_.terms.bias_in_accumulator_units(c) : 0.0f;
      add_after_[c] = folded ? -0.0f : conv_.terms.unfolded_bias(c);
    }
  }

  // The channels after the AVX2 loops' groups: the reference's sums and epilogue.
  void FinishChannelTail(const DepthwiseRow& row, int32_t oy, float* out) const {
    const int32_t taps = row.taps;
    const uint8_t* first = row.image + int64_t{oy} * row.stride_h * row.row_bytes;
    for (int32_t ox = 0; ox < row.out_w; ++ox, out += channels_) {
      const uint8_t* pixel = first + int64_t{ox} * row.stride_w * channels_;
      for (int32_t c = row.groups32 * 32 + row.groups * 16; c < channels_; ++c) {
        int32_t acc = 0;
        for (int32_t t = 0; t < taps; ++t) acc += (int32_t{pixel[tap_offsets_[t] + c]} - row.zero_point) * Weight(t, c);
        out[c] = conv_.activation.Apply(conv_.terms.Apply(acc, static_cast<size_t>(c)));
      }
    }
  }

  HybridInputBits bits_;
  int num_threads_;
  int32_t channels_ = 0;
  FloatConvSetup conv_;
  U8ImageLayout layout_;
  std::vector<int8_t> filter_;      // the INT8 filter [1, KH, KW, C]: packed below, and read by the channel tail
  int32_t groups32_ = 0, groups16_ = 0;  // DepthwiseRow's
  std::vector<int16_t> packed_;
  std::vector<int8_t> packed32_;
  std::vector<int32_t> weight_sums_;
  std::vector<int64_t> tap_offsets_;
  std::vector<float> add_before_, add_after_;
  DepthwiseRow row_;
  int32_t parts_ = 1;
};

}  // namespace

std::unique_ptr<OpKernel> MakeX86HybridDepthwiseConv2DKernel(HybridInputBits bits, int num_threads) {
  return std::make_unique<X86HybridDepthwiseConv2DKernel>(bits, num_threads);
}

}  // namespace qb
