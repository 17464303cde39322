// AlignedBuffer: an owned, zero-initialised, 64-byte aligned byte block (activation arenas, packed weights).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace qb {

class AlignedBuffer {
 public:
  static constexpr size_t kAlignment = 64;

  AlignedBuffer() = default;
  explicit AlignedBuffer(size_t size) { Resize(size); }

  // Returns false (and holds nothing) when the memory cannot be had.
  bool Resize(size_t size) {
    size_t rounded = (size + kAlignment - 1) / kAlignment * kAlignment;
    data_.reset(rounded ? static_cast<uint8_t*>(std::aligned_alloc(kAlignment, rounded)) : nullptr);
    if (rounded && !data_) {
      size_ = 0;
      return false;
    }
    if (data_) std::memset(data_.get(), 0, rounded);
    size_ = size;
    return true;
  }
  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_ = 0;
};

}  // namespace qb
