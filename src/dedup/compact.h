// Compact comparison features: what CompareArticles needs of an article, as 32-bit hashes in
// one buffer (about 8 bytes per content word instead of the strings of ArticleFeatures), so
// that a dedup run can keep the features of hundreds of thousands of stored articles in
// memory instead of reading and re-analysing them from the store.
//
// Comparing two CompactFeatures gives what comparing the ArticleFeatures they came from gives
// (the public CompareArticles and AlignSentences are implemented on this form), except when
// two different stems or shingles of the compared articles share a 32-bit hash (about one
// pair in 10^7 article pairs).
#ifndef DYAD_DEDUP_COMPACT_H_
#define DYAD_DEDUP_COMPACT_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dedup.h"

namespace dyad::dedup {

// A content word as dedup compares it (see ContentWords): its stem's XXH3-64 hash, its bytes in
// the text, and whether the stem has a digit.
struct WordHit {
  uint64_t stem_hash = 0;
  uint32_t begin = 0, end = 0;
  bool number = false;
};
// Appends the content words of `text` to `out`, in order.
void ContentWordHashes(std::string_view text, std::vector<WordHit>* out);

class CompactFeatures {
 public:
  CompactFeatures() = default;
  explicit CompactFeatures(const ArticleFeatures& f);
  // The same as CompactFeatures(Features(sentences)), without building the strings; with
  // `stem_features`, also what StemFeatures gives (the MinHash input).
  static CompactFeatures FromSentences(const std::vector<std::string>& sentences,
                                       std::vector<uint64_t>* stem_features = nullptr);

  uint64_t text_hash() const { return text_hash_; }  // of the sentences, in order
  uint32_t words() const { return words_; }          // content words
  size_t sentences() const { return ends_.size() - kParts; }
  // Sorted, distinct hashes.
  std::span<const uint32_t> shingles() const { return Part(0); }  // content-word 5-shingles
  std::span<const uint32_t> names() const { return Part(1); }
  std::span<const uint32_t> numbers() const { return Part(2); }
  std::span<const uint32_t> sentence_stems(size_t i) const { return Part(kParts + i); }
  // Memory held, for cache budgets.
  size_t bytes() const {
    return sizeof(*this) + (data_.capacity() + ends_.capacity()) * sizeof(uint32_t);
  }

 private:
  static constexpr size_t kParts = 3;  // shingles, names, numbers; then one per sentence
  static uint64_t TextHash(const std::vector<std::string>& sentences);
  void Assemble(const std::vector<uint64_t>& words, const std::vector<uint32_t>& names,
                const std::vector<uint32_t>& numbers, const std::vector<uint32_t>& stems,
                const std::vector<uint32_t>& stem_ends);
  std::span<const uint32_t> Part(size_t p) const {
    const uint32_t b = p == 0 ? 0 : ends_[p - 1];
    return {data_.data() + b, ends_[p] - b};
  }
  uint64_t text_hash_ = 0;
  uint32_t words_ = 0;
  std::vector<uint32_t> data_;                                     // the parts, one after another
  std::vector<uint32_t> ends_ = std::vector<uint32_t>(kParts, 0);  // end of each part in data_
};

CopyMatch Compare(const CompactFeatures& a, const CompactFeatures& b, const DedupOptions& options);
Alignment Align(const CompactFeatures& a, const CompactFeatures& b, double min_similarity);

// splitmix64's finaliser: a cheap, well-mixed 64-bit hash of a 64-bit value.
inline uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// The 64-bit keys of the k-shingles of a sequence of word hashes, sorted and distinct (a
// sequence shorter than k is one shingle of all its words; an empty one has none).
std::vector<uint64_t> ShingleKeys(const std::vector<uint64_t>& word_hashes, size_t k);

}  // namespace dyad::dedup

#endif  // DYAD_DEDUP_COMPACT_H_
