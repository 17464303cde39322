#include "dequantized_weights.h"

#include <cstring>

namespace qb::testing {

std::shared_ptr<const Graph> WithDequantizedWeights(const Graph& graph) {
  auto out = std::make_shared<Graph>(graph);
  for (const Op& op : out->ops) {
    if (op.type != OpType::kConv2D && op.type != OpType::kDepthwiseConv2D && op.type != OpType::kFullyConnected) continue;
    if (op.inputs.size() < 2 || op.inputs[1] < 0 || !out->IsConstant(op.inputs[1])) continue;
    Tensor& t = out->tensors[static_cast<size_t>(op.inputs[1])];
    if (t.type != DType::kInt8 || t.quantization.scale.empty()) continue;
    auto q = graph.ConstantAs<int8_t>(op.inputs[1]);
    const Quantization& quant = t.quantization;
    int64_t inner = 1;
    for (size_t d = static_cast<size_t>(quant.quantized_dimension) + 1; d < t.shape.size(); ++d) inner *= t.shape[d];
    const int64_t channels = quant.per_channel() ? t.shape[static_cast<size_t>(quant.quantized_dimension)] : 1;
    std::vector<uint8_t> bytes(q.size() * sizeof(float));
    for (size_t i = 0; i < q.size(); ++i) {
      size_t c = static_cast<size_t>((static_cast<int64_t>(i) / inner) % channels);
      float zero_point = quant.zero_point.empty() ? 0.0f : static_cast<float>(quant.zero_point[quant.per_channel() ? c : 0]);
      float w = (static_cast<float>(q[i]) - zero_point) * quant.scale[quant.per_channel() ? c : 0];
      std::memcpy(bytes.data() + i * sizeof(float), &w, sizeof(float));
    }
    t.buffer = out->AddBuffer(ConstBuffer::Owned(std::move(bytes)));
    t.type = DType::kFloat32;
    t.quantization = {};
    t.has_quantization = false;
  }
  return out;
}

}  // namespace qb::testing
