#include "util/file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dyad {

namespace fs = std::filesystem;

Status ReadFile(const std::string& path, std::string* out) {
  // A regular file is read in one piece into a buffer of its size (no copies); anything else
  // (a pipe, a device), or a file that changed size meanwhile, is streamed.
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    const auto size = fs::file_size(path, ec);
    std::ifstream in(path, std::ios::binary);
    if (!ec && in) {
      std::string data(static_cast<size_t>(size), '\0');
      in.read(data.data(), static_cast<std::streamsize>(size));
      if (static_cast<uintmax_t>(in.gcount()) == size &&
          in.peek() == std::ifstream::traits_type::eof()) {
        *out = std::move(data);
        return Status::OK();
      }
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path);
  *out = std::move(ss).str();
  return Status::OK();
}

}  // namespace dyad
