// Whole models on every optimized float backend against the reference: the tiny architectures of
// src/models (generated in memory) and the float32 fixtures of ../shared/fixtures (skipped when absent),
// on the fixtures' seeded inputs, within 1e-4 relative.
#include <gtest/gtest.h>

#include <memory>

#include "backend_test_util.h"
#include "models/model_registry.h"
#include "test_models.h"
#include "runtime/interpreter.h"
#include "runtime/seeded_inputs.h"
#include "test_support.h"
#include "tflite/reader.h"

namespace qb {
namespace {

Result<std::vector<float>> RunOnce(std::shared_ptr<const Graph> graph, const KernelConfig& config,
                                   size_t* backend_ops) {
  InterpreterOptions options;
  options.kernels = config;
  QB_ASSIGN_OR_RETURN(auto interpreter, Interpreter::Create(std::move(graph), options));
  QB_RETURN_IF_ERROR(SetInputs(*interpreter, SeededModelInputs(*interpreter)));
  interpreter->Invoke();
  if (backend_ops) {
    const std::string prefix(FloatBackendName(config.float_backend));
    *backend_ops = 0;
    for (size_t i = 0; i < interpreter->num_ops(); ++i) {
      *backend_ops += interpreter->op_implementation(i).rfind(prefix, 0) == 0;
    }
  }
  return interpreter->OutputAsFloats(0);
}

// `expect_backend_ops`: the model has float conv/FC ops, so the backend must run some of them.
void ExpectModelMatchesReference(std::shared_ptr<const Graph> graph, const KernelConfig& config,
                                 bool expect_backend_ops) {
  KernelConfig reference_config = config;
  reference_config.float_backend = FloatBackend::kReference;
  auto reference = RunOnce(graph, reference_config, nullptr);
  ASSERT_TRUE(reference.ok()) << reference.status().message();
  size_t backend_ops = 0;
  auto actual = RunOnce(graph, config, &backend_ops);
  ASSERT_TRUE(actual.ok()) << actual.status().message();
  if (expect_backend_ops) {
    EXPECT_GT(backend_ops, 0u) << "no op ran on the backend";
  }
  testing::ExpectCloseToReference(*actual, *reference);
}

class GeneratedModelConformanceTest : public ::testing::TestWithParam<std::tuple<FloatBackend, std::string>> {};

TEST_P(GeneratedModelConformanceTest, MatchesReference) {
  const auto& [backend, name] = GetParam();
  QB_BACKEND_CONFIG_OR_SKIP(config, backend);
  auto built = models::BuildModel(name, 1);
  ASSERT_TRUE(built.ok()) << built.status().message();
  ExpectModelMatchesReference(std::make_shared<const Graph>(std::move(built->graph)), config, true);
}


INSTANTIATE_TEST_SUITE_P(Backends, GeneratedModelConformanceTest,
                         ::testing::Combine(::testing::ValuesIn(testing::OptimizedBackends()),
                                            ::testing::ValuesIn(testing::TestModelNames())),
                         [](const auto& info) {
                           return std::string(FloatBackendName(std::get<0>(info.param))) + "_" +
                                  std::get<1>(info.param);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GeneratedModelConformanceTest);

class FixtureConformanceTest : public ::testing::TestWithParam<FloatBackend> {};

TEST_P(FixtureConformanceTest, Float32FixturesMatchReference) {
  QB_SKIP_WITHOUT_FIXTURES();
  QB_BACKEND_CONFIG_OR_SKIP(config, GetParam());
  int checked = 0;
  for (const testing::FixtureEntry& fixture : testing::ListFixtures()) {
    if (fixture.kind != "float32") continue;
    SCOPED_TRACE(fixture.name);
    auto graph = ReadTfliteFile(testing::FixturePath(fixture.name));
    ASSERT_TRUE(graph.ok()) << graph.status().message();
    ExpectModelMatchesReference(*graph, config, false);
    ++checked;
  }
  EXPECT_GT(checked, 0) << "no float32 fixture found";
}

INSTANTIATE_TEST_SUITE_P(Backends, FixtureConformanceTest, ::testing::ValuesIn(testing::OptimizedBackends()),
                         testing::BackendParamName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FixtureConformanceTest);

}  // namespace
}  // namespace qb
