// Status and Result<T>: how dyad reports recoverable errors.
//
// Every function that can fail on bad input, I/O or a corrupt store returns a Status (or a
// Result<T> holding either a value or a non-OK Status). Exceptions are used only at the edges
// (the CLI catches what third-party libraries throw). A Status is cheap to copy when OK.
#ifndef DYAD_STATUS_H_
#define DYAD_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace dyad {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,   // the caller passed something unusable
    kNotFound,          // a file, record or row does not exist
    kIOError,           // the operating system refused a read or write
    kCorruption,        // stored or input data is malformed
    kUnsupported,       // a format or feature dyad does not handle (yet)
    kInternal,          // a bug or an unexpected library failure
    kDeadlineExceeded,  // the operation ran past the time limit it was given
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status IOError(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {Code::kUnsupported, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }
  static Status DeadlineExceeded(std::string msg) {
    return {Code::kDeadlineExceeded, std::move(msg)};
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK", or "<code name>: <message>".
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a T or a non-OK Status. Accessing value() on an error is a bug (asserted).
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok() && "Result constructed from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace dyad

// Returns from the enclosing function if `expr` yields a non-OK Status. Each use declares a
// uniquely named variable, so uses may nest (inside a lambda passed as `expr`).
#define DYAD_CONCAT_INNER_(a, b) a##b
#define DYAD_CONCAT_(a, b) DYAD_CONCAT_INNER_(a, b)
#define DYAD_RETURN_IF_ERROR(expr) \
  DYAD_RETURN_IF_ERROR_IMPL_(DYAD_CONCAT_(dyad_status_, __COUNTER__), expr)
#define DYAD_RETURN_IF_ERROR_IMPL_(var, expr) \
  do {                                        \
    ::dyad::Status var = (expr);              \
    if (!var.ok()) return var;                \
  } while (0)

#endif  // DYAD_STATUS_H_
