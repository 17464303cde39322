#include "kernels/arm/arm_isa.h"

#include <algorithm>

#include "kernels/cpu_features.h"

namespace qb {

ArmIsa DetectArmIsa() {
  return DetectCpuFeatures().dotprod ? ArmIsa::kNeonDot : ArmIsa::kNeon;
}

ArmIsa CapArmIsa(ArmIsa requested) { return std::min(requested, DetectArmIsa()); }

std::string_view ArmIsaName(ArmIsa isa) {
  switch (isa) {
    case ArmIsa::kNeon:
      return "neon";
    case ArmIsa::kNeonDot:
      return "neondot";
  }
  return "unknown";
}

}  // namespace qb
