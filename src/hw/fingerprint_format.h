// The hardware fingerprint as JSON (results.json, `hwinfo --json`) and as labelled rows (the `hwinfo` text
// and the hardware tables of the reports), so every place shows the same fields in the same words.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "hw/hardware_fingerprint.h"

namespace qb::hw {

nlohmann::json FingerprintToJson(const HardwareFingerprint& fp);
// Reads what FingerprintToJson wrote (e.g. another machine's results.json); names the missing field.
Result<HardwareFingerprint> FingerprintFromJson(const nlohmann::json& json);

// ("CPU", "Intel(R) Xeon(R) ..."), ("Cores / threads", "1 / 2"), ("Max clock", "3500 MHz"), ...
std::vector<std::pair<std::string, std::string>> FingerprintRows(const HardwareFingerprint& fp);
// "AVX2, FMA, AVX-512F, ..." — the features present, or "none".
std::string PresentFeatures(const IsaFeatures& isa);

}  // namespace qb::hw
