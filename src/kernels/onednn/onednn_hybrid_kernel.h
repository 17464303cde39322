// What the hybrid oneDNN kernels share once Prepare has built them: per image, quantize the float input
// into scratch as u8 (hybrid_input_quantizer.h) — or take the image another op quantized the same way
// (kernels/shared_quantized_input.h) — set the image's zero point, bias and scales on the output stage, run
// the primitive into the float output (which holds a fused residual first); an image whose epilogue the
// stage cannot express runs the whole op on the reference kernel instead (exact by definition; the runtime
// shares a residual's memory with the output only for one image, whose residual is still intact then).
// Scratch: oneDNN's scratchpad, then the u8 image (64-byte aligned); or the reference's.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

#include "kernels/x86/hybrid_input_quantizer.h"
#include "kernels/onednn/hybrid_output_stage.h"
#include "kernels/onednn/onednn_context.h"
#include "kernels/onednn/onednn_kernels.h"
#include "kernels/reference/residual_add.h"

namespace qb::onednn {

class HybridPrimitiveKernel : public OpKernel {
 public:
  HybridPrimitiveKernel(HybridInputBits bits, int num_threads) : bits_(bits), num_threads_(num_threads) {}

  size_t ScratchBytes() const override {
    return std::max(AlignScratch(primitive_.scratch_bytes()) + layout_.PaddedSize(), reference_->ScratchBytes());
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const float* input = io.in(0).data_as<const float>();
    float* output = io.out(0).data_as<float>();
    auto quantize = [&](int64_t i, uint8_t* into) {
      return QuantizeImageToU8(input + i * in_image_, layout_, bits_, into, num_threads_);
    };
    shared_.QuantizeIfFirst(images_, quantize);
    uint8_t* own_image = scratch + AlignScratch(primitive_.scratch_bytes());
    for (int64_t i = 0; i < images_; ++i) {
      const SharedImages<U8Image>::Image image = shared_.Take(i, own_image, quantize);
      if (!stage_.SetImage(image.parameters)) {
        reference_->Eval(io, scratch);
        return;
      }
      if (residual_) {  // summed into the output in place
        PlaceResidualInOutput(io.in(kResidualInput).data_as<const float>() + i * out_image_, output + i * out_image_,
                              out_image_);
      }
      primitive_.Execute(image.bytes, output + i * out_image_, scratch);
    }
  }

  std::optional<QuantizedInputForm> ShareableQuantizedInput() const override {
    return QuantizedInputForm{U8ImageForm(layout_, bits_, images_),
                              SharedImages<U8Image>::Bytes(images_, layout_.PaddedSize())};
  }
  void UseSharedQuantizedInput(uint8_t* memory, bool quantizes) override {
    shared_.Attach(memory, quantizes, layout_.PaddedSize());
  }

  std::string Implementation() const override {
    return primitive_.implementation() + U8HybridSuffix(bits_) + (stage_.source_zero_point() ? "" : " input>=0");
  }

 protected:
  // Set by Prepare: the prepared reference kernel, the images per execution and their sizes in floats, the
  // u8 image, the output stage and the primitive.
  HybridInputBits bits_;
  int num_threads_;
  bool residual_ = false;  // a fused residual ADD, summed into the output (hybrid_output_stage.h)
  std::unique_ptr<OpKernel> reference_;
  int64_t images_ = 0, in_image_ = 0, out_image_ = 0;
  U8ImageLayout layout_;
  HybridOutputStage stage_;
  BoundPrimitive primitive_;

 private:
  SharedImages<U8Image> shared_;  // attached when the runtime shares this op's quantized input
};

}  // namespace qb::onednn
