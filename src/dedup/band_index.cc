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
  std::vector<SlotEntry>(1024).swap(slots_);  // and the memory goes back
  std::vector<Chunk>().swap(chunks_);
  entries_ = 0;
  used_ = 0;
}

size_t BandIndex::bytes() const {
  return slots_.capacity() * sizeof(SlotEntry) + chunks_.capacity() * sizeof(Chunk);
}

size_t BandIndex::Slot(uint64_t key) const {
  const size_t mask = slots_.size() - 1;
  size_t i = Spread(key) & mask;
  while (slots_[i].first != 0 && slots_[i].key != key) i = (i + 1) & mask;
  return i;
}

void BandIndex::Grow() {
  std::vector<SlotEntry> old = std::move(slots_);
  slots_.assign(old.size() * 2, SlotEntry{});
  for (const SlotEntry& e : old) {
    if (e.first != 0) slots_[Slot(e.key)] = e;
  }
}

bool BandIndex::Add(const std::vector<uint64_t>& keys, int64_t article) {
  if (article < 1 || article > kMaxArticle) return false;
  const auto number = static_cast<uint32_t>(article);
  std::vector<uint64_t> unique = keys;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  for (uint64_t key : unique) {
    if (4 * (used_ + 1) > 3 * slots_.size()) Grow();  // load factor at most 3/4
    SlotEntry& s = slots_[Slot(key)];
    ++entries_;
    if (s.first == 0) {
      s.key = key;
      s.first = number;
      ++used_;
      continue;
    }
    const uint32_t total = Count(s);
    if (s.chunks == kNone || chunks_[s.chunks].size == kChunk) {
      chunks_.push_back(Chunk{{}, s.chunks, 0, 0});
      s.chunks = static_cast<uint32_t>(chunks_.size() - 1);
    }
    Chunk& c = chunks_[s.chunks];
    c.articles[c.size++] = number;
    c.total = static_cast<uint16_t>(std::min<uint32_t>(total + 1, 0xFFFF));
  }
  return true;
}

std::vector<int64_t> BandIndex::SharingBands(const std::vector<uint64_t>& keys, int64_t except,
                                             size_t min_shared, size_t max_members) const {
  // The keys' slots are fetched from memory together (each is a cache miss of its own), then
  // the first chunk of each list, then the lists are walked.
  const size_t mask = slots_.size() - 1;
  for (uint64_t key : keys) __builtin_prefetch(&slots_[Spread(key) & mask]);
  std::vector<const SlotEntry*> found;
  found.reserve(keys.size());
  for (uint64_t key : keys) {
    const SlotEntry& s = slots_[Slot(key)];
    if (s.first == 0) continue;
    if (s.chunks != kNone) __builtin_prefetch(&chunks_[s.chunks]);
    found.push_back(&s);
  }
  // A key held by more than max_members articles besides `except` is not followed (the
  // count tells without walking the list).
  std::erase_if(found, [&](const SlotEntry* s) { return Count(*s) > max_members + 1; });
  std::vector<int64_t> hits;  // one per (key, member): counted below
  auto take = [&hits, except](const Chunk& chunk) {
    for (uint32_t j = 0; j < chunk.size; ++j) {
      if (chunk.articles[j] != except) hits.push_back(chunk.articles[j]);
    }
  };
  // `first` as an article id.
  auto first = [](const SlotEntry* s) { return static_cast<int64_t>(s->first); };
  std::vector<uint32_t> walks;  // the next chunk of each list being walked
  for (const SlotEntry* s : found) {
    if (Count(*s) == max_members + 1) {
      // Followed only if `except` is one of its articles: walked on its own.
      const size_t before = hits.size();
      if (first(s) != except) hits.push_back(first(s));
      for (uint32_t c = s->chunks; c != kNone; c = chunks_[c].next) take(chunks_[c]);
      if (hits.size() - before > max_members) hits.resize(before);
      continue;
    }
    if (first(s) != except) hits.push_back(first(s));
    if (s->chunks != kNone) walks.push_back(s->chunks);
  }
  // The lists are walked side by side, a chunk of each in turn, so that their cache misses
  // overlap instead of following one another.
  while (!walks.empty()) {
    size_t kept = 0;
    for (uint32_t c : walks) {
      const Chunk& chunk = chunks_[c];
      take(chunk);
      if (chunk.next != kNone) {
        __builtin_prefetch(&chunks_[chunk.next]);
        walks[kept++] = chunk.next;
      }
    }
    walks.resize(kept);
  }
  return Rank(hits, min_shared);
}

