// Results files are written through a temporary file and a rename: complete or absent, never half-written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/file_io.h"
#include "test_support.h"

namespace qb {
namespace {

namespace fs = std::filesystem;

TEST(AtomicFilesTest, ReplacesTheFileAndLeavesNoTemporary) {
  const std::string dir = testing::TempDir();
  const std::string path = dir + "/finalResult.csv";
  ASSERT_TRUE(WriteTextFileAtomically(path, "old\n").ok());
  ASSERT_TRUE(WriteTextFileAtomically(path, "new\n").ok());
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "new\n");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(AtomicFilesTest, FailureLeavesNothingBehind) {
  const std::string dir = testing::TempDir();
  const Status status = WriteTextFileAtomically(dir + "/missing/results.json", "{}");
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(AtomicFilesTest, EnsureWritableFolderCreatesOrExplains) {
  const std::string dir = testing::TempDir() + "/a/b";
  EXPECT_TRUE(EnsureWritableFolder(dir).ok());
  EXPECT_TRUE(fs::is_directory(dir));
  const std::string file = dir + "/file";
  std::ofstream(file) << "x";
  const Status status = EnsureWritableFolder(file + "/sub");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("cannot create the output folder"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace qb
