// Mean and sample standard deviation; finalResult.csv's exact header and row names.
#include <gtest/gtest.h>

#include <vector>

#include "experiment/aggregate.h"
#include "experiment/final_result_csv.h"

namespace qb::experiment {
namespace {

TEST(AggregateTest, MeanAndSampleStandardDeviation) {
  const std::vector<double> values = {1, 2, 3, 4};
  const MeanSd s = Aggregate(values);
  EXPECT_EQ(s.n, 4);
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_NEAR(s.sd, 1.2909944487358056, 1e-12);  // pandas' std(): n - 1
}

TEST(AggregateTest, OneOrNoTrial) {
  const std::vector<double> one = {7};
  EXPECT_DOUBLE_EQ(Aggregate(one).mean, 7);
  EXPECT_DOUBLE_EQ(Aggregate(one).sd, 0);
  EXPECT_EQ(Aggregate({}).n, 0);
}

TEST(FinalResultCsvTest, ExactHeaderOfTheNotebook) {
  EXPECT_EQ(FinalResultHeader(),
            "Model,Init Time (ms),Init Inference (ms),First Inference (ms),Warmup Inference (ms),Avg Inference (ms),"
            "Memory Init (MB),Memory Overall (MB),Init Time (ms)_sd,Init Inference (ms)_sd,First Inference (ms)_sd,"
            "Warmup Inference (ms)_sd,Avg Inference (ms)_sd,Memory Init (MB)_sd,Memory Overall (MB)_sd");
}

TEST(FinalResultCsvTest, RowsAreNamedLikeTheNotebook) {
  RowResult f, q;
  f.model = q.model = "MobileNet";
  q.variant = Variant::kQuant;
  f.stats[4] = {17.25, 0.5, 10};
  q.stats[4] = {11, 0.125, 10};
  const std::string csv = FinalResultCsv({f, q});
  const size_t first = csv.find('\n') + 1;
  EXPECT_EQ(csv.substr(first, csv.find('\n', first) - first),
            "MobileNet,0.0000,0.0000,0.0000,0.0000,17.2500,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.5000,0.0000,0.0000");
  EXPECT_NE(csv.find("\nMobileNet_quant,"), std::string::npos);
}

}  // namespace
}  // namespace qb::experiment
