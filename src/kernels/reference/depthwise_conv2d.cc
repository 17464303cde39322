// DEPTHWISE_CONV_2D reference kernel, float32 and hybrid (float activations x INT8 filter quantized along
// dimension 3; semantics in hybrid_quantize.h). Layouts: input [N, H, W, Cin], filter [1, KH, KW, Cout],
// optional bias [Cout], output [N, OH, OW, Cout], Cout = Cin * multiplier, and output channel
// oc = ic * multiplier + m reads input channel ic. The multiplier comes from the shapes: TensorFlow 2.x
// writes depth_multiplier options that do not always match them.
#include <memory>

#include "kernels/reference/float_conv_common.h"
#include "kernels/reference/float_kernels.h"

namespace qb {
namespace {

// How output channels read input channels: output channel oc reads input channel oc / multiplier.
struct DepthwiseChannels {
  int32_t in_c = 0, out_c = 0, multiplier = 1;
};

// One output image: out[oy, ox, oc] = finish(oc, sum over in-bounds taps of (x - zero) * w).
template <typename Acc, typename In, typename W, typename Finish>
void DepthwiseImage(const SlidingWindow2D& win, const DepthwiseChannels& s, const In* input, Acc zero,
                    const W* filter, float* output, Finish finish) {
  for (int32_t oy = 0; oy < win.out_h; ++oy) {
    for (int32_t ox = 0; ox < win.out_w; ++ox) {
      float* out = output + (int64_t{oy} * win.out_w + ox) * s.out_c;
      for (int32_t oc = 0; oc < s.out_c; ++oc) {
        const int32_t ic = oc / s.multiplier;
        Acc acc = 0;
        win.ForEachTap(oy, ox, [&](int32_t ky, int32_t kx, int32_t iy, int32_t ix) {
          const In x = input[(int64_t{iy} * win.in_w + ix) * s.in_c + ic];
          const W w = filter[(int64_t{ky} * win.kernel_w + kx) * s.out_c + oc];
          acc += (static_cast<Acc>(x) - zero) * static_cast<Acc>(w);
        });
        out[oc] = finish(oc, acc);
      }
    }
  }
}

class DepthwiseConv2DKernel final : public OpKernel {
 public:
  explicit DepthwiseConv2DKernel(HybridInputBits input_bits) : input_bits_(input_bits) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckFloatConvIo(io));
    const RuntimeTensor& filter = io.in(1);
    if (filter.dim(0) != 1) return Errorf("filter must have shape [1, KH, KW, Cout], got {}", ShapeToString(filter.shape));
    ch_.in_c = io.in(0).dim(3);
    ch_.out_c = filter.dim(3);
    if (ch_.in_c <= 0 || ch_.out_c <= 0 || ch_.out_c % ch_.in_c != 0) {
      return Errorf("filter's {} output channels are not a multiple of the input's {} channels", ch_.out_c,
                    ch_.in_c);
    }
    ch_.multiplier = ch_.out_c / ch_.in_c;
    QB_ASSIGN_OR_RETURN(conv_, PrepareFloatConv(OptionsOr<DepthwiseConv2DOptions>(op), io, ch_.out_c, 3));
    conv_.input_bits = input_bits_;
    return OkStatus();
  }

  size_t ScratchBytes() const override { return conv_.filter.hybrid ? conv_.InputImageSize(ch_.in_c) : 0; }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    EvalFloatOrHybridBatch(io, conv_, ch_.in_c, ch_.out_c, scratch,
                           [&](auto x, auto zero, auto w, float* y, auto finish) {
                             DepthwiseImage(conv_.window, ch_, x, zero, w, y, finish);
                           });
  }

 private:
  HybridInputBits input_bits_;
  DepthwiseChannels ch_;
  FloatConvSetup conv_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatDepthwiseConv2DKernel(HybridInputBits input_bits) {
  return std::make_unique<DepthwiseConv2DKernel>(input_bits);
}

}  // namespace qb
