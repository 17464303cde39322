// What the hybrid oneDNN kernels share once Prepare has built them: per image, quantize the float input
// into scratch as u8 (hybrid_input_quantizer.h), set the image's zero point and scales on the output stage,
// run the primitive into the float output. Scratch: oneDNN's scratchpad, then the u8 image (64-byte aligned).
#pragma once

#include <cstdint>
#include <string>

#include "kernels/onednn/hybrid_input_quantizer.h"
#include "kernels/onednn/hybrid_output_stage.h"
#include "kernels/onednn/onednn_context.h"
#include "kernels/onednn/onednn_kernels.h"

namespace qb::onednn {

class HybridPrimitiveKernel : public OpKernel {
 public:
  explicit HybridPrimitiveKernel(HybridInputBits bits) : bits_(bits) {}

  size_t ScratchBytes() const override { return AlignUp64(primitive_.scratch_bytes()) + layout_.PaddedSize(); }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    uint8_t* image = scratch + AlignUp64(primitive_.scratch_bytes());
    const float* input = io.in(0).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    for (int64_t i = 0; i < images_; ++i) {
      stage_.SetImage(QuantizeImageToU8(input + i * in_image_, layout_, bits_, image));
      primitive_.Execute(image, output + i * out_image_, scratch);
    }
  }

  std::string Implementation() const override { return primitive_.implementation() + HybridSuffix(bits_); }

 protected:
  // Set by Prepare: the images per execution and their sizes in floats, the u8 image, the output stage and
  // the primitive.
  HybridInputBits bits_;
  int64_t images_ = 0, in_image_ = 0, out_image_ = 0;
  U8ImageLayout layout_;
  HybridOutputStage stage_;
  BoundPrimitive primitive_;
};

}  // namespace qb::onednn
