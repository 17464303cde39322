// AMX peak loop (int8_peak.h): four 16 x 16 int32 accumulator tiles (tmm0-3) updated in turn from two A
// tiles and two B tiles (tmm4-7), each tdpbssd 16 x 16 x 64 s8 x s8 products. The caller checks that the CPU
// has AMX-INT8 and that Linux granted the tile data (cpu_features_x86.cc requests it while detecting).
#include <immintrin.h>

#include <cstdint>

#include "int8_peak.h"

namespace qb::bench {
namespace {

// The 64-byte tile configuration of ldtilecfg, palette 1: rows and bytes per row of tmm0..tmm15.
struct alignas(64) TileConfig {
  uint8_t palette = 1;
  uint8_t start_row = 0;
  uint8_t reserved[14] = {};
  uint16_t bytes_per_row[16] = {};
  uint8_t rows[16] = {};
};

constexpr int kRows = 16, kRowBytes = 64;

}  // namespace

int64_t TdpbssdPeak(int64_t iterations, int32_t* sink) {
  TileConfig config;
  for (int t = 0; t < 8; ++t) {
    config.rows[t] = kRows;
    config.bytes_per_row[t] = kRowBytes;
  }
  alignas(64) int8_t a[kRows * kRowBytes], b[kRows * kRowBytes];
  for (int i = 0; i < kRows * kRowBytes; ++i) {
    a[i] = static_cast<int8_t>(i % 7 - 3);
    b[i] = static_cast<int8_t>(i % 5 - 2);
  }
  _tile_loadconfig(&config);
  _tile_zero(0);
  _tile_zero(1);
  _tile_zero(2);
  _tile_zero(3);
  _tile_loadd(4, a, kRowBytes);
  _tile_loadd(5, b, kRowBytes);
  _tile_loadd(6, b, kRowBytes);
  _tile_loadd(7, a, kRowBytes);
  for (int64_t it = 0; it < iterations; ++it) {
    _tile_dpbssd(0, 4, 6);
    _tile_dpbssd(1, 4, 7);
    _tile_dpbssd(2, 5, 6);
    _tile_dpbssd(3, 5, 7);
  }
  alignas(64) int32_t c[kRows * kRows];
  int32_t sum = 0;
  auto add_tile = [&] {
    for (int32_t v : c) sum += v;
  };
  _tile_stored(0, c, kRows * sizeof(int32_t));
  add_tile();
  _tile_stored(1, c, kRows * sizeof(int32_t));
  add_tile();
  _tile_stored(2, c, kRows * sizeof(int32_t));
  add_tile();
  _tile_stored(3, c, kRows * sizeof(int32_t));
  add_tile();
  _tile_release();
  *sink += sum;
  return iterations * 4 * kRows * kRows * kRowBytes * 2;
}

}  // namespace qb::bench
