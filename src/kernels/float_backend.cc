#include "kernels/float_backend.h"

#include <algorithm>
#include <string>

namespace qb {

std::string_view FloatBackendName(FloatBackend backend) {
  switch (backend) {
    case FloatBackend::kReference: return "reference";
    case FloatBackend::kOneDnn: return "onednn";
    case FloatBackend::kXnnpack: return "xnnpack";
  }
  return "unknown";
}

const std::vector<FloatBackend>& BuiltFloatBackends() {
  static const std::vector<FloatBackend> backends = {
      FloatBackend::kReference,
#ifdef QB_HAVE_ONEDNN
      FloatBackend::kOneDnn,
#endif
#ifdef QB_HAVE_XNNPACK
      FloatBackend::kXnnpack,
#endif
  };
  return backends;
}

namespace {

bool IsBuilt(FloatBackend backend) {
  const auto& built = BuiltFloatBackends();
  return std::find(built.begin(), built.end(), backend) != built.end();
}

}  // namespace

FloatBackend DefaultFloatBackend() {
#if defined(__x86_64__) || defined(_M_X64)
  if (IsBuilt(FloatBackend::kOneDnn)) return FloatBackend::kOneDnn;
#endif
  if (IsBuilt(FloatBackend::kXnnpack)) return FloatBackend::kXnnpack;
  return FloatBackend::kReference;
}

Result<FloatBackend> ParseFloatBackend(std::string_view name) {
  if (name.empty()) return DefaultFloatBackend();
  std::string built;
  for (FloatBackend backend : BuiltFloatBackends()) {
    if (FloatBackendName(backend) == name) return backend;
    built += (built.empty() ? "" : ", ") + std::string(FloatBackendName(backend));
  }
  return Errorf("--float_backend={}: not a backend of this build; it has {}", name, built);
}

}  // namespace qb
