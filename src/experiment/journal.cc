#include "experiment/journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace qb::experiment {
namespace {

constexpr const char* kJournalKind = "quantbench experiment journal";

std::string ErrnoText() { return std::strerror(errno); }

// The first field whose value differs, worded for the user: "trials: 3 in the journal, 10 now".
std::string FirstDifference(const nlohmann::json& old_key, const nlohmann::json& new_key) {
  for (const auto& [field, value] : new_key.items()) {
    if (!old_key.contains(field)) return fmt::format("{}: missing in the journal, {} now", field, value.dump());
    if (old_key.at(field) != value) {
      return fmt::format("{}: {} in the journal, {} now", field, old_key.at(field).dump(), value.dump());
    }
  }
  return "the journal records other settings";
}

}  // namespace

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<Journal>> Journal::Open(const std::string& path, const nlohmann::json& resume_key,
                                               bool restart) {
  std::unique_ptr<Journal> journal(new Journal());
  journal->path_ = path;
  if (restart && ::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return Errorf("{}: cannot remove the old journal: {}", path, ErrnoText());
  }
  QB_RETURN_IF_ERROR(journal->Load(resume_key));
  journal->fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (journal->fd_ < 0) return Errorf("{}: cannot open the journal for writing: {}", path, ErrnoText());
  if (journal->started_at_.empty()) {
    journal->started_at_ = UtcTimestampNow();
    QB_RETURN_IF_ERROR(journal->WriteLine(
        {{"journal", kJournalKind}, {"started_at", journal->started_at_}, {"resume_key", resume_key}}));
  }
  return journal;
}

Status Journal::Load(const nlohmann::json& resume_key) {
  if (::access(path_.c_str(), F_OK) != 0) return OkStatus();
  std::ifstream in(path_, std::ios::binary);
  if (!in) return Errorf("{}: cannot read the journal: {}", path_, ErrnoText());
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t complete = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  if (complete < text.size()) {
    // A write cut short by a crash or power loss: only the trial in flight is lost.
    recovery_note_ = fmt::format("{}: dropped an unfinished last line ({} bytes), the trial in flight when the run "
                                 "stopped", path_, text.size() - complete);
    if (::truncate(path_.c_str(), static_cast<off_t>(complete)) != 0) {
      return Errorf("{}: cannot cut off the unfinished last line: {}", path_, ErrnoText());
    }
    text.resize(complete);
  }
  if (text.empty()) return OkStatus();

  const auto refuse = [&](const std::string& why) {
    return Errorf("{}: {}; use another --out folder, or --restart to discard it", path_, why);
  };
  size_t line_start = 0;
  int line_number = 0;
  while (line_start < text.size()) {
    const size_t line_end = text.find('\n', line_start);
    const std::string line = text.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    ++line_number;
    const nlohmann::json json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (line_number == 1) {
      if (!json.is_object() || json.value("journal", "") != kJournalKind || !json.contains("resume_key")) {
        return refuse("line 1 is not a quantbench experiment journal header (corrupt or not a journal)");
      }
      if (json.at("resume_key") != resume_key) {
        return refuse("this journal is from a different configuration or quantbench version (" +
                      FirstDifference(json.at("resume_key"), resume_key) + ")");
      }
      started_at_ = json.value("started_at", "");
      continue;
    }
    if (json.is_discarded()) return refuse(fmt::format("line {} is corrupt (not JSON)", line_number));
    auto record = TrialFromJson(json);
    if (!record.ok()) return refuse(fmt::format("line {} is not a trial: {}", line_number, record.status().message()));
    records_.push_back(std::move(record).value());
  }
  return OkStatus();
}

Status Journal::Append(const TrialRecord& record) { return WriteLine(TrialToJson(record)); }

Status Journal::WriteLine(const nlohmann::json& line) {
  const std::string text = line.dump() + "\n";
  const ssize_t written = ::write(fd_, text.data(), text.size());
  if (written != static_cast<ssize_t>(text.size())) return Errorf("{}: cannot append to the journal: {}", path_, ErrnoText());
  if (::fsync(fd_) != 0) return Errorf("{}: cannot flush the journal to disk: {}", path_, ErrnoText());
  return OkStatus();
}

}  // namespace qb::experiment
