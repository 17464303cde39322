// Calibration of the folded BatchNorms by one forward pass.
//
// The builder scales each layer from per-channel statistics it tracks analytically; deep down those
// estimates drift (real feature maps are spatially correlated, analytic ones are not), which left logits
// so spread that the softmax was one-hot. Calibration measures instead: it runs the float model once on a
// seeded input (uniform in [-1, 1)), layer by layer, and for every CONV_2D, DEPTHWISE_CONV_2D and
// FULLY_CONNECTED rescales each output channel so that, on that input, its pre-activation has a root mean
// square of gamma (in [0.75, 1.25]) and is then shifted by beta (in [0.5, 1]), both drawn per channel
// from the model's seed; the next layer is measured on the corrected output. A channel's mean is kept,
// not removed, and beta is positive, so most ReLUs are active. That is deliberate: a random network whose
// BatchNorms centre every channel on the ReLU's kink is chaotic — it amplifies any perturbation layer
// after layer (Yang et al., "A Mean Field Theory of Batch Normalization", 2019) — and its quantization
// error would be far worse than trained networks show (MobileNet: cosine 0.57 of logits instead of
// 0.9998). Weak channels are floored at half the layer's average second moment, so nearly dead channels
// are not blown up to full scale. Layers with a single output position (dense heads, MobileNet's 1x1
// classifier) take their statistics across channels; the last weighted layer (the classifier) gets
// logits with mean 0 and standard deviation 2 across classes, so the softmax is spread over a few
// classes. A channel's correction is an affine map, folded back into its weights and bias: the graph
// keeps its layout.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "graph/graph.h"

namespace qb::models {

// Rewrites the float weights and biases of `graph` in place (new buffers). The pass runs on the reference
// kernels, whatever backend or --isa cap the process uses, so the same seed gives the same bytes on every
// machine (the reference kernels do their arithmetic in a fixed order, without FMA contraction).
Status CalibrateFoldedLayers(Graph& graph, uint64_t weight_seed);

}  // namespace qb::models
