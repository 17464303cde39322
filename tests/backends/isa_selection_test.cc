// Parsing and selecting the ISA cap on a simulated CPU: the flag wins over $QB_ISA, unknown names and
// levels the CPU lacks are one clear error, and no choice means the best level.
#include <gtest/gtest.h>

#include "kernels/float_backend.h"
#include "kernels/isa.h"

namespace qb {
namespace {

#if defined(__x86_64__)
CpuFeatures SkylakeServer() {
  CpuFeatures f;
  f.fma = f.avx2 = f.avx512f = f.avx512bw = f.avx512dq = f.avx512vl = true;
  return f;
}

TEST(IsaSelectionTest, BestLevelWhenNothingIsAsked) {
  auto level = SelectIsa("", nullptr, SkylakeServer());
  ASSERT_TRUE(level.ok()) << level.status().message();
  EXPECT_EQ(*level, IsaLevel::kAvx512Core);
}

TEST(IsaSelectionTest, FlagWinsOverEnvironment) {
  auto level = SelectIsa("avx2", "avx512_core", SkylakeServer());
  ASSERT_TRUE(level.ok());
  EXPECT_EQ(*level, IsaLevel::kAvx2);
  level = SelectIsa("", "avx2", SkylakeServer());
  ASSERT_TRUE(level.ok());
  EXPECT_EQ(*level, IsaLevel::kAvx2);
}

TEST(IsaSelectionTest, RefusesALevelTheCpuLacks) {
  auto level = SelectIsa("avx512_core_vnni", nullptr, SkylakeServer());
  ASSERT_FALSE(level.ok());
  EXPECT_EQ(level.status().message(), "--isa=avx512_core_vnni: this CPU lacks it; it has avx2, avx512_core");
  level = SelectIsa("", "avx512_core_amx", SkylakeServer());
  ASSERT_FALSE(level.ok());
  EXPECT_NE(level.status().message().find("QB_ISA=avx512_core_amx: this CPU lacks it"), std::string::npos);
}

TEST(IsaSelectionTest, UnknownNameListsTheLevels) {
  auto level = SelectIsa("sse4", nullptr, SkylakeServer());
  ASSERT_FALSE(level.ok());
  EXPECT_EQ(level.status().message(),
            "--isa=sse4: unknown ISA 'sse4'; this build knows avx2, avx512_core, avx512_core_vnni, avx512_core_amx");
}

TEST(IsaSelectionTest, AmxNeedsTheTileFeatures) {
  CpuFeatures f = SkylakeServer();
  f.avx512_vnni = true;
  EXPECT_TRUE(CpuHasIsa(IsaLevel::kAvx512CoreVnni, f));
  EXPECT_FALSE(CpuHasIsa(IsaLevel::kAvx512CoreAmx, f));
  f.amx_tile = f.amx_int8 = f.amx_bf16 = true;
  EXPECT_TRUE(CpuHasIsa(IsaLevel::kAvx512CoreAmx, f));
}
#endif

#if defined(__aarch64__)
TEST(IsaSelectionTest, DotprodNeedsTheFeature) {
  CpuFeatures f;
  f.neon = true;
  EXPECT_EQ(*SelectIsa("", nullptr, f), IsaLevel::kNeon);
  EXPECT_FALSE(SelectIsa("dotprod", nullptr, f).ok());
  f.dotprod = true;
  EXPECT_EQ(*SelectIsa("", nullptr, f), IsaLevel::kDotprod);
}
#endif

TEST(IsaSelectionTest, ThisCpuHasABestLevel) {
  auto best = BestIsa();
  ASSERT_TRUE(best.ok()) << best.status().message();
  EXPECT_TRUE(CpuHasIsa(*best));
}

TEST(FloatBackendTest, ParsesBuiltBackendsOnly) {
  EXPECT_EQ(*ParseFloatBackend("reference"), FloatBackend::kReference);
  EXPECT_EQ(*ParseFloatBackend(""), DefaultFloatBackend());
  auto bad = ParseFloatBackend("tpu");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("--float_backend=tpu: not a backend of this build; it has reference", 0), 0u)
      << bad.status().message();
}

}  // namespace
}  // namespace qb
