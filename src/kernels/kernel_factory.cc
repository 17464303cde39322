#include "kernels/kernel_factory.h"

#include "kernels/hybrid_weighted_form.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/reference_kernels.h"
#include "kernels/reference/residual_add.h"
#ifdef QB_HAVE_ONEDNN
#include "kernels/onednn/onednn_backend.h"
#endif
#ifdef QB_HAVE_XNNPACK
#include "kernels/xnnpack/xnnpack_backend.h"
#endif
#ifdef QB_HAVE_QGEMM
#include "kernels/qgemm/qgemm_hybrid_kernels.h"
#endif

namespace qb {

bool KernelConfig::HybridInputsAreSevenBit() const {
  switch (ResolvedHybridBackend()) {
    case HybridBackend::kReference7Bit: return true;
#ifdef QB_HAVE_ONEDNN
    case HybridBackend::kOneDnn: return OneDnnHybridInputsAreSevenBit(isa);
#endif
    default: return false;
  }
}

IsaLevel KernelConfig::DefaultIsa() {
  Result<IsaLevel> best = BestIsa();
  if (best.ok()) return *best;
  return IsaLevelsOfThisArch().empty() ? IsaLevel::kAvx2 : IsaLevelsOfThisArch().front();
}

HybridBackend KernelConfig::ResolvedHybridBackend() const {
  HybridBackend resolved = hybrid_backend;
  if (resolved == HybridBackend::kSameAsFloat) {
    switch (float_backend) {
      case FloatBackend::kReference: resolved = HybridBackend::kReference; break;
      case FloatBackend::kXnnpack: resolved = HybridBackend::kQGemm; break;
      case FloatBackend::kOneDnn: resolved = HybridBackend::kOneDnn; break;
    }
  }
#ifndef QB_HAVE_ONEDNN
  if (resolved == HybridBackend::kOneDnn) resolved = HybridBackend::kReference;
#endif
  return resolved;
}

Result<KernelConfig> ResolveKernelConfig(const KernelFlags& flags, int num_threads) {
  KernelConfig config;
  QB_ASSIGN_OR_RETURN(config.float_backend, ParseFloatBackend(flags.float_backend));
  QB_ASSIGN_OR_RETURN(config.hybrid_backend, ParseHybridBackend(flags.hybrid_backend));
  QB_ASSIGN_OR_RETURN(config.isa, SelectIsa(flags.isa));
  if (num_threads < 1) return Errorf("--num_threads must be >= 1, got {}", num_threads);
  config.num_threads = num_threads;
  return config;
}

Status ConfigureBackends(const KernelConfig& config) {
#ifdef QB_HAVE_ONEDNN
  if (config.OneDnnHybrid() && config.float_backend != FloatBackend::kOneDnn) {
    QB_RETURN_IF_ERROR(ConfigureOneDnn(config.isa, config.num_threads));
  }
#endif
  switch (config.float_backend) {
    case FloatBackend::kOneDnn:
#ifdef QB_HAVE_ONEDNN
      return ConfigureOneDnn(config.isa, config.num_threads);
#else
      break;
#endif
    case FloatBackend::kXnnpack:
#ifdef QB_HAVE_XNNPACK
      return ConfigureXnnpack();
#else
      break;
#endif
    case FloatBackend::kReference:
      return OkStatus();
  }
  return Errorf("float backend {} is not built", FloatBackendName(config.float_backend));
}

namespace {

// The selected float backend's kernel for `op`, or nullptr when it does not handle it.
std::unique_ptr<OpKernel> CreateFloatBackendKernel(const Op& op, const KernelIo& io, const KernelConfig& config) {
  switch (config.float_backend) {
    case FloatBackend::kOneDnn:
#ifdef QB_HAVE_ONEDNN
      return CreateOneDnnKernel(op, io, config.isa, config.num_threads);
#else
      return nullptr;
#endif
    case FloatBackend::kXnnpack:
#ifdef QB_HAVE_XNNPACK
      return CreateXnnpackKernel(op, io, config.num_threads);
#else
      return nullptr;
#endif
    case FloatBackend::kReference:
      return nullptr;
  }
  return nullptr;
}

// The hybrid backend's kernel for `op` (hybrid forms only), or nullptr (then the reference runs it).
std::unique_ptr<OpKernel> CreateHybridBackendKernel(const Op& op, const KernelIo& io, const KernelConfig& config) {
  switch (config.ResolvedHybridBackend()) {
    case HybridBackend::kReference7Bit:
      if (!IsHybridWeightedForm(io)) return nullptr;
      switch (op.type) {
        case OpType::kConv2D: return MakeFloatConv2DKernel(HybridInputBits::k7);
        case OpType::kDepthwiseConv2D: return MakeFloatDepthwiseConv2DKernel(HybridInputBits::k7);
        case OpType::kFullyConnected: return MakeFloatFullyConnectedKernel(HybridInputBits::k7);
        default: return nullptr;
      }
    case HybridBackend::kOneDnn:
#ifdef QB_HAVE_ONEDNN
#ifdef QB_HAVE_QGEMM
      if (OneDnnHybridLeavesToOwnGemm(op, io, config.isa)) {
        Result<std::unique_ptr<OpKernel>> kernel = CreateQGemmHybridKernel(
            op, io, QGemmIsaFor(config.isa), config.num_threads, HybridInputBits::k7);
        if (kernel.ok() && *kernel != nullptr) return std::move(kernel).value();
      }
#endif
      return CreateOneDnnHybridKernel(op, io, config.isa, config.num_threads);
#else
      return nullptr;
#endif
    case HybridBackend::kQGemm: {
#ifdef QB_HAVE_QGEMM
      Result<std::unique_ptr<OpKernel>> kernel =
          CreateQGemmHybridKernel(op, io, QGemmIsaFor(config.isa), config.num_threads);
      return kernel.ok() ? std::move(kernel).value() : nullptr;
#else
      return nullptr;
#endif
    }
    case HybridBackend::kSameAsFloat:  // resolved above
    case HybridBackend::kReference:
      return nullptr;
  }
  return nullptr;
}

// A backend kernel that adds a fused residual itself (reference/residual_add.h; KernelAddsResidual), or
// nullptr.
std::unique_ptr<OpKernel> CreateResidualBackendKernel(const Op& op, const KernelIo& io, const KernelConfig& config) {
  if (!CheckResidualInput(io).ok()) return nullptr;
  if (IsHybridWeightedForm(io)) return config.HybridAddsResiduals() ? CreateHybridBackendKernel(op, io, config) : nullptr;
  return config.float_backend == FloatBackend::kOneDnn ? CreateFloatBackendKernel(op, io, config) : nullptr;
}

}  // namespace

bool KernelAddsResidual(const Tensor& input, const Tensor& filter, const KernelConfig& config) {
  if (filter.type == DType::kInt8) return config.HybridAddsResiduals();
  if (filter.type != DType::kFloat32 || config.float_backend != FloatBackend::kOneDnn || input.shape.size() != 4) {
    return false;
  }
#ifdef QB_HAVE_ONEDNN
  return OneDnnFloatConvolutionAddsResidual(filter.shape, input.shape[3], config.isa);
#else
  return false;
#endif
}

Result<std::unique_ptr<OpKernel>> CreateKernel(const Op& op, const KernelIo& io, const KernelConfig& config) {
  if (HasResidualAdd(op)) {
    if (std::unique_ptr<OpKernel> kernel = CreateResidualBackendKernel(op, io, config)) return kernel;
    const ResidualSplit split = SplitResidualAdd(op, io);
    QB_ASSIGN_OR_RETURN(std::unique_ptr<OpKernel> convolution, CreateKernel(split.convolution, split.io, config));
    return MakeResidualAddKernel(std::move(convolution));
  }
  // Backends in order of preference: the hybrid backend (the float backends return nullptr for hybrid
  // forms), the float backend, the reference.
  if (std::unique_ptr<OpKernel> kernel = CreateHybridBackendKernel(op, io, config)) return kernel;
  if (std::unique_ptr<OpKernel> kernel = CreateFloatBackendKernel(op, io, config)) return kernel;
  return CreateReferenceKernel(op, io);
}

std::string DescribeKernelConfig(const KernelConfig& config) {
  const std::string_view backend = FloatBackendName(config.float_backend);
  const Result<IsaLevel> best = BestIsa();
  const bool capped = best.ok() && *best != config.isa;
  std::string isa = fmt::format("isa {}", IsaName(config.isa));
  if (capped) {
    isa += fmt::format(" — emulation: capped below this CPU's {}", IsaName(*best));
  }
  if (config.hybrid_backend != HybridBackend::kSameAsFloat) {
    isa += fmt::format("; hybrid ops on {}", HybridBackendName(config.ResolvedHybridBackend()));
  }
  switch (config.float_backend) {
    case FloatBackend::kOneDnn:
      return fmt::format("{} ({})", backend, isa);
    case FloatBackend::kXnnpack:
      return fmt::format("{} ({}; XNNPACK picks its own microkernels, the cap binds only oneDNN and own kernels)",
                         backend, isa);
    case FloatBackend::kReference:
      return fmt::format("{} ({}; plain C++, no ISA-specific code)", backend, isa);
  }
  return std::string(backend);
}

}  // namespace qb
