#include "tflite/reader.h"

#include <cstring>

#include "core/file_io.h"
#include "tflite/schema.h"

namespace qb {
namespace {

namespace fb = ::tflite;

template <typename T, typename FbVector>
std::vector<T> ToVector(const FbVector* v) {
  std::vector<T> out;
  if (v) out.assign(v->begin(), v->end());
  return out;
}

std::string ToString(const flatbuffers::String* s) { return s ? s->str() : std::string(); }

Activation ToActivation(fb::ActivationFunctionType a) { return static_cast<Activation>(a); }
Padding ToPadding(fb::Padding p) { return static_cast<Padding>(p); }

Result<DType> ToDType(fb::TensorType type) {
  int value = static_cast<int>(type);
  if (value < 0 || value > kMaxDTypeValue) {
    return Errorf("tensor type {} ({}) is not supported", fb::EnumNameTensorType(type), value);
  }
  return static_cast<DType>(value);
}

// Reads an op's options table, or the defaults when the file has none. Fails when the file carries
// the options of another op.
Result<OpOptions> ReadOptions(OpType type, const fb::Operator& op) {
  bool none = op.builtin_options_type() == fb::BuiltinOptions::NONE;
  // No table: the defaults; another op's table: an error.
  auto fallback = [&](OpOptions defaults, std::string_view expected) -> Result<OpOptions> {
    if (none) return defaults;
    return Errorf("has {} but {} takes {}", fb::EnumNameBuiltinOptions(op.builtin_options_type()), OpTypeName(type),
                  expected);
  };
  switch (type) {
    case OpType::kConv2D: {
      const auto* o = op.builtin_options_as_Conv2DOptions();
      if (!o) return fallback(Conv2DOptions{}, "Conv2DOptions");
      QB_ASSIGN_OR_RETURN(DType bias_type, ToDType(o->quantized_bias_type()));
      return OpOptions(Conv2DOptions{ToPadding(o->padding()), o->stride_w(), o->stride_h(),
                                     ToActivation(o->fused_activation_function()), o->dilation_w_factor(),
                                     o->dilation_h_factor(), bias_type});
    }
    case OpType::kDepthwiseConv2D: {
      const auto* o = op.builtin_options_as_DepthwiseConv2DOptions();
      if (!o) return fallback(DepthwiseConv2DOptions{}, "DepthwiseConv2DOptions");
      return OpOptions(DepthwiseConv2DOptions{ToPadding(o->padding()), o->stride_w(), o->stride_h(),
                                              o->depth_multiplier(), ToActivation(o->fused_activation_function()),
                                              o->dilation_w_factor(), o->dilation_h_factor()});
    }
    case OpType::kAveragePool2D:
    case OpType::kMaxPool2D: {
      const auto* o = op.builtin_options_as_Pool2DOptions();
      if (!o) return fallback(Pool2DOptions{}, "Pool2DOptions");
      return OpOptions(Pool2DOptions{ToPadding(o->padding()), o->stride_w(), o->stride_h(), o->filter_width(),
                                     o->filter_height(), ToActivation(o->fused_activation_function())});
    }
    case OpType::kFullyConnected: {
      const auto* o = op.builtin_options_as_FullyConnectedOptions();
      if (!o) return fallback(FullyConnectedOptions{}, "FullyConnectedOptions");
      QB_ASSIGN_OR_RETURN(DType bias_type, ToDType(o->quantized_bias_type()));
      return OpOptions(FullyConnectedOptions{ToActivation(o->fused_activation_function()), o->weights_format(),
                                             o->keep_num_dims(), o->asymmetric_quantize_inputs(), bias_type});
    }
    case OpType::kSoftmax: {
      const auto* o = op.builtin_options_as_SoftmaxOptions();
      if (!o) return fallback(SoftmaxOptions{}, "SoftmaxOptions");
      return OpOptions(SoftmaxOptions{o->beta()});
    }
    case OpType::kConcatenation: {
      const auto* o = op.builtin_options_as_ConcatenationOptions();
      if (!o) return fallback(ConcatenationOptions{}, "ConcatenationOptions");
      return OpOptions(ConcatenationOptions{o->axis(), ToActivation(o->fused_activation_function())});
    }
    case OpType::kAdd: {
      const auto* o = op.builtin_options_as_AddOptions();
      if (!o) return fallback(AddOptions{}, "AddOptions");
      return OpOptions(AddOptions{ToActivation(o->fused_activation_function()), o->pot_scale_int16()});
    }
    case OpType::kMul: {
      const auto* o = op.builtin_options_as_MulOptions();
      if (!o) return fallback(MulOptions{}, "MulOptions");
      return OpOptions(MulOptions{ToActivation(o->fused_activation_function())});
    }
    case OpType::kReshape: {
      const auto* o = op.builtin_options_as_ReshapeOptions();
      if (!o) return fallback(std::monostate{}, "ReshapeOptions");
      return OpOptions(ReshapeOptions{ToVector<int32_t>(o->new_shape())});
    }
    case OpType::kMean: {
      const auto* o = op.builtin_options_as_ReducerOptions();
      if (!o) return fallback(ReducerOptions{}, "ReducerOptions");
      return OpOptions(ReducerOptions{o->keep_dims()});
    }
    case OpType::kSqueeze: {
      const auto* o = op.builtin_options_as_SqueezeOptions();
      if (!o) return fallback(SqueezeOptions{}, "SqueezeOptions");
      return OpOptions(SqueezeOptions{ToVector<int32_t>(o->squeeze_dims())});
    }
    case OpType::kStridedSlice: {
      const auto* o = op.builtin_options_as_StridedSliceOptions();
      if (!o) return fallback(StridedSliceOptions{}, "StridedSliceOptions");
      return OpOptions(StridedSliceOptions{o->begin_mask(), o->end_mask(), o->ellipsis_mask(), o->new_axis_mask(),
                                           o->shrink_axis_mask(), o->offset()});
    }
    case OpType::kPack: {
      const auto* o = op.builtin_options_as_PackOptions();
      if (!o) return fallback(PackOptions{}, "PackOptions");
      return OpOptions(PackOptions{o->values_count(), o->axis()});
    }
    case OpType::kShape: {
      const auto* o = op.builtin_options_as_ShapeOptions();
      if (!o) return fallback(ShapeOptions{}, "ShapeOptions");
      QB_ASSIGN_OR_RETURN(DType out_type, ToDType(o->out_type()));
      return OpOptions(ShapeOptions{out_type});
    }
    case OpType::kPad:
      if (op.builtin_options_as_PadOptions()) return OpOptions(PadOptions{});
      return fallback(std::monostate{}, "PadOptions");
    case OpType::kDequantize:
      if (op.builtin_options_as_DequantizeOptions()) return OpOptions(DequantizeOptions{});
      return fallback(std::monostate{}, "DequantizeOptions");
    case OpType::kQuantize:
      if (op.builtin_options_as_QuantizeOptions()) return OpOptions(QuantizeOptions{});
      return fallback(std::monostate{}, "QuantizeOptions");
    case OpType::kHardSwish:
      if (op.builtin_options_as_HardSwishOptions()) return OpOptions(HardSwishOptions{});
      return fallback(std::monostate{}, "HardSwishOptions");
    case OpType::kLogistic:
    case OpType::kRelu:
    case OpType::kRelu6:
      return fallback(std::monostate{}, "no options");
  }
  return Errorf("has no options reader");
}

Result<std::vector<ConstBuffer>> ReadBuffers(const fb::Model& model, std::span<const uint8_t> file,
                                             const std::shared_ptr<const void>& owner) {
  std::vector<ConstBuffer> buffers;
  if (!model.buffers()) return buffers;
  buffers.reserve(model.buffers()->size());
  for (flatbuffers::uoffset_t i = 0; i < model.buffers()->size(); ++i) {
    const fb::Buffer* b = model.buffers()->Get(i);
    if (b->data() && b->data()->size() > 0) {
      buffers.push_back(ConstBuffer::View(b->data()->data(), b->data()->size(), owner));
    } else if (b->offset() > 1) {
      uint64_t offset = b->offset(), size = b->size();
      if (offset > file.size() || size > file.size() - offset) {
        return Errorf("buffer {}: data at offset {} with size {} lies beyond the end of the {}-byte file "
                      "(truncated file?)",
                      i, offset, size, file.size());
      }
      buffers.push_back(ConstBuffer::View(file.data() + offset, size, owner));
    } else {
      buffers.emplace_back();
    }
  }
  return buffers;
}

Result<Tensor> ReadTensor(const fb::Tensor& t, size_t index) {
  Tensor tensor;
  tensor.name = ToString(t.name());
  auto where = [&] { return fmt::format("tensor {} '{}'", index, tensor.name); };
  auto type = ToDType(t.type());
  if (!type.ok()) return type.status().WithContext(where());
  tensor.type = *type;
  tensor.shape = ToVector<int32_t>(t.shape());
  tensor.shape_signature = ToVector<int32_t>(t.shape_signature());
  tensor.buffer = t.buffer();
  tensor.is_variable = t.is_variable();
  tensor.has_rank = t.has_rank();
  if (t.sparsity()) return Errorf("{}: sparse tensors are not supported; convert the model without sparsity", where());
  if (const auto* q = t.quantization()) {
    tensor.has_quantization = true;
    tensor.quantization.scale = ToVector<float>(q->scale());
    tensor.quantization.zero_point = ToVector<int64_t>(q->zero_point());
    tensor.quantization.min = ToVector<float>(q->min());
    tensor.quantization.max = ToVector<float>(q->max());
    tensor.quantization.quantized_dimension = q->quantized_dimension();
    if (q->details_type() != fb::QuantizationDetails::NONE) {
      return Errorf("{}: custom quantization details are not supported", where());
    }
  }
  return tensor;
}

Status ReadSubgraph(const fb::Model& model, Graph& graph) {
  const fb::SubGraph* sg = model.subgraphs()->Get(0);
  graph.subgraph_name = ToString(sg->name());
  if (sg->tensors()) {
    graph.tensors.reserve(sg->tensors()->size());
    for (flatbuffers::uoffset_t i = 0; i < sg->tensors()->size(); ++i) {
      QB_ASSIGN_OR_RETURN(Tensor tensor, ReadTensor(*sg->tensors()->Get(i), i));
      graph.tensors.push_back(std::move(tensor));
    }
  }
  graph.inputs = ToVector<int32_t>(sg->inputs());
  graph.outputs = ToVector<int32_t>(sg->outputs());
  const auto* codes = model.operator_codes();
  if (!sg->operators()) return OkStatus();
  graph.ops.reserve(sg->operators()->size());
  for (flatbuffers::uoffset_t i = 0; i < sg->operators()->size(); ++i) {
    const fb::Operator* fop = sg->operators()->Get(i);
    if (!codes || fop->opcode_index() >= codes->size()) {
      return Errorf("op {}: operator code index {} is out of range (the model has {} operator codes)", i,
                    fop->opcode_index(), codes ? codes->size() : 0);
    }
    const fb::OperatorCode* code = codes->Get(fop->opcode_index());
    // TensorFlow Lite's rule: the larger of the two code fields is the op (files before 2.4 only
    // have the byte-sized deprecated field).
    int32_t builtin = std::max<int32_t>(code->deprecated_builtin_code(), code->builtin_code());
    if (builtin == 32 /* CUSTOM */) {
      return Errorf("op {}: custom op '{}' is not supported; quantbench runs only builtin ops", i,
                    ToString(code->custom_code()));
    }
    auto type = OpTypeFromCode(builtin);
    if (!type) {
      return Errorf("op {}: {} (builtin code {}) is not supported; quantbench runs the ops listed in the README", i,
                    BuiltinCodeName(builtin), builtin);
    }
    Op op;
    op.type = *type;
    op.version = code->version();
    op.inputs = ToVector<int32_t>(fop->inputs());
    op.outputs = ToVector<int32_t>(fop->outputs());
    op.intermediates = ToVector<int32_t>(fop->intermediates());
    auto options = ReadOptions(op.type, *fop);
    if (!options.ok()) return options.status().WithContext(fmt::format("op {} ({})", i, OpTypeName(op.type)));
    op.options = std::move(options).value();
    graph.ops.push_back(std::move(op));
  }
  return OkStatus();
}

Status ReadModelFields(const fb::Model& model, Graph& graph) {
  graph.schema_version = model.version();
  graph.description = ToString(model.description());
  graph.metadata_buffer = ToVector<int32_t>(model.metadata_buffer());
  if (model.metadata()) {
    for (const auto* m : *model.metadata()) graph.metadata.push_back({ToString(m->name()), m->buffer()});
  }
  if (model.signature_defs()) {
    for (const auto* s : *model.signature_defs()) {
      SignatureDef sig;
      sig.key = ToString(s->signature_key());
      sig.subgraph_index = s->subgraph_index();
      if (s->inputs()) {
        for (const auto* e : *s->inputs()) sig.inputs.push_back({ToString(e->name()), e->tensor_index()});
      }
      if (s->outputs()) {
        for (const auto* e : *s->outputs()) sig.outputs.push_back({ToString(e->name()), e->tensor_index()});
      }
      graph.signatures.push_back(std::move(sig));
    }
  }
  return OkStatus();
}

Result<std::shared_ptr<const Graph>> ReadVerified(std::span<const uint8_t> bytes, const std::shared_ptr<const void>& owner) {
  if (bytes.empty()) return Errorf("the file is empty; expected a TensorFlow Lite model");
  if (bytes.size() < 8) return Errorf("the file is only {} bytes, too short for a TensorFlow Lite model (truncated?)", bytes.size());
  if (std::memcmp(bytes.data() + 4, fb::ModelIdentifier(), 4) != 0) {
    std::string id;
    for (int i = 4; i < 8; ++i) {
      char c = static_cast<char>(bytes[static_cast<size_t>(i)]);
      id += (c >= 32 && c < 127) ? c : '?';
    }
    return Errorf("file identifier is '{}', not 'TFL3': this is not a TensorFlow Lite model", id);
  }
  // The FlatBuffers verifier checks every offset; files over 2 GB keep their buffers after the
  // flatbuffer, so only the part it can address is verified (the buffers' ranges are checked below).
  size_t verify_size = std::min<size_t>(bytes.size(), FLATBUFFERS_MAX_BUFFER_SIZE - 1);
  flatbuffers::Verifier::Options options;
  options.max_tables = 10'000'000;
  options.max_depth = 64;
  flatbuffers::Verifier verifier(bytes.data(), verify_size, options);
  if (!fb::VerifyModelBuffer(verifier)) {
    return Errorf("the FlatBuffers verifier rejected the file: it is truncated or corrupt; re-export the model");
  }
  const fb::Model* model = fb::GetModel(bytes.data());
  if (model->version() != 3) {
    return Errorf("schema version {} is not supported (expected 3)", model->version());
  }
  if (!model->subgraphs() || model->subgraphs()->size() == 0) return Errorf("the model has no subgraph");
  if (model->subgraphs()->size() > 1) {
    return Errorf("the model has {} subgraphs (control flow); quantbench runs single-subgraph models",
                  model->subgraphs()->size());
  }
  auto graph = std::make_shared<Graph>();
  QB_ASSIGN_OR_RETURN(graph->buffers, ReadBuffers(*model, bytes, owner));
  QB_RETURN_IF_ERROR(ReadSubgraph(*model, *graph));
  QB_RETURN_IF_ERROR(ReadModelFields(*model, *graph));
  QB_RETURN_IF_ERROR(ValidateGraph(*graph));
  return std::shared_ptr<const Graph>(std::move(graph));
}

}  // namespace

Result<std::shared_ptr<const Graph>> ReadTfliteBuffer(std::span<const uint8_t> bytes, std::shared_ptr<const void> owner,
                                                      const std::string& source) {
  auto graph = ReadVerified(bytes, owner);
  if (!graph.ok()) return graph.status().WithContext(source);
  return graph;
}

Result<std::shared_ptr<const Graph>> ReadTfliteFile(const std::string& path) {
  QB_ASSIGN_OR_RETURN(std::shared_ptr<const MappedFile> file, MappedFile::Open(path));
  return ReadTfliteBuffer(std::span<const uint8_t>(file->data(), file->size()), file, path);
}

}  // namespace qb
