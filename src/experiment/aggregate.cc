#include "experiment/aggregate.h"

#include <cmath>

namespace qb::experiment {

MeanSd Aggregate(std::span<const double> values) {
  MeanSd result;
  result.n = static_cast<int>(values.size());
  if (values.empty()) return result;
  double sum = 0;
  for (double v : values) sum += v;
  result.mean = sum / static_cast<double>(values.size());
  if (values.size() < 2) return result;
  double squares = 0;
  for (double v : values) squares += (v - result.mean) * (v - result.mean);
  result.sd = std::sqrt(squares / static_cast<double>(values.size() - 1));
  return result;
}

}  // namespace qb::experiment
