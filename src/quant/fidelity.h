// Fidelity of one model against another — the cost of quantization in output quality: both run on the
// same N seeded inputs and every output of the candidate (B) is compared with the reference's (A).
//
// Inputs: sample i fills every model input from the fixtures' seeded generator with seed (seed + i), values
// uniform in [-1, 1) — so sample 0 with seed 1 is the input of the fixtures' goldens.
// Metrics per output, over all samples:
//   max_abs_error, mean_abs_error  over every element;
//   sqnr_db       10·log10(Σ ref² / Σ (ref − cand)²) (infinite when the outputs are identical);
//   cosine        mean over samples of the cosine similarity of the two output vectors; min_cosine the worst;
//   top1/top5     for a classification-like output (last dimension ≥ 2, resp. ≥ 5), per row of the last
//                 dimension: the fraction of rows where the candidate's argmax is the reference's (top-1), and
//                 where the reference's argmax is among the candidate's five largest (top-5).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"
#include "kernels/kernel_factory.h"

namespace qb {

struct FidelityOptions {
  int samples = 10;
  uint32_t seed = 1;
  KernelConfig kernels{};  // how both models run
};

struct OutputFidelity {
  std::string name;
  Shape shape;
  double max_abs_error = 0;
  double mean_abs_error = 0;
  double sqnr_db = 0;  // +infinity when identical
  double cosine = 1;
  double min_cosine = 1;
  std::optional<double> top1_agreement, top5_agreement;  // set for classification-like outputs
  int64_t rows = 0;                                       // rows compared for top-k
};

struct FidelityReport {
  int samples = 0;
  uint32_t seed = 1;
  int hybrid_input_bits = 8;  // how the candidate's hybrid ops quantized their inputs (7 below VNNI on oneDNN)
  std::vector<OutputFidelity> outputs;
};

// Runs both graphs on the same seeded inputs. They must have the same inputs and outputs (count and shape).
Result<FidelityReport> CompareModels(std::shared_ptr<const Graph> reference, std::shared_ptr<const Graph> candidate,
                                     const FidelityOptions& options = {});

// Accumulates the metrics above for one output, sample by sample (used by CompareModels; exposed for tests).
class OutputComparison {
 public:
  explicit OutputComparison(int64_t row_length) : row_length_(row_length) {}
  void Add(const std::vector<float>& reference, const std::vector<float>& candidate);
  OutputFidelity Finish() const;

 private:
  int64_t row_length_;
  double max_abs_ = 0, sum_abs_ = 0, signal_ = 0, noise_ = 0, cosine_sum_ = 0, min_cosine_ = 1;
  int64_t elements_ = 0, samples_ = 0, rows_ = 0, top1_ = 0, top5_ = 0;
};

// Machine-readable form of a report (--json); a non-finite SQNR is written as null.
std::string FidelityReportToJson(const FidelityReport& report, const std::string& reference_name,
                                 const std::string& candidate_name);

}  // namespace qb
