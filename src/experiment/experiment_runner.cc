#include "experiment/experiment_runner.h"

#include <filesystem>
#include <set>
#include <tuple>

#include "core/file_io.h"
#include "experiment/final_result_csv.h"
#include "experiment/journal.h"
#include "experiment/progress.h"
#include "experiment/results_json.h"
#include "experiment/trial_runner.h"
#include "hw/hardware_fingerprint.h"

namespace qb::experiment {
namespace {

using TrialKey = std::tuple<std::string, Variant, int>;

std::string Join(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

}  // namespace

Result<ExperimentResults> RunExperiment(const ExperimentSpec& input_spec, std::FILE* log) {
  QB_RETURN_IF_ERROR(ValidateSpec(input_spec));
  ExperimentResults results;
  results.spec = input_spec;
  ExperimentSpec& spec = results.spec;
  if (spec.models_dir.empty()) spec.models_dir = Join(spec.out_dir, "models");
  QB_RETURN_IF_ERROR(EnsureWritableFolder(spec.out_dir));
  QB_RETURN_IF_ERROR(EnsureWritableFolder(spec.models_dir));

  QB_ASSIGN_OR_RETURN(auto journal, Journal::Open(Join(spec.out_dir, kJournalFileName), ResumeKey(spec), spec.restart));
  if (!journal->recovery_note().empty()) std::fprintf(log, "note: %s\n", journal->recovery_note().c_str());
  results.started_at = journal->started_at();
  results.hardware = hw::CollectFingerprint();

  const LogLine log_line = [log](const std::string& line) {
    std::fprintf(log, "%s\n", line.c_str());
    std::fflush(log);
  };
  for (const std::string& name : spec.models) {
    QB_ASSIGN_OR_RETURN(PreparedModel model, PrepareModel(spec, name, log_line));
    results.models.push_back(std::move(model));
  }

  std::set<TrialKey> done;
  for (const TrialRecord& r : journal->records()) {
    if (done.insert({r.model, r.variant, r.trial}).second) results.trials.push_back(r);
  }
  const int total = static_cast<int>(spec.models.size()) * 2 * spec.trials;
  struct PendingTrial {
    const PreparedModel* model;
    Variant variant;
    int trial;
  };
  std::vector<PendingTrial> pending;
  std::vector<std::string> plan;
  // A model's float32 and quantized trials alternate (float #1, quantized #1, float #2, ...): a drift of the
  // machine's speed during the run (a neighbour on a shared VM) then touches both variants alike instead of
  // all the trials of one of them, and the speedup, their ratio, stays honest.
  for (const PreparedModel& model : results.models) {
    for (int trial = 0; trial < spec.trials; ++trial) {
      for (Variant variant : kVariants) {
        if (done.count({model.name, variant, trial}) != 0) continue;
        pending.push_back({&model, variant, trial});
        plan.push_back(RowName(model.name, variant));
      }
    }
  }
  Progress progress(log, total, static_cast<int>(done.size()), std::move(plan));
  for (const PendingTrial& p : pending) {
    const std::string what = fmt::format("{} #{}", RowName(p.model->name, p.variant), p.trial + 1);
    progress.TrialStarting(what);
    auto record = RunTrial(spec, p.model->PathOf(p.variant), p.model->name, p.variant, p.trial);
    if (!record.ok()) {
      progress.Finish();
      return record.status();
    }
    QB_RETURN_IF_ERROR(journal->Append(*record));
    progress.TrialDone(what, record->wall_seconds, record->metrics[kAvgInferenceMetric]);
    results.trials.push_back(std::move(record).value());
  }
  progress.Finish();
  // The kernels each variant ran, as its benchmarks reported them (the child processes apply --isa).
  for (PreparedModel& model : results.models) {
    for (const TrialRecord& r : results.trials) {
      std::string& kernels = r.variant == Variant::kFloat ? model.float_kernels : model.quant_kernels;
      if (r.model == model.name && kernels.empty()) kernels = r.bench.kernels;
    }
  }
  results.finished_at = UtcTimestampNow();
  return results;
}

Status WriteResultFiles(const ExperimentResults& results, const std::string& dir) {
  QB_RETURN_IF_ERROR(WriteTextFileAtomically(Join(dir, kResultsFileName), ResultsToJson(results).dump(2) + "\n"));
  return WriteTextFileAtomically(Join(dir, kFinalResultFileName), FinalResultCsv(AggregateRows(results)));
}

}  // namespace qb::experiment
