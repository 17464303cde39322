#include "kernels/reference/activation.h"

namespace qb {

std::string_view ActivationName(Activation activation) {
  switch (activation) {
    case Activation::kNone: return "NONE";
    case Activation::kRelu: return "RELU";
    case Activation::kReluN1To1: return "RELU_N1_TO_1";
    case Activation::kRelu6: return "RELU6";
    case Activation::kTanh: return "TANH";
    case Activation::kSignBit: return "SIGN_BIT";
  }
  return "UNKNOWN";
}

Result<ActivationRange> FloatActivationRange(Activation activation) {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  switch (activation) {
    case Activation::kNone: return ActivationRange{-kInf, kInf};
    case Activation::kRelu: return ActivationRange{0.0f, kInf};
    case Activation::kReluN1To1: return ActivationRange{-1.0f, 1.0f};
    case Activation::kRelu6: return ActivationRange{0.0f, 6.0f};
    default: break;
  }
  return Errorf("fused activation {} is not supported", ActivationName(activation));
}

}  // namespace qb
