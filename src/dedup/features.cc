// Content words, MinHash signatures and shingles: what articles are compared on.
#include <libstemmer.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "dedup/compact.h"
#include "dedup/sorted.h"
#include "dyad/dedup.h"

namespace dyad {

namespace {

// English function words: they carry no content and survive rewording unchanged.
constexpr std::string_view kStopWords[] = {
    "a",      "about",   "above",  "after",   "again",  "against", "all",   "also",    "am",
    "an",     "and",     "any",    "are",     "as",     "at",      "be",    "because", "been",
    "before", "being",   "below",  "between", "both",   "but",     "by",    "can",     "could",
    "did",    "do",      "does",   "doing",   "down",   "during",  "each",  "few",     "for",
    "from",   "further", "had",    "has",     "have",   "having",  "he",    "her",     "here",
    "hers",   "him",     "his",    "how",     "i",      "if",      "in",    "into",    "is",
    "it",     "its",     "itself", "just",    "may",    "me",      "might", "more",    "most",
    "must",   "my",      "no",     "nor",     "not",    "now",     "of",    "off",     "on",
    "once",   "only",    "or",     "other",   "our",    "ours",    "out",   "over",    "own",
    "s",      "said",    "same",   "she",     "should", "so",      "some",  "such",    "than",
    "that",   "the",     "their",  "them",    "then",   "there",   "these", "they",    "this",
    "those",  "through", "to",     "too",     "under",  "until",   "up",    "very",    "was",
    "we",     "were",    "what",   "when",    "where",  "which",   "while", "who",     "whom",
    "why",    "will",    "with",   "would",   "you",    "your",    "yours", "yet",     "says",
    "t"};

bool IsStopWord(std::string_view w) {
  static const std::unordered_set<std::string_view> set(std::begin(kStopWords),
                                                        std::end(kStopWords));
  return set.count(w) > 0;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// One Snowball stemmer per thread (a stemmer is not thread-safe).
sb_stemmer* Stemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> s(sb_stemmer_new("english", nullptr));
  return s.get();
}

// What a lower-cased word contributes: nothing (a stop word) or its stem. Remembered per
// thread: news reuses its vocabulary, and stemming is the costliest step.
struct WordEntry {
  bool stop = false;
  bool number = false;  // the stem has a digit
  std::string stem;
  uint64_t stem_hash = 0;  // XXH3-64 of stem
};
// Lower-cased word -> WordEntry, open addressing on the word's XXH3 hash (one probe, usually
// one string compare). At most kMaxWords words; then it starts again.
class WordCache {
 public:
  const WordEntry* Find(std::string_view w, uint64_t h) const {
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.entry == 0) return nullptr;
      if (s.hash == h && entries_[s.entry - 1].first == w) return &entries_[s.entry - 1].second;
    }
  }
  // `w` must not be held yet. The reference lasts until the next Insert.
  const WordEntry& Insert(std::string_view w, uint64_t h, WordEntry e) {
    if (entries_.size() >= kMaxWords) {
      entries_.clear();
      std::fill(slots_.begin(), slots_.end(), Slot{});
    }
    size_t i = h & (slots_.size() - 1);
    while (slots_[i].entry != 0) i = (i + 1) & (slots_.size() - 1);
    entries_.emplace_back(std::string(w), std::move(e));
    slots_[i] = {h, static_cast<uint32_t>(entries_.size())};
    return entries_.back().second;
  }

 private:
  static constexpr size_t kMaxWords = 200000;  // bounded memory on huge vocabularies
  struct Slot {
    uint64_t hash = 0;
    uint32_t entry = 0;  // 1 + index into entries_; 0: empty
  };
  std::vector<Slot> slots_ = std::vector<Slot>(size_t{1} << 19);  // load at most 0.38
  std::vector<std::pair<std::string, WordEntry>> entries_;
};

const WordEntry& LookUpWord(sb_stemmer* stemmer, const std::string& lower) {
  thread_local WordCache cache;
  const uint64_t h = XXH3_64bits(lower.data(), lower.size());
  if (const WordEntry* e = cache.Find(lower, h)) return *e;
  WordEntry e;
  e.stop = IsStopWord(lower);
  if (!e.stop) {
    const sb_symbol* st = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(lower.data()),
                                          static_cast<int>(lower.size()));
    e.stem = st == nullptr ? lower
                           : std::string(reinterpret_cast<const char*>(st),
                                         static_cast<size_t>(sb_stemmer_length(stemmer)));
    e.stem_hash = XXH3_64bits(e.stem.data(), e.stem.size());
    e.number =
        std::any_of(e.stem.begin(), e.stem.end(), [](char c) { return c >= '0' && c <= '9'; });
  }
  return cache.Insert(lower, h, std::move(e));
}

}  // namespace

