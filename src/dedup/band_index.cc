#include "dedup/band_index.h"

#include <algorithm>
#include <utility>

namespace dyad::dedup {

namespace {
uint64_t Spread(uint64_t key) {  // band keys are hashes already; this guards against patterns
  key ^= key >> 33;
  key *= 0xFF51AFD7ED558CCDULL;
  return key ^ (key >> 33);
}
}  // namespace

BandIndex::BandIndex() { Clear(); }

void BandIndex::Clear() {
  keys_.assign(1024, 0);
  heads_.assign(1024, kNone);
  counts_.assign(1024, 0);
  articles_.clear();
  next_.clear();
  used_ = 0;
}

size_t BandIndex::bytes() const {
  return keys_.capacity() * sizeof(uint64_t) + heads_.capacity() * sizeof(uint32_t) +
         counts_.capacity() * sizeof(uint32_t) + articles_.capacity() * sizeof(int64_t) +
         next_.capacity() * sizeof(uint32_t);
}

size_t BandIndex::Slot(uint64_t key) const {
  const size_t mask = keys_.size() - 1;
  size_t i = Spread(key) & mask;
  while (heads_[i] != kNone && keys_[i] != key) i = (i + 1) & mask;
  return i;
}

void BandIndex::Grow() {
  std::vector<uint64_t> keys = std::move(keys_);
  std::vector<uint32_t> heads = std::move(heads_);
  std::vector<uint32_t> counts = std::move(counts_);
  keys_.assign(keys.size() * 2, 0);
  heads_.assign(keys.size() * 2, kNone);
  counts_.assign(keys.size() * 2, 0);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (heads[i] == kNone) continue;
    size_t j = Slot(keys[i]);
    keys_[j] = keys[i];
    heads_[j] = heads[i];
    counts_[j] = counts[i];
  }
}

void BandIndex::Add(const std::vector<uint64_t>& keys, int64_t article) {
  std::vector<uint64_t> unique = keys;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  for (uint64_t key : unique) {
    if (2 * (used_ + 1) > keys_.size()) Grow();  // load factor at most 1/2
    size_t i = Slot(key);
    if (heads_[i] == kNone) {
      keys_[i] = key;
      ++used_;
    }
    articles_.push_back(article);
    next_.push_back(heads_[i]);
    heads_[i] = static_cast<uint32_t>(articles_.size() - 1);
    ++counts_[i];
  }
}

std::vector<int64_t> BandIndex::SharingBands(const std::vector<uint64_t>& keys, int64_t except,
                                             size_t min_shared, size_t max_members) const {
  std::vector<int64_t> hits;  // one per (key, member): counted below
  std::vector<int64_t> members;
  for (uint64_t key : keys) {
    size_t i = Slot(key);
    // A key held by more than max_members articles besides `except` is not followed (the
    // count tells without walking the list).
    if (heads_[i] == kNone || counts_[i] > max_members + 1) continue;
    members.clear();
    for (uint32_t e = heads_[i]; e != kNone && members.size() <= max_members; e = next_[e]) {
      if (articles_[e] != except) members.push_back(articles_[e]);
    }
    if (members.size() > max_members) continue;
    hits.insert(hits.end(), members.begin(), members.end());
  }
  std::sort(hits.begin(), hits.end());
  std::vector<std::pair<int64_t, int64_t>> ranked;  // (-shared, id)
  for (size_t a = 0; a < hits.size();) {
    size_t b = a;
    while (b < hits.size() && hits[b] == hits[a]) ++b;
    if (b - a >= min_shared) ranked.emplace_back(-static_cast<int64_t>(b - a), hits[a]);
    a = b;
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<int64_t> out;
  out.reserve(ranked.size());
  for (const auto& r : ranked) out.push_back(r.second);
  return out;
}

}  // namespace dyad::dedup
