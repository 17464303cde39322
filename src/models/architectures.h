// The model families, each a Keras application rebuilt with GraphBuilder. A configuration scales a family
// down for tests (smaller input, fewer channels, fewer blocks, fewer classes); the defaults are the Keras
// ImageNet models.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace qb::models {

struct BuildContext {
  uint32_t seed = 1;      // the user's seed, written into the description
  uint64_t weight_seed = 1;  // the model's own stream (ModelSeed)
  int64_t* keras_params = nullptr;  // when set, receives the Keras model's parameter count
  bool with_weights = true;  // false: every weight is zero, mapped from the zero page (structure only)
};

// MobileNet v1 (keras/applications/mobilenet.py).
struct MobileNetConfig {
  std::string scope = "mobilenet_1.00_224";
  int input_size = 224;
  double alpha = 1.0;
  int classes = 1000;
};
Result<Graph> BuildMobileNetV1(const MobileNetConfig& config, const BuildContext& context);

// InceptionV3 (keras/applications/inception_v3.py); every filter count is divided by width_divisor.
struct InceptionConfig {
  std::string scope = "inception_v3";
  int input_size = 299;
  int width_divisor = 1;
  int classes = 1000;
};
Result<Graph> BuildInceptionV3(const InceptionConfig& config, const BuildContext& context);

// ResNet v1 (keras/applications/resnet.py, block1/stack1).
struct ResNetConfig {
  std::string scope = "resnet50";
  std::vector<int> blocks = {3, 4, 6, 3};
  int input_size = 224;
  int width_divisor = 1;
  int classes = 1000;
};
Result<Graph> BuildResNet(const ResNetConfig& config, const BuildContext& context);

// VGG16/19 (keras/applications/vgg16.py, vgg19.py).
struct VggConfig {
  std::string scope = "vgg16";
  std::vector<int> convs_per_block = {2, 2, 3, 3, 3};
  int input_size = 224;
  int width_divisor = 1;
  int dense_units = 4096;
  int classes = 1000;
};
Result<Graph> BuildVgg(const VggConfig& config, const BuildContext& context);

}  // namespace qb::models
