// Reads a .tflite file into a Graph: the file is memory-mapped (weights are used in place, never
// copied), checked with the FlatBuffers Verifier, and every index, shape and buffer size validated.
// Failures name the file and the problem.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "core/status.h"
#include "graph/graph.h"

namespace qb {

Result<std::shared_ptr<const Graph>> ReadTfliteFile(const std::string& path);
// Reads from bytes in memory; `owner` keeps them alive (the Graph's buffers view into them).
// `source` names the data in error messages.
Result<std::shared_ptr<const Graph>> ReadTfliteBuffer(std::span<const uint8_t> bytes, std::shared_ptr<const void> owner,
                                                      const std::string& source);

}  // namespace qb
