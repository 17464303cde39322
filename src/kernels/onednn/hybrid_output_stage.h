// The int32 -> float32 end of a oneDNN hybrid primitive (convolution or matmul on u8 x s8), built so
// that its output equals the reference's epilogue (reference/hybrid_quantize.h, HybridOutputTerms) bit
// for bit:
//   source zero point  run time, common: the image's u8 zero point; oneDNN subtracts its contribution in
//                      int32 (padding counts as the zero point, i.e. a real 0), so acc is the reference's.
//                      Left out when the input holds no negative value (RuntimeTensor::non_negative):
//                      lo = 0 puts the zero point at u = 0, so u * w is already (q - zero_point) * w,
//                      and oneDNN skips its zero-point compensation (faster layers; at VNNI, a weight
//                      reorder without it — see BENCHMARKS.md). An image whose zero point is not 0 then
//                      cannot be expressed (SetImage).
//   bias               the primitive's own f32 bias, which oneDNN 2.6 adds to float(acc) before any
//                      scaling: the bias in accumulator units, bias[c] / s[c], written per image
//   binary_mul         run time per-channel tensor s[c] = input_scale * filter_scale[c], written per image
//                      (the output scale stays 1, which is exact)
//   sum                a fused residual ADD (kernels/residual_add.h), when there is one: the destination
//                      holds the ADD's other input when the primitive runs (the runtime gives the output
//                      the residual's memory, else the kernel copies it there) and oneDNN adds the result
//                      to it, in place — the same float sum as the ADD's; with a full-tensor binary_add
//                      instead, oneDNN 2.6 leaves brgconv_1x1 for its slower jit_int8_1x1 (BENCHMARKS.md)
//   eltwise            the fused activation
// One binary post-op, not two: a second (the bias after the scale) cost 20-40% of memory-bound layers.
// A channel with filter scale 0 and only 0 weights (acc = 0) is written as bias b, scale 1. An image
// whose epilogue has any other unfolded channel (input scales near the float minimum) cannot be expressed
// so: SetImage says so and the kernel runs that op on the reference.
// The memories point at this object's own buffers, whose addresses survive moves.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

#include "kernels/x86/hybrid_input_quantizer.h"
#include "kernels/reference/activation.h"
#include "kernels/reference/hybrid_quantize.h"

namespace qb::onednn {

class HybridOutputStage {
 public:
  HybridOutputStage() = default;
  // `channel_dims`: a per-channel tensor broadcast over the destination ({1, C, 1, 1}, or {1, C} for a
  // matmul); `bias_dims`: the primitive's bias ({C} for a convolution, {1, C} for a matmul). `bias`
  // (nullptr when absent) must outlive the stage.
  // `source_zero_point`: false when every image's u8 zero point is 0 (a non-negative input).
  HybridOutputStage(dnnl::memory::dims channel_dims, dnnl::memory::dims bias_dims, const FilterInfo& filter,
                    const float* bias, const ActivationRange& activation, bool source_zero_point);

  // Adds the residual as a sum post-op into the destination (before Attributes).
  void AddResidualSum() { residual_sum_ = true; }
  // User scratchpad, the run-time source zero point and the post-ops above.
  dnnl::primitive_attr Attributes() const;
  // The primitive's bias: f32 bias_dims, or an empty descriptor without a bias.
  dnnl::memory::desc BiasDesc() const;
  // The run-time arguments of the attributes and the bias, to bind for good.
  std::unordered_map<int, dnnl::memory> Arguments() const;
  // Sets the zero point, bias and channel scales for the next execution; false when this image's
  // epilogue (or, without a source zero point, its zero point) cannot be expressed (see above).
  bool SetImage(const U8Image& image);
  bool source_zero_point() const { return source_zero_point_; }

 private:
  dnnl::memory::dims channel_dims_, bias_dims_;
  bool source_zero_point_ = true;
  std::vector<float> filter_scales_;
  bool zero_scale_channels_are_empty_ = true;
  const float* bias_ = nullptr;
  ActivationRange activation_;
  bool residual_sum_ = false;
  HybridOutputTerms terms_;
  std::vector<int32_t> zero_point_ = std::vector<int32_t>(1, 0);
  std::vector<float> channel_scales_, bias_in_acc_;
};

}  // namespace qb::onednn
