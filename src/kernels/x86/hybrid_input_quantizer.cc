// The x86-64 input quantizer's drivers (hybrid_input_quantizer.h): the AVX2 passes over an image, its
// rows, or its parts on several threads; the padding around a oneDNN image.
#include "kernels/x86/hybrid_input_quantizer.h"

#include <algorithm>

#include <fmt/format.h>

#include "kernels/threading/parallel_quantize.h"
#include "kernels/x86/hybrid_input_quantizer_avx2.h"

namespace qb {

std::string U8ImageForm(const U8ImageLayout& l, HybridInputBits bits, int64_t images) {
  // Without padding or sampling the bytes are the image's values in order, whatever its shape.
  const bool plain = l.pad_top == 0 && l.pad_left == 0 && l.pad_bottom == 0 && l.pad_right == 0 && l.row_step == 1 &&
                     l.column_step == 1;
  std::string form = fmt::format("u8{}, {} image(s) of {} values", U8HybridSuffix(bits), images, l.InputSize());
  if (plain) return form;
  return form + fmt::format(" as {}x{}x{} padded {},{},{},{} every {}/{} row/column", l.height, l.width, l.channels,
                            l.pad_top, l.pad_left, l.pad_bottom, l.pad_right, l.row_step, l.column_step);
}

U8Image QuantizeImageToU8(const float* x, const U8ImageLayout& layout, HybridInputBits bits, uint8_t* u,
                          int num_threads) {
  const HybridValueRange whole = ParallelValueRange(num_threads, x, layout.InputSize(), HybridValueRangeAvx2);
  const QuantizedImage params = HybridInputParameters(whole.lo, whole.hi, bits);
  const HybridInputRange range = InputRangeOf(bits);
  const U8Image image{params.scale, params.zero_point - range.min};
  const uint8_t zero = static_cast<uint8_t>(image.zero_point);
  const size_t channels = static_cast<size_t>(layout.channels);
  const size_t input_row = size_t(layout.width) * channels;         // floats
  const size_t row = size_t(layout.SampledWidth()) * channels;      // bytes written per row, padding aside
  const size_t padded_row = size_t(layout.SampledWidth() + layout.pad_left + layout.pad_right) * channels;
  const size_t left = size_t(layout.pad_left) * channels, right = size_t(layout.pad_right) * channels;
  const int32_t height = layout.SampledHeight();
  std::fill(u, u + layout.pad_top * padded_row, zero);
  uint8_t* first_row = u + layout.pad_top * padded_row;
  const size_t written = size_t(height) * row;
  const int32_t parts = std::min(QuantizeParts(written, num_threads), std::max(height, 1));
  ParallelFor(num_threads, parts, [&](int32_t p) {
    const auto rows = EvenShare(static_cast<size_t>(height), p, parts);
    uint8_t* out = first_row + rows.begin * padded_row;
    for (size_t y = rows.begin; y < rows.end; ++y, out += padded_row) {
      std::fill(out, out + left, zero);
      const float* source = x + y * layout.row_step * input_row;
      if (whole.hi == whole.lo) {
        std::fill(out + left, out + left + row, zero);  // every q is 0 = the zero point
      } else if (layout.column_step == 1) {
        QuantizeToBytesAvx2(source, row, params, range, QuantizedByte::kUnsigned, out + left);
      } else {
        for (size_t c = 0; c < size_t(layout.SampledWidth()); ++c) {
          QuantizeToBytesAvx2(source + c * layout.column_step * channels, channels, params, range,
                              QuantizedByte::kUnsigned, out + left + c * channels);
        }
      }
      std::fill(out + left + row, out + left + row + right, zero);
    }
  });
  uint8_t* bottom = first_row + height * padded_row;
  std::fill(bottom, bottom + layout.pad_bottom * padded_row, zero);
  return image;
}

QuantizedImage QuantizeImageToS8(const float* x, size_t n, int8_t* q, HybridInputBits bits, int num_threads) {
  return ParallelQuantizeImage(num_threads, x, n, q, bits, HybridValueRangeAvx2,
                               [](const float* values, size_t count, const QuantizedImage& image,
                                  HybridInputBits image_bits, int8_t* out) {
                                 QuantizeToBytesAvx2(values, count, image, InputRangeOf(image_bits),
                                                     QuantizedByte::kSigned, reinterpret_cast<uint8_t*>(out));
                               });
}

}  // namespace qb
