#include "experiment/experiment_results.h"

namespace qb::experiment {

std::vector<RowResult> AggregateRows(const ExperimentResults& results) {
  std::vector<RowResult> rows;
  for (const std::string& model : results.spec.models) {
    for (Variant variant : kVariants) {
      RowResult row;
      row.model = model;
      row.variant = variant;
      for (size_t m = 0; m < kMetricCount; ++m) {
        std::vector<double> values;
        for (const TrialRecord& t : results.trials) {
          if (t.model == model && t.variant == variant) values.push_back(t.metrics[m]);
        }
        row.stats[m] = Aggregate(values);
      }
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace qb::experiment
