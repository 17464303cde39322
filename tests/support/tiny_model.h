// Builds tiny .tflite flatbuffers by hand with the generated schema API, including malformed ones the
// writer would refuse to produce (bad indices, unsupported ops and versions, wrong buffer sizes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qb::testing {

// One op reading tensor `input_index` (+ an optional constant) and writing tensor 1.
struct TinyModelSpec {
  int32_t builtin_code = 19;  // RELU
  int32_t version = 1;
  int32_t input_index = 0;
  int32_t output_index = 1;
  bool with_constant = false;      // adds tensor 2: a FLOAT32 constant [4] in buffer 1
  uint32_t constant_buffer = 1;    // buffer index tensor 2 points to
  size_t constant_bytes = 16;      // bytes stored in buffer 1
  uint32_t opcode_index = 0;
  uint32_t schema_version = 3;
  int32_t subgraphs = 1;
};

std::vector<uint8_t> BuildTinyModel(const TinyModelSpec& spec);

}  // namespace qb::testing
