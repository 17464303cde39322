// CPUs other than x86-64 and ARM64: no feature quantbench's fast kernels use.
#if !defined(__x86_64__) && !defined(_M_X64) && !defined(__aarch64__)

#include "kernels/cpu_features.h"

namespace qb {

const CpuFeatures& DetectCpuFeatures() {
  static const CpuFeatures features;
  return features;
}

}  // namespace qb

#endif
