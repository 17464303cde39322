// Fuzzes the .tflite reader and, for models it accepts, the runtime's planning (every kernel's Prepare):
// any input must give a Status, never a crash, hang or huge allocation.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/interpreter.h"
#include "tflite/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto owner = std::make_shared<std::vector<uint8_t>>(data, data + size);
  auto graph = qb::ReadTfliteBuffer(*owner, owner, "fuzz");
  if (!graph.ok()) return 0;
  uint64_t activation_bytes = 0;
  for (const qb::Tensor& t : (*graph)->tensors) {
    activation_bytes += static_cast<uint64_t>(qb::ElementCount(t.shape)) * qb::DTypeSize(t.type);
  }
  if (activation_bytes < (uint64_t{64} << 20)) (void)qb::Interpreter::Create(*graph);
  return 0;
}
