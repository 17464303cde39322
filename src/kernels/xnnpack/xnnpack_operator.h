// What the XNNPACK kernels share: Operator, an owned xnn_operator_t that is set up (the operator's
// indirection buffers) only when its input or output pointers change. Their threads: SharedThreadPool.
#pragma once

#include <xnnpack.h>
#include <pthreadpool.h>

#include <memory>
#include <string_view>

#include "core/status.h"
#include "kernels/threading/shared_thread_pool.h"

namespace qb::xnnpack {

// `what` names the call in the error ("xnn_create_convolution2d_nhwc_f32 failed with status 2").
Status CheckXnn(xnn_status status, std::string_view what);

class Operator {
 public:
  // Takes ownership of `op` (may be nullptr before creation).
  void reset(xnn_operator_t op) { op_.reset(op); }
  xnn_operator_t get() const { return op_.get(); }
  // True (and remembers them) when the pointers differ from the last setup.
  bool NeedsSetup(const void* input, const void* output, const void* second_input = nullptr) {
    if (input == last_input_ && output == last_output_ && second_input == last_second_input_) return false;
    last_input_ = input;
    last_output_ = output;
    last_second_input_ = second_input;
    return true;
  }

 private:
  struct Deleter {
    void operator()(xnn_operator_t op) const { xnn_delete_operator(op); }
  };
  std::unique_ptr<xnn_operator, Deleter> op_;
  const void* last_input_ = nullptr;
  const void* last_output_ = nullptr;
  const void* last_second_input_ = nullptr;
};

}  // namespace qb::xnnpack
