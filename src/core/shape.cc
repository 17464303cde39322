#include "core/shape.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qb {

std::optional<int64_t> CheckedElementCount(const Shape& shape) {
  constexpr int64_t kLimit = int64_t{1} << 40;
  int64_t count = 1;
  for (int32_t dim : shape) {
    if (dim < 0) return std::nullopt;
    if (dim != 0 && count > kLimit / dim) return std::nullopt;
    count *= dim;
  }
  return count;
}

int64_t ElementCount(const Shape& shape) {
  int64_t count = 1;
  for (int32_t dim : shape) count *= dim;
  return count;
}

std::string ShapeToString(const Shape& shape) { return fmt::format("[{}]", fmt::join(shape, ", ")); }

}  // namespace qb
