#include "kernels/onednn/onednn_backend.h"

#include <omp.h>

#include <mutex>
#include <optional>

#include <oneapi/dnnl/dnnl.hpp>

#include "kernels/float_weighted_form.h"
#include "kernels/onednn/onednn_kernels.h"

namespace qb {
namespace {

std::optional<dnnl::cpu_isa> ToOneDnnIsa(IsaLevel isa) {
  switch (isa) {
    case IsaLevel::kAvx2: return dnnl::cpu_isa::avx2;
    case IsaLevel::kAvx512Core: return dnnl::cpu_isa::avx512_core;
    case IsaLevel::kAvx512CoreVnni: return dnnl::cpu_isa::avx512_core_vnni;
    case IsaLevel::kAvx512CoreAmx: return dnnl::cpu_isa::avx512_core_amx;
    case IsaLevel::kNeon:
    case IsaLevel::kDotprod: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

Status ConfigureOneDnn(IsaLevel isa, int num_threads) {
  static std::mutex mutex;
  static std::optional<IsaLevel> applied;
  std::lock_guard<std::mutex> lock(mutex);
  if (!applied) {
    const std::optional<dnnl::cpu_isa> cap = ToOneDnnIsa(isa);
    if (!cap) return Errorf("oneDNN has no ISA level {}", IsaName(isa));
    if (dnnl::set_max_cpu_isa(*cap) != dnnl::status::success) {
      return Errorf("oneDNN refused the ISA cap {}: it can be set only once per process, before its first kernel",
                    IsaName(isa));
    }
    applied = isa;
  } else if (*applied != isa) {
    return Errorf("oneDNN's ISA cap is already {} in this process and cannot change to {}; use one process per cap",
                  IsaName(*applied), IsaName(isa));
  }
  omp_set_num_threads(num_threads);
  return OkStatus();
}

std::unique_ptr<OpKernel> CreateOneDnnKernel(const Op& op, const KernelIo& io, int num_threads) {
  switch (op.type) {
    case OpType::kConv2D:
      return IsFloatWeightedForm(io) ? onednn::MakeConv2DKernel() : nullptr;
    case OpType::kDepthwiseConv2D:
      return IsFloatWeightedForm(io) ? onednn::MakeDepthwiseConv2DKernel() : nullptr;
    case OpType::kFullyConnected:
      return IsFloatWeightedForm(io) ? onednn::MakeFullyConnectedKernel() : nullptr;
    case OpType::kAveragePool2D:
      return IsFloatUnaryForm(io) ? onednn::MakeAveragePool2DKernel() : nullptr;
    case OpType::kMaxPool2D:
      return IsFloatUnaryForm(io) ? onednn::MakeMaxPool2DKernel() : nullptr;
    case OpType::kAdd:
      return IsFloatSameShapeBinaryForm(io) ? onednn::MakeAddKernel() : nullptr;
    default:
      return nullptr;
  }
}

}  // namespace qb
