// The model metadata TensorFlow Lite's converter writes, as far as quantization concerns it:
//   CONVERSION_METADATA — a ConversionMetadata flatbuffer (tensorflow/compiler/mlir/lite/schema/
//     conversion_metadata.fbs) whose options list the optimization modes applied (PTQ_DYNAMIC_RANGE = 1002);
//   min_runtime_version — the oldest TensorFlow Lite runtime that has every op version of the model, as a
//     NUL-padded string ("2.4.0").
// Read and written with the FlatBuffers table API (no generated code): the tables are small and their
// field ids are fixed by the schema.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace qb {

inline constexpr char kConversionMetadataName[] = "CONVERSION_METADATA";
inline constexpr char kMinRuntimeVersionName[] = "min_runtime_version";
inline constexpr int32_t kPtqDynamicRange = 1002;  // ModelOptimizationMode.PTQ_DYNAMIC_RANGE

struct ConversionMetadata {
  struct Environment {
    std::optional<std::string> tensorflow_version;
    uint32_t api_version = 0;
    int32_t model_type = 0;
    uint64_t model_hash = 0;
  };
  std::optional<Environment> environment;
  std::vector<int32_t> optimization_modes;
  bool allow_custom_ops = false, enable_select_tf_ops = false, force_select_tf_ops = false;
  std::vector<std::vector<uint32_t>> sparsity_block_sizes;
};

// Parses a CONVERSION_METADATA buffer (verified first).
Result<ConversionMetadata> ParseConversionMetadata(std::span<const uint8_t> bytes);
std::vector<uint8_t> SerializeConversionMetadata(const ConversionMetadata& metadata);

// The metadata entry named `name`, or nullptr.
const Metadata* FindMetadata(const Graph& graph, const std::string& name);

// The minimum runtime version TensorFlow Lite's table (tools/versioning/runtime_version.cc) gives a hybrid
// op at `version`: CONV_2D 2/5/6, DEPTHWISE_CONV_2D 4/6, FULLY_CONNECTED 3/5/6/9/12. Empty when unknown.
std::string HybridOpMinRuntimeVersion(OpType type, int version);
// True when version string a ("2.3.0") is older than b.
bool RuntimeVersionLess(const std::string& a, const std::string& b);

}  // namespace qb
