#include "quant/conversion_metadata.h"

#include <array>
#include <charconv>

#include <flatbuffers/flatbuffers.h>

namespace qb {
namespace {

// vtable offset of field `id` of a table.
constexpr flatbuffers::voffset_t Field(int id) { return static_cast<flatbuffers::voffset_t>(4 + 2 * id); }

// Field ids, from conversion_metadata.fbs.
constexpr int kEnvironmentField = 0, kOptionsField = 1;                                   // ConversionMetadata
constexpr int kTfVersionField = 0, kApiVersionField = 1, kModelTypeField = 2, kHashField = 3;  // Environment
constexpr int kModesField = 0, kAllowCustomField = 1, kSelectField = 2, kForceSelectField = 3,
              kBlockSizesField = 4;                                                       // ConversionOptions
constexpr int kValuesField = 0;                                                           // SparsityBlockSize

using flatbuffers::Table;
using flatbuffers::Vector;

const Table* SubTable(const Table* t, int id) { return t->GetPointer<const Table*>(Field(id)); }

bool VerifyEnvironment(flatbuffers::Verifier& v, const Table* t) {
  return t->VerifyTableStart(v) && t->VerifyOffset(v, Field(kTfVersionField)) &&
         v.VerifyString(t->GetPointer<const flatbuffers::String*>(Field(kTfVersionField))) &&
         t->VerifyField<uint32_t>(v, Field(kApiVersionField), 4) && t->VerifyField<int32_t>(v, Field(kModelTypeField), 4) &&
         t->VerifyField<uint64_t>(v, Field(kHashField), 8) && v.EndTable();
}

bool VerifyBlockSize(flatbuffers::Verifier& v, const Table* t) {
  return t->VerifyTableStart(v) && t->VerifyOffset(v, Field(kValuesField)) &&
         v.VerifyVector(t->GetPointer<const Vector<uint32_t>*>(Field(kValuesField))) && v.EndTable();
}

bool VerifyOptions(flatbuffers::Verifier& v, const Table* t) {
  if (!t->VerifyTableStart(v) || !t->VerifyOffset(v, Field(kModesField)) ||
      !v.VerifyVector(t->GetPointer<const Vector<int32_t>*>(Field(kModesField))) ||
      !t->VerifyField<uint8_t>(v, Field(kAllowCustomField), 1) || !t->VerifyField<uint8_t>(v, Field(kSelectField), 1) ||
      !t->VerifyField<uint8_t>(v, Field(kForceSelectField), 1) || !t->VerifyOffset(v, Field(kBlockSizesField))) {
    return false;
  }
  const auto* sizes = t->GetPointer<const Vector<flatbuffers::Offset<Table>>*>(Field(kBlockSizesField));
  if (sizes) {
    if (!v.VerifyVector(sizes)) return false;
    for (const Table* s : *sizes) {
      if (!VerifyBlockSize(v, s)) return false;
    }
  }
  return v.EndTable();
}

bool VerifyRoot(flatbuffers::Verifier& v, const Table* root) {
  if (!root->VerifyTableStart(v) || !root->VerifyOffset(v, Field(kEnvironmentField)) ||
      !root->VerifyOffset(v, Field(kOptionsField))) {
    return false;
  }
  if (const Table* env = SubTable(root, kEnvironmentField); env && !VerifyEnvironment(v, env)) return false;
  if (const Table* opts = SubTable(root, kOptionsField); opts && !VerifyOptions(v, opts)) return false;
  return v.EndTable();
}

}  // namespace

Result<ConversionMetadata> ParseConversionMetadata(std::span<const uint8_t> bytes) {
  if (bytes.size() < sizeof(flatbuffers::uoffset_t)) return Errorf("{} is empty or truncated", kConversionMetadataName);
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  const auto root_offset = flatbuffers::ReadScalar<flatbuffers::uoffset_t>(bytes.data());
  if (root_offset < sizeof(flatbuffers::uoffset_t) || root_offset > bytes.size() - sizeof(flatbuffers::soffset_t) ||
      !VerifyRoot(verifier, flatbuffers::GetRoot<Table>(bytes.data()))) {
    return Errorf("{} is not a valid ConversionMetadata flatbuffer", kConversionMetadataName);
  }
  const Table* root = flatbuffers::GetRoot<Table>(bytes.data());
  ConversionMetadata m;
  if (const Table* env = SubTable(root, kEnvironmentField)) {
    ConversionMetadata::Environment e;
    if (const auto* s = env->GetPointer<const flatbuffers::String*>(Field(kTfVersionField))) e.tensorflow_version = s->str();
    e.api_version = env->GetField<uint32_t>(Field(kApiVersionField), 0);
    e.model_type = env->GetField<int32_t>(Field(kModelTypeField), 0);
    e.model_hash = env->GetField<uint64_t>(Field(kHashField), 0);
    m.environment = e;
  }
  if (const Table* opts = SubTable(root, kOptionsField)) {
    if (const auto* modes = opts->GetPointer<const Vector<int32_t>*>(Field(kModesField))) {
      m.optimization_modes.assign(modes->begin(), modes->end());
    }
    m.allow_custom_ops = opts->GetField<uint8_t>(Field(kAllowCustomField), 0) != 0;
    m.enable_select_tf_ops = opts->GetField<uint8_t>(Field(kSelectField), 0) != 0;
    m.force_select_tf_ops = opts->GetField<uint8_t>(Field(kForceSelectField), 0) != 0;
    if (const auto* sizes = opts->GetPointer<const Vector<flatbuffers::Offset<Table>>*>(Field(kBlockSizesField))) {
      for (const Table* s : *sizes) {
        std::vector<uint32_t> values;
        if (const auto* vec = s->GetPointer<const Vector<uint32_t>*>(Field(kValuesField))) values.assign(vec->begin(), vec->end());
        m.sparsity_block_sizes.push_back(std::move(values));
      }
    }
  }
  return m;
}

std::vector<uint8_t> SerializeConversionMetadata(const ConversionMetadata& m) {
  flatbuffers::FlatBufferBuilder b;
  flatbuffers::Offset<void> environment;
  if (m.environment) {
    flatbuffers::Offset<flatbuffers::String> version;
    if (m.environment->tensorflow_version) version = b.CreateString(*m.environment->tensorflow_version);
    const auto start = b.StartTable();
    if (m.environment->tensorflow_version) b.AddOffset(Field(kTfVersionField), version);
    b.AddElement<uint32_t>(Field(kApiVersionField), m.environment->api_version, 0);
    b.AddElement<int32_t>(Field(kModelTypeField), m.environment->model_type, 0);
    b.AddElement<uint64_t>(Field(kHashField), m.environment->model_hash, 0);
    environment = flatbuffers::Offset<void>(b.EndTable(start));
  }
  std::vector<flatbuffers::Offset<void>> block_sizes;
  for (const auto& values : m.sparsity_block_sizes) {
    auto vec = b.CreateVector(values);
    const auto start = b.StartTable();
    b.AddOffset(Field(kValuesField), vec);
    block_sizes.push_back(flatbuffers::Offset<void>(b.EndTable(start)));
  }
  auto block_sizes_vec = m.sparsity_block_sizes.empty() ? 0 : b.CreateVector(block_sizes);
  auto modes = b.CreateVector(m.optimization_modes);
  const auto options_start = b.StartTable();
  b.AddOffset(Field(kModesField), modes);
  b.AddElement<uint8_t>(Field(kAllowCustomField), m.allow_custom_ops, 0);
  b.AddElement<uint8_t>(Field(kSelectField), m.enable_select_tf_ops, 0);
  b.AddElement<uint8_t>(Field(kForceSelectField), m.force_select_tf_ops, 0);
  if (!m.sparsity_block_sizes.empty()) b.AddOffset(Field(kBlockSizesField), block_sizes_vec);
  const auto options = flatbuffers::Offset<void>(b.EndTable(options_start));
  const auto root_start = b.StartTable();
  if (m.environment) b.AddOffset(Field(kEnvironmentField), environment);
  b.AddOffset(Field(kOptionsField), options);
  b.Finish(flatbuffers::Offset<void>(b.EndTable(root_start)));
  return {b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()};
}

const Metadata* FindMetadata(const Graph& graph, const std::string& name) {
  for (const Metadata& m : graph.metadata) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string HybridOpMinRuntimeVersion(OpType type, int version) {
  struct Entry {
    OpType type;
    int version;
    const char* runtime;
  };
  static constexpr std::array kTable = {
      Entry{OpType::kConv2D, 2, "1.14.0"},         Entry{OpType::kConv2D, 5, "2.4.0"},
      Entry{OpType::kConv2D, 6, "2.9.0"},          Entry{OpType::kDepthwiseConv2D, 4, "2.2.0"},
      Entry{OpType::kDepthwiseConv2D, 6, "2.3.0"}, Entry{OpType::kFullyConnected, 3, "1.14.0"},
      Entry{OpType::kFullyConnected, 5, "2.0.0"},  Entry{OpType::kFullyConnected, 6, "2.1.0"},
      Entry{OpType::kFullyConnected, 9, "2.3.0"},  Entry{OpType::kFullyConnected, 12, "2.17.0"},
  };
  for (const Entry& e : kTable) {
    if (e.type == type && e.version == version) return e.runtime;
  }
  return {};
}

bool RuntimeVersionLess(const std::string& a, const std::string& b) {
  auto parts = [](const std::string& s) {
    std::vector<int> out;
    const char* p = s.data();
    const char* end = s.data() + s.size();
    while (p < end) {
      int value = 0;
      auto [next, ec] = std::from_chars(p, end, value);
      out.push_back(ec == std::errc() ? value : 0);
      p = next;
      while (p < end && *p != '.') ++p;
      if (p < end) ++p;
    }
    return out;
  };
  return parts(a) < parts(b);
}

}  // namespace qb
