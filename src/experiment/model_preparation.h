// Gets one model ready for the experiment: generates <Model>.tflite when it is missing (src/models, the
// .tflite writer), quantizes it into <Model>_quant.tflite when that is missing (src/quant), records which
// kernels run each variant, and measures the fidelity of the quantized model against the float one.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/status.h"
#include "experiment/experiment_spec.h"
#include "quant/fidelity.h"

namespace qb::experiment {

struct PreparedModel {
  std::string name;
  std::string float_path, quant_path;
  uint64_t float_bytes = 0, quant_bytes = 0;
  // The kernels each variant ran, as its benchmarks reported them ("75 reference" or "53 onednn
  // brgconv:avx512_core, 22 reference"); filled in after the trials.
  std::string float_kernels, quant_kernels;
  std::optional<FidelityReport> fidelity;    // unset when spec.fidelity_samples is 0
  const std::string& PathOf(Variant v) const { return v == Variant::kFloat ? float_path : quant_path; }
};

using LogLine = std::function<void(const std::string&)>;

Result<PreparedModel> PrepareModel(const ExperimentSpec& spec, const std::string& name, const LogLine& log);

}  // namespace qb::experiment
