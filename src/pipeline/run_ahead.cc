#include "pipeline/run_ahead.h"

#include <utility>

namespace dyad {

namespace {
// Rough heap bytes of an event row (its strings are short).
constexpr size_t kRowBytes = sizeof(EventRow) + 256;
constexpr size_t kEntryBytes = 128;  // map node and bookkeeping
}  // namespace

RunAhead::RunAhead(const tabari::DictionarySet* dicts, const geo::Gazetteer* gazetteer,
                   size_t max_bytes)
    : dicts_(dicts), gazetteer_(gazetteer), max_bytes_(max_bytes) {}

RunAhead::Work RunAhead::Prepare(const SourceRecord& record, const CleanedText& cleaned,
                                 const std::vector<Span>& sentences) const {
  prepared_.fetch_add(1, std::memory_order_relaxed);
  Work w;
  std::vector<SentenceRow> rows(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) {
    rows[i].index = static_cast<int>(i);
    rows[i].begin = sentences[i].begin;
    rows[i].end = sentences[i].end;
    rows[i].text = std::string(sentences[i].in(cleaned.text));
  }
  std::vector<std::string> texts;
  if (dicts_ != nullptr) {
    Coded c;
    c.coded_language = tabari::CodedLanguage(record.metadata_json);
    if (c.coded_language) {
      ArticleRow article;
      article.published = record.published;
      article.metadata_json = record.metadata_json;
      article.text = cleaned.text;
      c.coded = tabari::CodeArticle(*dicts_, gazetteer_, article, rows);
      // The features below need the texts; CodeStore needs them only to compare an article
      // that has events with others.
      if (c.coded.rows.empty()) {
        texts = std::move(c.coded.sentence_texts);
        c.coded.sentence_texts = {};
      } else {
        texts = c.coded.sentence_texts;
      }
    }
    w.coded = std::move(c);
  }
  if (texts.empty()) {
    texts.reserve(rows.size());
    for (SentenceRow& r : rows) texts.push_back(std::move(r.text));
  }
  std::vector<uint64_t> stems;
  w.dedup.features = std::make_shared<const dedup::CompactFeatures>(
      dedup::CompactFeatures::FromSentences(texts, &stems));
  w.dedup.bands = BandKeys(MinHash(stems));
  return w;
}

void RunAhead::Keep(int64_t id, const std::vector<int64_t>& sentence_ids, Work&& work) {
  Entry e;
  e.dedup_bytes = work.dedup.features->bytes() + work.dedup.bands.size() * sizeof(uint64_t);
  e.dedup = std::move(work.dedup);
  if (work.coded) {
    tabari::CodedArticle& c = work.coded->coded;
    c.article_id = id;
    for (EventRow& row : c.rows) {
      row.article_id = id;
      const auto i = static_cast<size_t>(row.sentence_index);
      row.sentence_id = i < sentence_ids.size() ? sentence_ids[i] : 0;
    }
    e.coded_bytes = sizeof(Coded) + c.rows.size() * kRowBytes;
    for (const std::string& t : c.sentence_texts) e.coded_bytes += t.capacity() + sizeof(t);
    e.coded = std::move(work.coded);
  }
  const size_t bytes = e.dedup_bytes + e.coded_bytes + kEntryBytes;
  std::lock_guard<std::mutex> lock(mu_);
  if (full_.load(std::memory_order_relaxed) || bytes_ + bytes > max_bytes_) {
    ++dropped_;
    full_.store(true, std::memory_order_relaxed);
    return;
  }
  bytes_ += bytes;
  entries_[id] = std::move(e);
}

void RunAhead::Release(std::unordered_map<int64_t, Entry>::iterator it) {
  if (it->second.dedup || it->second.coded) return;
  bytes_ -= kEntryBytes;
  entries_.erase(it);
}

std::optional<RunAhead::Dedup> RunAhead::TakeDedup(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end() || !it->second.dedup) return std::nullopt;
  std::optional<Dedup> out = std::move(it->second.dedup);
  it->second.dedup.reset();
  bytes_ -= it->second.dedup_bytes;
  Release(it);
  return out;
}

std::optional<RunAhead::Coded> RunAhead::TakeCoded(int64_t id, const tabari::DictionarySet& dicts) {
  if (&dicts != dicts_) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end() || !it->second.coded) return std::nullopt;
  std::optional<Coded> out = std::move(it->second.coded);
  it->second.coded.reset();
  bytes_ -= it->second.coded_bytes;
  Release(it);
  return out;
}

size_t RunAhead::kept() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

size_t RunAhead::dropped() const {
  std::lock_guard<std::mutex> lock(mu_);
  return dropped_;
}

std::shared_ptr<RunAhead> NewRunAhead(const tabari::DictionarySet* dicts, size_t max_bytes) {
  const geo::Gazetteer* gazetteer = nullptr;
  if (dicts != nullptr) {
    auto g = geo::Gazetteer::Default();
    if (g.ok()) gazetteer = *g;
  }
  return std::make_shared<RunAhead>(dicts, gazetteer, max_bytes);
}

}  // namespace dyad
