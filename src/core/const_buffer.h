// ConstBuffer: read-only bytes that either view memory kept alive by an owner (a mapped model file)
// or own their storage. Copies share the same bytes; nothing is copied.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace qb {

class ConstBuffer {
 public:
  ConstBuffer() = default;
  static ConstBuffer Owned(std::vector<uint8_t> bytes);
  static ConstBuffer View(const uint8_t* data, size_t size, std::shared_ptr<const void> owner);

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::span<const uint8_t> bytes() const { return {data_, size_}; }

 private:
  std::shared_ptr<const void> owner_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace qb
