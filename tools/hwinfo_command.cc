// `quantbench hwinfo [--json]`: the hardware fingerprint every result carries (src/hw).
#include <cstdio>
#include <memory>

#include "commands.h"
#include "hw/fingerprint_format.h"

namespace qb::tools {

void AddHwinfoCommand(CLI::App& app, int& exit_code) {
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "hwinfo", "Print this machine's hardware fingerprint: CPU, cores, clock, BogoMIPS, caches, deep-learning ISA features");
  cmd->add_flag("--json", *json, "Print it as JSON (the \"hardware\" object of results.json)");
  cmd->callback([json, &exit_code] {
    const hw::HardwareFingerprint fp = hw::CollectFingerprint();
    if (*json) {
      std::printf("%s\n", hw::FingerprintToJson(fp).dump(2).c_str());
    } else {
      for (const auto& [label, value] : hw::FingerprintRows(fp)) std::printf("%-28s %s\n", (label + ":").c_str(), value.c_str());
    }
    exit_code = 0;
  });
}

}  // namespace qb::tools
