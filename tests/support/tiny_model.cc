#include "tiny_model.h"

#include "tflite/schema.h"

namespace qb::testing {

std::vector<uint8_t> BuildTinyModel(const TinyModelSpec& spec) {
  namespace fb = ::tflite;
  flatbuffers::FlatBufferBuilder b;
  std::vector<flatbuffers::Offset<fb::Buffer>> buffers{fb::CreateBuffer(b)};
  if (spec.with_constant) {
    std::vector<uint8_t> data(spec.constant_bytes, 0);
    buffers.push_back(fb::CreateBuffer(b, b.CreateVector(data)));
  }
  std::vector<int32_t> shape{1, 4};
  std::vector<flatbuffers::Offset<fb::Tensor>> tensors{
      fb::CreateTensor(b, b.CreateVector(shape), fb::TensorType::FLOAT32, 0, b.CreateString("in")),
      fb::CreateTensor(b, b.CreateVector(shape), fb::TensorType::FLOAT32, 0, b.CreateString("out"))};
  std::vector<int32_t> op_inputs{spec.input_index};
  if (spec.with_constant) {
    std::vector<int32_t> cshape{4};
    tensors.push_back(fb::CreateTensor(b, b.CreateVector(cshape), fb::TensorType::FLOAT32, spec.constant_buffer,
                                       b.CreateString("const")));
  }
  std::vector<int32_t> op_outputs{spec.output_index};
  auto op = fb::CreateOperator(b, spec.opcode_index, b.CreateVector(op_inputs), b.CreateVector(op_outputs));
  std::vector<flatbuffers::Offset<fb::SubGraph>> subgraphs;
  for (int32_t i = 0; i < spec.subgraphs; ++i) {
    std::vector<int32_t> inputs{0}, outputs{1};
    std::vector<flatbuffers::Offset<fb::Operator>> ops{op};
    subgraphs.push_back(fb::CreateSubGraph(b, b.CreateVector(tensors), b.CreateVector(inputs),
                                           b.CreateVector(outputs), b.CreateVector(ops)));
  }
  auto code = static_cast<int8_t>(spec.builtin_code < 127 ? spec.builtin_code : 127);
  std::vector<flatbuffers::Offset<fb::OperatorCode>> codes{
      fb::CreateOperatorCode(b, code, 0, spec.version, spec.builtin_code)};
  auto model = fb::CreateModel(b, spec.schema_version, b.CreateVector(codes), b.CreateVector(subgraphs),
                               b.CreateString("tiny"), b.CreateVector(buffers));
  fb::FinishModelBuffer(b, model);
  return {b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()};
}

}  // namespace qb::testing
