// DedupStore: examines the store's new articles for copies of what is stored.
#include <chrono>
#include <memory>
#include <unordered_map>

#include "dyad/dedup.h"
#include "dyad/store.h"

namespace dyad {

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
constexpr size_t kCacheSize = 20000;  // articles whose features are kept

}  // namespace

Result<DedupSummary> DedupStore(const std::string& db_path, const DedupOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  auto store_or = Store::Open(db_path);
  if (!store_or.ok()) return store_or.status();
  Store& store = **store_or;
  DedupSummary sum;
  auto todo = store.ArticlesWithoutSignature();
  if (!todo.ok()) return todo.status();
  // Features of stored articles, computed once (candidates recur across a batch).
  std::unordered_map<int64_t, std::shared_ptr<const ArticleFeatures>> cache;
  auto features_of = [&](int64_t id) -> Result<std::shared_ptr<const ArticleFeatures>> {
    if (auto it = cache.find(id); it != cache.end()) return it->second;
    auto rows = store.Sentences(id);
    if (!rows.ok()) return rows.status();
    std::vector<std::string> sentences;
    for (const SentenceRow& s : *rows) sentences.push_back(s.text);
    auto f = std::make_shared<const ArticleFeatures>(Features(std::move(sentences)));
    if (cache.size() >= kCacheSize) cache.clear();
    cache.emplace(id, f);
    return f;
  };
  DYAD_RETURN_IF_ERROR(store.BeginBatch());
  auto fail = [&](const Status& s) {
    store.RollbackBatch();
    return s;
  };
  for (int64_t id : *todo) {
    ++sum.articles;
    auto article = store.GetArticle(id);
    if (!article.ok()) return fail(article.status());
    auto mine = features_of(id);
    if (!mine.ok()) return fail(mine.status());
    const std::vector<ContentWord>& words = (*mine)->words;
    CopyMatch best;
    int64_t best_id = 0;
    auto exact = store.ExaminedArticlesWithTextHash(article->text_hash, id);
    if (!exact.ok()) return fail(exact.status());
    if (!exact->empty()) {
      best = {CopyRelation::kExact, 1.0};
      best_id = exact->front();
    }
    std::vector<uint64_t> bands;
    if (words.size() >= options.min_content_words) {
      bands = BandKeys(MinHash(StemFeatures(words)));
      if (best_id == 0) {
        auto cands = store.ArticlesSharingBands(bands, id, kMinSharedBands, kMaxBandMembers);
        if (!cands.ok()) return fail(cands.status());
        for (size_t k = 0; k < cands->size() && k < kMaxCandidates; ++k) {
          auto theirs = features_of((*cands)[k]);
          if (!theirs.ok()) return fail(theirs.status());
          ++sum.candidates;
          CopyMatch m = CompareArticles(**theirs, **mine, options);
          if (Rank(m.relation) > Rank(best.relation) ||
              (m.relation == best.relation && m.relation != CopyRelation::kNone &&
               m.similarity > best.similarity)) {
            best = m;
            best_id = (*cands)[k];
          }
        }
      }
    }
    DYAD_RETURN_IF_ERROR(store.PutSignature(id, static_cast<int64_t>(words.size()), bands));
    if (best_id != 0 && best.relation != CopyRelation::kNone) {
      auto c = store.AddToCluster(id, best_id, CopyRelationName(best.relation), best.similarity);
      if (!c.ok()) return fail(c.status());
      sum.exact += best.relation == CopyRelation::kExact;
      sum.near_duplicates += best.relation == CopyRelation::kNearDuplicate;
      sum.reworded += best.relation == CopyRelation::kReworded;
    }
  }
  DYAD_RETURN_IF_ERROR(store.CommitBatch());
  auto clusters = store.Clusters();
  if (!clusters.ok()) return clusters.status();
  sum.clusters = static_cast<int64_t>(clusters->size());
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace dyad
