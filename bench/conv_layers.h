// The convolution layers the kernel suites time, taken from the published models (ResNet50 3x3 and 1x1
// convolutions, MobileNet's depthwise and pointwise layers, a VGG 3x3), as one-op graphs:
// input -> CONV_2D / DEPTHWISE_CONV_2D (SAME, RELU, folded bias) -> output, float32 weights.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "core/status.h"
#include "graph/graph.h"

namespace qb::bench {

struct ConvLayer {
  const char* name;
  int32_t size, in_c, out_c, kernel, stride;
  bool depthwise;
};

inline constexpr ConvLayer kConvLayers[] = {
    {"resnet50_3x3_56x56x64", 56, 64, 64, 3, 1, false},
    {"resnet50_1x1_56x56x64to256", 56, 64, 256, 1, 1, false},
    {"resnet50_3x3_14x14x256", 14, 256, 256, 3, 1, false},
    {"resnet50_1x1_14x14x1024to256", 14, 1024, 256, 1, 1, false},
    {"vgg16_3x3_56x56x256", 56, 256, 256, 3, 1, false},
    {"mobilenet_dw3x3_112x112x64_s2", 112, 64, 64, 3, 2, true},
    {"mobilenet_1x1_28x28x256", 28, 256, 256, 1, 1, false},
};

Result<std::shared_ptr<const Graph>> ConvGraph(const ConvLayer& layer);

}  // namespace qb::bench
