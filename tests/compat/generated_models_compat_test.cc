// The models quantbench generates, and their dynamic-range quantized versions, load and run in TensorFlow
// Lite's own runtime (LiteRT.js, see litert_runner.h) and give the outputs quantbench's runtime gives:
//   float32:   within 1e-4 of the output range;
//   quantized: same top-1 class and cosine >= 0.999 — both sides quantize activations per image but
//              TensorFlow Lite's XNNPACK path may round or group them differently, so bit-exactness is
//              not expected; the float-vs-quantized gap itself is bounded by the quant tests.
// The tiny architectures always run; MobileNet too unless QB_SLOW_TESTS=0. One LiteRT.js process serves
// every model. Skips with a message where node or tests/compat/litert/node_modules are absent.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "litert_runner.h"
#include "output_agreement.h"
#include "models/model_registry.h"
#include "quant/dynamic_range_quantizer.h"
#include "runtime/interpreter.h"
#include "runtime/seeded_inputs.h"
#include "test_models.h"
#include "test_support.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace qb {
namespace {

struct GeneratedCase {
  std::string model;
  bool quantized = false;
  std::string Name() const { return model + (quantized ? "_quant" : "_float"); }
};

std::vector<GeneratedCase> Cases() {
  std::vector<GeneratedCase> cases;
  for (const std::string& n : testing::TestModelNames()) {
    cases.push_back({n, false});
    cases.push_back({n, true});
  }
  return cases;
}

// Writes every selected case's file and input, then runs them all in one LiteRT.js process.
class GeneratedModelsCompatTest : public ::testing::TestWithParam<GeneratedCase> {
 public:
  static void SetUpTestSuite() {
    errors_.clear();
    process_error_.clear();
    if (!testing::LiteRtUnavailable().empty()) return;
    dir_ = testing::TempDir();
    std::vector<testing::LiteRtJob> jobs;
    const ::testing::TestSuite* suite = ::testing::UnitTest::GetInstance()->current_test_suite();
    for (const GeneratedCase& c : Cases()) {
      bool selected = false;
      std::string suffix = "/";
      suffix += c.Name();
      for (int i = 0; i < suite->total_test_count(); ++i) {
        const ::testing::TestInfo* info = suite->GetTestInfo(i);
        if (info->should_run() && std::string(info->name()).ends_with(suffix)) selected = true;
      }
      if (!selected) continue;
      Status status = WriteCase(c);
      if (!status.ok()) {
        errors_[Path(c, ".tflite")] = "preparing: " + status.message();
        continue;
      }
      jobs.push_back({Path(c, ".tflite"), Path(c, ".in.f32"), Path(c, ".litert.out.f32")});
    }
    if (!jobs.empty()) {
      auto errors = testing::RunInLiteRt(jobs, dir_, &process_error_);
      errors_.insert(errors.begin(), errors.end());
    }
  }

 protected:
  static std::string Path(const GeneratedCase& c, const std::string& suffix) { return dir_ + "/" + c.Name() + suffix; }

  static Status WriteCase(const GeneratedCase& c) {
    QB_ASSIGN_OR_RETURN(models::BuiltModel built, models::BuildModel(c.model, 1));
    if (c.quantized) {
      QB_ASSIGN_OR_RETURN(DynamicRangeResult q, QuantizeDynamicRange(built.graph));
      QB_RETURN_IF_ERROR(WriteTfliteFile(*q.graph, Path(c, ".tflite")));
    } else {
      QB_RETURN_IF_ERROR(WriteTfliteFile(built.graph, Path(c, ".tflite")));
    }
    QB_ASSIGN_OR_RETURN(auto graph, ReadTfliteFile(Path(c, ".tflite")));
    QB_ASSIGN_OR_RETURN(auto interpreter, Interpreter::Create(graph));
    return WriteFloatFile(Path(c, ".in.f32"), SeededModelInputs(*interpreter).at(0));
  }

  static inline std::string dir_;
  static inline std::map<std::string, std::string> errors_;
  static inline std::string process_error_;
};

TEST_P(GeneratedModelsCompatTest, RunsInTensorFlowLiteWithTheSameOutputs) {
  const GeneratedCase& c = GetParam();
  if (std::string why = testing::LiteRtUnavailable(); !why.empty()) GTEST_SKIP() << "LiteRT.js unavailable: " << why;
  ASSERT_TRUE(process_error_.empty()) << process_error_;
  const std::string model = Path(c, ".tflite");
  ASSERT_EQ(errors_.count(model), 0u) << "TensorFlow Lite rejects the generated file: " << errors_[model];
  auto litert = ReadFloatFile(Path(c, ".litert.out.f32"));
  ASSERT_TRUE(litert.ok()) << litert.status().message();
  auto graph = ReadTfliteFile(model);
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  auto ours = testing::RunSeeded(*graph);
  ASSERT_TRUE(ours.ok()) << ours.status().message();
  ASSERT_EQ(ours->size(), litert->size());
  testing::Agreement a = testing::Compare(*ours, *litert);
  if (!c.quantized) {
    EXPECT_LE(a.max_abs_error, 1e-4 * std::max(a.range, 1e-6))
        << "quantbench vs LiteRT: max abs error " << a.max_abs_error << ", output range " << a.range;
    return;
  }
  EXPECT_EQ(a.argmax_ours, a.argmax_reference) << "quantbench vs LiteRT: top-1 differs";
  EXPECT_GE(a.cosine, 0.999) << "quantbench vs LiteRT: cosine " << a.cosine;
}

INSTANTIATE_TEST_SUITE_P(Generated, GeneratedModelsCompatTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return info.param.Name(); });

}  // namespace
}  // namespace qb
