// PAD (constant zeros) of a float32 tensor: the borders of the row-major output are zeroed block by
// block, then oneDNN's reorder copies the input into the output's interior (a submemory of it, offset
// by the padding before each axis) on oneDNN's threads.
#include <array>
#include <cstring>
#include <memory>

#include "kernels/onednn/onednn_context.h"
#include "kernels/onednn/onednn_kernels.h"
#include "kernels/onednn/onednn_primitive_kernel.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/float_strided_walk.h"
#include "kernels/reference/kernel_checks.h"

namespace qb::onednn {
namespace {

class PadKernel final : public PrimitiveKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(MakeFloatPadKernel()->Prepare(op, io));
    const RuntimeTensor& input = io.in(0);
    rank_ = input.rank();
    const Shape& out = io.out(0).shape;
    out_strides_ = RowMajorStrides(out);
    dnnl::memory::dims offsets;
    for (int d = 0; d < rank_; ++d) {
      const auto ud = static_cast<size_t>(d);
      before_[ud] = ReadIndexValue(io.in(1), 2 * d);
      in_dims_[ud] = input.dim(d);
      out_dims_[ud] = out[ud];
      offsets.push_back(before_[ud]);
    }
    for (int d = rank_ - 1; d >= 0; --d) {
      const auto ud = static_cast<size_t>(d);
      padded_from_[ud] = in_dims_[ud] != out_dims_[ud] || (d + 1 < rank_ && padded_from_[ud + 1]);
    }
    try {
      const dnnl::memory::desc source = RowMajorFloatDesc(input.shape);
      const dnnl::memory::desc interior = RowMajorFloatDesc(out).submemory_desc(source.dims(), offsets);
      dnnl::reorder::primitive_desc pd(CpuEngine(), source, CpuEngine(), interior,
                                       KernelAttributes(ActivationRange{}));
      primitive_ = BoundPrimitive(dnnl::reorder(pd), pd, {});
    } catch (const dnnl::error& e) {
      return Errorf("oneDNN cannot build this PAD ({}); run it with --float_backend=reference", e.what());
    }
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    float* output = io.out(0).data_as<float>();
    if (rank_ > 0) ZeroBorders(output, 0);
    primitive_.Execute(io.in(0).data, output, scratch);
  }

 private:
  // Zeroes the padding of the block of axes d.. that starts at `block`.
  void ZeroBorders(float* block, int d) const {
    const auto ud = static_cast<size_t>(d);
    const int64_t stride = out_strides_[ud];
    const int64_t begin = before_[ud], end = before_[ud] + in_dims_[ud];
    std::memset(block, 0, static_cast<size_t>(begin * stride) * sizeof(float));
    std::memset(block + end * stride, 0, static_cast<size_t>((out_dims_[ud] - end) * stride) * sizeof(float));
    if (d + 1 == rank_ || !padded_from_[ud + 1]) return;  // the interior blocks have no padding
    for (int64_t i = begin; i < end; ++i) ZeroBorders(block + i * stride, d + 1);
  }

  int rank_ = 0;
  std::array<int64_t, kMaxWalkRank> before_{}, in_dims_{}, out_dims_{}, out_strides_{};
  std::array<bool, kMaxWalkRank> padded_from_{};  // some axis from d on is padded
};

}  // namespace

std::unique_ptr<OpKernel> MakePadKernel() { return std::make_unique<PadKernel>(); }

}  // namespace qb::onednn
