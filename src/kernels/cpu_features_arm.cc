// getauxval(AT_HWCAP) detection of the ARM64 features in cpu_features.h (Linux).
#if defined(__aarch64__)

#include <asm/hwcap.h>
#include <sys/auxv.h>

#include "kernels/cpu_features.h"

namespace qb {
namespace {

CpuFeatures Detect() {
  CpuFeatures f;
  const unsigned long hwcap = getauxval(AT_HWCAP);
  const unsigned long hwcap2 = getauxval(AT_HWCAP2);
  f.neon = (hwcap & HWCAP_ASIMD) != 0;
  f.dotprod = (hwcap & HWCAP_ASIMDDP) != 0;
  f.fp16 = (hwcap & HWCAP_ASIMDHP) != 0;
#ifdef HWCAP2_I8MM
  f.i8mm = (hwcap2 & HWCAP2_I8MM) != 0;
#else
  (void)hwcap2;
#endif
  return f;
}

}  // namespace

const CpuFeatures& DetectCpuFeatures() {
  static const CpuFeatures features = Detect();
  return features;
}

}  // namespace qb

#endif
