#include "kernels/onednn/hybrid_output_stage.h"

#include "kernels/onednn/onednn_context.h"

namespace qb::onednn {
namespace {

constexpr auto kF32 = dnnl::memory::data_type::f32;
constexpr int kScalePostOp = 0;

dnnl::memory::desc PlainDesc(const dnnl::memory::dims& dims) {
  using tag = dnnl::memory::format_tag;
  return {dims, kF32, dims.size() == 1 ? tag::a : dims.size() == 2 ? tag::ab : tag::abcd};
}

}  // namespace

HybridOutputStage::HybridOutputStage(dnnl::memory::dims channel_dims, dnnl::memory::dims bias_dims,
                                     const FilterInfo& filter, const float* bias, const ActivationRange& activation,
                                     bool source_zero_point)
    : channel_dims_(std::move(channel_dims)),
      bias_dims_(std::move(bias_dims)),
      source_zero_point_(source_zero_point),
      filter_scales_(filter.channel_scales),
      zero_scale_channels_are_empty_(filter.zero_scale_channels_are_empty),
      bias_(bias),
      activation_(activation),
      terms_(filter.channel_scales.size()),
      channel_scales_(filter.channel_scales.size(), 0.0f),
      bias_in_acc_(filter.channel_scales.size(), 0.0f) {}

dnnl::primitive_attr HybridOutputStage::Attributes() const {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  if (source_zero_point_) attr.set_zero_points(DNNL_ARG_SRC, 0, {DNNL_RUNTIME_S32_VAL});
  dnnl::post_ops ops;
  ops.append_binary(dnnl::algorithm::binary_mul, PlainDesc(channel_dims_));
  if (residual_sum_) ops.append_sum(1.0f);
  AppendActivation(activation_, ops);
  attr.set_post_ops(ops);
  return attr;
}

dnnl::memory::desc HybridOutputStage::BiasDesc() const {
  return bias_ != nullptr ? PlainDesc(bias_dims_) : dnnl::memory::desc();
}

std::unordered_map<int, dnnl::memory> HybridOutputStage::Arguments() const {
  std::unordered_map<int, dnnl::memory> args;
  if (source_zero_point_) {
    args[DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_SRC] =
        dnnl::memory({{1}, dnnl::memory::data_type::s32, dnnl::memory::format_tag::a}, CpuEngine(),
                     const_cast<int32_t*>(zero_point_.data()));
  }
  args[DNNL_ARG_ATTR_MULTIPLE_POST_OP(kScalePostOp) | DNNL_ARG_SRC_1] =
      dnnl::memory(PlainDesc(channel_dims_), CpuEngine(), const_cast<float*>(channel_scales_.data()));
  if (bias_ != nullptr) {
    args[DNNL_ARG_BIAS] = dnnl::memory(PlainDesc(bias_dims_), CpuEngine(), const_cast<float*>(bias_in_acc_.data()));
  }
  return args;
}

bool HybridOutputStage::SetImage(const U8Image& image) {
  if (!source_zero_point_ && image.zero_point != 0) return false;
  zero_point_[0] = image.zero_point;
  terms_.Set(image.scale, filter_scales_, bias_);
  for (size_t c = 0; c < channel_scales_.size(); ++c) {
    if (terms_.folded(c)) {
      channel_scales_[c] = terms_.scale(c);
      bias_in_acc_[c] = terms_.bias_in_accumulator_units(c);
    } else if (filter_scales_[c] == 0.0f && zero_scale_channels_are_empty_) {
      channel_scales_[c] = 1.0f;  // acc is 0: (0 + bias) * 1 = 0 * 0 + bias
      bias_in_acc_[c] = terms_.unfolded_bias(c);
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace qb::onednn
