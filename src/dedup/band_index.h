// An in-memory LSH band index: band key -> the articles holding it.
//
// DedupStore keeps the band keys of the articles a run examines here, so that finding an
// article's candidates costs a few memory reads instead of one store query per key, and the
// store's own index (lsh_bands) is written once, in key order, when the run ends.
//
// Lookups give exactly what Store::ArticlesSharingBands gives for the same articles (tests
// compare the two), so which one a run uses never changes its result.
#ifndef DYAD_DEDUP_BAND_INDEX_H_
#define DYAD_DEDUP_BAND_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dyad::dedup {

class BandIndex {
 public:
  BandIndex();

  // Records that `article` holds each of `keys` (a key given twice counts once, as in the
  // store's index).
  void Add(const std::vector<uint64_t>& keys, int64_t article);

  // Articles other than `except` sharing at least `min_shared` of `keys`, most shared first
  // (ties by id); a key held by more than `max_members` articles (other than `except`) is
  // ignored. A key listed twice in `keys` counts twice.
  std::vector<int64_t> SharingBands(const std::vector<uint64_t>& keys, int64_t except,
                                    size_t min_shared, size_t max_members) const;

  // (key, article) pairs held.
  size_t entries() const { return articles_.size(); }
  // Bytes of memory held (tables and lists).
  size_t bytes() const;
  void Clear();

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  size_t Slot(uint64_t key) const;  // the slot holding `key`, or the empty one it would take
  void Grow();

  std::vector<uint64_t> keys_;     // open addressing, linear probing
  std::vector<uint32_t> heads_;    // first entry of the slot's list; kNone: an empty slot
  std::vector<uint32_t> counts_;   // entries in the slot's list
  std::vector<int64_t> articles_;  // entry -> article
  std::vector<uint32_t> next_;     // entry -> next entry of the same key
  size_t used_ = 0;                // occupied slots
};

}  // namespace dyad::dedup

#endif  // DYAD_DEDUP_BAND_INDEX_H_
