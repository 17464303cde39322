// Graph: quantbench's in-memory model — tensors, operators and constant buffers of one subgraph,
// plus the model-level fields (description, metadata, signatures) a .tflite file carries.
//
// The .tflite reader builds it, the quantizer rewrites it, the writer serialises it and the runtime
// executes it. Constant data is held by ConstBuffer: for a file read from disk it points into the
// memory-mapped file, so weights are never copied.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/const_buffer.h"
#include "core/dtype.h"
#include "core/shape.h"
#include "core/status.h"
#include "graph/op_options.h"
#include "graph/op_type.h"

namespace qb {

// Affine quantization: real = scale * (q - zero_point), per tensor (one scale) or per channel along
// quantized_dimension.
struct Quantization {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  std::vector<float> min, max;
  int32_t quantized_dimension = 0;

  bool empty() const { return scale.empty() && zero_point.empty() && min.empty() && max.empty(); }
  bool per_channel() const { return scale.size() > 1; }
  bool operator==(const Quantization&) const = default;
};

struct Tensor {
  std::string name;
  DType type = DType::kFloat32;
  Shape shape;
  std::vector<int32_t> shape_signature;  // as in the file; -1 marks a dynamic dimension
  uint32_t buffer = 0;                   // index into Graph::buffers; 0 = no data (activation)
  Quantization quantization;
  bool has_quantization = false;  // the file had a QuantizationParameters table
  bool is_variable = false;
  bool has_rank = false;
};

struct Op {
  OpType type = OpType::kAdd;
  int32_t version = 1;
  std::vector<int32_t> inputs;  // -1 marks an omitted optional input
  std::vector<int32_t> outputs;
  std::vector<int32_t> intermediates;
  OpOptions options;
};

struct Metadata {
  std::string name;
  uint32_t buffer = 0;
};

struct TensorMapEntry {
  std::string name;
  uint32_t tensor_index = 0;
};

struct SignatureDef {
  std::vector<TensorMapEntry> inputs, outputs;
  std::string key;
  uint32_t subgraph_index = 0;
};

struct Graph {
  std::vector<Tensor> tensors;
  std::vector<Op> ops;  // in execution order
  std::vector<int32_t> inputs, outputs;
  std::string subgraph_name;

  std::vector<ConstBuffer> buffers;  // buffers[0] is the empty sentinel
  uint32_t schema_version = 3;
  std::string description;
  std::vector<Metadata> metadata;
  std::vector<int32_t> metadata_buffer;
  std::vector<SignatureDef> signatures;

  bool IsConstant(int32_t tensor_index) const;
  const ConstBuffer& TensorData(int32_t tensor_index) const;
  template <typename T>
  std::span<const T> ConstantAs(int32_t tensor_index) const {
    const ConstBuffer& b = TensorData(tensor_index);
    return {reinterpret_cast<const T*>(b.data()), b.size() / sizeof(T)};
  }
  // Appends a buffer and returns its index.
  uint32_t AddBuffer(ConstBuffer buffer);
};

// Checks the graph's internal consistency: every index in range, every constant buffer exactly as large
// as its tensor's shape and type say, quantization parameters consistent with the shape, every op
// type and version supported, activations produced before they are used. The message names the
// tensor or op at fault.
Status ValidateGraph(const Graph& graph);

}  // namespace qb
