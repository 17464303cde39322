// Runs another program as a child process (posix_spawn, no shell) and collects its exit status, standard
// output and standard error. The experiment runs every benchmark trial this way, so each trial starts in a
// fresh process; the report runs gnuplot this way.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace qb {

struct ChildResult {
  int exit_code = 0;    // valid when term_signal == 0
  int term_signal = 0;  // the signal that ended the child, or 0
  std::string out, err;
  bool succeeded() const { return term_signal == 0 && exit_code == 0; }
  // "exit code 1" or "killed by signal 9"
  std::string Describe() const;
  // The last (up to three) non-empty lines of stderr, else of stdout, joined with " | ": a one-line error
  // message; "" when both are empty.
  std::string LastErrorLine() const;
};

// argv[0] is the program path (looked up in PATH when it has no '/'). Fails only when the program cannot be
// started; a program that runs and fails is a ChildResult with a non-zero exit code.
Result<ChildResult> RunChildProcess(const std::vector<std::string>& argv);

// This executable's own path (/proc/self/exe), to start another instance of it.
std::string SelfExecutablePath();

}  // namespace qb
