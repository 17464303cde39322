// File access: read-only memory mapping of model files, and atomic writes (temporary file + rename),
// so an interrupted write never leaves a half-written file behind.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace qb {

// A file mapped read-only into memory. Weights are used in place, never copied.
class MappedFile {
 public:
  static Result<std::shared_ptr<const MappedFile>> Open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  MappedFile() = default;
  std::string path_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// Writes bytes to `path` through `path.tmp.<pid>` and a rename; on failure nothing is left behind.
Status WriteFileAtomically(const std::string& path, std::span<const uint8_t> bytes);

// Streams chunks to a temporary file, then commits it with a rename (for outputs too big to hold twice).
class AtomicFileWriter {
 public:
  static Result<std::unique_ptr<AtomicFileWriter>> Create(const std::string& path);
  ~AtomicFileWriter();  // removes the temporary file unless Commit() succeeded
  Status Write(std::span<const uint8_t> bytes);
  Status Commit();
  uint64_t bytes_written() const { return written_; }

 private:
  AtomicFileWriter() = default;
  std::string path_, tmp_path_;
  int fd_ = -1;
  uint64_t written_ = 0;
  bool committed_ = false;
};

// Text through the same temporary file + rename.
Status WriteTextFileAtomically(const std::string& path, std::string_view text);

// Creates the folder (and its parents) when missing and checks that files can be written in it.
Status EnsureWritableFolder(const std::string& dir);

Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path);
// Raw little-endian float32 files (the fixtures' .f32 format).
Result<std::vector<float>> ReadFloatFile(const std::string& path);
Status WriteFloatFile(const std::string& path, std::span<const float> values);

}  // namespace qb
