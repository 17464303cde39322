// Fusing a residual ADD into the CONV_2D that computes one of its inputs: ADD(conv(x), s) of three float32
// tensors of one shape, where the convolution has no activation and the ADD is the only reader of its
// output, becomes one CONV_2D at the ADD's place with s as input 3 and the ADD's activation
// (Conv2DOptions::fused_residual_add, kernels/reference/residual_add.h). Exact: the convolution's float output
// plus s, then the activation, as the ADD computed it. oneDNN's hybrid convolution adds s in its own
// output pass (a post-op) instead of reading and writing the whole tensor once more: ResNet's 16
// ADDs were 12% of its quantized time. Only where the caller says so (`fuse`): oneDNN 2.6's float 1x1
// convolutions leave brgconv for a slower kernel when given a full-tensor binary post-op (a net loss
// on ResNet50's deeper blocks), so float convolutions keep their separate ADD.
// The fused op's output may then take the residual's memory (ResidualsToShare): the kernels add in place,
// which lets oneDNN's hybrid 1x1 convolution keep brgconv_1x1 (a sum post-op instead of a binary_add).
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
