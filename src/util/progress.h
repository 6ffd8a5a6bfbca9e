// A progress bar for long runs: drawn on stderr only when stderr is a terminal, at most ten
// times a second; silent when output is piped or redirected.
#ifndef DYAD_UTIL_PROGRESS_H_
#define DYAD_UTIL_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace dyad {

class ProgressBar {
 public:
  // `enabled` is ANDed with isatty(stderr).
  ProgressBar(std::string label, bool enabled);
  ~ProgressBar();
  // Redraws if enough time has passed. `total` 0 means unknown.
  void Update(uint64_t done, uint64_t total, int64_t items);
  // Clears the bar's line (call before printing other messages).
  void Clear();
  void Finish();
  bool active() const { return enabled_; }

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace dyad

#endif  // DYAD_UTIL_PROGRESS_H_
