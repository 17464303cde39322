// The ISA cap reaches oneDNN: under $QB_ISA=avx2 (one ctest per level) its convolution uses no AVX-512
// implementation, and under an AVX-512 level it reports that level or a lower one — never a higher one.
#include <gtest/gtest.h>

#include "backend_test_util.h"
#include "op_harness.h"

namespace qb {
namespace {

KernelConfig g_config;
Result<std::unique_ptr<OpKernel>> ConfiguredFactory(const Op& op, const KernelIo& io) {
  return CreateKernel(op, io, g_config);
}

TEST(IsaCapTest, OneDnnImplementationRespectsTheCap) {
  const auto& built = BuiltFloatBackends();
  if (std::find(built.begin(), built.end(), FloatBackend::kOneDnn) == built.end()) GTEST_SKIP() << "no oneDNN";
  QB_BACKEND_CONFIG_OR_SKIP(config, FloatBackend::kOneDnn);
  testing::OpHarness h(OpType::kConv2D, Conv2DOptions{});
  h.AddInput(DType::kFloat32, {1, 16, 16, 32}, testing::Bytes(std::vector<float>(16 * 16 * 32, 0.5f)));
  h.AddConstant(DType::kFloat32, {64, 3, 3, 32}, testing::Bytes(std::vector<float>(64 * 9 * 32, 0.25f)));
  h.AddOutput(DType::kFloat32, {1, 16, 16, 64});
  g_config = config;
  h.set_factory(ConfiguredFactory);
  ASSERT_TRUE(h.Run().ok());
  const std::string implementation = h.kernel().Implementation();
  if (config.isa == IsaLevel::kAvx2) {
    EXPECT_EQ(implementation.find("avx512"), std::string::npos) << implementation;
  }
  if (config.isa != IsaLevel::kAvx512CoreAmx) {
    EXPECT_EQ(implementation.find("amx"), std::string::npos) << implementation;
  }
  EXPECT_EQ(implementation.rfind("onednn ", 0), 0u) << implementation;
}

TEST(IsaCapTest, CapCannotChangeWithinAProcess) {
  const auto& built = BuiltFloatBackends();
  if (std::find(built.begin(), built.end(), FloatBackend::kOneDnn) == built.end()) GTEST_SKIP() << "no oneDNN";
  QB_BACKEND_CONFIG_OR_SKIP(config, FloatBackend::kOneDnn);
  for (IsaLevel other : AvailableIsaLevels()) {
    if (other == config.isa) continue;
    KernelConfig changed = config;
    changed.isa = other;
    const Status status = ConfigureBackends(changed);
    EXPECT_FALSE(status.ok());
    EXPECT_NE(status.message().find("cannot change"), std::string::npos) << status.message();
  }
}

}  // namespace
}  // namespace qb
