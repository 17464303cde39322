// The quantbench subcommands. Each lives in its own <name>_command.cc as a thin layer over the library:
// it parses flags (CLI11), calls the library, and turns a failed Status into one error line on stderr
// and a non-zero exit code.
#pragma once

#include <CLI/CLI.hpp>

#include "core/status.h"
#include "kernels/kernel_factory.h"

namespace qb::tools {

// Prints "quantbench: error: <message>" to stderr and returns the exit code for a failure (1).
int ReportError(const Status& status);

// The kernel flags every command that runs a model takes: --float_backend, --hybrid_backend and --isa
// (kernels/kernel_factory.h; empty = default).
void AddKernelFlags(CLI::App& command, KernelFlags& flags);

void AddRunCommand(CLI::App& app, int& exit_code);
void AddBenchCommand(CLI::App& app, int& exit_code);
void AddModelsCommand(CLI::App& app, int& exit_code);
void AddQuantizeCommand(CLI::App& app, int& exit_code);
void AddCompareCommand(CLI::App& app, int& exit_code);
void AddExperimentCommand(CLI::App& app, int& exit_code);
void AddHwinfoCommand(CLI::App& app, int& exit_code);
void AddReportCommand(CLI::App& app, int& exit_code);

}  // namespace qb::tools