const char* CopyRelationName(CopyRelation r) {
  switch (r) {
    case CopyRelation::kExact:
      return "exact";
    case CopyRelation::kNearDuplicate:
      return "near-duplicate";
    case CopyRelation::kReworded:
      return "reworded";
    case CopyRelation::kNone:
      break;
  }
  return "none";
}

namespace {

// Calls fn(entry, begin, end) for each content word of `text`, in order.
template <typename Fn>
void ForEachContentWord(std::string_view text, Fn fn) {
  sb_stemmer* stemmer = Stemmer();
  std::string lower;
  size_t i = 0;
  auto word_byte = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  };
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (!word_byte(c)) {
      ++i;
      continue;
    }
    size_t j = i;
    // Words include inner apostrophes and hyphens ("don't", "so-called") but not the
    // typographic punctuation that UTF-8 spells with bytes >= 0x80 (dashes, quotes).
    while (j < text.size()) {
      auto d = static_cast<unsigned char>(text[j]);
      if (d == 0xE2 && j + 2 < text.size() && static_cast<unsigned char>(text[j + 1]) == 0x80) {
        break;  // U+2000..U+203F: dashes, quotes, ellipsis
      }
      if (word_byte(d) || ((d == '\'' || d == '-') && j + 1 < text.size() &&
                           word_byte(static_cast<unsigned char>(text[j + 1])))) {
        ++j;
      } else {
        break;
      }
    }
    lower.assign(text.substr(i, j - i));
    for (char& ch : lower) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    // "Russia's" compares as "russia".
    if (lower.size() > 2 && lower.ends_with("'s")) lower.resize(lower.size() - 2);
    if (const WordEntry& e = LookUpWord(stemmer, lower); !e.stop) {
      fn(e, static_cast<uint32_t>(i), static_cast<uint32_t>(j));
    }
    i = j == i ? i + 1 : j;
  }
}

}  // namespace

std::vector<ContentWord> ContentWords(std::string_view text) {
  std::vector<ContentWord> out;
  ForEachContentWord(text, [&out](const WordEntry& e, uint32_t begin, uint32_t end) {
    out.push_back({e.stem, begin, end});
  });
  return out;
}

namespace dedup {
void ContentWordHashes(std::string_view text, std::vector<WordHit>* out) {
  ForEachContentWord(text, [out](const WordEntry& e, uint32_t begin, uint32_t end) {
    out->push_back({e.stem_hash, begin, end, e.number});
  });
}
}  // namespace dedup

std::vector<uint64_t> StemFeatures(const std::vector<ContentWord>& words) {
  std::vector<uint64_t> f;
  f.reserve(words.size());
  for (const ContentWord& w : words) f.push_back(XXH3_64bits(w.stem.data(), w.stem.size()));
  std::sort(f.begin(), f.end());
  f.erase(std::unique(f.begin(), f.end()), f.end());
  return f;
}

std::vector<uint64_t> MinHash(const std::vector<uint64_t>& features) {
  // kSignatureSize hash functions by double hashing (h_i = h1 + i * h2, Kirsch and
  // Mitzenmacher): two mixes per feature instead of one per function.
  std::vector<uint64_t> sig(kSignatureSize, std::numeric_limits<uint64_t>::max());
  for (uint64_t f : features) {
    uint64_t h1 = dedup::Mix(f);
    uint64_t h2 = dedup::Mix(f ^ 0xA24BAED4963EE407ULL) | 1;
    uint64_t h = h1;
    for (size_t i = 0; i < kSignatureSize; ++i) {
      sig[i] = std::min(sig[i], h);
      h += h2;
    }
  }
  return sig;
}

std::vector<uint64_t> BandKeys(const std::vector<uint64_t>& signature) {
  std::vector<uint64_t> keys;
  const size_t rows = kSignatureSize / kBands;
  for (size_t b = 0; b + 1 <= kBands && (b + 1) * rows <= signature.size(); ++b) {
    keys.push_back(XXH3_64bits_withSeed(signature.data() + b * rows, rows * sizeof(uint64_t), b));
  }
  return keys;
}

double ShingleJaccard(const std::vector<ContentWord>& a, const std::vector<ContentWord>& b,
                      size_t k) {
  auto shingles = [k](const std::vector<ContentWord>& w) {
    std::vector<uint64_t> h;
    h.reserve(w.size());
    for (const ContentWord& x : w) h.push_back(XXH3_64bits(x.stem.data(), x.stem.size()));
    return dedup::ShingleKeys(h, k);
  };
  std::vector<uint64_t> sa = shingles(a), sb = shingles(b);
  if (sa.empty() && sb.empty()) return 1.0;
  size_t common = dedup::CountCommon(sa, sb);
  return static_cast<double>(common) / static_cast<double>(sa.size() + sb.size() - common);
}

}  // namespace dyad
