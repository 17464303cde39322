// PAD of UINT8 or INT8 tensors up to rank 5 with constant [rank, 2] INT32/INT64 paddings; the padded
// positions hold the output zero point (the quantized 0). Input and output share their quantization.
#include "kernels/reference/integer_common.h"

#include <array>
#include <cstring>

namespace qb {
namespace {

constexpr int kMaxRank = 5;

class IntegerPad final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    if (io.inputs.size() != 2 || !io.has_input(1)) return Errorf("expected input and paddings");
    QB_RETURN_IF_ERROR(CheckInteger8InOut(io));
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& paddings = io.in(1);
    const int rank = input.rank();
    if (rank > kMaxRank) return Errorf("input 0 of rank {} exceeds the supported rank {}", rank, kMaxRank);
    QB_RETURN_IF_ERROR(CheckConstant(paddings, "paddings (input 1)"));
    QB_RETURN_IF_ERROR(CheckIndexType(paddings, "paddings (input 1)"));
    if (paddings.shape != Shape{rank, 2}) {
      return Errorf("paddings (input 1) must be [{}, 2], got {}", rank, ShapeToString(paddings.shape));
    }
    QB_ASSIGN_OR_RETURN(const QuantParams quant, SharedInOutQuant(io));
    in_dims_.fill(1);
    out_dims_.fill(1);
    before_.fill(0);
    Shape computed;
    for (int d = 0; d < rank; ++d) {
      int64_t pad[2];
      for (int j = 0; j < 2; ++j) {
        pad[j] = ReadIndexValue(paddings, 2 * d + j);
        if (pad[j] < 0 || pad[j] > (1 << 24)) return Errorf("padding {} of dimension {} is invalid", pad[j], d);
      }
      const int slot = kMaxRank - rank + d;
      in_dims_[slot] = input.dim(d);
      before_[slot] = static_cast<int32_t>(pad[0]);
      out_dims_[slot] = static_cast<int32_t>(input.dim(d) + pad[0] + pad[1]);
      computed.push_back(out_dims_[slot]);
    }
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), computed));
    pad_byte_ = static_cast<uint8_t>(quant.zero_point);
    return OkStatus();
  }

  // Byte-wise: both types are one byte, and the zero point's two's-complement byte is the pad value.
  void Eval(const KernelIo& io, uint8_t*) override {
    const uint8_t* in = io.in(0).data;
    uint8_t* out = io.out(0).data;
    std::memset(out, pad_byte_, static_cast<size_t>(io.out(0).num_elements()));
    const int32_t row = in_dims_[4];
    for (int32_t i0 = 0; i0 < in_dims_[0]; ++i0) {
      for (int32_t i1 = 0; i1 < in_dims_[1]; ++i1) {
        for (int32_t i2 = 0; i2 < in_dims_[2]; ++i2) {
          for (int32_t i3 = 0; i3 < in_dims_[3]; ++i3) {
            int64_t o = i0 + before_[0];
            o = o * out_dims_[1] + i1 + before_[1];
            o = o * out_dims_[2] + i2 + before_[2];
            o = o * out_dims_[3] + i3 + before_[3];
            o = o * out_dims_[4] + before_[4];
            std::memcpy(out + o, in, static_cast<size_t>(row));
            in += row;
          }
        }
      }
    }
  }

 private:
  std::array<int32_t, kMaxRank> in_dims_{}, out_dims_{}, before_{};
  uint8_t pad_byte_ = 0;
};

}  // namespace

std::unique_ptr<OpKernel> NewIntegerPad() { return std::make_unique<IntegerPad>(); }

}  // namespace qb
