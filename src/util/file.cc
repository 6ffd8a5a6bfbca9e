#include "util/file.h"

#include <fstream>
#include <sstream>

namespace dyad {

Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path);
  *out = std::move(ss).str();
  return Status::OK();
}

}  // namespace dyad
