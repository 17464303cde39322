// Helpers shared by the test suites: where the fixtures are, and small graph builders.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace qb::testing {

// The fixtures folder: $QB_FIXTURES, else ../shared/fixtures beside the source tree.
std::string FixturesDir();
// True when the fixtures folder exists; tests that need it call GTEST_SKIP() with a message otherwise.
bool HaveFixtures();
std::string FixturePath(const std::string& name);  // FixturesDir()/tflite/<name>.tflite
std::string GoldenPath(const std::string& name, const std::string& suffix);  // golden/<name>.<suffix>
// Every row of index.tsv: name, kind, has golden.
struct FixtureEntry {
  std::string name, kind;
  bool golden = false;
};
std::vector<FixtureEntry> ListFixtures();
inline void PrintTo(const FixtureEntry& e, std::ostream* os) { *os << e.name; }
// Every fixture, or none where the fixtures are absent: the values of a parameterized fixture test.
std::vector<FixtureEntry> FixturesOrNone();
// A fixture's name as a test name (every character but letters and digits becomes '_').
std::string FixtureTestName(const ::testing::TestParamInfo<FixtureEntry>& info);

// Runs the quantbench binary built with the tests (arguments are passed to the shell as they are).
struct ToolRun {
  int exit_code = 0;
  std::string out, err;
};
ToolRun RunTool(const std::string& args);
// The tool failed the way every bad input must fail: exit code 1 and one line on stderr,
// "quantbench: error: ..." containing `fragment`.
void ExpectOneLineError(const ToolRun& run, const std::string& fragment);

// A fresh empty temporary directory, removed at process exit.
std::string TempDir();

}  // namespace qb::testing

#define QB_SKIP_WITHOUT_FIXTURES()                                                                    \
  do {                                                                                                \
    if (!::qb::testing::HaveFixtures())                                                               \
      GTEST_SKIP() << "fixtures not found at " << ::qb::testing::FixturesDir()                       \
                   << " (set QB_FIXTURES to the shared/fixtures folder)";                             \
  } while (0)
