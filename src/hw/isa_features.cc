#include "hw/isa_features.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#elif defined(__aarch64__)
#include <sys/auxv.h>
#endif

namespace qb::hw {
namespace {

#if defined(__x86_64__) || defined(__i386__)
struct CpuidRegs {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
};

CpuidRegs Cpuid(unsigned leaf, unsigned subleaf) {
  CpuidRegs r;
  if (!__get_cpuid_count(leaf, subleaf, &r.eax, &r.ebx, &r.ecx, &r.edx)) return {};
  return r;
}

bool Bit(unsigned value, int bit) { return ((value >> bit) & 1u) != 0; }

// XCR0: which register states the OS saves (bits 1-2 SSE/AVX, 5-7 AVX-512, 17-18 AMX tiles).
unsigned long long ReadXcr0() {
  unsigned eax = 0, edx = 0;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (static_cast<unsigned long long>(edx) << 32) | eax;
}

IsaFeatures DetectX86() {
  IsaFeatures f;
  const CpuidRegs leaf1 = Cpuid(1, 0);
  if (!Bit(leaf1.ecx, 27)) return f;  // no OSXSAVE: the OS enables no AVX state
  const unsigned long long xcr0 = ReadXcr0();
  const bool os_avx = (xcr0 & 0x6) == 0x6;
  const bool os_avx512 = os_avx && (xcr0 & 0xE0) == 0xE0;
  const bool os_amx = (xcr0 & 0x60000) == 0x60000;
  const unsigned max_leaf = Cpuid(0, 0).eax;
  const CpuidRegs leaf7 = max_leaf >= 7 ? Cpuid(7, 0) : CpuidRegs{};
  const CpuidRegs leaf7_1 = (max_leaf >= 7 && leaf7.eax >= 1) ? Cpuid(7, 1) : CpuidRegs{};
  f.fma = os_avx && Bit(leaf1.ecx, 12);
  f.avx2 = os_avx && Bit(leaf7.ebx, 5);
  f.avx512f = os_avx512 && Bit(leaf7.ebx, 16);
  f.avx512bw = os_avx512 && Bit(leaf7.ebx, 30);
  f.avx512_vnni = os_avx512 && Bit(leaf7.ecx, 11);
  f.avx_vnni = os_avx && Bit(leaf7_1.eax, 4);
  f.amx_int8 = os_amx && Bit(leaf7.edx, 25);
  return f;
}
#endif

#if defined(__aarch64__)
// Bits of AT_HWCAP / AT_HWCAP2 (linux/arch/arm64/include/uapi/asm/hwcap.h).
constexpr unsigned long kHwcapAsimd = 1ul << 1;
constexpr unsigned long kHwcapAsimdHp = 1ul << 10;
constexpr unsigned long kHwcapAsimdDp = 1ul << 20;
constexpr unsigned long kHwcap2I8mm = 1ul << 13;

IsaFeatures DetectArm64() {
  IsaFeatures f;
  const unsigned long hwcap = getauxval(AT_HWCAP);
  const unsigned long hwcap2 = getauxval(AT_HWCAP2);
  f.neon = (hwcap & kHwcapAsimd) != 0;
  f.fp16 = (hwcap & kHwcapAsimdHp) != 0;
  f.dotprod = (hwcap & kHwcapAsimdDp) != 0;
  f.i8mm = (hwcap2 & kHwcap2I8mm) != 0;
  return f;
}
#endif

}  // namespace

IsaFeatures DetectIsaFeatures() {
#if defined(__x86_64__) || defined(__i386__)
  return DetectX86();
#elif defined(__aarch64__)
  return DetectArm64();
#else
  return {};
#endif
}

std::vector<std::pair<std::string, bool>> FeatureList(const IsaFeatures& f) {
  return {{"FMA", f.fma},       {"AVX2", f.avx2},       {"AVX-512F", f.avx512f}, {"AVX-512BW", f.avx512bw},
          {"AVX-512 VNNI", f.avx512_vnni}, {"AVX-VNNI", f.avx_vnni}, {"AMX-INT8", f.amx_int8},
          {"NEON", f.neon},     {"dotprod", f.dotprod}, {"i8mm", f.i8mm},        {"fp16", f.fp16}};
}

IsaFeatures FeaturesFromNames(const std::vector<std::string>& present) {
  IsaFeatures f;
  bool* fields[] = {&f.fma, &f.avx2, &f.avx512f, &f.avx512bw, &f.avx512_vnni, &f.avx_vnni,
                    &f.amx_int8, &f.neon, &f.dotprod, &f.i8mm, &f.fp16};
  const auto names = FeatureList(IsaFeatures{});
  for (size_t i = 0; i < names.size(); ++i) {
    for (const std::string& name : present) {
      if (name == names[i].first) *fields[i] = true;
    }
  }
  return f;
}

std::string BestInt8Feature(const IsaFeatures& f) {
  if (f.amx_int8) return "AMX-INT8";
  if (f.avx512_vnni) return "AVX-512 VNNI";
  if (f.avx_vnni) return "AVX-VNNI";
  if (f.i8mm) return "i8mm";
  if (f.dotprod) return "dotprod";
  return "";
}

std::vector<std::string> AvailableIsaLevels(const IsaFeatures& f) {
  std::vector<std::string> levels;
  const bool avx512_core = f.avx512f && f.avx512bw;
  if (avx512_core && f.avx512_vnni && f.amx_int8) levels.push_back("avx512_core_amx");
  if (avx512_core && f.avx512_vnni) levels.push_back("avx512_core_vnni");
  if (avx512_core) levels.push_back("avx512_core");
  if (f.avx2 && f.fma) levels.push_back("avx2");
  if (f.dotprod) levels.push_back("dotprod");
  if (f.neon) levels.push_back("neon");
  return levels;
}

}  // namespace qb::hw
