#include "core/const_buffer.h"

namespace qb {

ConstBuffer ConstBuffer::Owned(std::vector<uint8_t> bytes) {
  auto storage = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  ConstBuffer buffer;
  buffer.data_ = storage->data();
  buffer.size_ = storage->size();
  buffer.owner_ = std::move(storage);
  return buffer;
}

ConstBuffer ConstBuffer::View(const uint8_t* data, size_t size, std::shared_ptr<const void> owner) {
  ConstBuffer buffer;
  buffer.data_ = data;
  buffer.size_ = size;
  buffer.owner_ = std::move(owner);
  return buffer;
}

}  // namespace qb
