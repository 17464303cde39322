#include "kernels/arm/arm_isa.h"

#include <asm/hwcap.h>
#include <sys/auxv.h>

#include <algorithm>

namespace qb {

ArmIsa DetectArmIsa() {
  static const ArmIsa detected = (getauxval(AT_HWCAP) & HWCAP_ASIMDDP) != 0 ? ArmIsa::kNeonDot : ArmIsa::kNeon;
  return detected;
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
