// `quantbench report DIR... --out OUT`: merges the results folders of several machines (or ISA levels) into
// one cross-hardware report (src/report/cross_hardware_report.h). Folders that cannot be merged are named on
// stderr with the reason and skipped; it fails only when none can be merged.
#include <cstdio>
#include <memory>

#include "commands.h"
#include "report/cross_hardware_report.h"

namespace qb::tools {
namespace {

struct ReportArgs {
  std::vector<std::string> dirs;
  std::string out;
};

Status MakeReport(const ReportArgs& args) {
  const report::LoadedRuns loaded = report::LoadRuns(args.dirs);
  QB_RETURN_IF_ERROR(report::WriteCrossHardwareReport(loaded, args.out, stderr));
  std::printf("merged %zu results folder(s) into %s/report.md (%zu skipped)\n", loaded.runs.size(), args.out.c_str(),
              loaded.skipped.size());
  return OkStatus();
}

}  // namespace

void AddReportCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Merge the results folders of several machines into one cross-hardware report (tables, charts)");
  cmd->add_option("dirs", args->dirs, "Results folders (each with a results.json), e.g. copied from other machines")
      ->required();
  cmd->add_option("--out", args->out, "Folder for report.md and charts/ (created when missing)")->required();
  cmd->callback([args, &exit_code] {
    Status status = MakeReport(*args);
    if (!status.ok()) exit_code = ReportError(status);
  });
}

}  // namespace qb::tools
