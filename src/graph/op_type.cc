#include "graph/op_type.h"

#include <array>

namespace qb {
namespace {

struct OpInfo {
  OpType type;
  std::string_view name;
  int max_version;
};

// Max versions follow TensorFlow Lite's builtin op resolver: quantbench accepts every version TensorFlow
// Lite's converter writes for these ops; kernels then reject data types they do not implement.
constexpr std::array kOps = {
    OpInfo{OpType::kAdd, "ADD", 5},
    OpInfo{OpType::kAveragePool2D, "AVERAGE_POOL_2D", 3},
    OpInfo{OpType::kConcatenation, "CONCATENATION", 4},
    OpInfo{OpType::kConv2D, "CONV_2D", 8},
    OpInfo{OpType::kDepthwiseConv2D, "DEPTHWISE_CONV_2D", 7},
    OpInfo{OpType::kDequantize, "DEQUANTIZE", 6},
    OpInfo{OpType::kFullyConnected, "FULLY_CONNECTED", 13},
    OpInfo{OpType::kLogistic, "LOGISTIC", 3},
    OpInfo{OpType::kMaxPool2D, "MAX_POOL_2D", 3},
    OpInfo{OpType::kMul, "MUL", 7},
    OpInfo{OpType::kRelu, "RELU", 3},
    OpInfo{OpType::kRelu6, "RELU6", 3},
    OpInfo{OpType::kReshape, "RESHAPE", 2},
    OpInfo{OpType::kSoftmax, "SOFTMAX", 3},
    OpInfo{OpType::kPad, "PAD", 4},
    OpInfo{OpType::kMean, "MEAN", 3},
    OpInfo{OpType::kSqueeze, "SQUEEZE", 2},
    OpInfo{OpType::kStridedSlice, "STRIDED_SLICE", 8},
    OpInfo{OpType::kShape, "SHAPE", 1},
    OpInfo{OpType::kPack, "PACK", 4},
    OpInfo{OpType::kQuantize, "QUANTIZE", 3},
    OpInfo{OpType::kHardSwish, "HARD_SWISH", 1},
};

const OpInfo* Find(int32_t code) {
  for (const auto& info : kOps) {
    if (static_cast<int32_t>(info.type) == code) return &info;
  }
  return nullptr;
}

// Names of builtin codes quantbench does not run, for error messages.
struct OtherName {
  int32_t code;
  std::string_view name;
};
constexpr std::array kOtherNames = {
    OtherName{5, "DEPTH_TO_SPACE"}, OtherName{8, "FLOOR"},        OtherName{16, "LSTM"},
    OtherName{23, "RESIZE_BILINEAR"}, OtherName{28, "TANH"},      OtherName{32, "CUSTOM"},
    OtherName{36, "GATHER"},        OtherName{39, "TRANSPOSE"},   OtherName{41, "SUB"},
    OtherName{42, "DIV"},           OtherName{47, "EXP"},         OtherName{49, "SPLIT"},
    OtherName{53, "CAST"},          OtherName{54, "PRELU"},       OtherName{55, "MAXIMUM"},
    OtherName{56, "ARG_MAX"},       OtherName{57, "MINIMUM"},     OtherName{60, "PADV2"},
    OtherName{65, "SLICE"},         OtherName{67, "TRANSPOSE_CONV"}, OtherName{70, "EXPAND_DIMS"},
    OtherName{74, "SUM"},           OtherName{75, "SQRT"},        OtherName{76, "RSQRT"},
    OtherName{82, "REDUCE_MAX"},    OtherName{88, "UNPACK"},      OtherName{97, "RESIZE_NEAREST_NEIGHBOR"},
    OtherName{98, "LEAKY_RELU"},    OtherName{102, "SPLIT_V"},    OtherName{126, "BATCH_MATMUL"},
    OtherName{150, "GELU"},
};

}  // namespace

std::optional<OpType> OpTypeFromCode(int32_t code) {
  const OpInfo* info = Find(code);
  if (!info) return std::nullopt;
  return info->type;
}

std::string_view OpTypeName(OpType type) {
  const OpInfo* info = Find(static_cast<int32_t>(type));
  return info ? info->name : "UNKNOWN";
}

int MaxSupportedVersion(OpType type) {
  const OpInfo* info = Find(static_cast<int32_t>(type));
  return info ? info->max_version : 0;
}

std::string_view BuiltinCodeName(int32_t code) {
  if (const OpInfo* info = Find(code)) return info->name;
  for (const auto& other : kOtherNames) {
    if (other.code == code) return other.name;
  }
  return "an unknown builtin";
}

}  // namespace qb
