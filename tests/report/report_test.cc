// Reports: the generated reading, chart data and scripts, and the cross-hardware merge (two good folders and a
// corrupt one), through the library and `quantbench report`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "experiment/experiment_runner.h"
#include "experiment/results_json.h"
#include "report/cross_hardware_report.h"
#include "report/gnuplot_chart.h"
#include "report/reading.h"
#include "synthetic_results.h"
#include "test_support.h"

namespace qb::report {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

experiment::ExperimentSummary Summarize(const experiment::ExperimentResults& results) {
  auto summary = experiment::SummaryFromJson(experiment::ResultsToJson(results));
  EXPECT_TRUE(summary.ok()) << summary.status().message();
  return *summary;
}

std::string WriteRun(const std::string& cpu, const std::vector<testing::ModelTimes>& times) {
  const std::string dir = qb::testing::TempDir();
  EXPECT_TRUE(experiment::WriteResultFiles(testing::SyntheticRun(cpu, times), dir).ok());
  return dir;
}

TEST(ReadingTest, SaysHowManyModelsGotFasterAndWhatTheCpuHas) {
  const auto run = Summarize(testing::SyntheticRun("Xeon", {{"ResNet50", 120, 80}, {"VGG16", 570, 100}}));
  const auto reading = ReadingOf(run);
  ASSERT_GE(reading.size(), 3u);
  EXPECT_EQ(reading[0], "Quantization made 2 of 2 models faster, 1.5–5.7×.");
  EXPECT_EQ(reading[1], "Trial-to-trial spread of the average inference (sd / mean): 0.0–0.1%, largest for "
                        "ResNet50_quant.");
  EXPECT_EQ(reading[2], "This CPU (Xeon) has AVX-512 VNNI.");
  const auto slower = ReadingOf(Summarize(testing::SyntheticRun("Xeon", {{"MobileNet", 10, 12}})));
  EXPECT_NE(slower[0].find("0 of 1 models faster; slower: MobileNet (+20%"), std::string::npos) << slower[0];
}

TEST(ReadingTest, SaysWhenTheTrialsSpreadEnoughToHideSmallDifferences) {
  // The synthetic trials differ by 0.1 ms: 6.7% of a 1 ms model.
  const auto reading = ReadingOf(Summarize(testing::SyntheticRun("Xeon", {{"Tiny", 1.0, 0.5}})));
  ASSERT_GE(reading.size(), 2u);
  EXPECT_NE(reading[1].find("largest for Tiny_quant; the machine was noisy during this run"), std::string::npos)
      << reading[1];
}

TEST(GnuplotChartTest, DataMarksMissingValuesAndScriptDrawsErrorBars) {
  BarChart chart;
  chart.stem = "avg";
  chart.title = "Avg";
  chart.categories = {"A", "B"};
  chart.series = {{"Original", {1.5, std::nullopt}, {0.1, 0}}, {"Quantized", {0.5, 2.0}, {0.05, 0.2}}};
  EXPECT_EQ(ChartData(chart), "# category | Original | sd | Quantized | sd\n\"A\" 1.5 0.1 0.5 0.05\n\"B\" ? ? 2 0.2\n");
  const std::string script = ChartScript(chart);
  EXPECT_NE(script.find("histogram errorbars"), std::string::npos);
  EXPECT_NE(script.find("'avg.dat' using 2:3:xtic(1) title 'Original'"), std::string::npos) << script;
  EXPECT_NE(script.find("set terminal svg"), std::string::npos);
}

TEST(CrossHardwareReportTest, MergesTwoFoldersAndRejectsACorruptOne) {
  const std::string a = WriteRun("Ice Lake", {{"ResNet50", 120, 31}, {"MobileNet", 17, 11}});
  const std::string b = WriteRun("Broadwell", {{"ResNet50", 144, 157}});
  const std::string corrupt = qb::testing::TempDir();
  std::ofstream(corrupt + "/results.json") << "{\"schema\": \"quantbench-res";
  const std::string empty = qb::testing::TempDir();

  const LoadedRuns loaded = LoadRuns({a, b, corrupt, empty});
  ASSERT_EQ(loaded.runs.size(), 2u);
  ASSERT_EQ(loaded.skipped.size(), 2u);
  EXPECT_NE(loaded.skipped[0].find("corrupt"), std::string::npos) << loaded.skipped[0];
  EXPECT_NE(loaded.skipped[1].find("no results.json"), std::string::npos) << loaded.skipped[1];

  const std::string out = qb::testing::TempDir() + "/merged";
  ASSERT_TRUE(WriteCrossHardwareReport(loaded, out, stderr).ok());
  const std::string report = Slurp(out + "/report.md");
  EXPECT_NE(report.find("| Ice Lake | Broadwell |"), std::string::npos) << report;
  EXPECT_NE(report.find("| ResNet50 | 3.87× | 0.92× |"), std::string::npos) << report;
  EXPECT_NE(report.find("| MobileNet | 1.54× | n/a |"), std::string::npos) << report;
  EXPECT_NE(report.find("skipped: " + corrupt), std::string::npos) << report;
  EXPECT_TRUE(fs::exists(out + "/charts/speedup.dat"));
  if (GnuplotAvailable()) {
    EXPECT_GT(fs::file_size(out + "/charts/speedup.png"), 0u);
    EXPECT_GT(fs::file_size(out + "/charts/avg_inference_ms.svg"), 0u);
  }
}

TEST(GnuplotChartTest, RendersIntoARelativeFolder) {
  if (!GnuplotAvailable()) GTEST_SKIP() << "gnuplot is not installed";
  const std::string base = qb::testing::TempDir();
  const fs::path old_cwd = fs::current_path();
  fs::current_path(base);
  BarChart chart;
  chart.stem = "speedup";
  chart.title = "Speedup";
  chart.categories = {"A"};
  chart.series = {{"run", {2.0}, {}}};
  chart.reference_line = 1.0;
  auto rendered = WriteCharts({chart}, "out/charts");
  fs::current_path(old_cwd);
  ASSERT_TRUE(rendered.ok()) << rendered.status().message();
  EXPECT_TRUE(*rendered);
  EXPECT_GT(fs::file_size(base + "/out/charts/speedup.png"), 0u);
  EXPECT_GT(fs::file_size(base + "/out/charts/speedup.svg"), 0u);
  EXPECT_FALSE(fs::exists(base + "/out/charts/speedup.png.tmp"));
}

TEST(ReportCommandTest, MergesAndFailsOnlyWhenNothingMerges) {
  const std::string a = WriteRun("Ice Lake", {{"ResNet50", 120, 31}});
  const std::string b = WriteRun("Raspberry Pi 5", {{"ResNet50", 300, 105}});
  const std::string corrupt = qb::testing::TempDir();
  std::ofstream(corrupt + "/results.json") << "not json";
  const std::string out = qb::testing::TempDir() + "/report";
  const auto run = qb::testing::RunTool("report " + a + " " + b + " " + corrupt + " --out " + out);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("merged 2 results folder(s)"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("skipped " + corrupt + "/results.json: corrupt"), std::string::npos) << run.err;

  const auto none = qb::testing::RunTool("report " + corrupt + " --out " + out);
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("quantbench: error: no results folder could be merged"), std::string::npos) << none.err;
}

}  // namespace
}  // namespace qb::report
