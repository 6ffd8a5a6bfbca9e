// Diagnostics: how dyad reports a skipped or repaired record without stopping the run.
//
// Every message has one shape, "FILE:LINE: reason" (LINE is the 1-based line or record
// number, 0 when the problem concerns the whole file). A run keeps going after a diagnostic
// and ends with counts; the CLI's exit code is 2 when anything was skipped.
#ifndef DYAD_DIAGNOSTICS_H_
#define DYAD_DIAGNOSTICS_H_

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

namespace dyad {

struct Diagnostic {
  enum class Severity { kNote, kSkipped };
  Severity severity = Severity::kSkipped;
  std::string file;
  int64_t line = 0;
  std::string reason;
  // "FILE:LINE: reason" ("FILE: reason" when line is 0); notes are prefixed "note: ".
  std::string ToString() const;
};

// Receives diagnostics. Implementations must be thread-safe.
class DiagnosticSink {
 public:
  virtual ~DiagnosticSink() = default;
  virtual void Report(const Diagnostic& d) = 0;

  void Skipped(std::string file, int64_t line, std::string reason) {
    Report({Diagnostic::Severity::kSkipped, std::move(file), line, std::move(reason)});
  }
  void Note(std::string file, int64_t line, std::string reason) {
    Report({Diagnostic::Severity::kNote, std::move(file), line, std::move(reason)});
  }
};

// Counts diagnostics, prints each to a stream (stderr by default) and keeps the first
// `keep` of them for later inspection (tests, the run summary).
class CountingSink : public DiagnosticSink {
 public:
  explicit CountingSink(std::FILE* out = stderr, size_t keep = 1000) : out_(out), keep_(keep) {}
  void Report(const Diagnostic& d) override;
  int64_t skipped() const;
  int64_t notes() const;
  std::vector<Diagnostic> kept() const;
  // Called before each message is printed, e.g. to clear a progress bar line.
  void set_before_print(void (*fn)(void*), void* arg) {
    before_print_ = fn;
    before_print_arg_ = arg;
  }

 private:
  mutable std::mutex mu_;
  std::FILE* out_;
  size_t keep_;
  int64_t skipped_ = 0;
  int64_t notes_ = 0;
  std::vector<Diagnostic> kept_;
  void (*before_print_)(void*) = nullptr;
  void* before_print_arg_ = nullptr;
};

}  // namespace dyad

#endif  // DYAD_DIAGNOSTICS_H_
