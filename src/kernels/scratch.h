// Carving one kernel's scratch block into parts: each part starts on the scratch's 64-byte alignment.
#pragma once

#include <cstddef>

#include "core/aligned_buffer.h"

namespace qb {

inline size_t AlignScratch(size_t bytes) {
  return (bytes + AlignedBuffer::kAlignment - 1) / AlignedBuffer::kAlignment * AlignedBuffer::kAlignment;
}

}  // namespace qb
