// Progress of a long experiment on stderr: on a terminal one bar redrawn in place with the trial running and
// the time left; otherwise one plain line per trial. The time left adds up the trials still to run, each at
// the mean time of the finished trials of its own group (model and variant: a quantized model can take far
// longer than its float one), or at the mean of all finished trials while its group has none yet.
#pragma once

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace qb::experiment {

class Progress {
 public:
  // `plan`: the group ("MobileNet_quant") of every trial still to run, in the order they will run.
  Progress(std::FILE* stream, int total, int already_done, std::vector<std::string> plan);
  void TrialStarting(const std::string& what);
  // Reports the next trial of the plan as finished.
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
  std::vector<std::string> plan_;
  std::map<std::string, std::pair<double, int>> group_seconds_;  // group -> (seconds, trials)
  bool bar_drawn_ = false;
};

// "1h02m", "3m20s", "45s"
std::string FormatDuration(double seconds);

}  // namespace qb::experiment
