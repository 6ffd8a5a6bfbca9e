// RunAhead: the dedup and coding work of `dyad run`, done while each article is ingested.
//
// `dyad run` stores the articles, then examines them for copies, then codes them (each stage
// over the store, so that a stopped run resumes and every stage sees the whole store). The
// dedup features and the coding of an article need only its own text, which the ingest
// workers hold anyway: computing them there, beside the cleaning, spares the later stages
// reading each article back and lets the ingest workers use the core that the store writer
// leaves idle. The later stages take the results (TakeDedup, TakeCoded) and do with them
// exactly what they would have done with their own: the store ends the same either way.
//
// Memory is bounded: results are kept up to `max_bytes`; past that, that article and every
// later one are left for their stage to read and work out as it always did (the workers stop
// preparing). A taken result is freed.
//
// Thread safety: Prepare may run on several threads at once; Keep and the Take calls take a
// lock.
#ifndef DYAD_PIPELINE_RUN_AHEAD_H_
#define DYAD_PIPELINE_RUN_AHEAD_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "coding/code_article.h"
#include "dedup/compact.h"
#include "dyad/clean.h"
#include "dyad/ingest.h"
#include "dyad/pipeline.h"
#include "dyad/text.h"

namespace dyad {

class RunAhead {
 public:
  // `dicts` null: nothing is coded ahead (a run without dictionaries).
  RunAhead(const tabari::DictionarySet* dicts, const geo::Gazetteer* gazetteer, size_t max_bytes);

  // An article's dedup features and LSH band keys (computed whatever its length: DedupStore
  // drops the keys of articles too short to compare).
  struct Dedup {
    std::shared_ptr<const dedup::CompactFeatures> features;
    std::vector<uint64_t> bands;
  };
  // An article's coding; `coded_language` false: the dictionaries do not code its language
  // (its `coded` is then empty).
  struct Coded {
    bool coded_language = true;
    tabari::CodedArticle coded;
  };
  struct Work {
    Dedup dedup;
    std::optional<Coded> coded;
  };

  // On an ingest worker: the work for an article about to be stored with `record` (its
  // publication date and metadata as stored), `cleaned` text and `sentences`.
  Work Prepare(const SourceRecord& record, const CleanedText& cleaned,
               const std::vector<Span>& sentences) const;
  // On the store writer: keeps `work` for the article stored as `id`, whose sentences were
  // stored as `sentence_ids` (in order). Dropped when over the memory budget.
  void Keep(int64_t id, const std::vector<int64_t>& sentence_ids, Work&& work);

  std::optional<Dedup> TakeDedup(int64_t id);
  // Only for the dictionaries it was made with.
  std::optional<Coded> TakeCoded(int64_t id, const tabari::DictionarySet& dicts);

  // Whether an article was already dropped for the budget: the stages will read the rest
  // back, so the workers stop preparing (the budget frees only once the stages take).
  bool full() const { return full_.load(std::memory_order_relaxed); }

  const tabari::DictionarySet* dicts() const { return dicts_; }
  size_t prepared() const { return prepared_.load(std::memory_order_relaxed); }
  size_t kept() const;     // articles with something kept
  size_t dropped() const;  // articles not kept for the budget

 private:
  struct Entry {
    std::optional<Dedup> dedup;
    std::optional<Coded> coded;
    size_t dedup_bytes = 0, coded_bytes = 0;
  };
  void Release(std::unordered_map<int64_t, Entry>::iterator it);

  const tabari::DictionarySet* dicts_;
  const geo::Gazetteer* gazetteer_;
  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::unordered_map<int64_t, Entry> entries_;  // guarded by mu_
  size_t bytes_ = 0;                            // guarded by mu_
  size_t dropped_ = 0;                          // guarded by mu_
  std::atomic<bool> full_{false};
  mutable std::atomic<size_t> prepared_{0};  // Prepare calls
};

}  // namespace dyad

#endif  // DYAD_PIPELINE_RUN_AHEAD_H_
