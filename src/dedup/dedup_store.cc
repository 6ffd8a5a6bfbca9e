// DedupStore: examines the store's new articles for copies of what is stored.
#include <algorithm>
#include <chrono>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "dedup/band_index.h"
#include "dedup/compact.h"
#include "dedup/lru_cache.h"
#include "dedup/story_events.h"
#include "dyad/dedup.h"
#include "dyad/store.h"
#include "util/parallel.h"

namespace dyad {

using dedup::CompactFeatures;

namespace {

int Rank(CopyRelation r) {
  switch (r) {
    case CopyRelation::kExact:
      return 3;
    case CopyRelation::kNearDuplicate:
      return 2;
    case CopyRelation::kReworded:
      return 1;
    case CopyRelation::kNone:
      break;
  }
  return 0;
}

// At most this many LSH candidates are verified per article (the most similar first).
constexpr size_t kMaxCandidates = 10;
// Memory for the comparison features of stored articles (about 1 KB each for wire stories).
constexpr size_t kCacheBytes = size_t{384} << 20;
constexpr size_t kCacheEntryBytes = 96;  // list node, map node, shared_ptr control block
constexpr size_t kBatchArticles = 200;   // articles examined per transaction
// Keys remembered as held by too many articles in the store's LSH table (some 40 bytes each):
// past this many, the others are looked up each time.
constexpr size_t kMaxSaturatedKeys = size_t{4} << 20;
// Keys whose members in the store's LSH table are kept in memory once read (exact: the table
// changes only when DedupStore writes it, and the kept lists are updated then), and their
// members in all: at most some 200 MB, then they are dropped and kept again from there.
constexpr size_t kMaxCachedKeys = size_t{2} << 20;
constexpr size_t kMaxCachedMembers = size_t{8} << 20;

// What a run past the in-memory cap keeps of the store's LSH table: see
// SharingBandsInStoreAndRecent.
struct TableMemory {
  std::unordered_set<uint64_t> saturated;
  std::unordered_map<uint64_t, std::vector<int64_t>> members;
  size_t member_count = 0;  // in `members`
  // `article` now holds `key` in the table too.
  void Added(uint64_t key, int64_t article, size_t max_members) {
    auto at = members.find(key);
    if (at == members.end()) return;
    at->second.push_back(article);
    ++member_count;
    if (at->second.size() > max_members + 1) Saturate(at);
  }
  // The key at `at` is held by too many articles.
  void Saturate(std::unordered_map<uint64_t, std::vector<int64_t>>::iterator at) {
    if (saturated.size() < kMaxSaturatedKeys) saturated.insert(at->first);
    member_count -= at->second.size();
    members.erase(at);
  }
};

// The publication a provenance notice names: "This article was republished from The
// Conversation under a Creative Commons license" -> "The Conversation"; "Source: Azattyq" ->
// "Azattyq". Empty when the notice names none.
std::string DeclaredSource(const std::string& notice) {
  static constexpr std::string_view kLeads[] = {"republished from ",
                                                "originally published by ",
                                                "originally published in ",
                                                "originally published on ",
                                                "first published by ",
                                                "first published in ",
                                                "first appeared in ",
                                                "first appeared on ",
                                                "reprinted from ",
                                                "source: ",
                                                "courtesy of "};
  std::string lower = notice;
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (std::string_view lead : kLeads) {
    size_t at = lower.find(lead);
    if (at == std::string::npos) continue;
    std::string name = notice.substr(at + lead.size());
    for (std::string_view stop : {" under ", ". ", " and is ", " with permission", ", "}) {
      size_t cut = name.find(stop);
      if (cut != std::string::npos) name.resize(cut);
    }
    while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.pop_back();
    if (name.size() >= 3) return name;
  }
  return "";
}

std::vector<std::string> ProvenanceNotices(const std::string& metadata_json) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(metadata_json, nullptr, /*allow_exceptions=*/false);
  if (j.is_object() && j.contains("provenance") && j["provenance"].is_array()) {
    for (const auto& n : j["provenance"]) {
      if (n.is_string()) out.push_back(n.get<std::string>());
    }
  }
  return out;
}

// Which band keys the store's LSH table may hold (a blocked Bloom filter: four bits of one
// 64-bit word per key, about 4 bits per key added): a key it has never been given is not in
// the table, and is not looked up there. Never wrong about a key it was given.
class KeyFilter {
 public:
  // Room for about `keys` keys.
  explicit KeyFilter(size_t keys) {
    size_t words = 1024;
    while (words * 16 < keys) words <<= 1;
    words_.assign(words, 0);
  }
  void Add(uint64_t key) {
    const uint64_t h = Mix(key);
    words_[h & (words_.size() - 1)] |= Bits(h);
  }
  bool MayHold(uint64_t key) const {
    const uint64_t h = Mix(key);
    const uint64_t bits = Bits(h);
    return (words_[h & (words_.size() - 1)] & bits) == bits;
  }

