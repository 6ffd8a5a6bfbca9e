#include "util/zip.h"

#include "util/file.h"

#include <zlib.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace dyad {

namespace {
uint32_t U32(const unsigned char* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
}
uint16_t U16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
}  // namespace

Result<std::vector<ZipMember>> ReadZip(const std::string& path) {
  std::string bytes;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &bytes));
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  std::vector<ZipMember> out;
  size_t pos = 0;
  while (pos + 30 <= n && U32(p + pos) == 0x04034b50) {
    uint16_t flags = U16(p + pos + 6), method = U16(p + pos + 8);
    uint32_t csize = U32(p + pos + 18), usize = U32(p + pos + 22);
    uint16_t name_len = U16(p + pos + 26), extra_len = U16(p + pos + 28);
    size_t data = pos + 30 + name_len + extra_len;
    if (data > n) return Status::Corruption(path + ": truncated zip header");
    ZipMember m;
    m.name.assign(bytes, pos + 30, name_len);
    if (flags & 0x08) {
      return Status::Unsupported(path + ": zip member " + m.name +
                                 " has its sizes after the data (unsupported)");
    }
    if (data + csize > n) return Status::Corruption(path + ": truncated zip member " + m.name);
    if (method == 0) {
      m.data.assign(bytes, data, csize);
    } else if (method == 8) {
      m.data.resize(usize);
      z_stream zs{};
      if (inflateInit2(&zs, -15) != Z_OK) return Status::Internal("inflateInit2 failed");
      zs.next_in = const_cast<Bytef*>(p + data);
      zs.avail_in = csize;
      zs.next_out = reinterpret_cast<Bytef*>(m.data.data());
      zs.avail_out = usize;
      int rc = inflate(&zs, Z_FINISH);
      inflateEnd(&zs);
      if (rc != Z_STREAM_END || zs.total_out != usize) {
        return Status::Corruption(path + ": cannot inflate zip member " + m.name);
      }
    } else {
      return Status::Unsupported(path + ": zip member " + m.name + " uses compression method " +
                                 std::to_string(method));
    }
    out.push_back(std::move(m));
    pos = data + csize;
  }
  if (out.empty()) return Status::Corruption(path + ": not a zip archive");
  return out;
}

}  // namespace dyad
