// See litert_runner.h.
#include "litert_runner.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>


namespace qb::testing {
namespace {

namespace fs = std::filesystem;

const std::string kLiteRtDir = std::string(QB_SOURCE_DIR) + "/tests/compat/litert";

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string LiteRtUnavailable() {
  if (std::system("command -v node >/dev/null 2>&1") != 0) {
    return "node is not installed (scripts/install-node-deps.sh installs it)";
  }
  if (!fs::exists(kLiteRtDir + "/node_modules/@litertjs/core/wasm")) {
    return kLiteRtDir + "/node_modules is missing (run scripts/install-node-deps.sh, or npm ci there)";
  }
  return "";
}

std::map<std::string, std::string> RunInLiteRt(const std::vector<LiteRtJob>& jobs, const std::string& dir,
                                               std::string* process_error) {
  std::string command = "node " + ShellQuote(kLiteRtDir + "/run_tflite.mjs");
  for (const LiteRtJob& j : jobs) {
    for (const std::string* arg : {&j.model, &j.input, &j.output}) command.append(" ").append(ShellQuote(*arg));
  }
  const std::string err_path = dir + "/litert.err";
  int status = std::system((command + " >/dev/null 2>" + ShellQuote(err_path)).c_str());
  std::map<std::string, std::string> errors;
  std::ifstream err(err_path);
  std::string line, unattributed;
  while (std::getline(err, line)) {
    bool attributed = false;
    for (const LiteRtJob& j : jobs) {
      if (line.rfind("run_tflite: " + j.model + ": ", 0) == 0) {
        errors[j.model] = line;
        attributed = true;
      }
    }
    if (!attributed) unattributed += line + "\n";
  }
  if (status != 0 && errors.empty()) {
    *process_error = "node exited with status " + std::to_string(status) + ": " + unattributed;
  }
  return errors;
}

}  // namespace qb::testing
