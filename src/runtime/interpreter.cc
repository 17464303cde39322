#include "runtime/interpreter.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/clock.h"
#include "runtime/memory_planner.h"
#include "runtime/non_negative_tensors.h"
#include "runtime/pad_folding.h"
#include "runtime/residual_fusion.h"
#include "runtime/shared_quantized_inputs.h"

namespace qb {
namespace {

// A model whose declared shapes ask for more memory than the machine has is refused up front.
Status CheckMemoryAvailable(size_t bytes, const char* what) {
  uint64_t physical = static_cast<uint64_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<uint64_t>(sysconf(_SC_PAGE_SIZE));
  if (bytes > physical) {
    return Errorf("the model needs {} MB of {}, more than this machine's {} MB of memory; check its tensor shapes",
                  bytes >> 20, what, physical >> 20);
  }
  return OkStatus();
}

}  // namespace

Result<std::unique_ptr<Interpreter>> Interpreter::Create(std::shared_ptr<const Graph> graph,
                                                         const InterpreterOptions& options) {
  std::unique_ptr<Interpreter> interpreter(new Interpreter());
  interpreter->graph_ = std::move(graph);
  QB_RETURN_IF_ERROR(interpreter->Plan(options));
  return interpreter;
}

Status Interpreter::Plan(const InterpreterOptions& options) {
  const Graph& g = *graph_;
  ops_ = g.ops;
  if (options.fuse_ops) {
    // Residual ADDs only into the convolutions whose kernel adds them in its own pass (residual_fusion.h).
    auto adds_residual_itself = [&](const Op& conv) {
      return conv.inputs[0] >= 0 && conv.inputs[1] >= 0 &&
             KernelAddsResidual(g.tensors[static_cast<size_t>(conv.inputs[0])],
                                g.tensors[static_cast<size_t>(conv.inputs[1])], options.kernels);
    };
    ops_ = FuseResidualAdds(g, FoldPadsIntoConvolutions(g, std::move(ops_)), adds_residual_itself);
  }
  kernel_config_ = options.kernels;
  QB_RETURN_IF_ERROR(ConfigureBackends(options.kernels));
  tensors_.resize(g.tensors.size());
  const std::vector<bool> non_negative = NonNegativeTensors(g, ops_);
  for (size_t i = 0; i < g.tensors.size(); ++i) {
    RuntimeTensor& t = tensors_[i];
    t.desc = &g.tensors[i];
    t.type = g.tensors[i].type;
    t.shape = g.tensors[i].shape;
    t.bytes = static_cast<size_t>(ElementCount(t.shape)) * DTypeSize(t.type);
    t.constant = g.IsConstant(static_cast<int32_t>(i));
    t.non_negative = non_negative[i] && !t.constant;
    if (t.constant) t.data = const_cast<uint8_t*>(g.TensorData(static_cast<int32_t>(i)).data());
  }

  // Lifetimes of activations: from the op writing them to the last op reading them.
  constexpr int32_t kUnused = -2;
  const auto num_ops = static_cast<int32_t>(ops_.size());
  std::vector<int32_t> first(g.tensors.size(), kUnused), last(g.tensors.size(), kUnused);
  auto touch = [&](int32_t index, int32_t op) {
    if (index < 0 || tensors_[static_cast<size_t>(index)].constant) return;
    auto i = static_cast<size_t>(index);
    if (first[i] == kUnused) first[i] = op;
    last[i] = std::max(last[i], op);
  };
  for (int32_t index : g.inputs) touch(index, -1);
  for (int32_t op = 0; op < num_ops; ++op) {
    for (int32_t index : ops_[static_cast<size_t>(op)].outputs) touch(index, op);
    for (int32_t index : ops_[static_cast<size_t>(op)].inputs) touch(index, op);
    for (int32_t index : ops_[static_cast<size_t>(op)].intermediates) touch(index, op);
  }
  for (int32_t index : g.outputs) touch(index, num_ops);
  for (size_t i = 0; i < g.tensors.size(); ++i) {
    if (g.tensors[i].is_variable && first[i] != kUnused) first[i] = -1, last[i] = num_ops;
  }

  // A fused residual convolution's output in its residual's memory where that dies there (residual_fusion.h):
  // one lifetime for both.
  std::vector<int32_t> memory_of(g.tensors.size(), -1);  // the tensor whose memory this one uses
  for (const auto& [out, residual] : ResidualsToShare(g, ops_, last)) {
    const int32_t owner = memory_of[static_cast<size_t>(residual)] >= 0 ? memory_of[static_cast<size_t>(residual)]
                                                                        : residual;
    memory_of[static_cast<size_t>(out)] = owner;
    last[static_cast<size_t>(owner)] = std::max(last[static_cast<size_t>(owner)], last[static_cast<size_t>(out)]);
  }

  std::vector<TensorLifetime> lifetimes;
  std::vector<size_t> planned;
  for (size_t i = 0; i < g.tensors.size(); ++i) {
    if (first[i] == kUnused || memory_of[i] >= 0) continue;
    if (DTypeSize(tensors_[i].type) == 0) {
      return Errorf("tensor {} '{}': {} activations are not supported", i, g.tensors[i].name,
                    DTypeName(tensors_[i].type));
    }
    lifetimes.push_back({tensors_[i].bytes, first[i], last[i]});
    planned.push_back(i);
  }
  MemoryPlan plan = PlanArena(lifetimes);
  QB_RETURN_IF_ERROR(CheckMemoryAvailable(plan.arena_bytes, "activations"));
  if (!arena_.Resize(plan.arena_bytes)) return Errorf("cannot allocate {} MB for activations", plan.arena_bytes >> 20);
  for (size_t k = 0; k < planned.size(); ++k) tensors_[planned[k]].data = arena_.data() + plan.offsets[k];
  for (size_t i = 0; i < g.tensors.size(); ++i) {
    if (memory_of[i] >= 0) tensors_[i].data = tensors_[static_cast<size_t>(memory_of[i])].data;
  }

  // Kernels: created and prepared once, in execution order.
  size_t scratch = 0;
  io_.resize(ops_.size());
  kernels_.reserve(ops_.size());
  for (size_t op_index = 0; op_index < ops_.size(); ++op_index) {
    const Op& op = ops_[op_index];
    KernelIo& io = io_[op_index];
    for (int32_t index : op.inputs) io.inputs.push_back(index < 0 ? nullptr : &tensors_[static_cast<size_t>(index)]);
    for (int32_t index : op.outputs) io.outputs.push_back(&tensors_[static_cast<size_t>(index)]);
    std::string where = fmt::format("op {} ({} v{})", op_index, OpTypeName(op.type), op.version);
    auto kernel = CreateKernel(op, io, options.kernels);
    if (!kernel.ok()) return kernel.status().WithContext(where);
    QB_RETURN_IF_ERROR((*kernel)->Prepare(op, io).WithContext(where));
    scratch = std::max(scratch, (*kernel)->ScratchBytes());
    kernels_.push_back(std::move(kernel).value());
  }
  QB_RETURN_IF_ERROR(CheckMemoryAvailable(scratch, "scratch memory"));
  if (!scratch_.Resize(scratch)) return Errorf("cannot allocate {} MB of scratch memory", scratch >> 20);
  return options.fuse_ops ? ShareQuantizedInputs() : OkStatus();
}

Status Interpreter::ShareQuantizedInputs() {
  shared_inputs_ = FindSharedQuantizedInputs(*graph_, ops_, kernels_);
  std::vector<TensorLifetime> lifetimes;
  for (const SharedQuantizedInput& group : shared_inputs_) {
    lifetimes.push_back({group.bytes, static_cast<int32_t>(group.ops.front()), static_cast<int32_t>(group.ops.back())});
  }
  const MemoryPlan plan = PlanArena(lifetimes);
  QB_RETURN_IF_ERROR(CheckMemoryAvailable(plan.arena_bytes, "shared quantized inputs"));
  if (!shared_inputs_arena_.Resize(plan.arena_bytes)) {
    return Errorf("cannot allocate {} MB for shared quantized inputs", plan.arena_bytes >> 20);
  }
  for (size_t k = 0; k < shared_inputs_.size(); ++k) {
    uint8_t* memory = shared_inputs_arena_.data() + plan.offsets[k];
    const std::vector<size_t>& ops = shared_inputs_[k].ops;
    for (size_t op : ops) kernels_[op]->UseSharedQuantizedInput(memory, op == ops.front());
  }
  return OkStatus();
}

Status Interpreter::SetInputFromFloats(size_t i, std::span<const float> values) {
  RuntimeTensor& t = input(i);
  if (static_cast<int64_t>(values.size()) != t.num_elements()) {
    return Errorf("input {} '{}' has {} elements ({}), got {} values", i, t.name(), t.num_elements(),
                  ShapeToString(t.shape), values.size());
  }
  const Quantization& q = t.quant();
  float scale = q.scale.empty() ? 1.0f : q.scale[0];
  int64_t zero_point = q.zero_point.empty() ? 0 : q.zero_point[0];
  auto quantize = [&](auto* out, int64_t lo, int64_t hi) {
    for (size_t k = 0; k < values.size(); ++k) {
      int64_t v = static_cast<int64_t>(std::round(values[k] / scale)) + zero_point;
      out[k] = static_cast<std::remove_pointer_t<decltype(out)>>(std::clamp(v, lo, hi));
    }
  };
  switch (t.type) {
    case DType::kFloat32:
      std::memcpy(t.data, values.data(), values.size_bytes());
      return OkStatus();
    case DType::kInt8:
      quantize(t.data_as<int8_t>(), -128, 127);
      return OkStatus();
    case DType::kUInt8:
      quantize(t.data_as<uint8_t>(), 0, 255);
      return OkStatus();
    case DType::kInt16:
      quantize(t.data_as<int16_t>(), -32768, 32767);
      return OkStatus();
    default:
      return Errorf("input {} '{}' is {}; quantbench feeds FLOAT32, INT8, UINT8 or INT16 inputs", i, t.name(),
                    DTypeName(t.type));
  }
}

std::vector<float> Interpreter::OutputAsFloats(size_t i) const {
  const RuntimeTensor& t = output(i);
  std::vector<float> values(static_cast<size_t>(t.num_elements()));
  const Quantization& q = t.quant();
  float scale = q.scale.empty() ? 1.0f : q.scale[0];
  auto zero_point = static_cast<float>(q.zero_point.empty() ? 0 : q.zero_point[0]);
  auto dequantize = [&](const auto* in) {
    for (size_t k = 0; k < values.size(); ++k) values[k] = (static_cast<float>(in[k]) - zero_point) * scale;
  };
  switch (t.type) {
    case DType::kFloat32:
      std::memcpy(values.data(), t.data, values.size() * sizeof(float));
      break;
    case DType::kInt8: dequantize(t.data_as<int8_t>()); break;
    case DType::kUInt8: dequantize(t.data_as<uint8_t>()); break;
    case DType::kInt16: dequantize(t.data_as<int16_t>()); break;
    case DType::kInt32:
      for (size_t k = 0; k < values.size(); ++k) values[k] = static_cast<float>(t.data_as<int32_t>()[k]);
      break;
    default: break;
  }
  return values;
}

void Interpreter::Invoke() {
  for (size_t i = 0; i < kernels_.size(); ++i) {
    if (observer_) {
      int64_t start = NowMicros();
      kernels_[i]->Eval(io_[i], scratch_.data());
      observer_->OnOpEnd(i, start, NowMicros());
    } else {
      kernels_[i]->Eval(io_[i], scratch_.data());
    }
  }
}

}  // namespace qb
