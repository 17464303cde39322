// Folding a PAD into the convolution after it: a float32 PAD of zeros on the two spatial axes of an NHWC
// tensor whose only reader is a VALID CONV_2D or DEPTHWISE_CONV_2D (its input 0) is dropped, and the
// convolution reads the PAD's input with the same zeros as its own padding (Conv2DOptions::folded_padding).
// Exact: a padded tap adds 0 to a float sum, and to a hybrid one the quantized zero point (the hybrid input
// range always contains 0, so the extra zeros do not change the image's scale or zero point either).
// Saves the PAD's copy of the whole tensor (7% of MobileNet's time); Keras writes one before every
// stride-2 convolution of MobileNet and before ResNet's first.
// A PAD before a VALID MAX_POOL_2D folds the same way (Pool2DOptions::folded_padding) when the PAD's input
// holds no negative value (non_negative_tensors.h: e.g. out of a RELU, as ResNet's pool1_pad): the pool
// ignores its padding where the PAD's zeros took part in the maximum, the same maximum over values >= 0
// (up to the sign of a zero: the largest value of a window of zeros may then be -0 instead of 0).
#pragma once

#include <vector>

#include "graph/graph.h"

namespace qb {

// `ops` (the graph's) with every foldable PAD folded into its convolution, in execution order.
std::vector<Op> FoldPadsIntoConvolutions(const Graph& graph, std::vector<Op> ops);

}  // namespace qb
