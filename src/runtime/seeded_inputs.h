// Fills every input of a model from one seeded generator stream, input after input in order — the
// convention of the fixtures' golden outputs (../shared/fixtures/README.md). Values are real numbers;
// integer inputs are quantized on the way in by Interpreter::SetInputFromFloats.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "runtime/interpreter.h"

namespace qb {

std::vector<std::vector<float>> SeededModelInputs(const Interpreter& interpreter, uint32_t seed = 1,
                                                  double lo = -1.0, double hi = 1.0);
Status SetInputs(Interpreter& interpreter, const std::vector<std::vector<float>>& inputs);

}  // namespace qb
