// QGemmIsaName (qgemm_isa.h), the same on every architecture.
#include "kernels/qgemm/qgemm_isa.h"

namespace qb {

std::string_view QGemmIsaName(QGemmIsa isa) {
  switch (isa) {
    case QGemmIsa::kNeon: return "neon";
    case QGemmIsa::kNeonDot: return "neondot";
    case QGemmIsa::kAvx2: return "avx2";
  }
  return "unknown";
}

}  // namespace qb
