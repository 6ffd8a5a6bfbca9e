// Reading a whole file into memory.
#ifndef DYAD_UTIL_FILE_H_
#define DYAD_UTIL_FILE_H_

#include <string>

#include "dyad/status.h"

namespace dyad {

// Reads the bytes of `path` into *out. NotFound when it cannot be opened.
Status ReadFile(const std::string& path, std::string* out);

}  // namespace dyad

#endif  // DYAD_UTIL_FILE_H_
