// The ISA cap: one instruction-set level for every kernel of a process, so that one modern machine shows
// what an older CPU generation would get ("emulation"). The levels of the build's architecture are
// ordered, each one a superset of the previous:
//   x86-64: avx2 < avx512_core (AVX-512 F/BW/DQ/VL) < avx512_core_vnni < avx512_core_amx (AMX-INT8/BF16)
//   ARM64:  neon < dotprod (ARMv8.2 SDOT/UDOT)
// The cap comes from --isa=NAME, else the QB_ISA environment variable, else the best level the CPU has;
// a level the CPU lacks is refused. Backends apply it themselves (oneDNN: its max CPU ISA).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "kernels/cpu_features.h"

namespace qb {

enum class IsaLevel {
  kAvx2,
  kAvx512Core,
  kAvx512CoreVnni,
  kAvx512CoreAmx,
  kNeon,
  kDotprod,
};

inline constexpr const char* kIsaEnvironmentVariable = "QB_ISA";

std::string_view IsaName(IsaLevel level);  // "avx512_core_vnni", the name --isa takes
// The levels of the architecture quantbench was built for, lowest first (empty on other architectures).
const std::vector<IsaLevel>& IsaLevelsOfThisArch();
bool CpuHasIsa(IsaLevel level, const CpuFeatures& features = DetectCpuFeatures());
// The levels of this architecture the CPU has, lowest first.
std::vector<IsaLevel> AvailableIsaLevels(const CpuFeatures& features = DetectCpuFeatures());
// The highest level the CPU has. Fails when it has none (an x86-64 CPU without AVX2, or another architecture).
Result<IsaLevel> BestIsa(const CpuFeatures& features = DetectCpuFeatures());

// A level by name; the error lists this architecture's names.
Result<IsaLevel> ParseIsa(std::string_view name);
// The cap to use: `flag` (the --isa value) when not empty, else $QB_ISA when set and not empty, else the
// best level. An unknown name or a level the CPU lacks is an error naming where the value came from,
// e.g. "--isa=avx512_core_amx: this CPU lacks it; it has avx2, avx512_core, avx512_core_vnni".
Result<IsaLevel> SelectIsa(std::string_view flag);
Result<IsaLevel> SelectIsa(std::string_view flag, const char* environment_value, const CpuFeatures& features);

}  // namespace qb
