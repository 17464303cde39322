// Running statistics of one benchmark loop, computed exactly as TensorFlow Lite's Stat<int64_t>
// (tsl/util/stats_calculator.h) computes them, so the printed numbers match benchmark_model's:
// avg is a double, the population variance is truncated to an integer, and std is the square root of
// that integer, truncated again. Every sample is also kept, for percentiles and the JSON output.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace qb::bench {

class RunStats {
 public:
  void Add(int64_t value_us);

  bool empty() const { return samples_.empty(); }
  int64_t count() const { return static_cast<int64_t>(samples_.size()); }
  int64_t first() const { return empty() ? 0 : samples_.front(); }
  int64_t newest() const { return empty() ? 0 : samples_.back(); }
  int64_t min() const { return min_; }  // meaningful only when not empty
  int64_t max() const { return max_; }
  int64_t sum() const { return sum_; }
  // All samples equal (or none): TensorFlow Lite then prints "count=N curr=X".
  bool all_same() const { return empty() || min_ == max_; }
  // Mean; 0 when empty (TensorFlow Lite's Stat<int64_t> returns int64's quiet_NaN(), which is 0).
  double avg() const;
  // Population variance and standard deviation, truncated like Stat<int64_t>.
  int64_t variance() const;
  int64_t std_deviation() const;
  // Linear interpolation between the closest ranks of the sorted samples (p in [0, 100]); 0 when empty.
  double Percentile(double p) const;
  std::span<const int64_t> samples() const { return samples_; }

 private:
  std::vector<int64_t> samples_;
  int64_t min_ = INT64_MAX;
  int64_t max_ = INT64_MIN;
  int64_t sum_ = 0;
  double squared_sum_ = 0;
};

}  // namespace qb::bench
