// The time left weighs each remaining trial by its own group's mean time.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "experiment/progress.h"

namespace qb::experiment {
namespace {

std::string Lines(std::FILE* f) {
  std::rewind(f);
  std::string text;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, f)) text += buffer;
  return text;
}

TEST(ProgressTest, TimeLeftUsesEachGroupsMean) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    Progress progress(f, 4, 0, {"M", "M", "M_quant", "M_quant"});
    progress.TrialDone("M #1", 10, 1);        // left: M 10 + M_quant (unknown: overall mean 10) x2 = 30
    progress.TrialDone("M #2", 10, 1);        // left: 2 x 10 = 20
    progress.TrialDone("M_quant #1", 100, 9);  // left: 1 x 100
    progress.TrialDone("M_quant #2", 100, 9);
    progress.Finish();
  }
  const std::string text = Lines(f);
  std::fclose(f);
  EXPECT_NE(text.find("trial 1/4 M #1: avg inference 1.000 ms (10.0 s), ETA 30s"), std::string::npos) << text;
  EXPECT_NE(text.find("trial 2/4 M #2: avg inference 1.000 ms (10.0 s), ETA 20s"), std::string::npos) << text;
  EXPECT_NE(text.find("trial 3/4 M_quant #1: avg inference 9.000 ms (100.0 s), ETA 1m40s"), std::string::npos) << text;
  EXPECT_NE(text.find("trial 4/4 M_quant #2: avg inference 9.000 ms (100.0 s), ETA 0s"), std::string::npos) << text;
}

}  // namespace
}  // namespace qb::experiment
