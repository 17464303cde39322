#include "test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace qb::testing {
namespace fs = std::filesystem;

std::string FixturesDir() {
  if (const char* env = std::getenv("QB_FIXTURES"); env && *env) return env;
  return QB_DEFAULT_FIXTURES_DIR;
}

bool HaveFixtures() { return fs::exists(fs::path(FixturesDir()) / "index.tsv"); }

std::string FixturePath(const std::string& name) { return (fs::path(FixturesDir()) / "tflite" / (name + ".tflite")).string(); }

std::string GoldenPath(const std::string& name, const std::string& suffix) {
  return (fs::path(FixturesDir()) / "golden" / (name + "." + suffix)).string();
}

std::vector<FixtureEntry> ListFixtures() {
  std::vector<FixtureEntry> entries;
  std::ifstream in(fs::path(FixturesDir()) / "index.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream row(line);
    FixtureEntry e;
    std::string golden;
    if (std::getline(row, e.name, '\t') && std::getline(row, e.kind, '\t') && std::getline(row, golden, '\t')) {
      e.golden = golden == "yes";
      entries.push_back(e);
    }
  }
  return entries;
}

std::vector<FixtureEntry> FixturesOrNone() { return HaveFixtures() ? ListFixtures() : std::vector<FixtureEntry>{}; }

std::string FixtureTestName(const ::testing::TestParamInfo<FixtureEntry>& info) {
  std::string name = info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

std::string TempDir() {
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() /
                 ("qb_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  static std::vector<fs::path>* dirs = [] {
    auto* v = new std::vector<fs::path>();
    std::atexit([] {
      std::error_code ec;
      for (const auto& d : *dirs) fs::remove_all(d, ec);
    });
    return v;
  }();
  dirs->push_back(dir);
  return dir.string();
}

ToolRun RunTool(const std::string& args) {
  std::string dir = TempDir();
  std::string command = std::string(QB_TOOL_COMMAND) + " " + args + " >" + dir + "/out 2>" + dir + "/err";
  int status = std::system(command.c_str());
  auto slurp = [](const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  ToolRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = slurp(dir + "/out");
  run.err = slurp(dir + "/err");
  return run;
}

void ExpectOneLineError(const ToolRun& run, const std::string& fragment) {
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_EQ(run.err.rfind("quantbench: error: ", 0), 0u) << run.err;
  EXPECT_NE(run.err.find(fragment), std::string::npos) << run.err;
}

}  // namespace qb::testing
