#include "output_agreement.h"

#include <algorithm>
#include <cmath>

#include "runtime/interpreter.h"
#include "runtime/seeded_inputs.h"

namespace qb::testing {

Agreement Compare(const std::vector<float>& ours, const std::vector<float>& reference) {
  Agreement a;
  double dot = 0, n1 = 0, n2 = 0;
  auto [lo, hi] = std::minmax_element(reference.begin(), reference.end());
  a.range = static_cast<double>(*hi) - static_cast<double>(*lo);
  for (size_t i = 0; i < ours.size(); ++i) {
    a.max_abs_error = std::max(a.max_abs_error, std::abs(static_cast<double>(ours[i]) - reference[i]));
    dot += static_cast<double>(ours[i]) * reference[i];
    n1 += static_cast<double>(ours[i]) * ours[i];
    n2 += static_cast<double>(reference[i]) * reference[i];
  }
  a.cosine = (n1 == 0 && n2 == 0) ? 1.0 : dot / std::sqrt(n1 * n2);
  a.argmax_ours = static_cast<size_t>(std::max_element(ours.begin(), ours.end()) - ours.begin());
  a.argmax_reference =
      static_cast<size_t>(std::max_element(reference.begin(), reference.end()) - reference.begin());
  return a;
}

namespace {

// The default kernels, except where the default hybrid path quantizes inputs to 7 bits (oneDNN on a CPU
// without AVX-512 VNNI, README "Below VNNI"): these runs check TensorFlow Lite's 8-bit semantics, so there
// the hybrid ops run on the exact 8-bit reference. The 7-bit path is checked against its own oracle in the
// kernel tests.
InterpreterOptions EightBitHybridOptions() {
  InterpreterOptions options;
  if (options.kernels.HybridInputsAreSevenBit()) options.kernels.hybrid_backend = HybridBackend::kReference;
  return options;
}

}  // namespace

Result<std::vector<float>> RunSeeded(std::shared_ptr<const Graph> graph, std::vector<float>* input0) {
  QB_ASSIGN_OR_RETURN(auto interpreter, Interpreter::Create(std::move(graph), EightBitHybridOptions()));
  auto inputs = SeededModelInputs(*interpreter);
  if (input0) *input0 = inputs.at(0);
  QB_RETURN_IF_ERROR(SetInputs(*interpreter, inputs));
  interpreter->Invoke();
  return interpreter->OutputAsFloats(0);
}

}  // namespace qb::testing
