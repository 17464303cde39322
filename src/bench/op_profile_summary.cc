#include "bench/op_profile_summary.h"

#include <algorithm>
#include <map>

namespace qb::bench {

std::vector<OpTypeSummary> SummarizeByType(const OpProfile& profile) {
  std::vector<OpTypeSummary> rows;
  const int64_t runs = profile.run_total_us.count();
  if (runs == 0) return rows;

  std::map<std::string, size_t> row_of_type;
  int64_t accumulated_us = 0;
  for (const OpTiming& op : profile.ops) {
    auto [it, inserted] = row_of_type.try_emplace(op.type, rows.size());
    if (inserted) {
      rows.emplace_back();
      rows.back().type = op.type;
    }
    OpTypeSummary& row = rows[it->second];
    const int64_t per_run_us = op.time_us.sum() / runs;
    accumulated_us += per_run_us;
    row.count += 1;
    row.total_us += per_run_us;
    row.times_called += op.time_us.count() / runs;
    if (std::find(row.implementations.begin(), row.implementations.end(), op.implementation) ==
        row.implementations.end()) {
      row.implementations.push_back(op.implementation);
    }
  }
  std::sort(rows.begin(), rows.end(), [](const OpTypeSummary& a, const OpTypeSummary& b) {
    return a.total_us != b.total_us ? a.total_us > b.total_us : a.type > b.type;
  });
  float cdf = 0.0f;
  for (OpTypeSummary& row : rows) {
    row.avg_ms = static_cast<float>(row.total_us) / 1000.0f;
    row.percent = accumulated_us > 0
                      ? static_cast<float>(row.total_us) / static_cast<float>(accumulated_us) * 100.0f
                      : 0.0f;
    cdf += row.percent;
    row.cdf_percent = cdf;
  }
  return rows;
}

}  // namespace qb::bench
