// Story clusters from coded events (issue 5; docs/dedup.md "Same story" and "Events a
// rewording changed"), used by the coder (src/coding/code_store.cc) while it stores an
// article's events:
//  - FindSameStory: a stored article that is not a copy but reports the same event (same
//    source and target actor codes, CAMEO root and modality, dates at most a day apart) and is
//    about the same thing (its content words and names overlap), so that the two are one story;
//  - RewordingTracer: for an event of a reworded copy, the canonical article's event in the
//    sentence the copy's sentence is aligned with, and what the copy's coding changed.
#ifndef DYAD_DEDUP_STORY_EVENTS_H_
#define DYAD_DEDUP_STORY_EVENTS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dyad/dedup.h"
#include "dyad/status.h"
#include "dyad/store.h"

namespace dyad {

// A stored article's features by its id.
using FeaturesOf = std::function<Result<std::shared_ptr<const ArticleFeatures>>(int64_t)>;

struct SameStoryMatch {
  int64_t article_id = 0;  // 0: none
  double similarity = 0;   // the stem Jaccard of the two articles
  size_t events = 0;       // events both report
  std::string evidence;    // which events matched, the overlap, the shared names
};

// The stored article (coded in `event_set`) that reports the same story as `article_id`, whose
// coded events are `rows`; none when no article qualifies. Copies (CompareArticles finds a
// relation) are not same-story matches. `mine` gives this article's features (asked only when
// some stored article reports one of its events), `features_of` a stored article's.
Result<SameStoryMatch> FindSameStory(const Store& store, int64_t event_set, int64_t article_id,
                                     const std::vector<EventRow>& rows,
                                     const std::function<const ArticleFeatures&()>& mine,
                                     const FeaturesOf& features_of,
                                     const SameStoryOptions& options = {});

// What differs between two codings of one sentence: "source RUS>USR; code 036>040" (empty
// when source, target, code and modality agree).
std::string CodingChange(const EventRow& original, const EventRow& copy);

// Traces the events of one copy back to the article it copies.
class RewordingTracer {
 public:
  // `original`: the stored article the copy `copy` (with features `copy_features`) reproduces
  // (its cluster's canonical article); `event_set`: the coding being stored.
  RewordingTracer(const Store& store, int64_t event_set, int64_t original,
                  const ArticleFeatures& copy_features, const FeaturesOf& features_of);
  // Fills row->changed_from / row->rewording_change for an event of the copy reported in
  // sentence `sentence_index` that no event of the cluster matches: when that sentence is
  // aligned with a sentence of the original, the original's event there that agrees on most of
  // source, target, code and modality, and what differs ("added" when the original sentence
  // codes no event). Returns whether the row was marked.
  Result<bool> Mark(int sentence_index, EventRow* row);

 private:
  Status Load();
  const Store& store_;
  int64_t event_set_, original_;
  const ArticleFeatures& copy_;
  FeaturesOf features_of_;
  bool loaded_ = false;
  bool original_coded_ = false;
  std::map<size_t, size_t> aligned_;                  // copy sentence -> original sentence
  std::map<int, std::vector<EventRow>> by_sentence_;  // the original's events per sentence
};

// A stored article's sentence texts, in order.
Result<std::vector<std::string>> StoredSentenceTexts(const Store& store, int64_t article_id);
// A stored article's features (from its sentences in the store).
Result<ArticleFeatures> StoredFeatures(const Store& store, int64_t article_id);
// StoredFeatures with the last `max_articles` articles asked for kept in memory (a story's
// earlier reports are asked for again by each new one).
FeaturesOf CachedStoredFeatures(const Store& store, size_t max_articles = 2000);

struct StoryEventCounts {
  int64_t events = 0;             // new events stored
  int64_t merged = 0;             // rows that became one more mention of a stored event
  int64_t same_story = 0;         // 1 when the article joined a story as another report
  int64_t rewording_changed = 0;  // events marked as changed by a rewording
};
// Stores the events `rows` of article `article_id` (coded in `event_set`) as the coder does:
// with `same_story`, an article in no cluster that reports a stored story joins it; each row is
// then filed under the article's cluster and merged with the cluster's event of the same
// source, target, code and modality (dates within a day for a same-story member), and an
// unmatched event of a reworded or near-duplicate copy is traced back to the canonical article
// (changed_from, rewording_change; the rows' own values are replaced). `my_features` gives the
// article's features, `features_of` a stored article's. dyad code and dyad merge use it.
Status StoreArticleEvents(Store& store, int64_t event_set, int64_t article_id,
                          std::vector<EventRow> rows,
                          const std::function<const ArticleFeatures&()>& my_features,
                          const FeaturesOf& features_of, bool same_story,
                          const SameStoryOptions& options, StoryEventCounts* counts);

}  // namespace dyad

#endif  // DYAD_DEDUP_STORY_EVENTS_H_
