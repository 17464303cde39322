// Tensor shapes: a list of dimensions, row-major (NHWC for images).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qb {

using Shape = std::vector<int32_t>;

// Number of elements, or nullopt when a dimension is negative or the product exceeds 2^40
// (far beyond any model here; the bound keeps a corrupt file from asking for a huge allocation).
std::optional<int64_t> CheckedElementCount(const Shape& shape);
// Number of elements of a shape already validated.
int64_t ElementCount(const Shape& shape);
std::string ShapeToString(const Shape& shape);  // "[1, 224, 224, 3]"

}  // namespace qb
