// The journal: durable appends, resume, refusal of another configuration, corrupt and cut-short files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "experiment/journal.h"
#include "test_support.h"
#include "tflite_output_samples.h"

namespace qb::experiment {
namespace {

nlohmann::json Key(int trials) { return {{"models", {"TinyVGG"}}, {"trials", trials}, {"tool_version", "0.1.0"}}; }

TrialRecord Trial(int index) {
  TrialRecord r;
  r.model = "TinyVGG";
  r.variant = index % 2 == 0 ? Variant::kFloat : Variant::kQuant;
  r.trial = index / 2;
  r.bench = *ParseBenchOutput(samples::kBenchmarkModel);
  r.metrics = MetricsFromBenchOutput(r.bench);
  return r;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void Append(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::app) << text; }

std::string JournalWithTrials(int count) {
  const std::string path = testing::TempDir() + "/" + kJournalFileName;
  auto journal = Journal::Open(path, Key(3), false);
  EXPECT_TRUE(journal.ok()) << journal.status().message();
  for (int i = 0; i < count; ++i) EXPECT_TRUE((*journal)->Append(Trial(i)).ok());
  return path;
}

TEST(JournalTest, ResumesTheRecordedTrials) {
  const std::string path = JournalWithTrials(3);
  auto reopened = Journal::Open(path, Key(3), false);
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  ASSERT_EQ((*reopened)->records().size(), 3u);
  EXPECT_EQ((*reopened)->records()[1].variant, Variant::kQuant);
  EXPECT_DOUBLE_EQ((*reopened)->records()[2].metrics[kAvgInferenceMetric], 8.09217);
  EXPECT_TRUE((*reopened)->recovery_note().empty());
  EXPECT_FALSE((*reopened)->started_at().empty());
}

TEST(JournalTest, RefusesAnotherConfigurationUnlessRestarted) {
  const std::string path = JournalWithTrials(2);
  auto other = Journal::Open(path, Key(10), false);
  ASSERT_FALSE(other.ok());
  const std::string message = other.status().message();
  EXPECT_NE(message.find("different configuration"), std::string::npos) << message;
  EXPECT_NE(message.find("trials: 3 in the journal, 10 now"), std::string::npos) << message;
  EXPECT_NE(message.find("--restart"), std::string::npos) << message;
  auto restarted = Journal::Open(path, Key(10), true);
  ASSERT_TRUE(restarted.ok()) << restarted.status().message();
  EXPECT_TRUE((*restarted)->records().empty());
}

TEST(JournalTest, DropsALineCutShortByACrash) {
  const std::string path = JournalWithTrials(2);
  const std::string complete = Slurp(path);
  Append(path, R"({"model":"TinyVGG","variant":"qu)");  // the parent killed mid-write
  auto reopened = Journal::Open(path, Key(3), false);
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  EXPECT_EQ((*reopened)->records().size(), 2u);
  EXPECT_NE((*reopened)->recovery_note().find("unfinished last line"), std::string::npos);
  EXPECT_EQ(Slurp(path), complete);  // cut off, so the next append starts a clean line
}

TEST(JournalTest, CorruptLineIsAClearError) {
  const std::string path = JournalWithTrials(1);
  Append(path, "this is not json\n");
  auto reopened = Journal::Open(path, Key(3), false);
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.status().message().find("line 3 is corrupt"), std::string::npos) << reopened.status().message();
}

TEST(JournalTest, NotAJournalIsAClearError) {
  const std::string path = testing::TempDir() + "/" + kJournalFileName;
  std::ofstream(path) << "{\"something\": \"else\"}\n";
  auto opened = Journal::Open(path, Key(3), false);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("not a quantbench experiment journal"), std::string::npos);
}

TEST(JournalTest, TrialThatIsNotATrialIsAClearError) {
  const std::string path = JournalWithTrials(1);
  Append(path, "{\"model\": \"TinyVGG\"}\n");
  auto reopened = Journal::Open(path, Key(3), false);
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.status().message().find("line 3 is not a trial"), std::string::npos) << reopened.status().message();
}

}  // namespace
}  // namespace qb::experiment
