// Writes a Graph as a .tflite file TensorFlow Lite's runtime loads: same schema (field ids, enum and
// union values), operator codes deduplicated by (op, version), every buffer 16-byte aligned.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace qb {

struct TfliteWriteOptions {
  // Store constant buffers after the flatbuffer (Buffer.offset/size), the layout TensorFlow Lite uses for
  // models over 2 GB. Chosen automatically when the buffers do not fit in a flatbuffer.
  bool external_buffers = false;
};

Result<std::vector<uint8_t>> SerializeTflite(const Graph& graph, const TfliteWriteOptions& options = {});
// Writes through a temporary file and a rename: an interrupted write leaves nothing behind.
Status WriteTfliteFile(const Graph& graph, const std::string& path, const TfliteWriteOptions& options = {});

}  // namespace qb
