// CONCATENATION reference kernel: a byte copy for any fixed-size type, rank up to 5, negative axis. A fused
// activation is applied to FLOAT32 outputs only. Quantized INT8/UINT8/INT16 inputs are accepted only when
// every input and the output share one quantization (a pure copy); rescaling concatenations belong to the
// integer kernels.
#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "kernels/reference/activation.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {
namespace {

class ConcatenationKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 1, std::max<size_t>(io.inputs.size(), 1)));
    const auto options = OptionsOr<ConcatenationOptions>(op);
    const RuntimeTensor& first = io.in(0);
    const RuntimeTensor& output = io.out(0);
    const DType type = first.type;
    if (DTypeSize(type) == 0) return Errorf("{} tensors cannot be concatenated", DTypeName(type));
    QB_RETURN_IF_ERROR(CheckType(output, "output", type));
    QB_RETURN_IF_ERROR(CheckRankRange(first, "input 0", 1, 5));
    const int rank = first.rank();
    int axis = options.axis < 0 ? options.axis + rank : options.axis;
    if (axis < 0 || axis >= rank) return Errorf("axis {} is out of range for rank {}", options.axis, rank);
    QB_ASSIGN_OR_RETURN(activation_, FloatActivationRange(options.activation));
    apply_activation_ = options.activation != Activation::kNone;
    if (apply_activation_ && type != DType::kFloat32) {
      return Errorf("fused activation {} needs FLOAT32, got {}", ActivationName(options.activation), DTypeName(type));
    }
    Shape computed = first.shape;
    computed[static_cast<size_t>(axis)] = 0;
    for (size_t i = 0; i < io.inputs.size(); ++i) {
      if (!io.has_input(i)) return Errorf("input {} is omitted", i);
      const RuntimeTensor& t = io.in(i);
      const std::string what = fmt::format("input {}", i);
      QB_RETURN_IF_ERROR(CheckType(t, what, type));
      if (IsQuantizedIntegerType(type) && t.quant() != output.quant()) {
        return Errorf("{} is quantized differently from the output; rescaling CONCATENATION is an integer kernel",
                      what);
      }
      QB_RETURN_IF_ERROR(CheckRank(t, what, rank));
      for (int d = 0; d < rank; ++d) {
        if (d != axis && t.dim(d) != first.dim(d)) {
          return Errorf("{} has shape {}, which does not match input 0's {} outside axis {}", what,
                        ShapeToString(t.shape), ShapeToString(first.shape), axis);
        }
      }
      computed[static_cast<size_t>(axis)] += t.dim(axis);
    }
    QB_RETURN_IF_ERROR(CheckOutputShape(output, computed));
    outer_ = 1;
    for (int d = 0; d < axis; ++d) outer_ *= first.dim(d);
    chunk_bytes_.clear();
    for (size_t i = 0; i < io.inputs.size(); ++i) {
      int64_t inner = 1;
      for (int d = axis; d < rank; ++d) inner *= io.in(i).dim(d);
      chunk_bytes_.push_back(static_cast<size_t>(inner) * DTypeSize(type));
    }
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    uint8_t* out = io.out(0).data;
    for (int64_t o = 0; o < outer_; ++o) {
      for (size_t i = 0; i < chunk_bytes_.size(); ++i) {
        std::memcpy(out, io.in(i).data + o * chunk_bytes_[i], chunk_bytes_[i]);
        out += chunk_bytes_[i];
      }
    }
    if (apply_activation_) {
      float* values = io.out(0).data_as<float>();
      for (int64_t i = 0; i < io.out(0).num_elements(); ++i) values[i] = activation_.Apply(values[i]);
    }
  }

 private:
  int64_t outer_ = 1;
  std::vector<size_t> chunk_bytes_;
  ActivationRange activation_;
  bool apply_activation_ = false;
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatConcatenationKernel() { return std::make_unique<ConcatenationKernel>(); }

}  // namespace qb
