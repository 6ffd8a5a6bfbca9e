// DedupStore: examines the store's new articles for copies of what is stored.
#include <chrono>
#include <memory>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "dedup/band_index.h"
#include "dedup/story_events.h"
#include "dyad/dedup.h"
#include "dyad/store.h"
#include "util/parallel.h"

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
constexpr size_t kCacheSize = 20000;    // articles whose features are kept
constexpr size_t kBatchArticles = 200;  // articles examined per transaction
// The in-memory band index holds at most this many (key, article) pairs (some 310,000 articles;
// about 23 bytes a pair with the table, some 460 MB: bench_dedup_scale measures it); past it
// the run writes them to the store and looks up there.
constexpr size_t kMaxIndexEntries = size_t{20} << 20;

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
    auto stored = StoredFeatures(store, id);
    if (!stored.ok()) return stored.status();
    auto f = std::make_shared<const ArticleFeatures>(std::move(*stored));
    if (cache.size() >= kCacheSize) cache.clear();
    cache.emplace(id, f);
    return f;
  };
  // Candidates among this run's articles come from an in-memory index when the store had no
  // examined articles before it (a fresh store: every `dyad run` into a new file); otherwise
  // from the store's index. Either way gives the same candidates.
  auto had_signatures = store.HasSignatures();
  if (!had_signatures.ok()) return had_signatures.status();
  bool in_memory = !*had_signatures;
  dedup::BandIndex index;
  DYAD_RETURN_IF_ERROR(store.BeginBatch());
  // Keys a stopped run left unindexed are indexed first.
  if (auto left = store.IndexPendingBands(); !left.ok()) {
    store.RollbackBatch();
    return left.status();
  }
  size_t in_batch = 0;
  // Work (on the pool's workers): an article's features and LSH band keys.
  struct Examined {
    ArticleRow article;
    std::vector<std::string> sentences;  // consumed by the features
    std::shared_ptr<const ArticleFeatures> features;
    std::vector<uint64_t> bands;
  };
  auto prepare = [&options](Examined& x) -> Examined {
    x.features = std::make_shared<const ArticleFeatures>(Features(std::move(x.sentences)));
    if (x.features->words.size() >= options.min_content_words) {
      x.bands = BandKeys(MinHash(StemFeatures(x.features->words)));
    }
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
    if (cache.size() >= kCacheSize) cache.clear();
    cache.emplace(id, x.features);
    const std::shared_ptr<const ArticleFeatures>* mine = &x.features;
    const std::vector<ContentWord>& words = (*mine)->words;
    CopyMatch best;
    int64_t best_id = 0;
    auto exact = store.ExaminedArticlesWithTextHash(article->text_hash, id);
    if (!exact.ok()) return exact.status();
    if (!exact->empty()) {
      best = {CopyRelation::kExact, 1.0};
      best_id = exact->front();
    }
    const std::vector<uint64_t>& bands = x.bands;
    if (words.size() >= options.min_content_words && best_id == 0) {
      auto cands = in_memory
                       ? Result<std::vector<int64_t>>(
                             index.SharingBands(bands, id, kMinSharedBands, kMaxBandMembers))
                       : store.ArticlesSharingBands(bands, id, kMinSharedBands, kMaxBandMembers);
      if (!cands.ok()) return cands.status();
      for (size_t k = 0; k < cands->size() && k < kMaxCandidates; ++k) {
        auto theirs = features_of((*cands)[k]);
        if (!theirs.ok()) return theirs.status();
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
          CopyMatch m = CompareArticles(**theirs, **mine, options);
          if (m.relation == CopyRelation::kNone) {
            Alignment al = AlignSentences(**theirs, **mine, options.sentence_match);
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
    DYAD_RETURN_IF_ERROR(
        store.PutSignature(id, static_cast<int64_t>(words.size()), bands, !in_memory));
    if (in_memory) {
      index.Add(bands, id);
      if (index.entries() > kMaxIndexEntries) {
        auto n = store.IndexPendingBands();
        if (!n.ok()) return n.status();
        index.Clear();
        in_memory = false;
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
  OrderedPool<Examined, Examined> pool(workers, 4 * workers, prepare, examine);
  Status st = FeedInOrder(*todo, pool, [&](int64_t id) -> Result<std::optional<Examined>> {
    Examined x;
    auto article = store.GetArticle(id);
    if (!article.ok()) return article.status();
    x.article = std::move(*article);
    auto rows = store.Sentences(id);
    if (!rows.ok()) return rows.status();
    for (SentenceRow& s : *rows) x.sentences.push_back(std::move(s.text));
    return std::optional<Examined>(std::move(x));
  });
  if (!st.ok()) {
    store.RollbackBatch();
    return st;
  }
  if (auto n = store.IndexPendingBands(); !n.ok()) {
    store.RollbackBatch();
    return n.status();
  }
  DYAD_RETURN_IF_ERROR(store.CommitBatch());
  auto clusters = store.Clusters();
  if (!clusters.ok()) return clusters.status();
  sum.clusters = static_cast<int64_t>(clusters->size());
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace dyad
