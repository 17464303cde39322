// The int8 multiply-accumulate peaks of one core, measured in the same run as the hybrid kernels so that
// their efficiency is a ratio: AMX tdpbssd on tiles, independent chains of AVX-512 VNNI vpdpbusd (u8 x s8,
// 4 products per int32 lane) and of AVX-512BW vpmaddubsw + vpmaddwd (the pre-VNNI sequence), and their AVX2
// forms, each in its own file compiled for its ISA. Each returns the int8 operations done (2 per multiply-accumulate).
#pragma once

#include <cstdint>

namespace qb::bench {

int64_t VpdpbusdPeak(int64_t iterations, int32_t* sink);
// AMX-INT8 (int8_peak_amx.cc): tdpbssd on four accumulator tiles, 16 x 16 x 64 products each.
int64_t TdpbssdPeak(int64_t iterations, int32_t* sink);
int64_t VpmaddubswPeak(int64_t iterations, int32_t* sink);
// AVX2 (int8_peak_avx2.cc): oneDNN's 7-bit sequence, and vpmaddwd on int8 widened to int16 (exact 8-bit).
int64_t VpmaddubswPeakAvx2(int64_t iterations, int32_t* sink);
int64_t VpmaddwdPeakAvx2(int64_t iterations, int32_t* sink);

}  // namespace qb::bench
