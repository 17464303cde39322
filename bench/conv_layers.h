// The layers the kernel suites time, taken from the published models (ResNet50 3x3 and 1x1 convolutions,
// MobileNet's depthwise and pointwise layers and its classifier head, a VGG 3x3 and VGG16's fully connected
// layers), as one-op graphs: input -> CONV_2D / DEPTHWISE_CONV_2D (SAME, RELU, folded bias) or
// FULLY_CONNECTED (RELU, bias; an input of 1 x 1 x in_c) -> output, float32 weights.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "core/status.h"
#include "graph/graph.h"

namespace qb::bench {

enum class LayerKind { kConv, kDepthwise, kDense };

struct ConvLayer {
  const char* name;
  int32_t size, in_c, out_c, kernel, stride;
  LayerKind kind;
};

inline constexpr ConvLayer kConvLayers[] = {
    {"resnet50_3x3_56x56x64", 56, 64, 64, 3, 1, LayerKind::kConv},
    {"resnet50_1x1_56x56x64to256", 56, 64, 256, 1, 1, LayerKind::kConv},
    {"resnet50_3x3_14x14x256", 14, 256, 256, 3, 1, LayerKind::kConv},
    {"resnet50_1x1_14x14x1024to256", 14, 1024, 256, 1, 1, LayerKind::kConv},
    {"vgg16_3x3_56x56x256", 56, 256, 256, 3, 1, LayerKind::kConv},
    {"mobilenet_dw3x3_112x112x64_s2", 112, 64, 64, 3, 2, LayerKind::kDepthwise},
    {"mobilenet_1x1_28x28x256", 28, 256, 256, 1, 1, LayerKind::kConv},
    {"mobilenet_conv_preds_1x1x1024to1000", 1, 1024, 1000, 1, 1, LayerKind::kConv},
    {"vgg16_fc1_25088to4096", 1, 25088, 4096, 1, 1, LayerKind::kDense},
    {"vgg16_fc2_4096to4096", 1, 4096, 4096, 1, 1, LayerKind::kDense},
};

Result<std::shared_ptr<const Graph>> ConvGraph(const ConvLayer& layer);

}  // namespace qb::bench
