// Fusing a residual ADD into the CONV_2D that computes one of its inputs: ADD(conv(x), s) of three float32
// tensors of one shape, where the convolution has no activation and the ADD is the only reader of its
// output, becomes one CONV_2D at the ADD's place with s as input 3 and the ADD's activation
// (Conv2DOptions::fused_residual_add, kernels/reference/residual_add.h). Exact: the convolution's float output
// plus s, then the activation, as the ADD computed it. The kernel adds s in its own output pass instead of
// reading and writing the whole tensor once more (ResNet's 16 ADDs were 12% of its quantized time). Only
// where the caller says so (`fuse`; kernel_factory.h, KernelAddsResidual: oneDNN's and quantbench's own
// hybrid convolutions, oneDNN's float convolution where it writes nhwc in place).
// The fused op's output may then take the residual's memory (ResidualsToShare): the kernels add in place,
// oneDNN as a sum post-op — with a full-tensor binary_add post-op instead, oneDNN 2.6 leaves brgconv_1x1
// for its slower jit_1x1 / jit_int8_1x1 (a net loss on ResNet50's deeper blocks).
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace qb {

// `ops` (the graph's, possibly already rewritten) with every fusible ADD fused into a convolution that
// `fuse` accepts, in execution order.
std::vector<Op> FuseResidualAdds(const Graph& graph, std::vector<Op> ops,
                                 const std::function<bool(const Op& convolution)>& fuse);

// The fused ops (in `ops`) whose output can share its residual's memory, as {output, residual} tensor
// pairs: the residual is an activation of the same size (not a graph input, constant or variable), this op
// is its last reader (`last_reader[tensor]`: the index in `ops` of the last op reading it) and not another of
// its inputs, and the output holds one image (a kernel that falls back to another for a later image must
// still find the residual of the earlier ones).
std::vector<std::pair<int32_t, int32_t>> ResidualsToShare(const Graph& graph, const std::vector<Op>& ops,
                                                          const std::vector<int32_t>& last_reader);

}  // namespace qb
