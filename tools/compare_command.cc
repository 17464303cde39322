// `quantbench compare A.tflite B.tflite [--samples N] [--seed S] [--json]`: runs both models on the same N
// seeded inputs and reports how far B's outputs are from A's (src/quant/fidelity.h) — the fidelity cost of
// quantization when A is the float32 model and B its quantized version.
#include <cmath>
#include <cstdio>

#include "commands.h"
#include "quant/fidelity.h"
#include "tflite/reader.h"

namespace qb::tools {
namespace {

struct CompareArgs {
  std::string reference, candidate;
  int samples = 10;
  uint32_t seed = 1;
  int num_threads = 1;
  KernelFlags kernels;
  bool json = false;
};

std::string Percent(const std::optional<double>& v) { return v ? fmt::format("{:.1f}%", *v * 100.0) : "n/a"; }

Status Compare(const CompareArgs& args) {
  QB_ASSIGN_OR_RETURN(auto a, ReadTfliteFile(args.reference));
  QB_ASSIGN_OR_RETURN(auto b, ReadTfliteFile(args.candidate));
  FidelityOptions options;
  options.samples = args.samples;
  options.seed = args.seed;
  QB_ASSIGN_OR_RETURN(options.kernels,
                      ResolveKernelConfig(args.kernels, args.num_threads));
  auto report = CompareModels(a, b, options);
  if (!report.ok()) return report.status().WithContext(args.reference + " vs " + args.candidate);
  if (args.json) {
    std::printf("%s\n", FidelityReportToJson(*report, args.reference, args.candidate).c_str());
    return OkStatus();
  }
  std::printf("A: %s\nB: %s\n%d samples, seeds %u..%u, inputs uniform in [-1, 1)\n", args.reference.c_str(),
              args.candidate.c_str(), report->samples, report->seed,
              report->seed + static_cast<uint32_t>(report->samples - 1));
  for (size_t i = 0; i < report->outputs.size(); ++i) {
    const OutputFidelity& f = report->outputs[i];
    std::printf(
        "output %zu '%s' %s: max_abs_error=%.6g mean_abs_error=%.6g sqnr_db=%s cosine=%.6f (min %.6f) top1=%s "
        "top5=%s\n",
        i, f.name.c_str(), ShapeToString(f.shape).c_str(), f.max_abs_error, f.mean_abs_error,
        std::isfinite(f.sqnr_db) ? fmt::format("{:.2f}", f.sqnr_db).c_str() : "inf", f.cosine, f.min_cosine,
        Percent(f.top1_agreement).c_str(), Percent(f.top5_agreement).c_str());
  }
  return OkStatus();
}

}  // namespace

void AddCompareCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Run two models on the same seeded inputs and report how far B's outputs are from A's");
  cmd->add_option("a", args->reference, "Reference model (the float32 .tflite)")->required();
  cmd->add_option("b", args->candidate, "Model compared with it (e.g. the quantized .tflite)")->required();
  cmd->add_option("--samples", args->samples, "Number of seeded inputs")->check(CLI::Range(1, 1000000));
  cmd->add_option("--seed", args->seed, "Seed of the first input; sample i uses seed + i");
  cmd->add_option("--num_threads", args->num_threads, "Threads")->check(CLI::Range(1, 1024));
  AddKernelFlags(*cmd, args->kernels);
  cmd->add_flag("--json", args->json, "Print the report as JSON");
  cmd->callback([args, &exit_code] {
    Status status = Compare(*args);
    if (!status.ok()) exit_code = ReportError(status);
  });
}

}  // namespace qb::tools
