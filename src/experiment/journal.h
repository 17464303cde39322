// The experiment's journal: <results folder>/journal.jsonl, one JSON object per line. The first line is the
// header with the resume key (experiment_spec.h); every finished trial then appends one line, written with a
// single write() and fsync'ed, so a run stopped by Ctrl-C, kill -9 or a power loss loses at most the trial in
// flight, and running the same command again continues after the last recorded trial.
//
// A last line without its newline is a write cut short: it is dropped (and cut off the file) with a note. Any
// other damage — a bad header, a line that is not a trial — and a header with a different resume key are
// errors that say what to do (another --out folder, or --restart to discard the journal).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "experiment/trial_record.h"

namespace qb::experiment {

class Journal {
 public:
  // Opens `path`: creates it with a header holding `resume_key`, or reads the trials of an earlier run with
  // the same key. With `restart` an existing journal is discarded first.
  static Result<std::unique_ptr<Journal>> Open(const std::string& path, const nlohmann::json& resume_key,
                                               bool restart);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  const std::vector<TrialRecord>& records() const { return records_; }
  // Set when the file ended in an unfinished line that was dropped.
  const std::string& recovery_note() const { return recovery_note_; }
  const std::string& started_at() const { return started_at_; }

  // Appends one line and flushes it to disk before returning.
  Status Append(const TrialRecord& record);

 private:
  Journal() = default;
  Status Load(const nlohmann::json& resume_key);
  Status WriteLine(const nlohmann::json& line);

  std::string path_;
  int fd_ = -1;
  std::vector<TrialRecord> records_;
  std::string recovery_note_;
  std::string started_at_;
};

inline constexpr const char* kJournalFileName = "journal.jsonl";

}  // namespace qb::experiment
