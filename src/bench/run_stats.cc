#include "bench/run_stats.h"

#include <algorithm>
#include <cmath>

namespace qb::bench {

void RunStats::Add(int64_t value_us) {
  samples_.push_back(value_us);
  min_ = std::min(min_, value_us);
  max_ = std::max(max_, value_us);
  sum_ += value_us;
  squared_sum_ += static_cast<double>(value_us) * static_cast<double>(value_us);
}

double RunStats::avg() const { return empty() ? 0.0 : static_cast<double>(sum_) / static_cast<double>(count()); }

int64_t RunStats::variance() const {
  if (all_same()) return 0;
  const double mean = avg();
  return static_cast<int64_t>(squared_sum_ / static_cast<double>(count()) - mean * mean);
}

int64_t RunStats::std_deviation() const {
  if (all_same()) return 0;
  return static_cast<int64_t>(std::sqrt(static_cast<double>(variance())));
}

double RunStats::Percentile(double p) const {
  if (empty()) return 0.0;
  std::vector<int64_t> sorted(samples_.begin(), samples_.end());
  std::sort(sorted.begin(), sorted.end());
  const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size() - 1);
  const size_t lower = static_cast<size_t>(std::floor(rank));
  const size_t upper = std::min(lower + 1, sorted.size() - 1);
  const double fraction = rank - static_cast<double>(lower);
  return static_cast<double>(sorted[lower]) + fraction * static_cast<double>(sorted[upper] - sorted[lower]);
}

}  // namespace qb::bench
