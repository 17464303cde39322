// Element types of tensors. The numeric values are TensorFlow Lite's TensorType values, so the
// .tflite reader and writer convert with a range check and a cast.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace qb {

enum class DType : int8_t {
  kFloat32 = 0,
  kFloat16 = 1,
  kInt32 = 2,
  kUInt8 = 3,
  kInt64 = 4,
  kString = 5,
  kBool = 6,
  kInt16 = 7,
  kComplex64 = 8,
  kInt8 = 9,
  kFloat64 = 10,
};

inline constexpr int kMaxDTypeValue = 10;

// Bytes per element; 0 for types without a fixed size (string).
size_t DTypeSize(DType type);
std::string_view DTypeName(DType type);  // "FLOAT32", "INT8", ... as TensorFlow Lite names them
bool IsQuantizedIntegerType(DType type);  // UINT8, INT8, INT16

}  // namespace qb
