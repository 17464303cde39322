// --float_backend, --hybrid_backend and --isa, shared by the commands that run models (bench, run, compare).
#include <string>

#include "commands.h"
#include "kernels/float_backend.h"
#include "kernels/hybrid_backend.h"
#include "kernels/isa.h"

namespace qb::tools {

void AddKernelFlags(CLI::App& command, KernelFlags& flags) {
  std::string backends;
  for (FloatBackend backend : BuiltFloatBackends()) {
    backends += (backends.empty() ? "" : "|") + std::string(FloatBackendName(backend));
  }
  std::string levels;
  for (IsaLevel level : IsaLevelsOfThisArch()) levels += (levels.empty() ? "" : "|") + std::string(IsaName(level));
  command.add_option("--float_backend", flags.float_backend,
                     fmt::format("Float32 kernels: {} (default {})", backends, FloatBackendName(DefaultFloatBackend())));
  std::string hybrids;
  for (HybridBackend backend : BuiltHybridBackends()) {
    hybrids += (hybrids.empty() ? "" : "|") + std::string(HybridBackendName(backend));
  }
  command.add_option("--hybrid_backend", flags.hybrid_backend,
                     fmt::format("Kernels of the hybrid (dynamic-range int8) ops: {} (default: the float backend's: "
                                 "onednn -> onednn, xnnpack -> qgemm)",
                                 hybrids));
  command.add_option("--isa", flags.isa,
                     fmt::format("Cap the instruction set to emulate an older CPU: {} (default: ${}, else the "
                                 "best this CPU has)",
                                 levels, kIsaEnvironmentVariable));
}

}  // namespace qb::tools
