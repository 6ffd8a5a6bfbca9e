#include "dedup/story_events.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "dedup/compact.h"
#include "dedup/lru_cache.h"
#include "dyad/timex.h"
#include "time/calendar.h"

namespace dyad {

namespace {

// The distinct content-word stems of an article, sorted.
std::vector<std::string> StemSet(const ArticleFeatures& f) {
  std::vector<std::string> out;
  out.reserve(f.words.size());
  for (const ContentWord& w : f.words) out.push_back(w.stem);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The elements two sorted, unique lists share.
std::vector<std::string> Shared(const std::vector<std::string>& a,
                                const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// `date` and the days up to `gap` either side of it; empty unless it is a full ISO date.
std::vector<std::string> DatesAround(const std::string& date, int gap) {
  std::vector<std::string> out;
  if (date.size() != 10) return out;
  auto d = ParseIsoDate(date);
  if (!d.ok() || !d->valid()) return out;
  for (int k = -gap; k <= gap; ++k) out.push_back(FormatIsoDate(cal::AddDays(*d, k)));
  return out;
}

}  // namespace

Result<SameStoryMatch> FindSameStory(const Store& store, int64_t event_set, int64_t article_id,
                                     const std::vector<EventRow>& rows,
                                     const std::function<const ArticleFeatures&()>& my_features,
                                     const FeaturesOf& features_of,
                                     const SameStoryOptions& options) {
  SameStoryMatch best;
  // Events that can identify a story: two actors, a day, not a recollection of the past.
  struct Key {
    std::string source, target, root, modality, date;
    auto operator<=>(const Key&) const = default;
  };
  std::vector<Key> keys;
  for (const EventRow& r : rows) {
    if (r.source.empty() || r.target.empty() || r.source == r.target || r.code.size() < 2 ||
        r.historical || r.date.size() != 10) {
      continue;
    }
    keys.push_back({r.source, r.target, r.code.substr(0, 2), r.modality, r.date});
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  // Candidate articles and the events they share with this one.
  std::map<int64_t, std::vector<std::pair<const Key*, int64_t>>> shared;
  for (const Key& k : keys) {
    auto like = store.EventsLike(event_set, k.source, k.target, k.root, k.modality,
                                 DatesAround(k.date, options.max_day_gap), article_id);
    if (!like.ok()) return like.status();
    for (const auto& [event_id, other] : *like) shared[other].emplace_back(&k, event_id);
  }
  if (shared.empty()) return best;
  std::vector<std::pair<size_t, int64_t>> order;  // (shared events, article), most first
  for (const auto& [other, evs] : shared) order.emplace_back(evs.size(), other);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  const ArticleFeatures& mine = my_features();
  const std::vector<std::string> my_stems = StemSet(mine);
  const dedup::CompactFeatures my_compact(mine);  // compared with every candidate
  for (size_t i = 0; i < order.size() && i < options.max_candidates; ++i) {
    const int64_t other = order[i].second;
    auto theirs = features_of(other);
    if (!theirs.ok()) return theirs.status();
    // A copy is a copy (dedup's relation), not a second report of the story.
    if (dedup::Compare(dedup::CompactFeatures(**theirs), my_compact, DedupOptions{}).relation !=
        CopyRelation::kNone) {
      continue;
    }
    // The shared events' own words, as either article writes them: matching on them alone
    // would make any two reports naming the same actors and verb one story.
    std::vector<std::string> event_words;
    auto add_words = [&event_words](const EventRow& e) {
      for (const std::string* t : {&e.source_text, &e.target_text, &e.verb_text, &e.date_text}) {
        for (ContentWord& w : ContentWords(*t)) event_words.push_back(std::move(w.stem));
      }
    };
    for (const auto& [k, event_id] : shared[other]) {
      for (const EventRow& r : rows) {
        if (r.source == k->source && r.target == k->target && r.code.starts_with(k->root)) {
          add_words(r);
        }
      }
      Store::EventFilter f;
      f.event_set = event_set;
      f.event_id = event_id;
      f.every_mention = true;
      f.article_id = other;  // its reports in `other` only, not in every copy of `other`
      f.article_mentions_only = true;
      DYAD_RETURN_IF_ERROR(store.ForEachEvent(f, [&](const EventRow& e) {
        if (e.article_id == other) add_words(e);
        return true;
      }));
    }
    std::sort(event_words.begin(), event_words.end());
    event_words.erase(std::unique(event_words.begin(), event_words.end()), event_words.end());
    auto context = [&event_words](const std::vector<std::string>& stems) {
      std::vector<std::string> out;
      std::set_difference(stems.begin(), stems.end(), event_words.begin(), event_words.end(),
                          std::back_inserter(out));
      return out;
    };
    const std::vector<std::string> a = context(my_stems), b = context(StemSet(**theirs));
    const std::vector<std::string> common = Shared(a, b);
    const size_t all = a.size() + b.size() - common.size();
    const double jaccard =
        all == 0 ? 0 : static_cast<double>(common.size()) / static_cast<double>(all);
    if (jaccard < options.min_context_jaccard || common.size() < options.min_context_shared) {
      continue;
    }
    if (best.article_id != 0 && jaccard <= best.similarity) continue;
    best.article_id = other;
    best.similarity = jaccard;
    best.events = order[i].first;
    std::string ev = "same event:";
    for (const auto& [k, event_id] : shared[other]) {
      ev += " " + k->source + ">" + k->target + " " + k->root + " " + k->date + " (event " +
            std::to_string(event_id) + ")";
    }
    char overlap[64];
    std::snprintf(overlap, sizeof overlap, "; context %.2f: ", jaccard);
    ev += overlap;
    for (size_t n = 0; n < common.size() && n < 10; ++n) ev += (n ? ", " : "") + common[n];
    best.evidence = std::move(ev);
  }
  return best;
}

std::string CodingChange(const EventRow& original, const EventRow& copy) {
  std::string out;
  auto field = [&out](const char* name, const std::string& a, const std::string& b) {
    if (a == b) return;
    if (!out.empty()) out += "; ";
    out += std::string(name) + " " + a + ">" + b;
  };
  field("source", original.source, copy.source);
  field("target", original.target, copy.target);
  field("code", original.code, copy.code);
  field("modality", original.modality, copy.modality);
  return out;
}

RewordingTracer::RewordingTracer(const Store& store, int64_t event_set, int64_t original,
                                 const ArticleFeatures& copy_features,
                                 const FeaturesOf& features_of)
    : store_(store),
      event_set_(event_set),
      original_(original),
      copy_(copy_features),
      features_of_(features_of) {}

Status RewordingTracer::Load() {
  loaded_ = true;
  auto theirs = features_of_(original_);
  if (!theirs.ok()) return theirs.status();
  for (const AlignedPair& p :
       AlignSentences(**theirs, copy_, DedupOptions{}.sentence_match).pairs) {
    aligned_[p.b] = p.a;
  }
  Store::EventFilter f;
  f.event_set = event_set_;
  f.article_id = original_;
  f.every_mention = true;
  f.article_mentions_only = true;  // not the reports in its copies: they grow with each copy
  return store_.ForEachEvent(f, [this](const EventRow& e) {
    if (e.article_id == original_) {
      original_coded_ = true;
      by_sentence_[e.sentence_index].push_back(e);
    }
    return true;
  });
}

Result<bool> RewordingTracer::Mark(int sentence_index, EventRow* row) {
  if (!loaded_) DYAD_RETURN_IF_ERROR(Load());
  // Without any event of the original in this coding it cannot be told apart from an
  // original not coded yet: nothing is marked.
  if (!original_coded_ || sentence_index < 0) return false;
  auto at = aligned_.find(static_cast<size_t>(sentence_index));
  if (at == aligned_.end()) return false;  // a sentence the copy added: copy_only says it
  auto evs = by_sentence_.find(static_cast<int>(at->second));
  if (evs == by_sentence_.end()) {
    row->changed_from = 0;
    row->rewording_change = "added";
    return true;
  }
  // The original's event the copy's most resembles: most of source, target, code, modality.
  const EventRow* best = nullptr;
  int best_agree = -1;
  for (const EventRow& e : evs->second) {
    int agree = (e.source == row->source) + (e.target == row->target) + (e.code == row->code) +
                (e.modality == row->modality);
    if (agree > best_agree) {
      best = &e;
      best_agree = agree;
    }
  }
  std::string change = CodingChange(*best, *row);
  if (change.empty()) return false;
  row->changed_from = best->id;
  row->rewording_change = std::move(change);
  return true;
}

Result<std::vector<std::string>> StoredSentenceTexts(const Store& store, int64_t article_id) {
  auto rows = store.Sentences(article_id);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> texts;
  texts.reserve(rows->size());
  for (SentenceRow& s : *rows) texts.push_back(std::move(s.text));
  return texts;
}

Result<ArticleFeatures> StoredFeatures(const Store& store, int64_t article_id) {
  auto texts = StoredSentenceTexts(store, article_id);
  if (!texts.ok()) return texts.status();
  return Features(std::move(*texts));
}

FeaturesOf CachedStoredFeatures(const Store& store, size_t max_articles) {
  auto cache = std::make_shared<dedup::LruCache<ArticleFeatures>>(max_articles);
  return [&store, cache](int64_t id) -> Result<std::shared_ptr<const ArticleFeatures>> {
    if (auto f = cache->Get(id)) return f;
    auto got = StoredFeatures(store, id);
    if (!got.ok()) return got.status();
    auto f = std::make_shared<const ArticleFeatures>(std::move(*got));
    cache->Put(id, f, 1);
    return f;
  };
}

Status StoreArticleEvents(Store& store, int64_t event_set, int64_t article_id,
                          std::vector<EventRow> rows,
                          const std::function<const ArticleFeatures&()>& my_features,
                          const FeaturesOf& features_of, bool same_story,
                          const SameStoryOptions& options, StoryEventCounts* counts) {
  auto member = store.MembershipOf(article_id);
  if (!member.ok()) return member.status();
  // An article that is no copy may be another report of a story already stored: it joins
  // that story's cluster (docs/dedup.md, "Same story").
  if (member->cluster_id == 0 && same_story && !rows.empty()) {
    auto match =
        FindSameStory(store, event_set, article_id, rows, my_features, features_of, options);
    if (!match.ok()) return match.status();
    if (match->article_id != 0) {
      auto cluster = store.AddToCluster(article_id, match->article_id, "same_story",
                                        match->similarity, match->evidence);
      if (!cluster.ok()) return cluster.status();  // the match's events are filed under it
      member->cluster_id = *cluster;
      member->relation = "same_story";
      ++counts->same_story;
    }
  }
  // Events of a reworded copy are traced back to the article it copies.
  std::optional<RewordingTracer> tracer;
  if (!rows.empty() && (member->relation == "reworded" || member->relation == "near-duplicate")) {
    int64_t original = member->canonical_article_id != article_id ? member->canonical_article_id
                                                                  : member->matched_article_id;
    if (original != 0) tracer.emplace(store, event_set, original, my_features(), features_of);
  }
  // An independent report merges with the story's events only when their dates agree.
  const int day_gap = member->relation == "same_story" ? options.max_day_gap : -1;
  for (EventRow& row : rows) {
    row.cluster_id = member->cluster_id;
    row.changed_from = 0;
    row.rewording_change.clear();
    // Copies of one story report the same events: each is stored once per cluster.
    auto existing = store.FindClusterEvent(row, day_gap);
    if (!existing.ok()) return existing.status();
    if (*existing != 0) {
      DYAD_RETURN_IF_ERROR(store.AddMention(*existing, row));
      ++counts->merged;
      continue;
    }
    if (tracer) {
      auto marked = tracer->Mark(row.sentence_index, &row);
      if (!marked.ok()) return marked.status();
      counts->rewording_changed += *marked;
    }
    auto id = store.AddEvent(row);
    if (!id.ok()) return id.status();
    ++counts->events;
  }
  return Status::OK();
}

}  // namespace dyad
