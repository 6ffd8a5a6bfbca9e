// Set arithmetic on sorted, duplicate-free vectors, shared by the dedup comparisons.
#ifndef DYAD_DEDUP_SORTED_H_
#define DYAD_DEDUP_SORTED_H_

#include <cstddef>
#include <vector>

namespace dyad::dedup {

// How many elements two sorted, duplicate-free vectors share (one merge pass).
template <typename T>
size_t CountCommon(const std::vector<T>& a, const std::vector<T>& b) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return common;
}

}  // namespace dyad::dedup

#endif  // DYAD_DEDUP_SORTED_H_
