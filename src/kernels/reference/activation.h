// Fused activations of float kernels (TensorFlow Lite's FusedActivationFunctionType) as a clamp range.
// TANH and SIGN_BIT are not clamps; ops that meet them reject the model in Prepare.
#pragma once

#include <algorithm>
#include <limits>
#include <string_view>

#include "core/status.h"
#include "graph/op_options.h"

namespace qb {

struct ActivationRange {
  float min = -std::numeric_limits<float>::infinity();
  float max = std::numeric_limits<float>::infinity();

  float Apply(float x) const { return std::min(std::max(x, min), max); }
};

std::string_view ActivationName(Activation activation);  // "RELU6", as TensorFlow Lite names it
// The clamp range of NONE, RELU, RELU_N1_TO_1 and RELU6; an error naming any other activation.
Result<ActivationRange> FloatActivationRange(Activation activation);

}  // namespace qb
