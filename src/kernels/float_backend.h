// The float32 backends: who runs float32 CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED (and, where a
// backend has them, other float ops). Ops a backend does not handle run on the reference kernels.
//   onednn     Intel oneDNN primitives (x86-64 builds with Debian's libdnnl-dev)
//   xnnpack    XNNPACK operators (Debian's libxnnpack-dev; ARM64's float backend, the peer on x86-64)
//   reference  the plain C++ oracle (always built)
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"

namespace qb {

enum class FloatBackend { kReference, kOneDnn, kXnnpack };

std::string_view FloatBackendName(FloatBackend backend);  // the name --float_backend takes
// The backends this build has, reference first.
const std::vector<FloatBackend>& BuiltFloatBackends();
// onednn on x86-64, xnnpack on ARM64, when built; else reference.
FloatBackend DefaultFloatBackend();
// A built backend by name; empty selects the default. The error lists the built backends.
Result<FloatBackend> ParseFloatBackend(std::string_view name);

}  // namespace qb
