#include "kernels/hybrid_backend.h"

#include <string>

namespace qb {

std::string_view HybridBackendName(HybridBackend backend) {
  switch (backend) {
    case HybridBackend::kSameAsFloat: return "same-as-float";
    case HybridBackend::kOneDnn: return "onednn";
    case HybridBackend::kQGemm: return "qgemm";
    case HybridBackend::kReference: return "reference";
    case HybridBackend::kReference7Bit: return "reference-7bit";
  }
  return "unknown";
}

const std::vector<HybridBackend>& BuiltHybridBackends() {
  static const std::vector<HybridBackend> built = {
      HybridBackend::kReference,
#ifdef QB_HAVE_ONEDNN
      HybridBackend::kOneDnn,
#endif
#ifdef QB_HAVE_QGEMM
      HybridBackend::kQGemm,
#endif
  };
  return built;
}

Result<HybridBackend> ParseHybridBackend(std::string_view name) {
  if (name.empty()) return HybridBackend::kSameAsFloat;
  std::string built;
  for (HybridBackend backend : BuiltHybridBackends()) {
    if (HybridBackendName(backend) == name) return backend;
    built += (built.empty() ? "" : ", ") + std::string(HybridBackendName(backend));
  }
  return Errorf("--hybrid_backend={}: not a hybrid backend of this build; it has {}", name, built);
}

}  // namespace qb