 private:
  static uint64_t Mix(uint64_t key) {
    key ^= key >> 31;
    key *= 0x9E3779B97F4A7C15ULL;
    return key ^ (key >> 29);
  }
  static uint64_t Bits(uint64_t h) {  // four bit positions from the hash's high bits
    return (uint64_t{1} << ((h >> 40) & 63)) | (uint64_t{1} << ((h >> 46) & 63)) |
           (uint64_t{1} << ((h >> 52) & 63)) | (uint64_t{1} << ((h >> 58) & 63));
  }
  std::vector<uint64_t> words_;
};

// Candidates once the run has outgrown the in-memory index: the store's LSH table holds the
// articles examined before (and by earlier runs), `recent` those examined since it was last
// written. Each key's members in both count together, so the result is what one index of all
// of them gives (BandIndex::SharingBands, Store::ArticlesSharingBands). `table.saturated`
// remembers the keys the table holds for more than max_members + 1 articles: they are ignored
// whichever article asks (members are only ever added), so they are not looked up again;
// `table.members` keeps the table's members of keys read before.
Result<std::vector<int64_t>> SharingBandsInStoreAndRecent(
    const Store& store, const KeyFilter& in_table, const dedup::BandIndex& recent,
    TableMemory& table, const std::vector<uint64_t>& keys, int64_t except, size_t min_shared,
    size_t max_members) {
  std::vector<uint64_t> sorted = keys;  // a key listed twice counts twice
  std::sort(sorted.begin(), sorted.end());
  std::vector<int64_t> hits;
  // Counts the key's members in the table (all of them) and in the recent index (without
  // `except`) unless there are too many.
  auto count = [&](uint64_t key, std::vector<int64_t> members, const std::vector<int64_t>& more) {
    std::erase(members, except);
    if (members.size() + more.size() > max_members) return;
    members.insert(members.end(), more.begin(), more.end());
    auto [from, to] = std::equal_range(sorted.begin(), sorted.end(), key);
    for (auto u = from; u != to; ++u) hits.insert(hits.end(), members.begin(), members.end());
  };
  std::vector<uint64_t> ask;  // keys not ruled out by memory alone
  std::vector<std::vector<int64_t>> in_recent;
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0 && sorted[i] == sorted[i - 1]) continue;
    if (table.saturated.count(sorted[i]) != 0) continue;
    std::vector<int64_t> m;
    if (!recent.Holders(sorted[i], except, max_members, &m)) continue;
    if (!in_table.MayHold(sorted[i])) {
      count(sorted[i], {}, m);
      continue;
    }
    if (auto at = table.members.find(sorted[i]); at != table.members.end()) {
      count(sorted[i], at->second, m);
      continue;
    }
    ask.push_back(sorted[i]);
    in_recent.push_back(std::move(m));
  }
  auto members = store.BandMembers(ask, /*except=*/0, max_members + 2);
  if (!members.ok()) return members.status();
  for (size_t i = 0; i < ask.size(); ++i) {
    std::vector<int64_t>& m = (*members)[i];
    if (m.size() > max_members + 1) {  // too many, whichever one is left out
      if (table.saturated.size() < kMaxSaturatedKeys) table.saturated.insert(ask[i]);
      continue;
    }
    count(ask[i], m, in_recent[i]);
    if (table.members.size() >= kMaxCachedKeys ||
        table.member_count + m.size() > kMaxCachedMembers) {
      table.members.clear();  // full: start again with the keys asked about now
      table.member_count = 0;
    }
    table.member_count += m.size();
    table.members.emplace(ask[i], std::move(m));
  }
  return dedup::BandIndex::Rank(hits, min_shared);
}

}  // namespace

