// finalResult.csv in the original notebook's layout: the first column ("Model") names the row — MobileNet,
// MobileNet_quant, InceptionV3, ... — then the seven metrics' means, then their standard deviations in columns
// named "<metric>_sd" ("Init Time (ms)_sd"). Values have four decimals.
#pragma once

#include <string>
#include <vector>

#include "experiment/experiment_results.h"

namespace qb::experiment {

std::string FinalResultHeader();
std::string FinalResultCsv(const std::vector<RowResult>& rows);

}  // namespace qb::experiment
