// Validation helpers shared by the Prepare steps of every reference kernel: float, hybrid and integer
// (integer_*.cc). Each returns an error whose message names the tensor at fault ("what", as "input 0" or
// "filter (input 1)") and what was expected; the runtime prefixes the op. Checks that only one family
// needs live with it: quantization parameters in integer_common.h, hybrid filters in hybrid_quantize.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "core/status.h"
#include "graph/graph.h"
#include "kernels/kernel.h"

namespace qb {

// The op's options of type T, or T's defaults when the file had no options table.
template <typename T>
T OptionsOr(const Op& op) {
  if (const T* options = std::get_if<T>(&op.options)) return *options;
  return T{};
}

// Between `min` and `max` inputs, the first `min` of them present, and exactly `outputs` outputs.
Status CheckArity(const KernelIo& io, size_t min_inputs, size_t max_inputs, size_t outputs = 1);
Status CheckRank(const RuntimeTensor& t, std::string_view what, int rank);
Status CheckRankRange(const RuntimeTensor& t, std::string_view what, int min_rank, int max_rank);
Status CheckType(const RuntimeTensor& t, std::string_view what, DType type);
Status CheckConstant(const RuntimeTensor& t, std::string_view what);
// "output shape [1, 5, 5, 3] does not match the computed [1, 4, 4, 3]".
Status CheckOutputShape(const RuntimeTensor& output, const Shape& computed);
// An optional FLOAT32 bias (float and hybrid ops) of shape [channels] at input `index`; absent is fine.
Status CheckOptionalBias(const KernelIo& io, size_t index, int32_t channels);
// Reads element `i` of an INT32 or INT64 tensor (axes, paddings, slice bounds), as int64.
int64_t ReadIndexValue(const RuntimeTensor& t, int64_t i);
Status CheckIndexType(const RuntimeTensor& t, std::string_view what);

}  // namespace qb
