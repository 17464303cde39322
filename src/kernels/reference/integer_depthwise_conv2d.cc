// DEPTHWISE_CONV_2D on UINT8 (per-tensor) and INT8 (per-channel along dimension 3 or per-tensor)
// activations, TensorFlow Lite's reference integer depthwise convolution: filter [1, kh, kw, out_channels],
// out_channels = in_channels * depth_multiplier (derived from the shapes), output channel
// c * multiplier + m reads input channel c. Bit-exact.
#include "kernels/reference/integer_conv_common.h"

namespace qb {
namespace {

class IntegerDepthwiseConv2D final : public Integer8Kernel<IntegerDepthwiseConv2D> {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckIntegerConvIo(io));
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& filter = io.in(1);
    const int32_t in_c = input.dim(3), out_c = filter.dim(3);
    if (filter.dim(0) != 1 || in_c <= 0 || out_c % in_c != 0) {
      return Errorf("filter {} must be [1, kh, kw, a multiple of the input's {} channels]",
                    ShapeToString(filter.shape), in_c);
    }
    in_c_ = in_c;
    out_c_ = out_c;
    multiplier_ = out_c / in_c;
    QB_ASSIGN_OR_RETURN(conv_, PrepareIntegerConv(OptionsOr<DepthwiseConv2DOptions>(op), io, out_c, 3));
    return OkStatus();
  }

 private:
  friend class Integer8Kernel<IntegerDepthwiseConv2D>;

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
            const int32_t ic = oc / multiplier_;
            int32_t acc = 0;
            win.ForEachTap(oy, ox, [&](int32_t ky, int32_t kx, int32_t iy, int32_t ix) {
              const int32_t x = in[((static_cast<int64_t>(b) * win.in_h + iy) * win.in_w + ix) * in_c_ + ic];
              const int32_t k = w[(static_cast<int64_t>(ky) * win.kernel_w + kx) * out_c_ + oc];
              acc += (x + quant.input_offset) * (k + quant.filter_offset);
            });
            if (bias) acc = WrappingAdd(acc, bias[oc]);
            acc = quant.Requantize(acc, static_cast<size_t>(oc));
            *out++ = ClampCast<T>(acc, quant.act);
          }
        }
      }
    }
  }

  int32_t in_c_ = 0, out_c_ = 0, multiplier_ = 1;
  IntegerConvSetup conv_;
};

}  // namespace

std::unique_ptr<OpKernel> NewIntegerDepthwiseConv2D() { return std::make_unique<IntegerDepthwiseConv2D>(); }

}  // namespace qb
