#include "kernels/onednn/onednn_context.h"

#include <cmath>

namespace qb::onednn {

dnnl::engine& CpuEngine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

dnnl::stream& CpuStream() {
  static dnnl::stream stream(CpuEngine());
  return stream;
}

dnnl::primitive_attr KernelAttributes(const ActivationRange& activation, bool sum_into_destination) {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  dnnl::post_ops ops;
  if (sum_into_destination) ops.append_sum(1.0f);
  AppendActivation(activation, ops);
  if (ops.len() > 0) attr.set_post_ops(ops);
  return attr;
}

void AppendActivation(const ActivationRange& activation, dnnl::post_ops& ops) {
  const bool has_min = std::isfinite(activation.min), has_max = std::isfinite(activation.max);
  if (!has_min && !has_max) return;
  if (has_min && !has_max && activation.min == 0.0f) {
    ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
  } else {
    ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_clip, activation.min, activation.max);
  }
}

dnnl::memory::desc RowMajorFloatDesc(const std::vector<int32_t>& shape) {
  dnnl::memory::dims dims(shape.begin(), shape.end());
  if (dims.empty()) dims.push_back(1);
  dnnl::memory::dims strides(dims.size(), 1);
  for (size_t d = dims.size() - 1; d > 0; --d) strides[d - 1] = strides[d] * dims[d];
  return {dims, dnnl::memory::data_type::f32, strides};
}

dnnl::memory PackWeights(const dnnl::memory::desc& user, const void* data, const dnnl::memory::desc& packed) {
  dnnl::memory source(user, CpuEngine(), const_cast<void*>(data));
  dnnl::memory destination(packed, CpuEngine());
  dnnl::reorder(source, destination).execute(CpuStream(), source, destination);
  CpuStream().wait();
  return destination;
}

BoundPrimitive ReorderPrimitive(const dnnl::memory::desc& from, const dnnl::memory::desc& to) {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  const dnnl::reorder::primitive_desc pd(CpuEngine(), from, CpuEngine(), to, attr);
  return BoundPrimitive(dnnl::reorder(pd), pd, {});
}

BoundPrimitive::BoundPrimitive(dnnl::primitive primitive, const dnnl::primitive_desc_base& pd,
                               std::unordered_map<int, dnnl::memory> constant_args)
    : primitive_(std::move(primitive)), args_(std::move(constant_args)) {
  src_ = dnnl::memory(pd.src_desc(), CpuEngine(), nullptr);
  dst_ = dnnl::memory(pd.dst_desc(), CpuEngine(), nullptr);
  args_[DNNL_ARG_SRC] = src_;
  args_[DNNL_ARG_DST] = dst_;
  const dnnl::memory::desc scratchpad = pd.scratchpad_desc();
  scratch_bytes_ = scratchpad.get_size();
  if (scratch_bytes_ > 0) {
    scratchpad_ = dnnl::memory(scratchpad, CpuEngine(), nullptr);
    args_[DNNL_ARG_SCRATCHPAD] = scratchpad_;
  }
  implementation_ = "onednn " + std::string(pd.impl_info_str());
}

void BoundPrimitive::Execute(const void* src, void* dst, void* scratch) {
  src_.set_data_handle(const_cast<void*>(src));
  dst_.set_data_handle(dst);
  if (scratch_bytes_ > 0) scratchpad_.set_data_handle(scratch);
  primitive_.execute(CpuStream(), args_);
  CpuStream().wait();
}

void BoundPrimitive::BindSecondSource(const dnnl::memory::desc& desc) {
  src1_ = dnnl::memory(desc, CpuEngine(), nullptr);
  args_[DNNL_ARG_SRC_1] = src1_;
}

void BoundPrimitive::Execute(const void* src, const void* src1, void* dst, void* scratch) {
  src1_.set_data_handle(const_cast<void*>(src1));
  Execute(src, dst, scratch);
}

}  // namespace qb::onednn