std::vector<int64_t> BandIndex::Rank(const std::vector<int64_t>& hits, size_t min_shared) {
  // Count each article's hits in a small open-addressing table.
  size_t size = 16;
  while (size < 2 * hits.size()) size <<= 1;
  std::vector<std::pair<int64_t, int64_t>> counts(size, {0, 0});  // (article, hits); 0 hits: free
  for (int64_t id : hits) {
    size_t i = Spread(static_cast<uint64_t>(id)) & (size - 1);
    while (counts[i].second != 0 && counts[i].first != id) i = (i + 1) & (size - 1);
    counts[i].first = id;
    ++counts[i].second;
  }
  std::vector<std::pair<int64_t, int64_t>> ranked;  // (-shared, id)
  for (const auto& [id, n] : counts) {
    if (n > 0 && static_cast<size_t>(n) >= min_shared) ranked.emplace_back(-n, id);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<int64_t> out;
  out.reserve(ranked.size());
  for (const auto& r : ranked) out.push_back(r.second);
  return out;
}

bool BandIndex::Holders(uint64_t key, int64_t except, size_t limit,
                        std::vector<int64_t>* out) const {
  const SlotEntry& s = slots_[Slot(key)];
  if (s.first == 0) return true;
  if (Count(s) > limit + 1) return false;  // more than `limit` even without `except`
  size_t added = 0;
  auto take = [&](uint32_t article) {
    if (article == except) return;
    out->push_back(article);
    ++added;
  };
  take(s.first);
  for (uint32_t c = s.chunks; c != kNone; c = chunks_[c].next) {
    for (uint32_t j = 0; j < chunks_[c].size; ++j) take(chunks_[c].articles[j]);
  }
  return added <= limit;
}

void BandWindow::MoveTo(int64_t article) {
  const int64_t g = Generation(article);
  if (g <= generation_) return;
  if (g == generation_ + 1) {
    std::swap(previous_, current_);
  } else {
    previous_.Clear();
  }
  current_.Clear();
  generation_ = g;
}

bool BandWindow::Add(const std::vector<uint64_t>& keys, int64_t article) {
  MoveTo(article);
  const int64_t g = Generation(article);
  if (g == generation_) return current_.Add(keys, article);
  if (g == generation_ - 1) return previous_.Add(keys, article);
  return false;
}

std::vector<int64_t> BandWindow::SharingBands(const std::vector<uint64_t>& keys, int64_t except,
                                              size_t min_shared, size_t max_members) const {
  if (previous_.entries() == 0) return current_.SharingBands(keys, except, min_shared, max_members);
  if (current_.entries() == 0) return previous_.SharingBands(keys, except, min_shared, max_members);
  // A key's holders in both count together: it is ignored when more than max_members
  // articles besides `except` hold it in the two (BandIndex::SharingBands's rule).
  std::vector<int64_t> hits, holders;
  for (uint64_t key : keys) {
    holders.clear();
    if (!current_.Holders(key, except, max_members, &holders)) continue;
    if (!previous_.Holders(key, except, max_members - holders.size(), &holders)) continue;
    hits.insert(hits.end(), holders.begin(), holders.end());
  }
  return BandIndex::Rank(hits, min_shared);
}

}  // namespace dyad::dedup
