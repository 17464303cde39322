// The operators quantbench knows. Values are TensorFlow Lite's BuiltinOperator codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace qb {

enum class OpType : int32_t {
  kAdd = 0,
  kAveragePool2D = 1,
  kConcatenation = 2,
  kConv2D = 3,
  kDepthwiseConv2D = 4,
  kDequantize = 6,
  kFullyConnected = 9,
  kLogistic = 14,
  kMaxPool2D = 17,
  kMul = 18,
  kRelu = 19,
  kRelu6 = 21,
  kReshape = 22,
  kSoftmax = 25,
  kPad = 34,
  kMean = 40,
  kSqueeze = 43,
  kStridedSlice = 45,
  kShape = 77,
  kPack = 83,
  kQuantize = 114,
  kHardSwish = 117,
};

// TensorFlow Lite's name for the op ("CONV_2D"), or nullopt for a code quantbench does not know.
std::optional<OpType> OpTypeFromCode(int32_t code);
std::string_view OpTypeName(OpType type);
// The highest op version quantbench reads for each op (TensorFlow Lite's versioning rules).
int MaxSupportedVersion(OpType type);
// TensorFlow Lite's name for any builtin code, for error messages ("BUILTIN_123" when unknown).
std::string_view BuiltinCodeName(int32_t code);

}  // namespace qb
