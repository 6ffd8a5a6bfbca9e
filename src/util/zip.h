// Reading the members of a .zip archive (stored or deflated, sizes in the local headers), as
// dictionary sets are distributed. Archives that defer sizes to a data descriptor are reported
// as unsupported.
#ifndef DYAD_UTIL_ZIP_H_
#define DYAD_UTIL_ZIP_H_

#include <string>
#include <vector>

#include "dyad/status.h"

namespace dyad {

struct ZipMember {
  std::string name;
  std::string data;
};

Result<std::vector<ZipMember>> ReadZip(const std::string& path);

}  // namespace dyad

#endif  // DYAD_UTIL_ZIP_H_
