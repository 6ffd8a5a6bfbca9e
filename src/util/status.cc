#include "dyad/status.h"

namespace dyad {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk:
      return "OK";
    case Code::kInvalidArgument:
      name = "Invalid argument";
      break;
    case Code::kNotFound:
      name = "Not found";
      break;
    case Code::kIOError:
      name = "I/O error";
      break;
    case Code::kCorruption:
      name = "Corruption";
      break;
    case Code::kUnsupported:
      name = "Unsupported";
      break;
    case Code::kInternal:
      name = "Internal error";
      break;
    case Code::kDeadlineExceeded:
      name = "Deadline exceeded";
      break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace dyad
