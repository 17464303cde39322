#include "experiment/final_result_csv.h"

#include <fmt/format.h>

namespace qb::experiment {
namespace {

// Quotes a field holding a comma or a quote (RFC 4180); metric names hold neither.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::string FinalResultHeader() {
  std::string header = "Model";
  for (size_t m = 0; m < kMetricCount; ++m) header.append(",").append(CsvField(std::string(MetricName(m))));
  for (size_t m = 0; m < kMetricCount; ++m) header.append(",").append(CsvField(std::string(MetricName(m)) + "_sd"));
  return header;
}

std::string FinalResultCsv(const std::vector<RowResult>& rows) {
  std::string csv = FinalResultHeader() + "\n";
  for (const RowResult& row : rows) {
    csv += CsvField(row.name());
    for (size_t m = 0; m < kMetricCount; ++m) csv += fmt::format(",{:.4f}", row.stats[m].mean);
    for (size_t m = 0; m < kMetricCount; ++m) csv += fmt::format(",{:.4f}", row.stats[m].sd);
    csv += "\n";
  }
  return csv;
}

}  // namespace qb::experiment
