// Model names to family builders and their configurations.
#include "models/model_registry.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "models/architectures.h"
#include "models/calibration.h"
#include "models/weight_init.h"

namespace qb::models {
namespace {

constexpr std::array kModels = {
    ModelInfo{"MobileNet", false, 4'253'864, 4'221'032, "MobileNet v1, alpha 1.0, 224x224, 1000 classes"},
    ModelInfo{"InceptionV3", false, 23'851'784, 23'817'352, "InceptionV3, 299x299, 1000 classes"},
    ModelInfo{"ResNet50", false, 25'636'712, 25'530'472, "ResNet50 v1, 224x224, 1000 classes"},
    ModelInfo{"ResNet101", false, 44'707'176, 44'496'488, "ResNet101 v1, 224x224, 1000 classes"},
    ModelInfo{"ResNet152", false, 60'419'944, 60'117'096, "ResNet152 v1, 224x224, 1000 classes"},
    ModelInfo{"VGG16", false, 138'357'544, 138'357'544, "VGG16, 224x224, 4096-4096-1000 dense head"},
    ModelInfo{"VGG19", false, 143'667'240, 143'667'240, "VGG19, 224x224, 4096-4096-1000 dense head"},
    ModelInfo{"TinyMobileNet", true, 0, 0, "MobileNet v1 layout, alpha 0.25, 32x32, 10 classes"},
    ModelInfo{"TinyInception", true, 0, 0, "InceptionV3 layout, channels / 16, 75x75, 10 classes"},
    ModelInfo{"TinyResNet", true, 0, 0, "ResNet v1 layout, one block per stack, channels / 16, 32x32, 10 classes"},
    ModelInfo{"TinyVGG", true, 0, 0, "VGG layout, one conv per block, channels / 16, 32x32, 64-64-10 head"},
};

Result<Graph> Dispatch(std::string_view name, const BuildContext& context) {
  if (name == "MobileNet") return BuildMobileNetV1({}, context);
  if (name == "InceptionV3") return BuildInceptionV3({}, context);
  if (name == "ResNet50") return BuildResNet({}, context);
  if (name == "ResNet101") return BuildResNet({.scope = "resnet101", .blocks = {3, 4, 23, 3}}, context);
  if (name == "ResNet152") return BuildResNet({.scope = "resnet152", .blocks = {3, 8, 36, 3}}, context);
  if (name == "VGG16") return BuildVgg({}, context);
  if (name == "VGG19") return BuildVgg({.scope = "vgg19", .convs_per_block = {2, 2, 4, 4, 4}}, context);
  if (name == "TinyMobileNet") {
    return BuildMobileNetV1({.scope = "mobilenet_0.25_32", .input_size = 32, .alpha = 0.25, .classes = 10}, context);
  }
  if (name == "TinyInception") {
    return BuildInceptionV3({.scope = "inception_v3_tiny", .input_size = 75, .width_divisor = 16, .classes = 10},
                            context);
  }
  if (name == "TinyResNet") {
    return BuildResNet({.scope = "resnet_tiny", .blocks = {1, 1, 1, 1}, .input_size = 32, .width_divisor = 16,
                        .classes = 10},
                       context);
  }
  if (name == "TinyVGG") {
    return BuildVgg({.scope = "vgg_tiny", .convs_per_block = {1, 1, 1, 1, 1}, .input_size = 32, .width_divisor = 16,
                     .dense_units = 64, .classes = 10},
                    context);
  }
  return Errorf("unknown model '{}'", name);
}

std::string ValidNames() {
  std::string names;
  for (const ModelInfo& m : kModels) names += (names.empty() ? "" : ", ") + std::string(m.name);
  return names;
}

}  // namespace

std::span<const ModelInfo> AllModels() { return kModels; }

std::vector<std::string> StandardModelNames() {
  std::vector<std::string> names;
  for (const ModelInfo& m : kModels) {
    if (!m.tiny) names.emplace_back(m.name);
  }
  return names;
}

const ModelInfo* FindModel(std::string_view name) {
  for (const ModelInfo& m : kModels) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

Result<std::vector<const ModelInfo*>> SelectModels(const std::string& comma_separated) {
  std::vector<const ModelInfo*> selected;
  size_t start = 0;
  while (start <= comma_separated.size()) {
    size_t end = comma_separated.find(',', start);
    if (end == std::string::npos) end = comma_separated.size();
    std::string name = comma_separated.substr(start, end - start);
    start = end + 1;
    if (name.empty()) continue;
    const ModelInfo* model = FindModel(name);
    if (!model) return Errorf("unknown model '{}'; valid names: {}", name, ValidNames());
    if (std::find(selected.begin(), selected.end(), model) == selected.end()) selected.push_back(model);
  }
  if (selected.empty()) return Errorf("no model named; valid names: {}", ValidNames());
  return selected;
}

Result<BuiltModel> BuildModel(std::string_view name, uint32_t seed, bool with_weights) {
  if (!FindModel(name)) return Errorf("unknown model '{}'; valid names: {}", name, ValidNames());
  BuiltModel built;
  BuildContext context;
  context.seed = seed;
  context.weight_seed = ModelSeed(seed, name);
  context.keras_params = &built.keras_params;
  context.with_weights = with_weights;
  QB_ASSIGN_OR_RETURN(built.graph, Dispatch(name, context));
  if (with_weights) QB_RETURN_IF_ERROR(CalibrateFoldedLayers(built.graph, context.weight_seed).WithContext(std::string(name)));
  return built;
}

}  // namespace qb::models
