// MEAN reference kernel, float32: averages the input over the constant axes of input 1 (INT32 or INT64;
// negative axes count from the end, duplicates are tolerated). keep_dims keeps reduced axes as size 1.
// Sums are accumulated in float in input order, then divided by the number of reduced elements.
#include <algorithm>
#include <array>
#include <memory>

#include "kernels/reference/float_kernels.h"
#include "kernels/reference/float_strided_walk.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {
namespace {

class MeanKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 2, 2));
    const auto options = OptionsOr<ReducerOptions>(op);
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& axes = io.in(1);
    QB_RETURN_IF_ERROR(CheckType(input, "input", DType::kFloat32));
    QB_RETURN_IF_ERROR(CheckType(io.out(0), "output", DType::kFloat32));
    QB_RETURN_IF_ERROR(CheckRankRange(input, "input", 0, kMaxWalkRank));
    QB_RETURN_IF_ERROR(CheckIndexType(axes, "axes (input 1)"));
    QB_RETURN_IF_ERROR(CheckConstant(axes, "axes (input 1)"));
    QB_RETURN_IF_ERROR(CheckRankRange(axes, "axes (input 1)", 0, 1));
    rank_ = input.rank();
    std::array<bool, kMaxWalkRank> reduced{};
    for (int64_t i = 0; i < axes.num_elements(); ++i) {
      const int64_t axis = ReadIndexValue(axes, i);
      const int64_t normalized = axis < 0 ? axis + rank_ : axis;
      if (normalized < 0 || normalized >= rank_) return Errorf("axis {} is out of range for rank {}", axis, rank_);
      reduced[static_cast<size_t>(normalized)] = true;
    }
    Shape computed;
    count_ = 1;
    const auto out_strides = RowMajorStrides(KeptDims(input.shape, reduced));
    size_t kept = 0;
    for (int d = 0; d < rank_; ++d) {
      const size_t ud = static_cast<size_t>(d);
      dims_[ud] = input.dim(d);
      if (reduced[ud]) {
        count_ *= input.dim(d);
        strides_[ud] = 0;
        if (options.keep_dims) computed.push_back(1);
      } else {
        strides_[ud] = out_strides[kept++];
        computed.push_back(input.dim(d));
      }
    }
    return CheckOutputShape(io.out(0), computed);
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    const int64_t out_count = io.out(0).num_elements();
    std::fill(output, output + out_count, 0.0f);
    WalkStrided(rank_, dims_.data(), strides_.data(), 0, [&](int64_t offset) { output[offset] += *input++; });
    const float divisor = static_cast<float>(count_);
    for (int64_t i = 0; i < out_count; ++i) output[i] /= divisor;
  }

 private:
  static Shape KeptDims(const Shape& shape, const std::array<bool, kMaxWalkRank>& reduced) {
    Shape kept;
    for (size_t d = 0; d < shape.size(); ++d) {
      if (!reduced[d]) kept.push_back(shape[d]);
    }
    return kept;
  }

  int rank_ = 0;
  int64_t count_ = 1;
  std::array<int64_t, kMaxWalkRank> dims_{}, strides_{};
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatMeanKernel() { return std::make_unique<MeanKernel>(); }

}  // namespace qb