Result<DedupSummary> DedupStore(const std::string& db_path, const DedupOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  auto store_or = Store::Open(db_path);
  if (!store_or.ok()) return store_or.status();
  Store& store = **store_or;
  DedupSummary sum;
  auto todo = store.ArticlesWithoutSignature();
  if (!todo.ok()) return todo.status();
  // Comparison features of stored articles, kept while they fit the budget (candidates recur:
  // every new copy of a story is compared with the story's earlier members).
  dedup::LruCache<CompactFeatures> cache(kCacheBytes);
  auto features_of = [&](int64_t id) -> Result<std::shared_ptr<const CompactFeatures>> {
    if (auto f = cache.Get(id)) return f;
    auto texts = StoredSentenceTexts(store, id);
    if (!texts.ok()) return texts.status();
    auto f = std::make_shared<const CompactFeatures>(CompactFeatures::FromSentences(*texts));
    cache.Put(id, f, f->bytes() + kCacheEntryBytes);
    return f;
  };
  // Windowed (the default): candidates come from the articles numbered just before each one,
  // held in memory (loaded from the signatures of the window's first articles; the store's
  // LSH table is not used). Exhaustive: from an in-memory band index when every examined
  // article's keys fit in it (loaded from the signatures), else from the store's LSH table
  // together with a smaller in-memory index of the articles examined since the table was last
  // written (`index` again). Either way gives the same candidates.
  const bool windowed = options.window_articles > 0 &&
                        (todo->empty() || todo->back() <= dedup::BandIndex::kMaxArticle);
  dedup::BandWindow window(static_cast<int64_t>(options.window_articles / 2));
  Result<int64_t> stored_keys = int64_t{0};
  if (!windowed) stored_keys = store.SignatureBandKeys();
  if (!stored_keys.ok()) return stored_keys.status();
  bool in_memory = static_cast<size_t>(*stored_keys) <= options.max_index_entries;
  dedup::BandIndex index;
  TableMemory table;  // see SharingBandsInStoreAndRecent
  // Past the cap: the keys the store's table may hold (added as they are written to it), sized
  // for the whole run.
  std::unique_ptr<KeyFilter> in_table;
  auto start_table = [&]() -> Status {
    auto r = store.IndexPendingBands();  // all that waited: the table now holds every signature
    if (!r.ok()) return r.status();
    in_table =
        std::make_unique<KeyFilter>(static_cast<size_t>(*stored_keys) + todo->size() * kBands);
    return store.ForEachSignature([&](int64_t, const std::vector<uint64_t>& keys) {
      for (uint64_t k : keys) in_table->Add(k);
      return Status::OK();
    });
  };
  // Past the cap: the first article examined since the table was last written (articles are
  // examined in id order: every earlier one is in the table); 0 when none.
  int64_t recent_from = 0;
  DYAD_RETURN_IF_ERROR(store.BeginBatch());
  auto too_big = [&index, &options] {
    return index.entries() > options.max_index_entries || index.bytes() > options.max_index_bytes;
  };
  Status ready;
  if (windowed) {
    if (!todo->empty()) {  // (with nothing to examine, nothing to load)
      ready = store.ForEachSignature(
          [&](int64_t id, const std::vector<uint64_t>& keys) {
            window.Add(keys, id);
            return Status::OK();
          },
          window.First(todo->front()));
    }
  } else if (in_memory) {
    ready = store.ForEachSignature([&](int64_t id, const std::vector<uint64_t>& keys) {
      in_memory = in_memory && index.Add(keys, id) && !too_big();
      return Status::OK();
    });
  }
  if (ready.ok() && !in_memory) {
    index.Clear();
    ready = start_table();  // with what a stopped or bigger run left
  }
  if (!ready.ok()) {
    store.RollbackBatch();
    return ready;
  }
  size_t in_batch = 0;
  // Work (on the pool's workers): an article's features and LSH band keys.
  struct Examined {
    ArticleRow article;
    std::vector<std::string> sentences;  // consumed by the features
    std::shared_ptr<const CompactFeatures> features;
    std::vector<uint64_t> bands;
  };
  auto prepare = [&options](Examined& x) -> Examined {
    std::vector<uint64_t> stems;
    x.features = std::make_shared<const CompactFeatures>(
        CompactFeatures::FromSentences(x.sentences, &stems));
    if (x.features->words() >= options.min_content_words) x.bands = BandKeys(MinHash(stems));
    x.sentences.clear();
    return std::move(x);
  };
  // Consume (on this thread, in store order): find the best copy among what was examined.
  auto examine = [&](Examined&& x) -> Status {
    // Commit every few hundred articles so that a run killed midway keeps what it examined
    // (the next run examines only the rest, in the same order, with the same result).
    if (++in_batch > kBatchArticles) {
      DYAD_RETURN_IF_ERROR(store.CommitBatch());
      DYAD_RETURN_IF_ERROR(store.BeginBatch());
      in_batch = 1;
    }
    ++sum.articles;
    const int64_t id = x.article.id;
    const ArticleRow* article = &x.article;
    cache.Put(id, x.features, x.features->bytes() + kCacheEntryBytes);
    const CompactFeatures& mine = *x.features;
    CopyMatch best;
    int64_t best_id = 0;
    auto exact = store.ExaminedArticlesWithTextHash(article->text_hash, id);
    if (!exact.ok()) return exact.status();
    if (!exact->empty()) {
      best = {CopyRelation::kExact, 1.0};
      best_id = exact->front();
    }
    const std::vector<uint64_t>& bands = x.bands;
    if (mine.words() >= options.min_content_words && best_id == 0) {
      window.MoveTo(id);
      auto cands = windowed ? Result<std::vector<int64_t>>(
                                  window.SharingBands(bands, id, kMinSharedBands, kMaxBandMembers))
                   : in_memory ? Result<std::vector<int64_t>>(index.SharingBands(
                                     bands, id, kMinSharedBands, kMaxBandMembers))
                               : SharingBandsInStoreAndRecent(store, *in_table, index, table, bands,
                                                              id, kMinSharedBands, kMaxBandMembers);
      if (!cands.ok()) return cands.status();
      for (size_t k = 0; k < cands->size() && k < kMaxCandidates; ++k) {
        auto theirs = features_of((*cands)[k]);
        if (!theirs.ok()) return theirs.status();
        ++sum.candidates;
        CopyMatch m = Compare(**theirs, mine, options);
        if (Rank(m.relation) > Rank(best.relation) ||
            (m.relation == best.relation && m.relation != CopyRelation::kNone &&
             m.similarity > best.similarity)) {
          best = m;
          best_id = (*cands)[k];
        }
      }
    }
    // Declared provenance: an article saying it was republished from a publication is
    // compared with that publication's stored articles, and a looser match is accepted.
    std::string evidence;
    if (best.relation == CopyRelation::kNone) {
      for (const std::string& notice : ProvenanceNotices(article->metadata_json)) {
        std::string name = DeclaredSource(notice);
        if (name.empty()) continue;
        auto declared = store.ExaminedArticlesFromSource(name, id);
        if (!declared.ok()) return declared.status();
        for (int64_t other : *declared) {
          auto theirs = features_of(other);
          if (!theirs.ok()) return theirs.status();
          ++sum.candidates;
          CopyMatch m = Compare(**theirs, mine, options);
          if (m.relation == CopyRelation::kNone) {
            Alignment al = Align(**theirs, mine, options.sentence_match);
            if (al.coverage >= 0.4) m = {CopyRelation::kReworded, al.coverage * al.mean_similarity};
          }
          if (m.relation != CopyRelation::kNone && m.similarity > best.similarity) {
            best = m;
            best_id = other;
            evidence = "declared: " + notice;
          }
        }
      }
    }
    // The keys go into the in-memory index (the store's table is written from the signatures
    // when that grows too big); an article the index cannot number goes into the table now.
    const bool numbered = id >= 1 && id <= dedup::BandIndex::kMaxArticle;
    DYAD_RETURN_IF_ERROR(
        store.PutSignature(id, static_cast<int64_t>(mine.words()), bands, !in_memory && !numbered));
    if (!in_memory && !numbered) {
      for (uint64_t k : bands) {  // in the table already
        in_table->Add(k);
        table.Added(k, id, kMaxBandMembers);
      }
    }
    if (windowed) {
      window.Add(bands, id);
    } else if (in_memory) {
      if (!index.Add(bands, id) || too_big()) {
        index.Clear();
        in_memory = false;
        DYAD_RETURN_IF_ERROR(start_table());
      }
    } else if (numbered) {
      if (recent_from == 0) recent_from = id;
      index.Add(bands, id);
      if (index.entries() > options.recent_index_entries ||
          index.bytes() > options.max_index_bytes) {
        index.ForEachKey([&](uint64_t k) { in_table->Add(k); });
        // The kept members of the table's keys gain the recent index's.
        for (auto at = table.members.begin(); at != table.members.end();) {
          const size_t before = at->second.size();
          if (index.Holders(at->first, 0, kMaxBandMembers + 1 - before, &at->second)) {
            table.member_count += at->second.size() - before;
            ++at;
          } else {
            table.member_count += at->second.size() - before;
            auto next = std::next(at);
            table.Saturate(at);
            at = next;
          }
        }
        auto n = store.IndexPendingBands(recent_from);
        if (!n.ok()) return n.status();
        index.Clear();
        recent_from = 0;
      }
    }
    if (best_id != 0 && best.relation != CopyRelation::kNone) {
      auto c = store.AddToCluster(id, best_id, CopyRelationName(best.relation), best.similarity,
                                  evidence);
      if (!c.ok()) return c.status();
      sum.exact += best.relation == CopyRelation::kExact;
      sum.near_duplicates += best.relation == CopyRelation::kNearDuplicate;
      sum.reworded += best.relation == CopyRelation::kReworded;
    }
    return Status::OK();
  };
  // This thread does much of the work here (reading and writing the store, comparing candidates),
  // so it counts as one of the `threads`.
  const size_t workers = options.threads <= 1 ? 0 : options.threads - 1;
  OrderedPool<Examined, Examined> pool(workers, kWindowPerWorker * workers, prepare, examine);
  Status st = FeedInOrder(*todo, pool, [&](int64_t id) -> Result<std::optional<Examined>> {
    Examined x;
    auto article = store.GetArticle(id, /*with_original=*/false);
    if (!article.ok()) return article.status();
    x.article = std::move(*article);
    auto texts = StoredSentenceTexts(store, id);
    if (!texts.ok()) return texts.status();
    x.sentences = std::move(*texts);
    return std::optional<Examined>(std::move(x));
  });
  if (!st.ok()) {
    store.RollbackBatch();
    return st;
  }
  if (!in_memory) {
    if (auto n = store.IndexPendingBands(recent_from); !n.ok()) {
      store.RollbackBatch();
      return n.status();
    }
  }
  DYAD_RETURN_IF_ERROR(store.CommitBatch());
  auto clusters = store.CountClusters();  // not Clusters(): 3.6 million members at 4 GB
  if (!clusters.ok()) return clusters.status();
  sum.clusters = *clusters;
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace dyad
