// Mean and standard deviation of a metric over the trials of one model and variant. The standard deviation is
// the sample one (n − 1 in the denominator, pandas' default, as the original notebook computed it); with fewer
// than two trials it is 0.
#pragma once

#include <span>

namespace qb::experiment {

struct MeanSd {
  double mean = 0;
  double sd = 0;
  int n = 0;
};

MeanSd Aggregate(std::span<const double> values);

}  // namespace qb::experiment
