// The generated models: each of the seven architectures is checked against the Keras model it stands for
// (parameters before and after BatchNorm folding, MACs, op histogram, input and output shapes) on a
// zero-weight build that costs no memory; the tiny architectures and MobileNet are generated with weights,
// serialized (same seed, same bytes) and run in the reference runtime (a finite softmax summing to 1).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <numeric>

#include "models/model_registry.h"
#include "models/model_summary.h"
#include "test_models.h"
#include "runtime/interpreter.h"
#include "runtime/seeded_inputs.h"
#include "test_support.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace qb {
namespace {

using models::BuildModel;
using models::ModelSummary;
using models::Summarize;

struct Expected {
  std::string name;
  int64_t keras_params, folded_params, macs;
  std::map<std::string, int> ops;
  Shape input;
  int classes;
};

void PrintTo(const Expected& e, std::ostream* os) { *os << e.name; }

// MACs: convolutions, depthwise convolutions and dense layers (MobileNet 569 M and VGG16 15.5 G as published).
const Expected kExpected[] = {
    {"MobileNet", 4'253'864, 4'221'032, 568'740'352,
     {{"CONV_2D", 15}, {"DEPTHWISE_CONV_2D", 13}, {"PAD", 4}, {"MEAN", 1}, {"RESHAPE", 1}, {"SOFTMAX", 1}},
     {1, 224, 224, 3}, 1000},
    {"InceptionV3", 23'851'784, 23'817'352, 5'713'216'096,
     {{"CONV_2D", 94}, {"MAX_POOL_2D", 4}, {"AVERAGE_POOL_2D", 9}, {"CONCATENATION", 15}, {"MEAN", 1},
      {"FULLY_CONNECTED", 1}, {"SOFTMAX", 1}},
     {1, 299, 299, 3}, 1000},
    {"ResNet50", 25'636'712, 25'530'472, 3'857'973'248,
     {{"PAD", 2}, {"CONV_2D", 53}, {"MAX_POOL_2D", 1}, {"ADD", 16}, {"MEAN", 1}, {"FULLY_CONNECTED", 1}, {"SOFTMAX", 1}},
     {1, 224, 224, 3}, 1000},
    {"ResNet101", 44'707'176, 44'496'488, 7'570'194'432,
     {{"PAD", 2}, {"CONV_2D", 104}, {"MAX_POOL_2D", 1}, {"ADD", 33}, {"MEAN", 1}, {"FULLY_CONNECTED", 1}, {"SOFTMAX", 1}},
     {1, 224, 224, 3}, 1000},
    {"ResNet152", 60'419'944, 60'117'096, 11'282'415'616,
     {{"PAD", 2}, {"CONV_2D", 155}, {"MAX_POOL_2D", 1}, {"ADD", 50}, {"MEAN", 1}, {"FULLY_CONNECTED", 1}, {"SOFTMAX", 1}},
     {1, 224, 224, 3}, 1000},
    {"VGG16", 138'357'544, 138'357'544, 15'470'264'320,
     {{"CONV_2D", 13}, {"MAX_POOL_2D", 5}, {"RESHAPE", 1}, {"FULLY_CONNECTED", 3}, {"SOFTMAX", 1}},
     {1, 224, 224, 3}, 1000},
    {"VGG19", 143'667'240, 143'667'240, 19'632'062'464,
     {{"CONV_2D", 16}, {"MAX_POOL_2D", 5}, {"RESHAPE", 1}, {"FULLY_CONNECTED", 3}, {"SOFTMAX", 1}},
     {1, 224, 224, 3}, 1000},
};

class ArchitectureTest : public ::testing::TestWithParam<Expected> {};

TEST_P(ArchitectureTest, MatchesKeras) {
  const Expected& e = GetParam();
  auto built = BuildModel(e.name, 1, /*with_weights=*/false);
  ASSERT_TRUE(built.ok()) << built.status().message();
  const ModelSummary s = Summarize(built->graph);
  EXPECT_EQ(built->keras_params, e.keras_params);
  EXPECT_EQ(s.parameters, e.folded_params);
  EXPECT_EQ(s.macs, e.macs);
  std::map<std::string, int> ops(s.op_histogram.begin(), s.op_histogram.end());
  EXPECT_EQ(ops, e.ops);
  ASSERT_EQ(s.inputs.size(), 1u);
  EXPECT_EQ(s.inputs[0].shape, e.input);
  EXPECT_EQ(s.inputs[0].type, DType::kFloat32);
  ASSERT_EQ(s.outputs.size(), 1u);
  EXPECT_EQ(s.outputs[0].shape, (Shape{1, e.classes}));
  const models::ModelInfo* info = models::FindModel(e.name);
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->keras_params, e.keras_params);
  EXPECT_EQ(info->folded_params, e.folded_params);

  const Graph& g = built->graph;
  EXPECT_EQ(g.ops.back().type, OpType::kSoftmax);
  EXPECT_EQ(g.description, "quantbench generated (seed 1)");
  ASSERT_EQ(g.signatures.size(), 1u);
  EXPECT_EQ(g.signatures[0].key, "serving_default");
  for (const Op& op : g.ops) EXPECT_EQ(op.version, 1) << OpTypeName(op.type);
}

INSTANTIATE_TEST_SUITE_P(Seven, ArchitectureTest, ::testing::ValuesIn(kExpected),
                         [](const auto& info) { return info.param.name; });

