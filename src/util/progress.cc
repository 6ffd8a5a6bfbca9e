#include "util/progress.h"

#include <unistd.h>

#include <cstdio>

namespace dyad {

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled && isatty(STDERR_FILENO) == 1) {
  start_ = last_ = std::chrono::steady_clock::now();
}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(uint64_t done, uint64_t total, int64_t items) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double mb = static_cast<double>(done) / 1e6;
  double rate = secs > 0 ? mb / secs : 0;
  constexpr int kWidth = 30;
  std::string bar;
  if (total > 0) {
    int filled = static_cast<int>(kWidth * static_cast<double>(done) / static_cast<double>(total));
    if (filled > kWidth) filled = kWidth;
    bar = "[" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "]";
    std::fprintf(stderr, "\r%s %s %5.1f%%  %lld articles  %.1f MB  %.1f MB/s ", label_.c_str(),
                 bar.c_str(), 100.0 * static_cast<double>(done) / static_cast<double>(total),
                 static_cast<long long>(items), mb, rate);
  } else {
    std::fprintf(stderr, "\r%s %lld articles  %.1f MB  %.1f MB/s ", label_.c_str(),
                 static_cast<long long>(items), mb, rate);
  }
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Clear() {
  if (!enabled_ || !drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

void ProgressBar::Finish() { Clear(); }

}  // namespace dyad
