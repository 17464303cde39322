// The one dispatch point from an op to the kernel that runs it. CreateKernel asks the backends the
// configuration selects, in order, for a kernel; a backend returns nullptr for an op or form (e.g. a
// hybrid int8 filter) it does not handle, and the reference kernel is used when none does.
//   float ops (float32 activations and weights): the selected float backend (onednn, xnnpack)
//   hybrid ops (float32 activations x int8 weights): the hybrid backend (KernelConfig::ResolvedHybridBackend)
//     — oneDNN int8 or quantbench's own int8 kernels (kernels/qgemm) — else the reference
//   everything else: reference
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "kernels/float_backend.h"
#include "kernels/hybrid_backend.h"
#include "kernels/isa.h"
#include "kernels/kernel.h"

namespace qb {

struct KernelConfig {
  FloatBackend float_backend = DefaultFloatBackend();
  HybridBackend hybrid_backend = HybridBackend::kSameAsFloat;  // who runs the hybrid ops (hybrid_backend.h)
  IsaLevel isa = DefaultIsa();  // the cap (isa.h); by default the best level the CPU has
  int num_threads = 1;

  // The best ISA level of this CPU (the first one of the build's architecture when it has none).
  static IsaLevel DefaultIsa();
  // hybrid_backend with kSameAsFloat resolved (hybrid_backend.h; kOneDnn only where oneDNN is built, else
  // kReference).
  HybridBackend ResolvedHybridBackend() const;
  // Whether the hybrid ops run on oneDNN.
  bool OneDnnHybrid() const { return ResolvedHybridBackend() == HybridBackend::kOneDnn; }
  // Whether the hybrid convolutions add a fused residual ADD in their own output pass (oneDNN's and
  // quantbench's own; reference/residual_add.h): where the runtime fuses residual ADDs.
  bool HybridAddsResiduals() const {
    const HybridBackend hybrid = ResolvedHybridBackend();
    return hybrid == HybridBackend::kOneDnn || hybrid == HybridBackend::kQGemm;
  }
  // Whether the hybrid ops quantize their inputs to 7 bits instead of 8: the kReference7Bit oracle, or
  // oneDNN under a cap below avx512_core_vnni (onednn_backend.h).
  bool HybridInputsAreSevenBit() const;
};

// The kernel flags of the commands that run models; empty strings select the defaults.
struct KernelFlags {
  std::string float_backend;   // --float_backend
  std::string hybrid_backend;  // --hybrid_backend
  std::string isa;             // --isa (else $QB_ISA)
};
// A configuration from the command line (and --num_threads). Errors are one line naming the bad flag.
Result<KernelConfig> ResolveKernelConfig(const KernelFlags& flags, int num_threads);

// Sets up the backends `config` selects for this process, before any of their kernels is created:
// oneDNN's max ISA (settable once per process: a different cap later is an error) and its OpenMP
// thread count. Interpreter::Create calls it.
Status ConfigureBackends(const KernelConfig& config);

// Whether the kernel for the CONV_2D `convolution` (its `input` and `filter` tensors) adds a fused residual
// ADD in its own output pass (reference/residual_add.h): the hybrid convolutions of oneDNN and of
// quantbench's own kernels, and oneDNN's float convolution where it writes nhwc in place. The runtime
// fuses residual ADDs only into those (runtime/residual_fusion.h).
bool KernelAddsResidual(const Tensor& input, const Tensor& filter, const KernelConfig& config);

// The kernel for `op` under `config` (not yet prepared).
Result<std::unique_ptr<OpKernel>> CreateKernel(const Op& op, const KernelIo& io, const KernelConfig& config);

// One line for logs and results: "onednn (isa avx2 — emulation: capped below this CPU's avx512_core_vnni)".
std::string DescribeKernelConfig(const KernelConfig& config);

}  // namespace qb
