#include "kernels/xnnpack/xnnpack_operator.h"

namespace qb::xnnpack {

Status CheckXnn(xnn_status status, std::string_view what) {
  if (status == xnn_status_success) return OkStatus();
  return Errorf("{} failed with XNNPACK status {}; run it with --float_backend=reference", what,
                static_cast<int>(status));
}

}  // namespace qb::xnnpack
