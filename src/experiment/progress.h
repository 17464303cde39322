// Progress of a long experiment on stderr: on a terminal one bar redrawn in place with the trial running and
// the time left (from the mean time of the trials finished so far); otherwise one plain line per trial.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace qb::experiment {

class Progress {
 public:
  Progress(std::FILE* stream, int total, int already_done);
  void TrialStarting(const std::string& what);
  void TrialDone(const std::string& what, double seconds, double avg_inference_ms);
  // Ends the bar's line (terminal) before other output.
  void Finish();

 private:
  std::string Eta() const;
  void DrawBar(const std::string& what);

  std::FILE* stream_;
  bool tty_;
  int total_, done_, done_here_ = 0;
  double seconds_here_ = 0;
  bool bar_drawn_ = false;
};

// "1h02m", "3m20s", "45s"
std::string FormatDuration(double seconds);

}  // namespace qb::experiment
