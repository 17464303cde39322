// Helpers of the backend tests: the backends under test, the ISA cap of this test process, and the
// comparison every backend test makes — within 1e-4 of the reference, relative to the output's largest
// magnitude (an element-wise relative error is meaningless for outputs near zero).
//
// The ISA cap comes from $QB_ISA, as in the tool: oneDNN's cap can be set once per process, so ctest runs
// this binary once per level (backend_tests.isa_<level>); a level this CPU lacks skips every test with
// the marker kIsaUnavailable, which ctest reports as skipped.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kernels/kernel_factory.h"

namespace qb::testing {

inline constexpr const char* kIsaUnavailable = "QB_ISA_UNAVAILABLE";

// The backends other than reference that this build has.
inline std::vector<FloatBackend> OptimizedBackends() {
  std::vector<FloatBackend> backends;
  for (FloatBackend b : BuiltFloatBackends()) {
    if (b != FloatBackend::kReference) backends.push_back(b);
  }
  return backends;
}

inline std::string BackendParamName(const ::testing::TestParamInfo<FloatBackend>& info) {
  return std::string(FloatBackendName(info.param));
}

// The configuration of `backend` under this process's cap; skips the test when the CPU lacks the cap.
#define QB_BACKEND_CONFIG_OR_SKIP(config, backend)                                                     \
  KernelConfig config;                                                                                 \
  do {                                                                                                 \
    auto qb_isa_ = SelectIsa("");                                                                      \
    if (!qb_isa_.ok()) GTEST_SKIP() << ::qb::testing::kIsaUnavailable << ": " << qb_isa_.status().message(); \
    config.isa = *qb_isa_;                                                                             \
    config.float_backend = (backend);                                                                  \
    const Status qb_configured_ = ConfigureBackends(config);                                           \
    ASSERT_TRUE(qb_configured_.ok()) << qb_configured_.message();                                     \
  } while (0)

inline void ExpectCloseToReference(const std::vector<float>& actual, const std::vector<float>& reference,
                                   double relative = 1e-4) {
  ASSERT_EQ(actual.size(), reference.size());
  double scale = 1e-6;
  for (float v : reference) scale = std::max(scale, static_cast<double>(std::abs(v)));
  size_t bad = 0;
  double worst = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    const double error = std::abs(static_cast<double>(actual[i]) - reference[i]);
    if (!(error <= relative * scale)) ++bad;
    if (!(error <= worst)) worst = error;
  }
  EXPECT_EQ(bad, 0u) << bad << " of " << actual.size() << " elements differ by more than " << relative
                     << " x " << scale << "; worst " << worst;
}

}  // namespace qb::testing
