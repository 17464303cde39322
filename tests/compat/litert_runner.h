// Running .tflite files in TensorFlow Lite's own runtime from tests: LiteRT.js (@litertjs/core, LiteRT
// compiled to WebAssembly with XNNPACK) through tests/compat/litert/run_tflite.mjs under Node, and the
// compatibility tests' shared steps (output_agreement.h compares the outputs).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace qb::testing {

// Why LiteRT.js cannot run here, or "" when it can.
std::string LiteRtUnavailable();

// One model run: every input as raw float32 back to back in `input`, output 0 written to `output`.
struct LiteRtJob {
  std::string model, input, output;
};

// Runs every job in one LiteRT.js process (its start-up is most of the cost); returns each failed model's
// error line by model path. A failure of the process itself goes to *process_error.
std::map<std::string, std::string> RunInLiteRt(const std::vector<LiteRtJob>& jobs, const std::string& dir,
                                               std::string* process_error);

}  // namespace qb::testing
