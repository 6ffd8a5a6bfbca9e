#include "dyad/diagnostics.h"

namespace dyad {

std::string Diagnostic::ToString() const {
  std::string s;
  if (severity == Severity::kNote) s = "note: ";
  s += file;
  if (line > 0) s += ":" + std::to_string(line);
  s += ": ";
  s += reason;
  return s;
}

void CountingSink::Report(const Diagnostic& d) {
  std::lock_guard<std::mutex> lock(mu_);
  if (d.severity == Diagnostic::Severity::kSkipped) {
    ++skipped_;
  } else {
    ++notes_;
  }
  if (kept_.size() < keep_) kept_.push_back(d);
  if (out_ != nullptr) {
    if (before_print_ != nullptr) before_print_(before_print_arg_);
    std::fprintf(out_, "%s\n", d.ToString().c_str());
  }
}

int64_t CountingSink::skipped() const {
  std::lock_guard<std::mutex> lock(mu_);
  return skipped_;
}

int64_t CountingSink::notes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return notes_;
}

std::vector<Diagnostic> CountingSink::kept() const {
  std::lock_guard<std::mutex> lock(mu_);
  return kept_;
}

}  // namespace dyad
