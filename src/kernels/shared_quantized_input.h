// A quantized input that several hybrid ops share. Where ops quantize the same float tensor the same way
// (InceptionV3's 1x1 branches reading one concatenation, a ResNet stage's shortcut and first convolution),
// the runtime (runtime/shared_quantized_inputs.h) gives them one block of memory for the quantized form:
// the first of them to run quantizes every image into it, the others read it. The values are the ones each
// op would have computed itself (same tensor, same quantizer, same layout: what `form` names).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "kernels/scratch.h"

namespace qb {

// What a kernel offers to share after Prepare: its quantized form of input 0.
struct QuantizedInputForm {
  // Equal for kernels whose quantized forms of the same tensor are byte for byte the same, e.g.
  // "u8 8-bit, 1 image of 235200 values" (scheme, bits, images, layout).
  std::string form;
  size_t bytes = 0;  // of the whole form: SharedImages<>::Bytes
};

// The shared form as a kernel uses it: per image, the image's parameters (scale, zero point) and then its
// quantized bytes, each on the scratch alignment. Not attached: the kernel quantizes into its own scratch.
// A kernel's Eval calls QuantizeIfFirst once, then Take per image; `quantize(image, into)` quantizes image
// `image` of its input into `into` and returns its Parameters.
template <typename Parameters>
class SharedImages {
 public:
  struct Image {
    uint8_t* bytes;
    Parameters parameters;
  };

  static size_t Bytes(int64_t images, size_t image_bytes) {
    return static_cast<size_t>(images) * (AlignScratch(sizeof(Parameters)) + AlignScratch(image_bytes));
  }

  void Attach(uint8_t* memory, bool quantizes, size_t image_bytes) {
    memory_ = memory;
    quantizes_ = quantizes;
    stride_ = AlignScratch(sizeof(Parameters)) + AlignScratch(image_bytes);
  }
  bool attached() const { return memory_ != nullptr; }

  // The op running first among the sharers quantizes every image before it uses any: a sharer may read them
  // even if this op then falls back to another kernel.
  template <typename Quantize>
  void QuantizeIfFirst(int64_t images, const Quantize& quantize) const {
    if (!quantizes_) return;
    for (int64_t i = 0; i < images; ++i) parameters(i) = quantize(i, image(i));
  }
  // Image i: the shared one, or quantized into `own` when not attached.
  template <typename Quantize>
  Image Take(int64_t i, uint8_t* own, const Quantize& quantize) const {
    if (attached()) return {image(i), parameters(i)};
    return {own, quantize(i, own)};
  }

 private:
  Parameters& parameters(int64_t image) const {
    return *reinterpret_cast<Parameters*>(memory_ + static_cast<size_t>(image) * stride_);
  }
  uint8_t* image(int64_t image) const {
    return memory_ + static_cast<size_t>(image) * stride_ + AlignScratch(sizeof(Parameters));
  }

  uint8_t* memory_ = nullptr;
  bool quantizes_ = false;
  size_t stride_ = 0;
};

}  // namespace qb
