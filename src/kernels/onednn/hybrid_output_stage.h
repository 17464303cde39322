// The int32 -> float32 end of a oneDNN hybrid primitive (convolution or matmul on u8 x s8), built so
// that its output equals the reference's activation(float(acc) * (input_scale * filter_scale[c]) + bias[c])
// bit for bit:
//   source zero point  run time, common: the image's u8 zero point; oneDNN subtracts its contribution in
//                      int32 (padding counts as the zero point, i.e. a real 0), so acc is the reference's
//   binary_mul         run time per-channel tensor input_scale * filter_scale[c], written per image
//                      (the output scale stays 1, which is exact)
//   binary_add         the float bias, when the op has one (never folded in before the scale: oneDNN's own
//                      bias would be added before the multiplication)
//   eltwise            the fused activation
// The memories point at this object's own buffers, whose addresses survive moves.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

#include "kernels/onednn/hybrid_input_quantizer.h"
#include "kernels/reference/activation.h"

namespace qb::onednn {

class HybridOutputStage {
 public:
  HybridOutputStage() = default;
  // `channel_dims`: a per-channel tensor broadcast over the destination ({1, C, 1, 1}, or {1, C} for a matmul).
  // `bias` (nullptr when absent) must outlive the stage.
  HybridOutputStage(dnnl::memory::dims channel_dims, std::vector<float> filter_scales, const float* bias,
                    const ActivationRange& activation);

  // User scratchpad, the run-time source zero point and the post-ops above.
  dnnl::primitive_attr Attributes() const;
  // The run-time arguments of the attributes, to bind for good.
  std::unordered_map<int, dnnl::memory> Arguments() const;
  // Sets the zero point and channel scales for the next execution.
  void SetImage(const U8Image& image);

 private:
  dnnl::memory::dims channel_dims_;
  std::vector<float> filter_scales_;
  const float* bias_ = nullptr;
  ActivationRange activation_;
  std::vector<int32_t> zero_point_ = std::vector<int32_t>(1, 0);
  std::vector<float> channel_scales_;
};

}  // namespace qb::onednn
