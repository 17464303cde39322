// The deep-learning instruction-set features of the CPU this process runs on (what the hardware and the
// operating system both enable), and the `--isa` levels they allow.
//
// Detection itself is src/kernels/cpu_features.h's; this header adds what reports need.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kernels/cpu_features.h"

namespace qb::hw {

using IsaFeatures = CpuFeatures;

IsaFeatures DetectIsaFeatures();

// Every feature with its display name ("AVX-512 VNNI"), in a fixed order, for tables and JSON.
std::vector<std::pair<std::string, bool>> FeatureList(const IsaFeatures& features);
// Parses the display names back (unknown names are ignored); for results read from another machine.
IsaFeatures FeaturesFromNames(const std::vector<std::string>& present);

// The most capable int8 dot-product feature, as a reader would name it: "AMX-INT8", "AVX-512 VNNI",
// "AVX-VNNI", "dotprod", or "" when the CPU has none (quantized kernels then widen to 16 bits).
std::string BestInt8Feature(const IsaFeatures& features);

// The `--isa` cap names this CPU can run, most capable first: x86-64 avx512_core_amx, avx512_core_vnni,
// avx512_core, avx2; ARM64 dotprod, neon. Empty when none applies.
std::vector<std::string> AvailableIsaLevels(const IsaFeatures& features);
// True when --isa=`isa` caps below the best level `features` allow (an emulation of an older CPU); false
// for no cap or the CPU's best.
bool IsEmulatedIsa(const std::string& isa, const IsaFeatures& features);

}  // namespace qb::hw
