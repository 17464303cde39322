// RESHAPE and SQUEEZE reference kernels: any fixed-size type, a byte copy into the declared output shape.
// Shapes are static, so RESHAPE's optional shape tensor (input 1) is never read; SQUEEZE checks that the
// output is its input without the squeezed size-1 axes (all of them when squeeze_dims is empty).
#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {
namespace {

Result<Shape> SqueezedShape(const Shape& input, const std::vector<int32_t>& squeeze_dims) {
  const int rank = static_cast<int>(input.size());
  std::vector<bool> squeeze(input.size(), false);
  for (int32_t dim : squeeze_dims) {
    const int32_t d = dim < 0 ? dim + rank : dim;
    if (d < 0 || d >= rank) return Errorf("squeeze dimension {} is out of range for rank {}", dim, rank);
    if (input[static_cast<size_t>(d)] != 1) {
      return Errorf("cannot squeeze dimension {} of {}: its size is not 1", dim, ShapeToString(input));
    }
    squeeze[static_cast<size_t>(d)] = true;
  }
  Shape shape;
  for (size_t d = 0; d < input.size(); ++d) {
    const bool drop = squeeze_dims.empty() ? input[d] == 1 : squeeze[d];
    if (!drop) shape.push_back(input[d]);
  }
  return shape;
}

class ReshapeKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    const bool squeeze = op.type == OpType::kSqueeze;
    QB_RETURN_IF_ERROR(CheckArity(io, 1, squeeze ? 1 : 2));
    const RuntimeTensor& input = io.in(0);
    const RuntimeTensor& output = io.out(0);
    if (DTypeSize(input.type) == 0) return Errorf("{} tensors cannot be reshaped", DTypeName(input.type));
    QB_RETURN_IF_ERROR(CheckType(output, "output", input.type));
    if (squeeze) {
      QB_ASSIGN_OR_RETURN(Shape computed, SqueezedShape(input.shape, OptionsOr<SqueezeOptions>(op).squeeze_dims));
      QB_RETURN_IF_ERROR(CheckOutputShape(output, computed));
    } else if (input.num_elements() != output.num_elements()) {
      return Errorf("output shape {} has {} elements but the input {} has {}", ShapeToString(output.shape),
                    output.num_elements(), ShapeToString(input.shape), input.num_elements());
    }
    bytes_ = static_cast<size_t>(input.num_elements()) * DTypeSize(input.type);
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    if (io.out(0).data != io.in(0).data) std::memmove(io.out(0).data, io.in(0).data, bytes_);
  }

 private:
  size_t bytes_ = 0;
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatReshapeKernel() { return std::make_unique<ReshapeKernel>(); }

}  // namespace qb
