// PAD reference kernel: FLOAT32, INT32 or INT64, padded with zeros. Paddings are a constant [rank, 2]
// INT32/INT64 tensor of non-negative (before, after) counts. Quantized types pad with their zero point and
// belong to the integer kernels.
#include <array>
#include <cstring>
#include <memory>

#include "kernels/reference/float_kernels.h"
#include "kernels/reference/float_strided_walk.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {
namespace {

class PadKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 2, 2));
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& paddings = io.in(1);
    if (input.type != DType::kFloat32 && input.type != DType::kInt32 && input.type != DType::kInt64) {
      return Errorf("input must be FLOAT32, INT32 or INT64, got {}", DTypeName(input.type));
    }
    QB_RETURN_IF_ERROR(CheckType(io.out(0), "output", input.type));
    QB_RETURN_IF_ERROR(CheckRankRange(input, "input", 1, kMaxWalkRank));
    QB_RETURN_IF_ERROR(CheckIndexType(paddings, "paddings (input 1)"));
    QB_RETURN_IF_ERROR(CheckConstant(paddings, "paddings (input 1)"));
    rank_ = input.rank();
    if (paddings.shape != Shape{rank_, 2}) {
      return Errorf("paddings must have shape [{}, 2], got {}", rank_, ShapeToString(paddings.shape));
    }
    Shape computed;
    for (int d = 0; d < rank_; ++d) {
      const int64_t before = ReadIndexValue(paddings, 2 * d);
      const int64_t after = ReadIndexValue(paddings, 2 * d + 1);
      if (before < 0 || after < 0) return Errorf("paddings of axis {} must be non-negative, got [{}, {}]", d, before, after);
      computed.push_back(static_cast<int32_t>(input.dim(d) + before + after));
      pad_before_[static_cast<size_t>(d)] = before;
    }
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), computed));
    const auto out_strides = RowMajorStrides(computed);
    base_ = 0;
    for (int d = 0; d < rank_; ++d) {
      const size_t ud = static_cast<size_t>(d);
      base_ += pad_before_[ud] * out_strides[ud];
      row_dims_[ud] = input.dim(d);
      row_strides_[ud] = out_strides[ud];
    }
    element_bytes_ = DTypeSize(input.type);
    row_bytes_ = static_cast<size_t>(input.dim(rank_ - 1)) * element_bytes_;
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const RuntimeTensor& output = io.out(0);
    std::memset(output.data, 0, static_cast<size_t>(output.num_elements()) * element_bytes_);
    const uint8_t* in = io.in(0).data;
    WalkStrided(rank_ - 1, row_dims_.data(), row_strides_.data(), base_, [&](int64_t offset) {
      std::memcpy(output.data + static_cast<size_t>(offset) * element_bytes_, in, row_bytes_);
      in += row_bytes_;
    });
  }

 private:
  int rank_ = 0;
  int64_t base_ = 0;
  size_t element_bytes_ = 0, row_bytes_ = 0;
  std::array<int64_t, kMaxWalkRank> pad_before_{}, row_dims_{}, row_strides_{};
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatPadKernel() { return std::make_unique<PadKernel>(); }

}  // namespace qb
