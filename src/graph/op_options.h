// Options of each operator, mirroring TensorFlow Lite's *Options tables field for field, so that a
// read -> write round trip keeps every option. std::monostate means "the file had no options table".
#pragma once

#include <cstdint>
#include <variant>
#include <vector>

#include "core/dtype.h"

namespace qb {

enum class Padding : int8_t { kSame = 0, kValid = 1 };

enum class Activation : int8_t {
  kNone = 0,
  kRelu = 1,
  kReluN1To1 = 2,
  kRelu6 = 3,
  kTanh = 4,
  kSignBit = 5,
};

// Zeros a PAD op added around a convolution's (or a max pool's) input, folded into a VALID convolution or
// MAX_POOL_2D by the runtime (runtime/pad_folding.h). Never read from or written to a file: a file's ops
// have none.
struct FoldedPadding {
  int32_t top = 0, bottom = 0, left = 0, right = 0;
  bool operator==(const FoldedPadding&) const = default;
};

struct Conv2DOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 1, stride_h = 1;
  Activation activation = Activation::kNone;
  int32_t dilation_w = 1, dilation_h = 1;
  DType quantized_bias_type = DType::kFloat32;  // version 8: bias/accumulator type of integer convs
  FoldedPadding folded_padding;                 // runtime only (VALID convolutions)
  // Runtime only (runtime/residual_fusion.h): the ADD after the convolution is fused in; input 3 is the
  // residual and `activation` the ADD's.
  bool fused_residual_add = false;
  bool operator==(const Conv2DOptions&) const = default;
};

struct DepthwiseConv2DOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 1, stride_h = 1;
  int32_t depth_multiplier = 1;
  Activation activation = Activation::kNone;
  int32_t dilation_w = 1, dilation_h = 1;
  FoldedPadding folded_padding;  // runtime only (VALID convolutions)
  bool operator==(const DepthwiseConv2DOptions&) const = default;
};

struct Pool2DOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 1, stride_h = 1;
  int32_t filter_w = 1, filter_h = 1;
  Activation activation = Activation::kNone;
  FoldedPadding folded_padding;  // runtime only (VALID MAX_POOL_2D over non-negative values)
  bool operator==(const Pool2DOptions&) const = default;
};

struct FullyConnectedOptions {
  Activation activation = Activation::kNone;
  int8_t weights_format = 0;  // 0 = DEFAULT; shuffled formats are rejected
  bool keep_num_dims = false;
  bool asymmetric_quantize_inputs = false;
  DType quantized_bias_type = DType::kFloat32;
  bool operator==(const FullyConnectedOptions&) const = default;
};

struct SoftmaxOptions {
  float beta = 1.0f;
  bool operator==(const SoftmaxOptions&) const = default;
};

struct ConcatenationOptions {
  int32_t axis = 0;
  Activation activation = Activation::kNone;
  bool operator==(const ConcatenationOptions&) const = default;
};

struct AddOptions {
  Activation activation = Activation::kNone;
  bool pot_scale_int16 = true;
  bool operator==(const AddOptions&) const = default;
};

struct MulOptions {
  Activation activation = Activation::kNone;
  bool operator==(const MulOptions&) const = default;
};

struct ReshapeOptions {
  std::vector<int32_t> new_shape;
  bool operator==(const ReshapeOptions&) const = default;
};

struct ReducerOptions {
  bool keep_dims = false;
  bool operator==(const ReducerOptions&) const = default;
};

struct SqueezeOptions {
  std::vector<int32_t> squeeze_dims;
  bool operator==(const SqueezeOptions&) const = default;
};

struct StridedSliceOptions {
  int32_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0;
  bool offset = false;
  bool operator==(const StridedSliceOptions&) const = default;
};

struct PackOptions {
  int32_t values_count = 0;
  int32_t axis = 0;
  bool operator==(const PackOptions&) const = default;
};

struct ShapeOptions {
  DType out_type = DType::kInt32;
  bool operator==(const ShapeOptions&) const = default;
};

// Options tables without fields: their presence is kept for the round trip.
struct PadOptions {
  bool operator==(const PadOptions&) const = default;
};
struct DequantizeOptions {
  bool operator==(const DequantizeOptions&) const = default;
};
struct QuantizeOptions {
  bool operator==(const QuantizeOptions&) const = default;
};
struct HardSwishOptions {
  bool operator==(const HardSwishOptions&) const = default;
};

using OpOptions =
    std::variant<std::monostate, Conv2DOptions, DepthwiseConv2DOptions, Pool2DOptions, FullyConnectedOptions,
                 SoftmaxOptions, ConcatenationOptions, AddOptions, MulOptions, ReshapeOptions, ReducerOptions,
                 SqueezeOptions, StridedSliceOptions, PackOptions, ShapeOptions, PadOptions, DequantizeOptions,
                 QuantizeOptions, HardSwishOptions>;

}  // namespace qb
