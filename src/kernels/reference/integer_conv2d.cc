// CONV_2D on UINT8 (per-tensor) and INT8 (per-channel or per-tensor) activations, TensorFlow Lite's
// reference integer convolution: NHWC input, filter [out_channels, kh, kw, in_channels], INT32 bias,
// int32 accumulation, per-channel fixed-point requantization, fused activation clamp. Bit-exact.
#include "kernels/reference/integer_conv_common.h"

namespace qb {
namespace {

class IntegerConv2D final : public Integer8Kernel<IntegerConv2D> {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckIntegerConvIo(io));
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& filter = io.in(1);
    if (filter.dim(3) != input.dim(3)) {
      return Errorf("filter {} does not match the input's {} channels", ShapeToString(filter.shape), input.dim(3));
    }
    in_c_ = input.dim(3);
    out_c_ = filter.dim(0);
    QB_ASSIGN_OR_RETURN(conv_, PrepareIntegerConv(OptionsOr<Conv2DOptions>(op), io, out_c_, 0));
    return OkStatus();
  }

 private:
  friend class Integer8Kernel<IntegerConv2D>;

  template <typename T>
  void Run(const KernelIo& io, uint8_t* /*scratch*/) const {
    const SlidingWindow2D& win = conv_.window;
    const WeightedOpQuant& quant = conv_.quant;
    const T* in = io.in(0).data_as<T>();
    const T* w = io.in(1).data_as<T>();
    const int32_t* bias = io.has_input(2) ? io.in(2).data_as<int32_t>() : nullptr;
    T* out = io.out(0).data_as<T>();
    for (int32_t b = 0; b < win.batch; ++b) {
      for (int32_t oy = 0; oy < win.out_h; ++oy) {
        for (int32_t ox = 0; ox < win.out_w; ++ox) {
          for (int32_t oc = 0; oc < out_c_; ++oc) {
            int32_t acc = 0;
            win.ForEachTap(oy, ox, [&](int32_t ky, int32_t kx, int32_t iy, int32_t ix) {
              const T* x = in + ((static_cast<int64_t>(b) * win.in_h + iy) * win.in_w + ix) * in_c_;
              const T* k = w + ((static_cast<int64_t>(oc) * win.kernel_h + ky) * win.kernel_w + kx) * in_c_;
              for (int32_t ic = 0; ic < in_c_; ++ic) {
                acc += (x[ic] + quant.input_offset) * (k[ic] + quant.filter_offset);
              }
            });
            if (bias) acc = WrappingAdd(acc, bias[oc]);
            acc = quant.Requantize(acc, static_cast<size_t>(oc));
            *out++ = ClampCast<T>(acc, quant.act);
          }
        }
      }
    }
  }

  int32_t in_c_ = 0, out_c_ = 0;
  IntegerConvSetup conv_;
};

}  // namespace

std::unique_ptr<OpKernel> NewIntegerConv2D() { return std::make_unique<IntegerConv2D>(); }

}  // namespace qb
