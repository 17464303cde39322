// The float oneDNN kernels that run one primitive from their input 0 to their output 0: Prepare builds
// `primitive_`; scratch, Eval and the implementation name come from it.
#pragma once

#include <string>

#include "kernels/kernel.h"
#include "kernels/onednn/onednn_context.h"

namespace qb::onednn {

class PrimitiveKernel : public OpKernel {
 public:
  size_t ScratchBytes() const override { return primitive_.scratch_bytes(); }
  void Eval(const KernelIo& io, uint8_t* scratch) override {
    primitive_.Execute(io.in(0).data, io.out(0).data, scratch);
  }
  std::string Implementation() const override { return primitive_.implementation(); }

 protected:
  BoundPrimitive primitive_;
};

}  // namespace qb::onednn