// The converter's fusions: ReLU/ReLU6 fused into CONV_2D/DEPTHWISE_CONV_2D/ADD/FULLY_CONNECTED, no
// standalone activations, MEAN over [1, 2].
TEST(ArchitectureTest, ConverterLayout) {
  for (const char* name : {"MobileNet", "ResNet50", "InceptionV3", "VGG16"}) {
    auto built = BuildModel(name, 1, false);
    ASSERT_TRUE(built.ok());
    const Graph& g = built->graph;
    for (const Op& op : g.ops) {
      EXPECT_NE(op.type, OpType::kRelu) << name;
      EXPECT_NE(op.type, OpType::kRelu6) << name;
      if (op.type == OpType::kMean) {
        auto axes = g.ConstantAs<int32_t>(op.inputs[1]);
        EXPECT_EQ(std::vector<int32_t>(axes.begin(), axes.end()), (std::vector<int32_t>{1, 2})) << name;
      }
    }
  }
  auto mobilenet = BuildModel("MobileNet", 1, false);
  int relu6 = 0;
  for (const Op& op : mobilenet->graph.ops) {
    if (const auto* o = std::get_if<Conv2DOptions>(&op.options)) relu6 += o->activation == Activation::kRelu6;
    if (const auto* o = std::get_if<DepthwiseConv2DOptions>(&op.options)) {
      relu6 += o->activation == Activation::kRelu6;
      if (o->stride_h == 2) {
        EXPECT_EQ(o->padding, Padding::kValid);
      }
    }
  }
  EXPECT_EQ(relu6, 27);  // every convolution but the classifier
}

TEST(RegistryTest, UnknownNameListsValidNames) {
  auto selected = models::SelectModels("MobileNet,ResNet5");
  ASSERT_FALSE(selected.ok());
  EXPECT_NE(selected.status().message().find("unknown model 'ResNet5'"), std::string::npos);
  EXPECT_NE(selected.status().message().find("MobileNet, InceptionV3, ResNet50"), std::string::npos);
  auto ok = models::SelectModels("VGG19,MobileNet,VGG19");
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0]->name, "VGG19");
  EXPECT_EQ(models::StandardModelNames().size(), 7u);
}


class GeneratedModelTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GeneratedModelTest, SameSeedSameBytes) {
  auto a = BuildModel(GetParam(), 7);
  auto b = BuildModel(GetParam(), 7);
  auto c = BuildModel(GetParam(), 8);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  auto bytes_a = SerializeTflite(a->graph);
  auto bytes_b = SerializeTflite(b->graph);
  auto bytes_c = SerializeTflite(c->graph);
  ASSERT_TRUE(bytes_a.ok() && bytes_b.ok() && bytes_c.ok());
  EXPECT_TRUE(*bytes_a == *bytes_b);
  EXPECT_FALSE(*bytes_a == *bytes_c);
}

TEST_P(GeneratedModelTest, RunsToAFiniteSoftmax) {
  const std::string dir = testing::TempDir();
  const std::string path = dir + "/" + GetParam() + ".tflite";
  {
    auto built = BuildModel(GetParam(), 1);
    ASSERT_TRUE(built.ok()) << built.status().message();
    ASSERT_TRUE(WriteTfliteFile(built->graph, path).ok());
  }
  auto graph = ReadTfliteFile(path);
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  auto interpreter = Interpreter::Create(*graph);
  ASSERT_TRUE(interpreter.ok()) << interpreter.status().message();
  for (uint32_t seed : {1u, 2u}) {
    ASSERT_TRUE(SetInputs(**interpreter, SeededModelInputs(**interpreter, seed)).ok());
    (*interpreter)->Invoke();
    std::vector<float> out = (*interpreter)->OutputAsFloats(0);
    double sum = 0.0;
    for (float p : out) {
      ASSERT_TRUE(std::isfinite(p));
      ASSERT_GE(p, 0.0f);
      sum += p;
    }
    EXPECT_NEAR(sum, 1.0, 1e-4) << GetParam();
    // Neither one-hot nor uniform: the calibrated logits spread the probability over a few classes.
    const float top = *std::max_element(out.begin(), out.end());
    EXPECT_LT(top, 0.9f) << GetParam() << " seed " << seed;
    EXPECT_GT(top, 2.0f / static_cast<float>(out.size())) << GetParam() << " seed " << seed;
  }
}

INSTANTIATE_TEST_SUITE_P(Generated, GeneratedModelTest, ::testing::ValuesIn(testing::TestModelNames()),
                         [](const auto& info) { return info.param; });

TEST(ModelsCommandTest, WritesFilesAndSummary) {
  const std::string dir = testing::TempDir() + "/out";
  auto run = testing::RunTool("models --out " + dir + " --only TinyResNet,TinyVGG --seed 3 --summary");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("TinyResNet"), std::string::npos);
  EXPECT_NE(run.out.find("ops: "), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir + "/TinyResNet.tflite"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/TinyVGG.tflite"));
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files += entry.is_regular_file();
  EXPECT_EQ(files, 2u);  // no temporary files left behind
}

TEST(ModelsCommandTest, UnknownModel) {
  auto run = testing::RunTool("models --out " + testing::TempDir() + " --only MobileNet,AlexNet");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_NE(run.err.find("unknown model 'AlexNet'; valid names: MobileNet, InceptionV3"), std::string::npos) << run.err;
}

TEST(ModelsCommandTest, UnwritableFolder) {
  // A path below a regular file is unwritable for everyone, root included.
  const std::string file = testing::TempDir() + "/a_file";
  { std::FILE* f = std::fopen(file.c_str(), "w"); std::fclose(f); }
  auto run = testing::RunTool("models --out " + file + "/sub --only TinyVGG");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_NE(run.err.find(file + "/sub: cannot create the output folder"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace qb
