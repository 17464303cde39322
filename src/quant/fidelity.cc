#include "quant/fidelity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <nlohmann/json.hpp>

#include "runtime/interpreter.h"
#include "runtime/seeded_inputs.h"

namespace qb {
namespace {

Status CheckSameSignature(const Interpreter& a, const Interpreter& b) {
  if (a.num_inputs() != b.num_inputs() || a.num_outputs() != b.num_outputs()) {
    return Errorf("the models differ: {} inputs and {} outputs against {} inputs and {} outputs", a.num_inputs(),
                  a.num_outputs(), b.num_inputs(), b.num_outputs());
  }
  const Graph& ga = a.graph();
  const Graph& gb = b.graph();
  for (size_t i = 0; i < a.num_inputs(); ++i) {
    const Shape& sa = ga.tensors[static_cast<size_t>(ga.inputs[i])].shape;
    const Shape& sb = gb.tensors[static_cast<size_t>(gb.inputs[i])].shape;
    if (sa != sb) return Errorf("input {} has shape {} in one model and {} in the other", i, ShapeToString(sa), ShapeToString(sb));
  }
  for (size_t i = 0; i < a.num_outputs(); ++i) {
    if (a.output(i).shape != b.output(i).shape) {
      return Errorf("output {} has shape {} in one model and {} in the other", i, ShapeToString(a.output(i).shape),
                    ShapeToString(b.output(i).shape));
    }
  }
  return OkStatus();
}

// Indices of the k largest values of row[0..n), largest first (ties: lower index first).
std::vector<int64_t> TopK(const float* row, int64_t n, int64_t k) {
  std::vector<int64_t> index(static_cast<size_t>(n));
  std::iota(index.begin(), index.end(), 0);
  k = std::min(k, n);
  std::partial_sort(index.begin(), index.begin() + k, index.end(), [row](int64_t x, int64_t y) {
    return row[x] > row[y] || (row[x] == row[y] && x < y);
  });
  index.resize(static_cast<size_t>(k));
  return index;
}

}  // namespace

void OutputComparison::Add(const std::vector<float>& reference, const std::vector<float>& candidate) {
  double dot = 0, norm_ref = 0, norm_cand = 0;
  const size_t n = std::min(reference.size(), candidate.size());
  for (size_t i = 0; i < n; ++i) {
    const double r = reference[i];
    const double c = candidate[i];
    const double error = std::fabs(r - c);
    max_abs_ = std::max(max_abs_, error);
    sum_abs_ += error;
    signal_ += r * r;
    noise_ += (r - c) * (r - c);
    dot += r * c;
    norm_ref += r * r;
    norm_cand += c * c;
  }
  elements_ += static_cast<int64_t>(n);
  double cosine = 1.0;
  if (norm_ref > 0 && norm_cand > 0) {
    cosine = dot / std::sqrt(norm_ref * norm_cand);
  } else if (norm_ref > 0 || norm_cand > 0) {
    cosine = 0.0;  // one output is all zeros, the other is not
  }
  cosine_sum_ += cosine;
  min_cosine_ = samples_ == 0 ? cosine : std::min(min_cosine_, cosine);
  ++samples_;

  if (row_length_ < 2) return;
  for (int64_t start = 0; start + row_length_ <= static_cast<int64_t>(n); start += row_length_) {
    const int64_t ref_top = TopK(reference.data() + start, row_length_, 1)[0];
    const std::vector<int64_t> cand_top = TopK(candidate.data() + start, row_length_, 5);
    if (cand_top[0] == ref_top) ++top1_;
    if (std::find(cand_top.begin(), cand_top.end(), ref_top) != cand_top.end()) ++top5_;
    ++rows_;
  }
}

OutputFidelity OutputComparison::Finish() const {
  OutputFidelity f;
  f.max_abs_error = max_abs_;
  f.mean_abs_error = elements_ > 0 ? sum_abs_ / static_cast<double>(elements_) : 0.0;
  if (noise_ == 0) {
    f.sqnr_db = std::numeric_limits<double>::infinity();
  } else {
    f.sqnr_db = signal_ > 0 ? 10.0 * std::log10(signal_ / noise_) : -std::numeric_limits<double>::infinity();
  }
  f.cosine = samples_ > 0 ? cosine_sum_ / static_cast<double>(samples_) : 1.0;
  f.min_cosine = min_cosine_;
  f.rows = rows_;
  if (rows_ > 0) {
    f.top1_agreement = static_cast<double>(top1_) / static_cast<double>(rows_);
    if (row_length_ >= 5) f.top5_agreement = static_cast<double>(top5_) / static_cast<double>(rows_);
  }
  return f;
}

Result<FidelityReport> CompareModels(std::shared_ptr<const Graph> reference, std::shared_ptr<const Graph> candidate,
                                     const FidelityOptions& options) {
  if (options.samples < 1) return Errorf("--samples must be at least 1, got {}", options.samples);
  InterpreterOptions run;
  run.kernels = options.kernels;
  auto a = Interpreter::Create(std::move(reference), run);
  if (!a.ok()) return a.status().WithContext("model A");
  auto b = Interpreter::Create(std::move(candidate), run);
  if (!b.ok()) return b.status().WithContext("model B");
  Interpreter& ia = **a;
  Interpreter& ib = **b;
  QB_RETURN_IF_ERROR(CheckSameSignature(ia, ib));

  std::vector<OutputComparison> comparisons;
  for (size_t o = 0; o < ia.num_outputs(); ++o) {
    const Shape& shape = ia.output(o).shape;
    comparisons.emplace_back(shape.empty() ? 1 : shape.back());
  }
  for (int s = 0; s < options.samples; ++s) {
    const auto inputs = SeededModelInputs(ia, options.seed + static_cast<uint32_t>(s));
    QB_RETURN_IF_ERROR(SetInputs(ia, inputs).WithContext("model A"));
    QB_RETURN_IF_ERROR(SetInputs(ib, inputs).WithContext("model B"));
    ia.Invoke();
    ib.Invoke();
    for (size_t o = 0; o < ia.num_outputs(); ++o) comparisons[o].Add(ia.OutputAsFloats(o), ib.OutputAsFloats(o));
  }

  FidelityReport report;
  report.samples = options.samples;
  report.seed = options.seed;
  report.hybrid_input_bits = options.kernels.HybridInputsAreSevenBit() ? 7 : 8;
  for (size_t o = 0; o < comparisons.size(); ++o) {
    OutputFidelity f = comparisons[o].Finish();
    f.name = ia.output(o).name();
    f.shape = ia.output(o).shape;
    report.outputs.push_back(std::move(f));
  }
  return report;
}

std::string FidelityReportToJson(const FidelityReport& report, const std::string& reference_name,
                                 const std::string& candidate_name) {
  auto number_or_null = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
  auto optional = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  nlohmann::json j;
  j["reference"] = reference_name;
  j["candidate"] = candidate_name;
  j["samples"] = report.samples;
  j["seed"] = report.seed;
  j["input_range"] = {-1.0, 1.0};
  j["hybrid_input_bits"] = report.hybrid_input_bits;
  nlohmann::json outputs = nlohmann::json::array();
  for (const OutputFidelity& f : report.outputs) {
    outputs.push_back({{"name", f.name},
                       {"shape", f.shape},
                       {"max_abs_error", f.max_abs_error},
                       {"mean_abs_error", f.mean_abs_error},
                       {"sqnr_db", number_or_null(f.sqnr_db)},
                       {"cosine", f.cosine},
                       {"min_cosine", f.min_cosine},
                       {"top1_agreement", optional(f.top1_agreement)},
                       {"top5_agreement", optional(f.top5_agreement)},
                       {"rows", f.rows}});
  }
  j["outputs"] = outputs;
  return j.dump(2);
}

}  // namespace qb
