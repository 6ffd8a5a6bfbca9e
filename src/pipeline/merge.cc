// Scale-out: splitting inputs into shards and merging the shards' stores into one that equals a
// single-process run (docs/scaling.md).

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>

#include "dedup/story_events.h"
#include "dyad/dedup.h"
#include "dyad/pipeline.h"
#include "dyad/store.h"

namespace dyad {

Result<std::vector<std::vector<std::string>>> ShardInputs(const std::vector<std::string>& paths,
                                                          size_t n, const IngestOptions& options,
                                                          DiagnosticSink& diag) {
  if (n == 0) return Status::InvalidArgument("the number of shards must be at least 1");
  std::vector<InputFileEntry> files = ListInputFiles(paths, options, diag);
  for (const auto& f : files) {
    if (f.path == "-") return Status::InvalidArgument("stdin cannot be sharded");
  }
  uint64_t total = 0;
  for (const auto& f : files) total += f.size;
  // Contiguous slices in reading order, cut where the running size passes k/n of the total:
  // shard k holds what a single run would read k-th, so that merging in shard order keeps the
  // single run's article order.
  std::vector<std::vector<std::string>> shards(n);
  uint64_t done = 0;
  for (const auto& f : files) {
    size_t k = total == 0 ? 0 : static_cast<size_t>((done + f.size / 2) * n / total);
    shards[std::min(k, n - 1)].push_back(f.path);
    done += f.size;
  }
  return shards;
}

Result<MergeSummary> MergeStores(const std::string& target, const std::vector<std::string>& shards,
                                 DiagnosticSink& diag, const DedupOptions& dedup_options) {
  auto t0 = std::chrono::steady_clock::now();
  MergeSummary sum;
  auto out = Store::Open(target);
  if (!out.ok()) return out.status();
  Store& store = **out;
  {
    auto stats = store.Stats();
    if (!stats.ok()) return stats.status();
    if (stats->article_versions > 0) {
      return Status::InvalidArgument(target + " already holds articles: merge into a new store");
    }
  }
  // The shards' codings must be the same coding: one dyad version, one dictionary set.
  struct Shard {
    std::string path;
    std::unique_ptr<Store> store;
    Store::EventSet set;
    std::map<int64_t, int64_t> ids;  // shard article id -> merged id
  };
  std::vector<Shard> in;
  for (const std::string& p : shards) {
    auto s = Store::OpenExisting(p);
    if (!s.ok()) return s.status();
    Shard sh;
    sh.path = p;
    sh.store = std::move(*s);
    auto set = sh.store->CurrentEventSet();
    if (set.ok()) sh.set = *set;
    if (sh.set.id != 0 && !in.empty() && in.front().set.id != 0 &&
        (sh.set.dyad_version != in.front().set.dyad_version ||
         sh.set.dictionary_hash != in.front().set.dictionary_hash)) {
      return Status::InvalidArgument(p +
                                     " was coded with other dictionaries or another dyad "
                                     "version than " +
                                     in.front().path);
    }
    in.push_back(std::move(sh));
  }
  // 1. Articles and sentences, shard by shard.
  for (Shard& sh : in) {
    std::vector<std::pair<int64_t, int64_t>> map;
    int64_t skipped = 0;
    DYAD_RETURN_IF_ERROR(store.CopyArticlesFrom(sh.path, &map, &skipped));
    for (const auto& [a, b] : map) sh.ids[a] = b;
    sum.articles += static_cast<int64_t>(map.size());
    if (skipped > 0) {
      diag.Skipped(sh.path, 0,
                   std::to_string(skipped) +
                       " articles already merged from an earlier shard "
                       "(the same origin and version)");
      sum.skipped += skipped;
    }
    ++sum.shards;
  }
  // 2. Copies across shards: deduplication over everything.
  auto dedup = DedupStore(target, dedup_options);
  if (!dedup.ok()) return dedup.status();
  sum.exact = dedup->exact;
  sum.near_duplicates = dedup->near_duplicates;
  sum.reworded = dedup->reworded;
  sum.clusters = dedup->clusters;
  // 3. Events: replayed in the single run's order (shard order, then coding order), merging
  //    the reports of one event across the new story clusters as coding does.
  const Shard* coded = nullptr;
  for (const Shard& sh : in) {
    if (sh.set.id != 0) coded = &sh;
  }
  if (coded != nullptr) {
    auto set_id = store.BeginEventSet(coded->set.dyad_version, coded->set.dictionary_hash,
                                      coded->set.dictionaries);
    if (!set_id.ok()) return set_id.status();
    DYAD_RETURN_IF_ERROR(store.BeginBatch());
    FeaturesOf features_of = CachedStoredFeatures(store);
    for (Shard& sh : in) {
      if (sh.set.id == 0) continue;
      Store::EventFilter f;
      f.event_set = sh.set.id;
      f.every_mention = true;
      Status replay_status;
      // One article's reports at a time (a shard stores them article by article), stored as
      // the coder stores them: same-story links and rewording marks are made again here.
      int64_t article = 0;
      std::vector<EventRow> rows;
      auto flush = [&]() -> Status {
        if (rows.empty()) return Status::OK();
        std::optional<ArticleFeatures> mine;
        auto my_features = [&]() -> const ArticleFeatures& {
          if (!mine) {
            auto got = StoredFeatures(store, article);  // on failure: nothing to compare with
            mine = got.ok() ? std::move(*got) : ArticleFeatures{};
          }
          return *mine;
        };
        StoryEventCounts counts;
        sum.mentions += static_cast<int64_t>(rows.size());
        Status st = StoreArticleEvents(store, *set_id, article, std::move(rows), my_features,
                                       features_of, true, SameStoryOptions{}, &counts);
        rows.clear();
        sum.events += counts.events;
        return st;
      };
      Status s = sh.store->ForEachEvent(f, [&](const EventRow& shard_row) {
        EventRow e = shard_row;
        auto it = sh.ids.find(e.article_id);
        if (it == sh.ids.end()) return true;  // an article skipped above
        e.article_id = it->second;
        auto sid = store.SentenceId(e.article_id, e.sentence_index);
        if (!sid.ok()) {
          replay_status = sid.status();
          return false;
        }
        e.sentence_id = *sid;
        e.event_set_id = *set_id;
        if (e.article_id != article) {
          replay_status = flush();
          if (!replay_status.ok()) return false;
          article = e.article_id;
        }
        rows.push_back(std::move(e));
        return true;
      });
      if (s.ok() && replay_status.ok()) replay_status = flush();
      if (s.ok()) s = replay_status;
      if (!s.ok()) {
        store.RollbackBatch();
        return s;
      }
      // Articles the shard coded (with or without events) are coded in the merged store.
      auto not_coded = sh.store->ArticlesNotCodedIn(sh.set.id);
      if (!not_coded.ok()) return not_coded.status();
      std::vector<int64_t> skip = *not_coded;
      std::sort(skip.begin(), skip.end());
      for (const auto& [theirs, ours] : sh.ids) {
        if (std::binary_search(skip.begin(), skip.end(), theirs)) continue;
        DYAD_RETURN_IF_ERROR(store.MarkCoded(*set_id, ours));
      }
    }
    DYAD_RETURN_IF_ERROR(store.FinishEventSet(*set_id, /*make_current=*/true));
    DYAD_RETURN_IF_ERROR(store.CommitBatch());
  }
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace dyad
