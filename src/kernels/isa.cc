#include "kernels/isa.h"

#include <cstdlib>

namespace qb {

std::string_view IsaName(IsaLevel level) {
  switch (level) {
    case IsaLevel::kAvx2: return "avx2";
    case IsaLevel::kAvx512Core: return "avx512_core";
    case IsaLevel::kAvx512CoreVnni: return "avx512_core_vnni";
    case IsaLevel::kAvx512CoreAmx: return "avx512_core_amx";
    case IsaLevel::kNeon: return "neon";
    case IsaLevel::kDotprod: return "dotprod";
  }
  return "unknown";
}

const std::vector<IsaLevel>& IsaLevelsOfThisArch() {
#if defined(__x86_64__) || defined(_M_X64)
  static const std::vector<IsaLevel> levels = {IsaLevel::kAvx2, IsaLevel::kAvx512Core, IsaLevel::kAvx512CoreVnni,
                                               IsaLevel::kAvx512CoreAmx};
#elif defined(__aarch64__)
  static const std::vector<IsaLevel> levels = {IsaLevel::kNeon, IsaLevel::kDotprod};
#else
  static const std::vector<IsaLevel> levels;
#endif
  return levels;
}

bool CpuHasIsa(IsaLevel level, const CpuFeatures& f) {
  const bool avx512_core = f.avx2 && f.fma && f.avx512f && f.avx512bw && f.avx512dq && f.avx512vl;
  switch (level) {
    case IsaLevel::kAvx2: return f.avx2 && f.fma;
    case IsaLevel::kAvx512Core: return avx512_core;
    case IsaLevel::kAvx512CoreVnni: return avx512_core && f.avx512_vnni;
    case IsaLevel::kAvx512CoreAmx: return avx512_core && f.avx512_vnni && f.amx_tile && f.amx_int8 && f.amx_bf16;
    case IsaLevel::kNeon: return f.neon;
    case IsaLevel::kDotprod: return f.neon && f.dotprod;
  }
  return false;
}

std::vector<IsaLevel> AvailableIsaLevels(const CpuFeatures& features) {
  std::vector<IsaLevel> available;
  for (IsaLevel level : IsaLevelsOfThisArch()) {
    if (CpuHasIsa(level, features)) available.push_back(level);
  }
  return available;
}

Result<IsaLevel> BestIsa(const CpuFeatures& features) {
  std::vector<IsaLevel> available = AvailableIsaLevels(features);
  if (available.empty()) {
    return Errorf("this CPU has none of quantbench's ISA levels: x86-64 needs AVX2 and FMA, ARM64 NEON");
  }
  return available.back();
}

namespace {

std::string JoinNames(const std::vector<IsaLevel>& levels) {
  std::string names;
  for (IsaLevel level : levels) names += (names.empty() ? "" : ", ") + std::string(IsaName(level));
  return names.empty() ? "none" : names;
}

}  // namespace

Result<IsaLevel> ParseIsa(std::string_view name) {
  for (IsaLevel level : IsaLevelsOfThisArch()) {
    if (IsaName(level) == name) return level;
  }
  return Errorf("unknown ISA '{}'; this build knows {}", name, JoinNames(IsaLevelsOfThisArch()));
}

Result<IsaLevel> SelectIsa(std::string_view flag, const char* environment_value, const CpuFeatures& features) {
  std::string source;
  std::string_view name;
  if (!flag.empty()) {
    source = fmt::format("--isa={}", flag);
    name = flag;
  } else if (environment_value != nullptr && *environment_value != '\0') {
    source = fmt::format("{}={}", kIsaEnvironmentVariable, environment_value);
    name = environment_value;
  } else {
    return BestIsa(features);
  }
  Result<IsaLevel> level = ParseIsa(name);
  if (!level.ok()) return level.status().WithContext(source);
  if (!CpuHasIsa(*level, features)) {
    return Errorf("{}: this CPU lacks it; it has {}", source, JoinNames(AvailableIsaLevels(features)));
  }
  return level;
}

Result<IsaLevel> SelectIsa(std::string_view flag) {
  return SelectIsa(flag, std::getenv(kIsaEnvironmentVariable), DetectCpuFeatures());
}

}  // namespace qb
