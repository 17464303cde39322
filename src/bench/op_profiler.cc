#include "bench/op_profiler.h"

#include <string>
#include <utility>

#include "graph/op_type.h"

namespace qb::bench {

std::string NodeName(const std::vector<std::string>& output_names, size_t index) {
  std::string name = "[";
  for (size_t i = 0; i < output_names.size(); ++i) {
    if (i > 0) name += ", ";
    name += output_names[i];
  }
  return name + "]:" + std::to_string(index);
}

OpProfiler::OpProfiler(std::vector<OpTiming> ops) { profile_.ops = std::move(ops); }

std::vector<OpTiming> OpProfiler::DescribeOps(const Interpreter& interpreter) {
  const Graph& graph = interpreter.graph();
  std::vector<OpTiming> ops(interpreter.num_ops());
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op& op = interpreter.op(i);
    std::vector<std::string> outputs;
    for (int32_t t : op.outputs) {
      outputs.push_back(t >= 0 && static_cast<size_t>(t) < graph.tensors.size()
                            ? graph.tensors[static_cast<size_t>(t)].name
                            : std::string("Unknown"));
    }
    ops[i].index = i;
    ops[i].type = std::string(OpTypeName(op.type));
    ops[i].name = NodeName(outputs, i);
    ops[i].implementation = interpreter.op_implementation(i);
  }
  return ops;
}

void OpProfiler::OnOpEnd(size_t op_index, int64_t start_us, int64_t end_us) {
  if (!recording_ || op_index >= profile_.ops.size()) return;
  profile_.ops[op_index].time_us.Add(end_us - start_us);
  run_total_us_ += end_us - start_us;
}

void OpProfiler::OnSingleRunStart(RunType type) {
  recording_ = type == RunType::kRegular;
  run_total_us_ = 0;
}

void OpProfiler::OnSingleRunEnd(RunType type, int64_t duration_us) {
  if (recording_) profile_.run_total_us.Add(run_total_us_);
  recording_ = false;
}

}  // namespace qb::bench
