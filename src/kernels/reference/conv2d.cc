// CONV_2D reference kernel, float32 and hybrid (float activations x INT8 filter; semantics in
// hybrid_quantize.h). Layouts: input [N, H, W, Cin], filter [Cout, KH, KW, Cin / groups], optional bias
// [Cout], output [N, OH, OW, Cout]. Grouped convolution: groups = Cin / filter's Cin, and output channel c
// reads the input channels of group c / (Cout / groups).
#include <memory>

#include "kernels/reference/float_conv_common.h"
#include "kernels/reference/float_kernels.h"

namespace qb {
namespace {

// How output channels read input channels.
struct ConvChannels {
  int32_t in_c = 0, out_c = 0;
  int32_t k_c = 0;  // input channels per group, the filter's last dimension
  int32_t out_c_per_group = 0;
};

// One output image: out[oy, ox, oc] = finish(oc, sum over in-bounds taps of (x - zero) * w).
template <typename Acc, typename In, typename W, typename Finish>
void ConvImage(const SlidingWindow2D& win, const ConvChannels& s, const In* input, Acc zero, const W* filter,
               float* output, Finish finish) {
  for (int32_t oy = 0; oy < win.out_h; ++oy) {
    for (int32_t ox = 0; ox < win.out_w; ++ox) {
      float* out = output + (int64_t{oy} * win.out_w + ox) * s.out_c;
      for (int32_t oc = 0; oc < s.out_c; ++oc) {
        const int32_t ic_begin = oc / s.out_c_per_group * s.k_c;
        Acc acc = 0;
        win.ForEachTap(oy, ox, [&](int32_t ky, int32_t kx, int32_t iy, int32_t ix) {
          const In* x = input + (int64_t{iy} * win.in_w + ix) * s.in_c + ic_begin;
          const W* w = filter + ((int64_t{oc} * win.kernel_h + ky) * win.kernel_w + kx) * s.k_c;
          for (int32_t ic = 0; ic < s.k_c; ++ic) {
            acc += (static_cast<Acc>(x[ic]) - zero) * static_cast<Acc>(w[ic]);
          }
        });
        out[oc] = finish(oc, acc);
      }
    }
  }
}

class Conv2DKernel final : public OpKernel {
 public:
  explicit Conv2DKernel(HybridInputBits input_bits) : input_bits_(input_bits) {}

  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckFloatConvIo(io));
    const RuntimeTensor& filter = io.in(1);
    ch_.in_c = io.in(0).dim(3);
    ch_.out_c = filter.dim(0);
    ch_.k_c = filter.dim(3);
    if (ch_.k_c <= 0 || ch_.in_c <= 0 || ch_.in_c % ch_.k_c != 0) {
      return Errorf("filter has {} input channels, which does not divide the input's {} channels", ch_.k_c,
                    ch_.in_c);
    }
    const int32_t groups = ch_.in_c / ch_.k_c;
    if (ch_.out_c <= 0 || ch_.out_c % groups != 0) {
      return Errorf("grouped convolution: {} output channels cannot be split into {} groups", ch_.out_c, groups);
    }
    ch_.out_c_per_group = ch_.out_c / groups;
    QB_ASSIGN_OR_RETURN(conv_, PrepareFloatConv(OptionsOr<Conv2DOptions>(op), io, ch_.out_c, 0));
    conv_.input_bits = input_bits_;
    return OkStatus();
  }

  size_t ScratchBytes() const override { return conv_.filter.hybrid ? conv_.InputImageSize(ch_.in_c) : 0; }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    EvalFloatOrHybridBatch(io, conv_, ch_.in_c, ch_.out_c, scratch,
                           [&](auto x, auto zero, auto w, float* y, auto finish) {
                             ConvImage(conv_.window, ch_, x, zero, w, y, finish);
                           });
  }

 private:
  HybridInputBits input_bits_;
  ConvChannels ch_;
  FloatConvSetup conv_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatConv2DKernel(HybridInputBits input_bits) {
  return std::make_unique<Conv2DKernel>(input_bits);
}

}  // namespace qb
