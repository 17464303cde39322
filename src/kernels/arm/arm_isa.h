// The instruction-set levels of quantbench's own ARM64 int8 kernels, and which one this CPU offers.
// NEON (Advanced SIMD) is part of every ARM64 CPU; dotprod (SDOT, ARMv8.2, e.g. Cortex-A76 in the
// Raspberry Pi 5) is optional and read from the kernel's HWCAP bits. A requested level is a cap: the
// kernels use min(requested, detected).
#pragma once

#include <string_view>

namespace qb {

enum class ArmIsa {
  kNeon = 0,     // smull / sadalp int8 dot products (Cortex-A72, Raspberry Pi 4)
  kNeonDot = 1,  // sdot (vdotq_s32)
};

// The best level this CPU runs (dotprod from kernels/cpu_features.h: HWCAP_ASIMDDP).
ArmIsa DetectArmIsa();
// min(requested, DetectArmIsa()).
ArmIsa CapArmIsa(ArmIsa requested);
// "neon", "neondot": as recorded in Implementation() strings.
std::string_view ArmIsaName(ArmIsa isa);

}  // namespace qb
