#include "runtime/seeded_inputs.h"

#include "core/seeded_input.h"

namespace qb {

std::vector<std::vector<float>> SeededModelInputs(const Interpreter& interpreter, uint32_t seed, double lo,
                                                  double hi) {
  SeededInput generator(seed);
  std::vector<std::vector<float>> inputs;
  const Graph& g = interpreter.graph();
  for (int32_t index : g.inputs) {
    inputs.push_back(generator.Fill(static_cast<size_t>(ElementCount(g.tensors[static_cast<size_t>(index)].shape)), lo, hi));
  }
  return inputs;
}

Status SetInputs(Interpreter& interpreter, const std::vector<std::vector<float>>& inputs) {
  if (inputs.size() != interpreter.num_inputs()) {
    return Errorf("the model has {} inputs, got {}", interpreter.num_inputs(), inputs.size());
  }
  for (size_t i = 0; i < inputs.size(); ++i) QB_RETURN_IF_ERROR(interpreter.SetInputFromFloats(i, inputs[i]));
  return OkStatus();
}

}  // namespace qb
