// The deep-learning ISA features of the CPU quantbench runs on, detected once per process: CPUID and
// XGETBV on x86-64 (the OS must also save the registers a feature uses; also the vendor),
// getauxval(AT_HWCAP) on ARM64.
// Features of the other architecture stay false. Used by the ISA cap (isa.h) and by hardware reports.
#pragma once

namespace qb {

struct CpuFeatures {
  // x86-64
  bool fma = false;
  bool avx2 = false;
  bool avx512f = false;
  bool avx512bw = false;
  bool avx512dq = false;
  bool avx512vl = false;
  bool avx512_vnni = false;
  bool avx_vnni = false;
  bool amx_tile = false;
  bool amx_int8 = false;
  bool amx_bf16 = false;
  bool amd = false;  // vendor "AuthenticAMD": where a kernel choice was measured on one vendor's cores only
  // ARM64
  bool neon = false;
  bool dotprod = false;
  bool i8mm = false;
  bool fp16 = false;
};

// The features of this CPU, detected on first call. AMX counts only once Linux granted the process
// the tile-data state (arch_prctl ARCH_REQ_XCOMP_PERM), which the first call requests.
const CpuFeatures& DetectCpuFeatures();

}  // namespace qb
