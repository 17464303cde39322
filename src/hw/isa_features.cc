#include "hw/isa_features.h"

#include "kernels/isa.h"

namespace qb::hw {

IsaFeatures DetectIsaFeatures() { return DetectCpuFeatures(); }

std::vector<std::pair<std::string, bool>> FeatureList(const IsaFeatures& f) {
  return {{"FMA", f.fma},       {"AVX2", f.avx2},       {"AVX-512F", f.avx512f}, {"AVX-512BW", f.avx512bw},
          {"AVX-512 VNNI", f.avx512_vnni}, {"AVX-VNNI", f.avx_vnni}, {"AMX-INT8", f.amx_int8},
          {"NEON", f.neon},     {"dotprod", f.dotprod}, {"i8mm", f.i8mm},        {"fp16", f.fp16}};
}

IsaFeatures FeaturesFromNames(const std::vector<std::string>& present) {
  IsaFeatures f;
  bool* fields[] = {&f.fma, &f.avx2, &f.avx512f, &f.avx512bw, &f.avx512_vnni, &f.avx_vnni,
                    &f.amx_int8, &f.neon, &f.dotprod, &f.i8mm, &f.fp16};
  const auto names = FeatureList(IsaFeatures{});
  for (size_t i = 0; i < names.size(); ++i) {
    for (const std::string& name : present) {
      if (name == names[i].first) *fields[i] = true;
    }
  }
  // The displayed names stand for their families: every AVX-512 CPU with BW also has DQ and VL, and AMX-INT8
  // comes with the tile state and AMX-BF16 on every CPU that has it.
  f.avx512dq = f.avx512vl = f.avx512f && f.avx512bw;
  f.amx_tile = f.amx_bf16 = f.amx_int8;
  return f;
}

std::string BestInt8Feature(const IsaFeatures& f) {
  if (f.amx_int8) return "AMX-INT8";
  if (f.avx512_vnni) return "AVX-512 VNNI";
  if (f.avx_vnni) return "AVX-VNNI";
  if (f.i8mm) return "i8mm";
  if (f.dotprod) return "dotprod";
  return "";
}

bool IsEmulatedIsa(const std::string& isa, const IsaFeatures& features) {
  const std::vector<std::string> levels = hw::AvailableIsaLevels(features);
  return !isa.empty() && (levels.empty() || isa != levels.front());
}

std::vector<std::string> AvailableIsaLevels(const IsaFeatures& f) {
  // Both architectures' levels, most capable first: the features may come from another machine's results.
  constexpr IsaLevel kLevels[] = {IsaLevel::kAvx512CoreAmx, IsaLevel::kAvx512CoreVnni, IsaLevel::kAvx512Core,
                                  IsaLevel::kAvx2, IsaLevel::kDotprod, IsaLevel::kNeon};
  std::vector<std::string> levels;
  for (IsaLevel level : kLevels) {
    if (CpuHasIsa(level, f)) levels.emplace_back(IsaName(level));
  }
  return levels;
}

}  // namespace qb::hw
