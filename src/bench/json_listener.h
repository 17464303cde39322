// JsonListener: writes the whole result as one JSON document (--json_output=FILE) when the benchmark
// ends, atomically (core/file_io.h), so a reader never sees half a file. Raw samples are kept; the
// derived numbers are the same ones the TensorFlow Lite format prints.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "bench/listeners.h"
#include "core/status.h"

namespace qb::bench {

// The document: graph, params, init, warmup and inference stats (with samples and percentiles),
// memory in MB (null when unsupported), and op_profile when profiling was on.
nlohmann::json ResultToJson(const BenchmarkResult& result);

class JsonListener : public BenchmarkListener {
 public:
  explicit JsonListener(std::string path) : path_(std::move(path)) {}
  void OnBenchmarkEnd(const BenchmarkResult& result) override;
  // Whether the file was written; listeners cannot fail, so the caller checks this after Run().
  const Status& status() const { return status_; }

 private:
  std::string path_;
  Status status_;
};

}  // namespace qb::bench
