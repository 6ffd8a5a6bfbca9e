// Set arithmetic on sorted, duplicate-free vectors, shared by the dedup comparisons.
#ifndef DYAD_DEDUP_SORTED_H_
#define DYAD_DEDUP_SORTED_H_

#include <cstddef>
#include <vector>

namespace dyad::dedup {

// How many elements two sorted, duplicate-free sequences (vectors, spans) share (one merge
// pass).
template <typename Seq>
size_t CountCommon(const Seq& a, const Seq& b) {
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
