#include "util/file.h"

#include <fstream>
#include <sstream>

namespace dyad {

Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound("cannot open " + path);
  // A regular file is read in one piece into a buffer of its size; anything else (a pipe) is
  // streamed.
  std::streamoff size = in.tellg();
  if (size >= 0 && in.seekg(0, std::ios::beg)) {
    std::string data(static_cast<size_t>(size), '\0');
    in.read(data.data(), size);
    if (in.gcount() == size && in.peek() == std::ifstream::traits_type::eof()) {
      *out = std::move(data);
      return Status::OK();
    }
    in.clear();
    in.seekg(0, std::ios::beg);
  }
  in.clear();
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path);
  *out = std::move(ss).str();
  return Status::OK();
}

}  // namespace dyad
