// What every oneDNN kernel shares: the process's CPU engine and stream, the mapping of fused
// activations to eltwise post-ops, and BoundPrimitive, a primitive wired to the runtime's buffers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

#include "kernels/reference/activation.h"
#include "kernels/scratch.h"  // AlignScratch: where a kernel's own scratch starts after oneDNN's scratchpad

namespace qb::onednn {

dnnl::engine& CpuEngine();
dnnl::stream& CpuStream();

// Attributes every kernel uses: user-managed scratchpad (the runtime's scratch) and the activation's
// clamp as an eltwise post-op (none for NONE, relu for RELU, clip for RELU6 and RELU_N1_TO_1).
dnnl::primitive_attr KernelAttributes(const ActivationRange& activation, bool sum_into_destination = false);
// Appends the activation's clamp (as above; nothing for NONE) to `ops`.
void AppendActivation(const ActivationRange& activation, dnnl::post_ops& ops);

// A float32 tensor of `shape` in row-major order (rank 0 as {1}): how the shape-agnostic ops (concatenation,
// mean, pad, softmax) describe TensorFlow Lite's tensors to oneDNN.
dnnl::memory::desc RowMajorFloatDesc(const std::vector<int32_t>& shape);

// Moves `pd` to the first of oneDNN's implementations for its descriptor whose name (impl_info_str)
// starts with `prefix`; keeps oneDNN's first choice when none does or the prefix is empty.
template <typename PrimitiveDesc>
void PreferImplementation(PrimitiveDesc& pd, std::string_view prefix) {
  if (prefix.empty()) return;
  const PrimitiveDesc first = pd;  // next_impl replaces pd's handle; `first` keeps the first choice's
  do {
    if (std::string_view(pd.impl_info_str()).substr(0, prefix.size()) == prefix) return;
  } while (pd.next_impl());
  pd = first;
}

// Reorders constant weights from the user's layout into `packed`'s layout (once, in Prepare).
dnnl::memory PackWeights(const dnnl::memory::desc& user, const void* data, const dnnl::memory::desc& packed);

// A primitive with its arguments: the constant ones (packed weights, bias) fixed in Prepare, the source,
// destination and scratchpad memories created once without data and pointed at the op's tensors and
// the runtime's scratch on every Execute — no allocation per inference.
class BoundPrimitive {
 public:
  BoundPrimitive() = default;
  // `primitive` was created from `pd` (with a user-managed scratchpad); `constant_args` are bound for good.
  BoundPrimitive(dnnl::primitive primitive, const dnnl::primitive_desc_base& pd,
                 std::unordered_map<int, dnnl::memory> constant_args);

  // Runs the primitive on `src` into `dst`, with `scratch` holding scratch_bytes().
  void Execute(const void* src, void* dst, void* scratch);
  // For primitives with a second source (binary's DNNL_ARG_SRC_1): binds it once, then Execute with it.
  void BindSecondSource(const dnnl::memory::desc& desc);
  void Execute(const void* src, const void* src1, void* dst, void* scratch);
  size_t scratch_bytes() const { return scratch_bytes_; }
  // "onednn brgconv:avx512_core": the backend and oneDNN's implementation name.
  const std::string& implementation() const { return implementation_; }

 private:
  dnnl::primitive primitive_;
  dnnl::memory src_, src1_, dst_, scratchpad_;
  std::unordered_map<int, dnnl::memory> args_;
  size_t scratch_bytes_ = 0;
  std::string implementation_;
};

// A reorder of activations from `from`'s layout to `to`'s (e.g. nhwc to nChw8c), bound like a primitive.
BoundPrimitive ReorderPrimitive(const dnnl::memory::desc& from, const dnnl::memory::desc& to);

}  // namespace qb::onednn
