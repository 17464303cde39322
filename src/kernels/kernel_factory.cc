#include "kernels/kernel_factory.h"

#include "kernels/reference/reference_kernels.h"
#ifdef QB_HAVE_ONEDNN
#include "kernels/onednn/onednn_backend.h"
#endif
#ifdef QB_HAVE_XNNPACK
#include "kernels/xnnpack/xnnpack_backend.h"
#endif
#if defined(__aarch64__)
#include "kernels/arm/arm_hybrid_kernels.h"
#endif

namespace qb {

IsaLevel KernelConfig::DefaultIsa() {
  Result<IsaLevel> best = BestIsa();
  if (best.ok()) return *best;
  return IsaLevelsOfThisArch().empty() ? IsaLevel::kAvx2 : IsaLevelsOfThisArch().front();
}

Result<KernelConfig> ResolveKernelConfig(std::string_view float_backend, std::string_view isa, int num_threads) {
  KernelConfig config;
  QB_ASSIGN_OR_RETURN(config.float_backend, ParseFloatBackend(float_backend));
  QB_ASSIGN_OR_RETURN(config.isa, SelectIsa(isa));
  if (num_threads < 1) return Errorf("--num_threads must be >= 1, got {}", num_threads);
  config.num_threads = num_threads;
  return config;
}

Status ConfigureBackends(const KernelConfig& config) {
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
      return CreateOneDnnKernel(op, io, config.num_threads);
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

// The hybrid backend's kernel for `op`, or nullptr when there is none for it here.
std::unique_ptr<OpKernel> CreateHybridBackendKernel(const Op& op, const KernelIo& io, const KernelConfig& config) {
#if defined(__aarch64__)
  const ArmIsa level = config.isa == IsaLevel::kDotprod ? ArmIsa::kNeonDot : ArmIsa::kNeon;
  Result<std::unique_ptr<OpKernel>> kernel = CreateArmHybridKernel(op, io, level);
  return kernel.ok() ? std::move(kernel).value() : nullptr;
#else
  return nullptr;
#endif
}

}  // namespace

Result<std::unique_ptr<OpKernel>> CreateKernel(const Op& op, const KernelIo& io, const KernelConfig& config) {
  // Backends in order of preference: the hybrid backend (float activations x int8 weights: own NEON /
  // dotprod kernels on ARM64), then the float backend; each returns nullptr for forms it does not handle.
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
