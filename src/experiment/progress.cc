#include "experiment/progress.h"

#include <unistd.h>

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace qb::experiment {
namespace {

constexpr int kBarWidth = 24;

}  // namespace

std::string FormatDuration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

Progress::Progress(std::FILE* stream, int total, int already_done, std::vector<std::string> plan)
    : stream_(stream),
      tty_(::isatty(::fileno(stream)) != 0),
      total_(total),
      done_(already_done),
      plan_(std::move(plan)) {
  if (already_done > 0) {
    std::fprintf(stream_, "resuming: %d of %d trials already done\n", already_done, total);
  }
}

std::string Progress::Eta() const {
  if (done_here_ == 0) return "ETA ?";
  const double overall_mean = seconds_here_ / done_here_;
  double left = 0;
  for (size_t i = static_cast<size_t>(done_here_); i < plan_.size(); ++i) {
    auto it = group_seconds_.find(plan_[i]);
    left += it != group_seconds_.end() ? it->second.first / it->second.second : overall_mean;
  }
  return "ETA " + FormatDuration(left);
}

void Progress::DrawBar(const std::string& what) {
  const int filled = total_ > 0 ? done_ * kBarWidth / total_ : kBarWidth;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kBarWidth - filled), '-');
  std::fprintf(stream_, "\r[%s] %d/%d  %s  %s\033[K", bar.c_str(), done_, total_, what.c_str(), Eta().c_str());
  std::fflush(stream_);
  bar_drawn_ = true;
}

void Progress::TrialStarting(const std::string& what) {
  if (tty_) DrawBar("running " + what);
}

void Progress::TrialDone(const std::string& what, double seconds, double avg_inference_ms) {
  if (static_cast<size_t>(done_here_) < plan_.size()) {
    auto& [group_seconds, group_trials] = group_seconds_[plan_[static_cast<size_t>(done_here_)]];
    group_seconds += seconds;
    ++group_trials;
  }
  ++done_;
  ++done_here_;
  seconds_here_ += seconds;
  const std::string summary = fmt::format("{}: avg inference {:.3f} ms ({:.1f} s)", what, avg_inference_ms, seconds);
  if (tty_) {
    DrawBar(summary);
  } else {
    std::fprintf(stream_, "trial %d/%d %s, %s\n", done_, total_, summary.c_str(), Eta().c_str());
    std::fflush(stream_);
  }
}

void Progress::Finish() {
  if (tty_ && bar_drawn_) std::fputc('\n', stream_);
  bar_drawn_ = false;
}

}  // namespace qb::experiment
