// Parameter, MAC and op counts of a Graph.
#include "models/model_summary.h"

#include <algorithm>

namespace qb::models {

int ModelSummary::count(const std::string& op_name) const {
  for (const auto& [name, n] : op_histogram) {
    if (name == op_name) return n;
  }
  return 0;
}

ModelSummary Summarize(const Graph& graph) {
  ModelSummary s;
  for (size_t i = 0; i < graph.tensors.size(); ++i) {
    const Tensor& t = graph.tensors[i];
    if (t.type == DType::kFloat32 && graph.IsConstant(static_cast<int32_t>(i))) s.parameters += ElementCount(t.shape);
  }
  for (const Op& op : graph.ops) {
    const std::string name(OpTypeName(op.type));
    auto it = std::find_if(s.op_histogram.begin(), s.op_histogram.end(), [&](const auto& e) { return e.first == name; });
    if (it == s.op_histogram.end()) {
      s.op_histogram.emplace_back(name, 1);
    } else {
      ++it->second;
    }
    if (op.outputs.empty() || op.inputs.size() < 2) continue;
    const Shape& out = graph.tensors[static_cast<size_t>(op.outputs[0])].shape;
    const Shape& filter = graph.tensors[static_cast<size_t>(op.inputs[1])].shape;
    const int64_t out_elements = ElementCount(out);
    switch (op.type) {
      case OpType::kConv2D:  // filter [out, kh, kw, in]
        s.macs += out_elements * filter[1] * filter[2] * filter[3];
        break;
      case OpType::kDepthwiseConv2D:  // filter [1, kh, kw, out]
        s.macs += out_elements * filter[1] * filter[2];
        break;
      case OpType::kFullyConnected:  // weights [out, in]
        s.macs += out_elements * filter[1];
        break;
      default:
        break;
    }
  }
  auto info = [&](int32_t index) {
    const Tensor& t = graph.tensors[static_cast<size_t>(index)];
    return TensorInfo{t.name, t.shape, t.type};
  };
  for (int32_t i : graph.inputs) s.inputs.push_back(info(i));
  for (int32_t o : graph.outputs) s.outputs.push_back(info(o));
  return s;
}

std::string WithThousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

}  // namespace qb::models
