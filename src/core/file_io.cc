#include "core/file_io.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <cstring>

namespace qb {
namespace {

std::string ErrnoText() { return std::strerror(errno); }

Status WriteAll(int fd, const uint8_t* data, size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errorf("{}: cannot write: {}", path, ErrnoText());
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return OkStatus();
}

}  // namespace

Result<std::shared_ptr<const MappedFile>> MappedFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errorf("{}: cannot open: {}; check the path", path, ErrnoText());
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Errorf("{}: cannot stat: {}", path, ErrnoText());
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Errorf("{}: not a regular file", path);
  }
  std::shared_ptr<MappedFile> file(new MappedFile());
  file->path_ = path;
  file->size_ = static_cast<size_t>(st.st_size);
  if (file->size_ > 0) {
    void* p = ::mmap(nullptr, file->size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      ::close(fd);
      return Errorf("{}: cannot map into memory: {}", path, ErrnoText());
    }
    file->data_ = static_cast<const uint8_t*>(p);
  }
  ::close(fd);
  return std::shared_ptr<const MappedFile>(std::move(file));
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<uint8_t*>(data_), size_);
}

Result<std::unique_ptr<AtomicFileWriter>> AtomicFileWriter::Create(const std::string& path) {
  std::unique_ptr<AtomicFileWriter> writer(new AtomicFileWriter());
  writer->path_ = path;
  writer->tmp_path_ = path + ".tmp." + std::to_string(::getpid());
  writer->fd_ = ::open(writer->tmp_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (writer->fd_ < 0) {
    return Errorf("{}: cannot create: {}; check that the folder exists and is writable", path, ErrnoText());
  }
  return writer;
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(tmp_path_.c_str());
}

Status AtomicFileWriter::Write(std::span<const uint8_t> bytes) {
  QB_RETURN_IF_ERROR(WriteAll(fd_, bytes.data(), bytes.size(), path_));
  written_ += bytes.size();
  return OkStatus();
}

Status AtomicFileWriter::Commit() {
  if (::fsync(fd_) != 0) return Errorf("{}: cannot flush to disk: {}", path_, ErrnoText());
  if (::close(fd_) != 0) {
    fd_ = -1;
    return Errorf("{}: cannot close: {}", path_, ErrnoText());
  }
  fd_ = -1;
  if (::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    return Errorf("{}: cannot rename the finished file into place: {}", path_, ErrnoText());
  }
  committed_ = true;
  return OkStatus();
}

Status WriteFileAtomically(const std::string& path, std::span<const uint8_t> bytes) {
  QB_ASSIGN_OR_RETURN(auto writer, AtomicFileWriter::Create(path));
  QB_RETURN_IF_ERROR(writer->Write(bytes));
  return writer->Commit();
}

Status WriteTextFileAtomically(const std::string& path, std::string_view text) {
  return WriteFileAtomically(path, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

Status EnsureWritableFolder(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Errorf("{}: cannot create the output folder: {}", dir, ec.message());
  if (!std::filesystem::is_directory(dir, ec)) return Errorf("{}: the output path is not a folder", dir);
  if (::access(dir.c_str(), W_OK) != 0) {
    return Errorf("{}: the output folder is not writable: {}", dir, std::strerror(errno));
  }
  return OkStatus();
}

Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path) {
  QB_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  return std::vector<uint8_t>(file->data(), file->data() + file->size());
}

Result<std::vector<float>> ReadFloatFile(const std::string& path) {
  QB_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  if (file->size() % sizeof(float) != 0) {
    return Errorf("{}: {} bytes is not a whole number of float32 values; expected raw little-endian float32",
                  path, file->size());
  }
  std::vector<float> values(file->size() / sizeof(float));
  if (!values.empty()) std::memcpy(values.data(), file->data(), file->size());
  return values;
}

Status WriteFloatFile(const std::string& path, std::span<const float> values) {
  return WriteFileAtomically(
      path, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(values.data()), values.size_bytes()));
}

}  // namespace qb
