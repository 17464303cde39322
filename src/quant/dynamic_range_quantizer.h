// Post-training dynamic-range quantization, as TensorFlow Lite's converter does it with Optimize.DEFAULT and
// no representative dataset: Graph in, Graph out.
//
// Every constant FLOAT32 weight (input 1) of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with at least
// 1024 elements becomes INT8, symmetric (zero point 0), one scale per output channel — quantized_dimension 0
// for CONV_2D and FULLY_CONNECTED, 3 for DEPTHWISE_CONV_2D — with scale = max|w| / 127 and
// q = round(w / scale) (ties away from zero) in the narrow range [-127, 127]. A channel of zeros gets
// scale 0 and q = 0, as TensorFlow Lite writes it. Biases and every other tensor stay FLOAT32; the ops stay
// the same ops, now hybrid (float input and output, INT8 filter), with the version TensorFlow Lite's
// versioning rules give a hybrid per-channel op (CONV_2D 5, DEPTHWISE_CONV_2D 6, FULLY_CONNECTED 12) and,
// for FULLY_CONNECTED, asymmetric_quantize_inputs = true. Float weight buffers no longer used are dropped.
// The model's metadata records the quantization: CONVERSION_METADATA gains the PTQ_DYNAMIC_RANGE mode and
// an existing min_runtime_version is raised to what the hybrid op versions need.
//
// A model with nothing left to quantize fails with a Status that says why: "already quantized: ..." (INT8
// weights, integer tensors or float16 weights) or "nothing to quantize: ...".
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace qb {

// TensorFlow Lite's kWeightsMinNumElementsDefault: smaller weights stay float.
inline constexpr int64_t kDynamicRangeMinElements = 1024;

struct DynamicRangeOptions {
  int64_t min_elements = kDynamicRangeMinElements;
};

// One weight tensor the quantizer turned into INT8.
struct QuantizedWeight {
  int32_t tensor = 0;  // index in the output graph
  std::string name;
  OpType op = OpType::kConv2D;  // its (first) consumer
  int32_t quantized_dimension = 0;
  int64_t elements = 0;
  int32_t channels = 0;
  int32_t zero_channels = 0;  // channels of zeros (scale 0)
};

struct DynamicRangeSummary {
  std::vector<QuantizedWeight> weights;
  int64_t kept_float_weights = 0;  // float weights of these ops left float (fewer than min_elements)
  uint64_t float_bytes_dropped = 0;
  uint64_t int8_bytes_added = 0;
  size_t buffers_dropped = 0;
  size_t ops_made_hybrid = 0;
};

struct DynamicRangeResult {
  std::shared_ptr<Graph> graph;
  DynamicRangeSummary summary;
};

Result<DynamicRangeResult> QuantizeDynamicRange(const Graph& graph, const DynamicRangeOptions& options = {});

// Symmetric per-channel INT8 quantization of a float tensor along `dimension`, the scheme above.
struct PerChannelInt8 {
  std::vector<int8_t> values;
  std::vector<float> scales;
};
PerChannelInt8 QuantizeSymmetricPerChannel(std::span<const float> weights, const Shape& shape, int32_t dimension);

// The version TensorFlow Lite's versioning rules (tools/versioning/op_version.cc) give a CONV_2D,
// DEPTHWISE_CONV_2D or FULLY_CONNECTED op of `graph` whose filter is INT8 and whose input and output are
// FLOAT32: CONV_2D 5 per channel (2 per tensor, 6 grouped), DEPTHWISE_CONV_2D 6 per channel (4 per tensor),
// FULLY_CONNECTED 12 per channel, else 6 without bias, 5 with keep_num_dims, 9 with asymmetric inputs, 3.
int HybridOpVersion(const Graph& graph, const Op& op);

}  // namespace qb
