#include "tflite/writer.h"

#include <map>
#include <cstring>
#include <utility>

#include "core/file_io.h"
#include "tflite/schema.h"

namespace qb {
namespace {

namespace fb = ::tflite;
using flatbuffers::FlatBufferBuilder;
using flatbuffers::Offset;

constexpr size_t kBufferAlignment = 16;
// Above this many bytes of constants the buffers go after the flatbuffer (its offsets are 32-bit).
constexpr uint64_t kInlineBufferLimit = uint64_t{1} << 30;

fb::ActivationFunctionType ToFb(Activation a) { return static_cast<fb::ActivationFunctionType>(a); }
fb::Padding ToFb(Padding p) { return static_cast<fb::Padding>(p); }
fb::TensorType ToFb(DType t) { return static_cast<fb::TensorType>(t); }

template <typename T>
Offset<flatbuffers::Vector<T>> VectorOrNull(FlatBufferBuilder& b, const std::vector<T>& v) {
  return v.empty() ? 0 : b.CreateVector(v);
}

Offset<flatbuffers::String> StringOrNull(FlatBufferBuilder& b, const std::string& s) {
  return s.empty() ? 0 : b.CreateString(s);
}

// Returns the union type and table offset for an op's options.
std::pair<fb::BuiltinOptions, Offset<void>> WriteOptions(FlatBufferBuilder& b, const OpOptions& options) {
  using BO = fb::BuiltinOptions;
  struct Visitor {
    FlatBufferBuilder& b;
    std::pair<BO, Offset<void>> operator()(const std::monostate&) { return {BO::NONE, 0}; }
    std::pair<BO, Offset<void>> operator()(const Conv2DOptions& o) {
      return {BO::Conv2DOptions, fb::CreateConv2DOptions(b, ToFb(o.padding), o.stride_w, o.stride_h,
                                                         ToFb(o.activation), o.dilation_w, o.dilation_h,
                                                         ToFb(o.quantized_bias_type))
                                     .Union()};
    }
    std::pair<BO, Offset<void>> operator()(const DepthwiseConv2DOptions& o) {
      return {BO::DepthwiseConv2DOptions,
              fb::CreateDepthwiseConv2DOptions(b, ToFb(o.padding), o.stride_w, o.stride_h, o.depth_multiplier,
                                               ToFb(o.activation), o.dilation_w, o.dilation_h)
                  .Union()};
    }
    std::pair<BO, Offset<void>> operator()(const Pool2DOptions& o) {
      return {BO::Pool2DOptions, fb::CreatePool2DOptions(b, ToFb(o.padding), o.stride_w, o.stride_h, o.filter_w,
                                                         o.filter_h, ToFb(o.activation))
                                     .Union()};
    }
    std::pair<BO, Offset<void>> operator()(const FullyConnectedOptions& o) {
      return {BO::FullyConnectedOptions,
              fb::CreateFullyConnectedOptions(b, ToFb(o.activation), o.weights_format, o.keep_num_dims,
                                              o.asymmetric_quantize_inputs, ToFb(o.quantized_bias_type))
                  .Union()};
    }
    std::pair<BO, Offset<void>> operator()(const SoftmaxOptions& o) {
      return {BO::SoftmaxOptions, fb::CreateSoftmaxOptions(b, o.beta).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const ConcatenationOptions& o) {
      return {BO::ConcatenationOptions, fb::CreateConcatenationOptions(b, o.axis, ToFb(o.activation)).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const AddOptions& o) {
      return {BO::AddOptions, fb::CreateAddOptions(b, ToFb(o.activation), o.pot_scale_int16).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const MulOptions& o) {
      return {BO::MulOptions, fb::CreateMulOptions(b, ToFb(o.activation)).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const ReshapeOptions& o) {
      return {BO::ReshapeOptions, fb::CreateReshapeOptions(b, VectorOrNull(b, o.new_shape)).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const ReducerOptions& o) {
      return {BO::ReducerOptions, fb::CreateReducerOptions(b, o.keep_dims).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const SqueezeOptions& o) {
      return {BO::SqueezeOptions, fb::CreateSqueezeOptions(b, VectorOrNull(b, o.squeeze_dims)).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const StridedSliceOptions& o) {
      return {BO::StridedSliceOptions,
              fb::CreateStridedSliceOptions(b, o.begin_mask, o.end_mask, o.ellipsis_mask, o.new_axis_mask,
                                            o.shrink_axis_mask, o.offset)
                  .Union()};
    }
    std::pair<BO, Offset<void>> operator()(const PackOptions& o) {
      return {BO::PackOptions, fb::CreatePackOptions(b, o.values_count, o.axis).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const ShapeOptions& o) {
      return {BO::ShapeOptions, fb::CreateShapeOptions(b, ToFb(o.out_type)).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const PadOptions&) {
      return {BO::PadOptions, fb::CreatePadOptions(b).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const DequantizeOptions&) {
      return {BO::DequantizeOptions, fb::CreateDequantizeOptions(b).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const QuantizeOptions&) {
      return {BO::QuantizeOptions, fb::CreateQuantizeOptions(b).Union()};
    }
    std::pair<BO, Offset<void>> operator()(const HardSwishOptions&) {
      return {BO::HardSwishOptions, fb::CreateHardSwishOptions(b).Union()};
    }
  };
  return std::visit(Visitor{b}, options);
}

Offset<fb::Tensor> WriteTensor(FlatBufferBuilder& b, const Tensor& t) {
  Offset<fb::QuantizationParameters> quant = 0;
  if (t.has_quantization || !t.quantization.empty()) {
    const Quantization& q = t.quantization;
    quant = fb::CreateQuantizationParameters(b, VectorOrNull(b, q.min), VectorOrNull(b, q.max),
                                             VectorOrNull(b, q.scale), VectorOrNull(b, q.zero_point),
                                             fb::QuantizationDetails::NONE, 0, q.quantized_dimension);
  }
  return fb::CreateTensor(b, b.CreateVector(t.shape), ToFb(t.type), t.buffer, StringOrNull(b, t.name), quant,
                          t.is_variable, 0, VectorOrNull(b, t.shape_signature), t.has_rank);
}

struct OpCodeTable {
  std::vector<std::pair<OpType, int32_t>> codes;
  std::map<std::pair<OpType, int32_t>, uint32_t> index;

  uint32_t IndexOf(const Op& op) {
    auto key = std::make_pair(op.type, op.version);
    auto [it, inserted] = index.emplace(key, static_cast<uint32_t>(codes.size()));
    if (inserted) codes.push_back(key);
    return it->second;
  }
};

Offset<fb::SubGraph> WriteSubgraph(FlatBufferBuilder& b, const Graph& g, OpCodeTable& codes) {
  std::vector<Offset<fb::Tensor>> tensors;
  tensors.reserve(g.tensors.size());
  for (const Tensor& t : g.tensors) tensors.push_back(WriteTensor(b, t));
  std::vector<Offset<fb::Operator>> ops;
  ops.reserve(g.ops.size());
  for (const Op& op : g.ops) {
    auto [options_type, options] = WriteOptions(b, op.options);
    ops.push_back(fb::CreateOperator(b, codes.IndexOf(op), b.CreateVector(op.inputs), b.CreateVector(op.outputs),
                                     options_type, options, 0, 0, 0, VectorOrNull(b, op.intermediates)));
  }
  return fb::CreateSubGraph(b, b.CreateVector(tensors), b.CreateVector(g.inputs), b.CreateVector(g.outputs),
                            b.CreateVector(ops), StringOrNull(b, g.subgraph_name));
}

Offset<flatbuffers::Vector<Offset<fb::SignatureDef>>> WriteSignatures(FlatBufferBuilder& b, const Graph& g) {
  if (g.signatures.empty()) return 0;
  std::vector<Offset<fb::SignatureDef>> sigs;
  for (const SignatureDef& s : g.signatures) {
    auto map = [&](const std::vector<TensorMapEntry>& entries) {
      std::vector<Offset<fb::TensorMap>> out;
      for (const auto& e : entries) out.push_back(fb::CreateTensorMap(b, b.CreateString(e.name), e.tensor_index));
      return b.CreateVector(out);
    };
    auto inputs = map(s.inputs);
    auto outputs = map(s.outputs);
    sigs.push_back(fb::CreateSignatureDef(b, inputs, outputs, StringOrNull(b, s.key), s.subgraph_index));
  }
  return b.CreateVector(sigs);
}

size_t AlignUp(size_t n, size_t a) { return (n + a - 1) / a * a; }

uint64_t ConstantBytes(const Graph& graph) {
  uint64_t constant_bytes = 0;
  for (const ConstBuffer& buffer : graph.buffers) constant_bytes += buffer.size();
  return constant_bytes;
}

size_t BuilderSize(uint64_t constant_bytes, bool external) {
  return external ? 1 << 20 : static_cast<size_t>(constant_bytes) + (1 << 20);
}

// Builds the model flatbuffer into `b` (sized by BuilderSize); with external buffers, each Buffer holds a
// placeholder offset that SerializeTflite patches.
void BuildModelFlatbuffer(const Graph& graph, bool external, FlatBufferBuilder& b) {
  // Buffers first: with external storage their offsets are patched after the flatbuffer is finished,
  // so each gets a placeholder offset/size that SerializeTflite rewrites in place.
  std::vector<Offset<fb::Buffer>> buffers;
  buffers.reserve(graph.buffers.size());
  for (const ConstBuffer& buffer : graph.buffers) {
    if (buffer.empty()) {
      buffers.push_back(fb::CreateBuffer(b));
    } else if (external) {
      fb::BufferBuilder bb(b);
      bb.add_offset(~uint64_t{0});  // placeholder, non-default so the field is stored
      bb.add_size(buffer.size());
      buffers.push_back(bb.Finish());
    } else {
      b.ForceVectorAlignment(buffer.size(), sizeof(uint8_t), kBufferAlignment);
      auto data = b.CreateVector(buffer.data(), buffer.size());
      buffers.push_back(fb::CreateBuffer(b, data));
    }
  }
  auto buffers_vec = b.CreateVector(buffers);

  OpCodeTable codes;
  auto subgraph = WriteSubgraph(b, graph, codes);
  std::vector<Offset<fb::OperatorCode>> op_codes;
  for (const auto& [type, version] : codes.codes) {
    int32_t code = static_cast<int32_t>(type);
    // Codes above 127 do not fit the byte-sized field: TensorFlow Lite stores 127 there.
    auto deprecated = static_cast<int8_t>(code < 127 ? code : 127);
    op_codes.push_back(fb::CreateOperatorCode(b, deprecated, 0, version, code));
  }
  auto op_codes_vec = b.CreateVector(op_codes);
  std::vector<Offset<fb::Metadata>> metadata;
  for (const Metadata& m : graph.metadata) metadata.push_back(fb::CreateMetadata(b, b.CreateString(m.name), m.buffer));
  auto metadata_vec = metadata.empty() ? 0 : b.CreateVector(metadata);
  auto signatures = WriteSignatures(b, graph);
  auto subgraphs = b.CreateVector(std::vector<Offset<fb::SubGraph>>{subgraph});
  auto model = fb::CreateModel(b, graph.schema_version, op_codes_vec, subgraphs, StringOrNull(b, graph.description),
                               buffers_vec, VectorOrNull(b, graph.metadata_buffer), metadata_vec, signatures);
  fb::FinishModelBuffer(b, model);
}

}  // namespace

Result<std::vector<uint8_t>> SerializeTflite(const Graph& graph, const TfliteWriteOptions& options) {
  QB_RETURN_IF_ERROR(ValidateGraph(graph));
  const uint64_t constant_bytes = ConstantBytes(graph);
  const bool external = options.external_buffers || constant_bytes > kInlineBufferLimit;
  FlatBufferBuilder b(BuilderSize(constant_bytes, external));
  BuildModelFlatbuffer(graph, external, b);

  std::vector<uint8_t> bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
  if (!external) return bytes;

  // Append each buffer 16-byte aligned and patch its offset in the finished flatbuffer.
  fb::Model* written = fb::GetMutableModel(bytes.data());
  size_t end = bytes.size();
  std::vector<size_t> offsets(graph.buffers.size(), 0);
  for (size_t i = 0; i < graph.buffers.size(); ++i) {
    if (graph.buffers[i].empty()) continue;
    end = AlignUp(end, kBufferAlignment);
    offsets[i] = end;
    end += graph.buffers[i].size();
  }
  bytes.resize(end, 0);
  for (size_t i = 0; i < graph.buffers.size(); ++i) {
    if (graph.buffers[i].empty()) continue;
    std::memcpy(bytes.data() + offsets[i], graph.buffers[i].data(), graph.buffers[i].size());
    written = fb::GetMutableModel(bytes.data());
    written->mutable_buffers()->GetMutableObject(static_cast<flatbuffers::uoffset_t>(i))->mutate_offset(offsets[i]);
  }
  return bytes;
}

Status WriteTfliteFile(const Graph& graph, const std::string& path, const TfliteWriteOptions& options) {
  QB_RETURN_IF_ERROR(ValidateGraph(graph).WithContext(path));
  const uint64_t constant_bytes = ConstantBytes(graph);
  if (options.external_buffers || constant_bytes > kInlineBufferLimit) {
    auto bytes = SerializeTflite(graph, options);
    if (!bytes.ok()) return bytes.status().WithContext(path);
    return WriteFileAtomically(path, *bytes);
  }
  // Inline buffers: stream the finished flatbuffer straight from the builder, without a second copy.
  FlatBufferBuilder b(BuilderSize(constant_bytes, false));
  BuildModelFlatbuffer(graph, false, b);
  QB_ASSIGN_OR_RETURN(auto writer, AtomicFileWriter::Create(path));
  QB_RETURN_IF_ERROR(writer->Write({b.GetBufferPointer(), b.GetSize()}));
  return writer->Commit();
}

}  // namespace qb
