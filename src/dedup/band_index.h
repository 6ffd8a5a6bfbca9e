// An in-memory LSH band index: band key -> the articles holding it.
//
// DedupStore keeps the band keys of the articles a run examines here, so that finding an
// article's candidates costs a few memory reads instead of one store query per key, and the
// store's own index (lsh_bands) is written only when the keys outgrow memory, in key order.
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
  // store's index). Articles are numbered 1 .. kMaxArticle; false (nothing recorded) for one
  // outside that range.
  bool Add(const std::vector<uint64_t>& keys, int64_t article);
  static constexpr int64_t kMaxArticle = 0xFFFFFFFE;

  // Articles other than `except` sharing at least `min_shared` of `keys`, most shared first
  // (ties by id); a key held by more than `max_members` articles (other than `except`) is
  // ignored. A key listed twice in `keys` counts twice.
  std::vector<int64_t> SharingBands(const std::vector<uint64_t>& keys, int64_t except,
                                    size_t min_shared, size_t max_members) const;

  // Appends to `out` the articles other than `except` holding `key`, in no particular order,
  // and returns true; returns false (with `out` in any state) when there are more than `limit`
  // of them. Past its in-memory cap, DedupStore combines these (for the articles examined
  // since its LSH table was last written) with the table's members of the key.
  bool Holders(uint64_t key, int64_t except, size_t limit, std::vector<int64_t>* out) const;

  // Calls `fn` with each key held (once, in no particular order).
  template <typename Fn>
  void ForEachKey(Fn&& fn) const {
    for (const SlotEntry& s : slots_) {
      if (s.first != 0) fn(s.key);
    }
  }

  // (key, article) pairs held.
  size_t entries() const { return entries_; }
  // Bytes of memory held (tables and lists).
  size_t bytes() const;
  void Clear();

  // `hits` (one article per shared key) ranked as SharingBands ranks them: the articles
  // counted at least `min_shared` times, most first, ties by id.
  static std::vector<int64_t> Rank(const std::vector<int64_t>& hits, size_t min_shared);

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  size_t Slot(uint64_t key) const;  // the slot holding `key`, or the empty one it would take
  void Grow();

  // A key's articles: the first in its slot, the rest in chunks of fourteen (newest chunk
  // first), so that walking a popular key's list reads a few cache lines, not one per article.
  // 16 bytes a slot and 32-bit article numbers: a million wire stories' keys take some 800 MB.
  static constexpr uint32_t kChunk = 14;
  struct SlotEntry {  // open addressing, linear probing, at most 3/4 full
    uint64_t key = 0;
    uint32_t first = 0;       // the first article holding the key; 0: an empty slot
    uint32_t chunks = kNone;  // newest chunk of the others
  };
  struct Chunk {
    uint32_t articles[kChunk];
    uint32_t next;   // the next (older) chunk, or kNone
    uint16_t size;   // articles in this chunk
    uint16_t total;  // in the newest chunk: articles holding the key (saturating)
  };
  // Articles holding the key of a used slot (saturating at 65535).
  uint32_t Count(const SlotEntry& s) const {
    return s.chunks == kNone ? 1u : chunks_[s.chunks].total;
  }
  std::vector<SlotEntry> slots_;
  std::vector<Chunk> chunks_;
  size_t entries_ = 0;
  size_t used_ = 0;  // occupied slots
};

// The band keys of the articles numbered just before the one being examined: two generations
// of `span` consecutive article numbers (generation g holds articles g*span+1 .. (g+1)*span),
// the examined article's own and the one before. A run examines articles in id order, so
// each is compared with at least `span` and at most 2*`span` - 1 articles stored before it,
// and the memory held stays bounded however many articles the store holds. Which articles
// are in the window depends only on their numbers, so a run split into several batches finds
// what one run finds.
class BandWindow {
 public:
  explicit BandWindow(int64_t span) : span_(span < 1 ? 1 : span) {}

  // The lowest article number the window can hold while `article` is examined.
  int64_t First(int64_t article) const {
    const int64_t g = Generation(article);
    return g == 0 ? 1 : (g - 1) * span_ + 1;
  }
  // Moves the window to `article`'s generation (articles of older generations are dropped);
  // an article of an older generation than the window's leaves it where it is.
  void MoveTo(int64_t article);
  // MoveTo(article), then records its keys as BandIndex::Add does; false when nothing was
  // recorded (a number BandIndex cannot hold, or older than the window).
  bool Add(const std::vector<uint64_t>& keys, int64_t article);
  // As BandIndex::SharingBands over the articles in the window: what one index of them gives.
  std::vector<int64_t> SharingBands(const std::vector<uint64_t>& keys, int64_t except,
                                    size_t min_shared, size_t max_members) const;

  size_t entries() const { return current_.entries() + previous_.entries(); }
  size_t bytes() const { return current_.bytes() + previous_.bytes(); }

 private:
  int64_t Generation(int64_t article) const { return article < 1 ? 0 : (article - 1) / span_; }
  int64_t span_;
  int64_t generation_ = -1;  // of `current_`; -1: nothing held yet
  BandIndex current_, previous_;
};

}  // namespace dyad::dedup

#endif  // DYAD_DEDUP_BAND_INDEX_H_
