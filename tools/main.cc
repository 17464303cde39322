// quantbench: does post-training quantization make this CNN faster on this hardware, by how much, and
// at what cost? Subcommands are registered here; each is implemented in its own file.
#include <cstdio>

#include "commands.h"

namespace qb::tools {

int ReportError(const Status& status) {
  std::fprintf(stderr, "quantbench: error: %s\n", status.message().c_str());
  return 1;
}

}  // namespace qb::tools

int main(int argc, char** argv) {
  CLI::App app{"quantbench: measures whether post-training quantization makes a CNN faster on this machine"};
  app.require_subcommand(1);
  int exit_code = 0;
  qb::tools::AddRunCommand(app, exit_code);
  qb::tools::AddBenchCommand(app, exit_code);
  qb::tools::AddModelsCommand(app, exit_code);
  qb::tools::AddQuantizeCommand(app, exit_code);
  qb::tools::AddCompareCommand(app, exit_code);
  qb::tools::AddExperimentCommand(app, exit_code);
  qb::tools::AddHwinfoCommand(app, exit_code);
  qb::tools::AddReportCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
