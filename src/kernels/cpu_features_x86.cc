// CPUID/XGETBV detection of the x86-64 features in cpu_features.h. A feature counts when the CPU reports
// it AND the OS saves its registers (XCR0): AVX (bits 1-2), AVX-512 (bits 5-7), AMX tiles (bits 17-18).
#if defined(__x86_64__) || defined(_M_X64)

#include <cpuid.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>

#include "kernels/cpu_features.h"

namespace qb {
namespace {

struct CpuidRegs {
  uint32_t eax = 0, ebx = 0, ecx = 0, edx = 0;
};

CpuidRegs Cpuid(uint32_t leaf, uint32_t subleaf) {
  CpuidRegs r;
  __cpuid_count(leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
  return r;
}

uint64_t ReadXcr0() {
  uint32_t lo = 0, hi = 0;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (uint64_t{hi} << 32) | lo;
}

bool Bit(uint32_t reg, int bit) { return ((reg >> bit) & 1u) != 0; }

// Linux (5.16+) hands out the AMX tile-data state only on request.
bool RequestAmxTileData() {
  constexpr int kArchReqXcompPerm = 0x1023;
  constexpr int kXfeatureXtiledata = 18;
  return syscall(SYS_arch_prctl, kArchReqXcompPerm, kXfeatureXtiledata) == 0;
}

CpuFeatures Detect() {
  CpuFeatures f;
  const CpuidRegs leaf0 = Cpuid(0, 0);
  // "AuthenticAMD" in EBX, EDX, ECX.
  f.amd = leaf0.ebx == 0x68747541u && leaf0.edx == 0x69746e65u && leaf0.ecx == 0x444d4163u;
  const uint32_t max_leaf = leaf0.eax;
  if (max_leaf < 7) return f;
  const CpuidRegs leaf1 = Cpuid(1, 0);
  const bool osxsave = Bit(leaf1.ecx, 27);
  const uint64_t xcr0 = osxsave ? ReadXcr0() : 0;
  const bool os_avx = (xcr0 & 0x6) == 0x6;
  const bool os_avx512 = os_avx && (xcr0 & 0xe0) == 0xe0;
  const bool os_amx = (xcr0 & 0x60000) == 0x60000;
  const CpuidRegs leaf7 = Cpuid(7, 0);
  const CpuidRegs leaf7_1 = leaf7.eax >= 1 ? Cpuid(7, 1) : CpuidRegs{};

  f.fma = os_avx && Bit(leaf1.ecx, 12);
  f.avx2 = os_avx && Bit(leaf7.ebx, 5);
  f.avx512f = os_avx512 && Bit(leaf7.ebx, 16);
  f.avx512dq = os_avx512 && Bit(leaf7.ebx, 17);
  f.avx512bw = os_avx512 && Bit(leaf7.ebx, 30);
  f.avx512vl = os_avx512 && Bit(leaf7.ebx, 31);
  f.avx512_vnni = os_avx512 && Bit(leaf7.ecx, 11);
  f.avx_vnni = os_avx && Bit(leaf7_1.eax, 4);
  const bool amx = os_amx && Bit(leaf7.edx, 24) && RequestAmxTileData();
  f.amx_tile = amx;
  f.amx_bf16 = amx && Bit(leaf7.edx, 22);
  f.amx_int8 = amx && Bit(leaf7.edx, 25);
  return f;
}

}  // namespace

const CpuFeatures& DetectCpuFeatures() {
  static const CpuFeatures features = Detect();
  return features;
}

}  // namespace qb

#endif
