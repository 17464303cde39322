// Validation helpers of the reference kernels; see kernel_checks.h.
#include "kernels/reference/kernel_checks.h"

namespace qb {

Status CheckArity(const KernelIo& io, size_t min_inputs, size_t max_inputs, size_t outputs) {
  if (io.inputs.size() < min_inputs || io.inputs.size() > max_inputs) {
    if (min_inputs == max_inputs) return Errorf("expected {} inputs, got {}", min_inputs, io.inputs.size());
    return Errorf("expected {} to {} inputs, got {}", min_inputs, max_inputs, io.inputs.size());
  }
  for (size_t i = 0; i < min_inputs; ++i) {
    if (!io.has_input(i)) return Errorf("input {} is required but omitted", i);
  }
  if (io.outputs.size() != outputs) return Errorf("expected {} outputs, got {}", outputs, io.outputs.size());
  for (size_t i = 0; i < outputs; ++i) {
    if (io.outputs[i] == nullptr) return Errorf("output {} is missing", i);
  }
  return OkStatus();
}

Status CheckRank(const RuntimeTensor& t, std::string_view what, int rank) {
  if (t.rank() != rank) return Errorf("{} must be rank {}, got {}", what, rank, ShapeToString(t.shape));
  return OkStatus();
}

Status CheckRankRange(const RuntimeTensor& t, std::string_view what, int min_rank, int max_rank) {
  if (t.rank() < min_rank || t.rank() > max_rank) {
    return Errorf("{} must have rank {} to {}, got {}", what, min_rank, max_rank, ShapeToString(t.shape));
  }
  return OkStatus();
}

Status CheckType(const RuntimeTensor& t, std::string_view what, DType type) {
  if (t.type != type) return Errorf("{} must be {}, got {}", what, DTypeName(type), DTypeName(t.type));
  return OkStatus();
}

Status CheckConstant(const RuntimeTensor& t, std::string_view what) {
  if (!t.constant || t.data == nullptr) return Errorf("{} must be a constant tensor", what);
  return OkStatus();
}

Status CheckOutputShape(const RuntimeTensor& output, const Shape& computed) {
  if (output.shape != computed) {
    return Errorf("output shape {} does not match the computed {}", ShapeToString(output.shape),
                  ShapeToString(computed));
  }
  return OkStatus();
}

Status CheckOptionalBias(const KernelIo& io, size_t index, int32_t channels) {
  if (!io.has_input(index)) return OkStatus();
  const RuntimeTensor& bias = io.in(index);
  QB_RETURN_IF_ERROR(CheckType(bias, "bias", DType::kFloat32));
  if (bias.shape != Shape{channels}) {
    return Errorf("bias must have shape [{}], got {}", channels, ShapeToString(bias.shape));
  }
  return OkStatus();
}

Status CheckIndexType(const RuntimeTensor& t, std::string_view what) {
  if (t.type != DType::kInt32 && t.type != DType::kInt64) {
    return Errorf("{} must be INT32 or INT64, got {}", what, DTypeName(t.type));
  }
  return OkStatus();
}

int64_t ReadIndexValue(const RuntimeTensor& t, int64_t i) {
  if (t.type == DType::kInt64) return t.data_as<const int64_t>()[i];
  return t.data_as<const int32_t>()[i];
}

}  // namespace qb
