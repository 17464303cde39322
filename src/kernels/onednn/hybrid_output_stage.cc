#include "kernels/onednn/hybrid_output_stage.h"

#include "kernels/onednn/onednn_context.h"

namespace qb::onednn {
namespace {

constexpr auto kF32 = dnnl::memory::data_type::f32;
constexpr int kScalePostOp = 0, kBiasPostOp = 1;

dnnl::memory::desc ChannelDesc(const dnnl::memory::dims& dims) {
  return {dims, kF32, dims.size() == 2 ? dnnl::memory::format_tag::ab : dnnl::memory::format_tag::abcd};
}

}  // namespace

HybridOutputStage::HybridOutputStage(dnnl::memory::dims channel_dims, std::vector<float> filter_scales,
                                     const float* bias, const ActivationRange& activation)
    : channel_dims_(std::move(channel_dims)),
      filter_scales_(std::move(filter_scales)),
      bias_(bias),
      activation_(activation),
      channel_scales_(filter_scales_.size(), 0.0f) {}

dnnl::primitive_attr HybridOutputStage::Attributes() const {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  attr.set_zero_points(DNNL_ARG_SRC, 0, {DNNL_RUNTIME_S32_VAL});
  const dnnl::memory::desc channel_plain = ChannelDesc(channel_dims_);
  dnnl::post_ops ops;
  ops.append_binary(dnnl::algorithm::binary_mul, channel_plain);
  if (bias_ != nullptr) ops.append_binary(dnnl::algorithm::binary_add, channel_plain);
  AppendActivation(activation_, ops);
  attr.set_post_ops(ops);
  return attr;
}

std::unordered_map<int, dnnl::memory> HybridOutputStage::Arguments() const {
  const dnnl::memory::desc channel = ChannelDesc(channel_dims_);
  std::unordered_map<int, dnnl::memory> args;
  args[DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_SRC] =
      dnnl::memory({{1}, dnnl::memory::data_type::s32, dnnl::memory::format_tag::a}, CpuEngine(),
                   const_cast<int32_t*>(zero_point_.data()));
  args[DNNL_ARG_ATTR_MULTIPLE_POST_OP(kScalePostOp) | DNNL_ARG_SRC_1] =
      dnnl::memory(channel, CpuEngine(), const_cast<float*>(channel_scales_.data()));
  if (bias_ != nullptr) {
    args[DNNL_ARG_ATTR_MULTIPLE_POST_OP(kBiasPostOp) | DNNL_ARG_SRC_1] =
        dnnl::memory(channel, CpuEngine(), const_cast<float*>(bias_));
  }
  return args;
}

void HybridOutputStage::SetImage(const U8Image& image) {
  zero_point_[0] = image.zero_point;
  for (size_t c = 0; c < filter_scales_.size(); ++c) channel_scales_[c] = image.scale * filter_scales_[c];
}

}  // namespace qb::onednn
