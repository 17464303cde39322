// The hardware fingerprint: /proc/cpuinfo parsing on both architectures' layouts, the JSON round trip, the
// --isa levels a feature set allows, and `quantbench hwinfo --json`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hw/fingerprint_format.h"
#include "hw/hardware_fingerprint.h"
#include "test_support.h"

namespace qb::hw {
namespace {

constexpr const char* kX86Cpuinfo = R"(processor	: 0
vendor_id	: GenuineIntel
model name	: Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz
physical id	: 0
core id		: 0
cpu MHz		: 2100.000
bogomips	: 4200.00

processor	: 1
model name	: Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz
physical id	: 0
core id		: 0
cpu MHz		: 3900.000
bogomips	: 4200.00

processor	: 2
physical id	: 0
core id		: 1
bogomips	: 4200.00
)";

constexpr const char* kArmCpuinfo = R"(processor	: 0
BogoMIPS	: 108.00
Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp
CPU implementer	: 0x41
CPU part	: 0xd0b

processor	: 1
BogoMIPS	: 108.00
CPU part	: 0xd0b
)";

TEST(CpuinfoTest, X86CountsCoresAndThreads) {
  const CpuinfoSummary s = ParseCpuinfo(kX86Cpuinfo);
  EXPECT_EQ(s.model_name, "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz");
  EXPECT_EQ(s.processors, 3);
  EXPECT_EQ(s.cores, 2);
  EXPECT_DOUBLE_EQ(s.max_mhz, 3900.0);
  EXPECT_DOUBLE_EQ(s.bogomips, 4200.0);
}

TEST(CpuinfoTest, Arm64NamesTheCoreFromItsPartNumber) {
  const CpuinfoSummary s = ParseCpuinfo(kArmCpuinfo);
  EXPECT_EQ(s.model_name, "ARM Cortex-A76");
  EXPECT_EQ(s.processors, 2);
  EXPECT_EQ(s.cores, 0);  // the file does not say; CollectFingerprint falls back to threads
  EXPECT_DOUBLE_EQ(s.bogomips, 108.0);
}

TEST(IsaLevelsTest, MostCapableFirst) {
  IsaFeatures f;
  f.fma = f.avx2 = f.avx512f = f.avx512bw = f.avx512dq = f.avx512vl = f.avx512_vnni = true;
  EXPECT_EQ(AvailableIsaLevels(f), (std::vector<std::string>{"avx512_core_vnni", "avx512_core", "avx2"}));
  EXPECT_EQ(BestInt8Feature(f), "AVX-512 VNNI");
  IsaFeatures arm;
  arm.neon = arm.dotprod = true;
  EXPECT_EQ(AvailableIsaLevels(arm), (std::vector<std::string>{"dotprod", "neon"}));
  EXPECT_EQ(BestInt8Feature(IsaFeatures{}), "");
}

TEST(FingerprintJsonTest, RoundTrip) {
  HardwareFingerprint fp;
  fp.cpu_name = "ARM Cortex-A76";
  fp.machine = "Raspberry Pi 5 Model B Rev 1.0";
  fp.architecture = "aarch64";
  fp.cores = fp.threads = 4;
  fp.max_mhz = 2400;
  fp.bogomips = 108;
  fp.caches = {{"L1d", "64K"}, {"L2", "512K"}};
  fp.isa.neon = fp.isa.dotprod = fp.isa.fp16 = true;
  fp.os = "Debian GNU/Linux 12 (bookworm)";
  auto back = FingerprintFromJson(nlohmann::json::parse(FingerprintToJson(fp).dump()));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(FingerprintToJson(*back), FingerprintToJson(fp));
  EXPECT_EQ(PresentFeatures(back->isa), "NEON, dotprod, fp16");
}

TEST(FingerprintJsonTest, MissingFieldIsNamed) {
  auto json = FingerprintToJson(HardwareFingerprint{});
  json.erase("cores");
  auto back = FingerprintFromJson(json);
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.status().message().find("'cores'"), std::string::npos);
}

TEST(HwinfoCommandTest, JsonParsesAndDescribesThisMachine) {
  const auto run = testing::RunTool("hwinfo --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << run.out;
  auto fp = FingerprintFromJson(json);
  ASSERT_TRUE(fp.ok()) << fp.status().message();
  EXPECT_FALSE(fp->cpu_name.empty());
  EXPECT_GE(fp->threads, 1);
  EXPECT_GE(fp->cores, 1);
  EXPECT_TRUE(json.contains("isa_features"));
  const auto text = testing::RunTool("hwinfo");
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("Deep-learning ISA features:"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace qb::hw
