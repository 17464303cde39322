// The hybrid backends: who runs hybrid ops (float32 activations x constant INT8 weights: CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED of a dynamic-range model).
//   onednn     oneDNN int8 primitives (x86-64 builds with oneDNN; 7-bit inputs below AVX-512 VNNI, where its
//              AVX2 / AVX-512BW int8 would otherwise saturate: onednn_backend.h)
//   qgemm      quantbench's own int8 kernels (kernels/qgemm: NEON/dotprod on ARM64, AVX2 on x86-64; always
//              TensorFlow Lite's 8-bit inputs)
//   reference  the plain C++ oracle (always built)
// By default (kSameAsFloat) the float backend's family: onednn -> onednn, xnnpack -> qgemm,
// reference -> reference. kReference7Bit is the reference quantizing hybrid inputs to 7 bits
// (reference/hybrid_quantize.h), the 7-bit oneDNN path's oracle; it has no command-line name.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"

namespace qb {

enum class HybridBackend { kSameAsFloat, kOneDnn, kQGemm, kReference, kReference7Bit };

std::string_view HybridBackendName(HybridBackend backend);  // the name --hybrid_backend takes
// The backends this build has that --hybrid_backend can name, reference first.
const std::vector<HybridBackend>& BuiltHybridBackends();
// A built backend by name; empty selects kSameAsFloat. The error lists the built backends.
Result<HybridBackend> ParseHybridBackend(std::string_view name);

}  // namespace qb
