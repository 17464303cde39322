// The float32 FMA peak of one core, measured in the same run as the kernels so that kernel efficiency is
// a ratio: independent chains of vector FMAs (enough to hide the FMA latency), AVX-512 and AVX2 variants,
// each in its own file compiled for its ISA. Returns the flops done (2 per lane per FMA).
#pragma once

#include <cstdint>

namespace qb::bench {

// Each runs `iterations` rounds of 12 independent FMAs and returns the flops done; `sink` defeats the optimizer.
int64_t FmaPeakAvx512(int64_t iterations, float* sink);
int64_t FmaPeakAvx2(int64_t iterations, float* sink);

}  // namespace qb::bench
