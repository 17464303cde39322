// WalkStrided: visits every index of a row-major box of up to kMaxWalkRank dimensions and hands the visitor
// the matching offset into a tensor laid out with other strides. MEAN walks its input with the output's
// strides, PAD its input rows with the output's, STRIDED_SLICE its output with the input's. No allocation.
#pragma once

#include <array>
#include <cstdint>

namespace qb {

inline constexpr int kMaxWalkRank = 8;

// Calls visit(base + sum over d of index[d] * strides[d]) for every index in [0, dims) in row-major order;
// nothing when a dimension is 0, once when rank is 0.
template <typename Visit>
void WalkStrided(int rank, const int64_t* dims, const int64_t* strides, int64_t base, Visit&& visit) {
  for (int d = 0; d < rank; ++d) {
    if (dims[d] <= 0) return;
  }
  std::array<int64_t, kMaxWalkRank> index{};
  int64_t offset = base;
  while (true) {
    visit(offset);
    int d = rank - 1;
    for (; d >= 0; --d) {
      offset += strides[d];
      if (++index[static_cast<size_t>(d)] < dims[d]) break;
      offset -= strides[d] * dims[d];
      index[static_cast<size_t>(d)] = 0;
    }
    if (d < 0) return;
  }
}

// Row-major strides (in elements) of `dims`.
template <typename Dims>
std::array<int64_t, kMaxWalkRank> RowMajorStrides(const Dims& dims) {
  std::array<int64_t, kMaxWalkRank> strides{};
  int64_t stride = 1;
  for (size_t d = dims.size(); d-- > 0;) {
    strides[d] = stride;
    stride *= dims[d];
  }
  return strides;
}

}  // namespace qb
