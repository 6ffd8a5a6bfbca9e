// The store: dyad's SQLite database (one file, default ./dyad.db), or a PostgreSQL database
// when the path is a libpq URI (postgresql://... or postgres://...; src/store/backend.h,
// docs/store.md: the same schema and queries, full-text search in web-search syntax).
//
// Owned by src/store/. The schema is versioned (PRAGMA user_version) and migrated forward on
// open; docs/store.md documents every table for users who open the file with sqlite3. Writes
// happen in batches, one transaction per batch, in WAL mode, so an interrupted run loses at
// most the batch in flight and never corrupts what is stored.
//
// A Store is not thread-safe; use one per thread.
#ifndef DYAD_STORE_H_
#define DYAD_STORE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dyad/clean.h"
#include "dyad/ingest.h"
#include "dyad/status.h"
#include "dyad/text.h"

namespace dyad {

// An article ready to store: the record as read, its cleaned text and its sentences
// (spans into cleaned.text).
struct ArticleInput {
  const SourceRecord* record = nullptr;
  const CleanedText* cleaned = nullptr;
  const std::vector<Span>* sentences = nullptr;
  const std::vector<uint32_t>* sentence_tokens = nullptr;  // tokens per sentence (optional)
  std::string published_source;  // where `published` came from: "header", "jsonl", ""
  std::string title;             // final title (record's, else the cleaner's headline)
  std::string source;            // final source name
};

enum class PutOutcome {
  kInserted,    // a new origin
  kNewVersion,  // a known origin whose text changed: stored as version N+1
  kUnchanged,   // the same origin with the same content: nothing written
};

struct ArticleRow {
  int64_t id = 0;
  std::string external_id;
  std::string origin;
  int version = 0;
  std::string url, source, published, published_source, title;
  std::string text, original;
  std::string encoding, format;
  std::string content_hash, text_hash;
  std::string metadata_json;
  std::string ingested_at;
  int64_t sentence_count = 0;
};

struct SentenceRow {
  int64_t id = 0;
  int64_t article_id = 0;
  int index = 0;
  uint32_t begin = 0, end = 0;            // byte offsets into articles.text
  uint32_t orig_begin = 0, orig_end = 0;  // byte offsets into articles.original
  int tokens = 0;
  std::string text;
};

struct SearchHit {
  int64_t sentence_id = 0;
  int64_t article_id = 0;
  int index = 0;
  std::string origin;
  std::string snippet;  // the sentence with matches in [brackets]
  std::string title;    // the article's title
};

struct StoreStats {
  std::string path;
  int schema_version = 0;
  int64_t articles = 0;          // latest versions
  int64_t article_versions = 0;  // all rows, older versions included
  int64_t sentences = 0;         // of latest versions
  int64_t dated_articles = 0;
  std::string earliest, latest;  // publication dates
  int64_t bytes_original = 0;
  int64_t bytes_text = 0;
  int64_t runs = 0;
  std::vector<std::pair<std::string, int64_t>> sources;  // top sources by article count
  std::vector<std::pair<std::string, int64_t>> formats;
  int64_t file_bytes = 0;
};

// One line of an article listing.
struct ArticleSummary {
  int64_t id = 0;
  std::string origin, title, published;
  int64_t sentences = 0, events = 0;  // events of the current event set
  int64_t cluster_id = 0;             // 0: not in a story cluster
};

struct ArticleFilter {
  bool latest_only = true;
  std::string origin_like;  // SQL LIKE pattern on origin, "" for all
  int64_t limit = -1;
};

struct RunRecord {
  std::string command;
  std::string started_at, finished_at;
  int64_t ingested = 0, new_versions = 0, unchanged = 0, skipped = 0;
  std::string status;
};

// One coded event as stored: the event and the sentence that reported it.
struct EventRow {
  int64_t id = 0;  // events.id
  int64_t mention_id = 0;
  int64_t article_id = 0;
  int64_t sentence_id = 0;
  std::string source, target, code;
  // When it happened: `date` is ISO (YYYY-MM-DD, YYYY-MM or YYYY; what series and filters
  // use), `date_value` the TimeML value of the expression that dated it (2022-W39, 199 for
  // the 1990s), `date_rule` how it was chosen (clause, sentence, carried, article), and
  // `date_text` / `date_begin`..`date_end` that expression in the sentence (bytes into
  // articles.text; empty when the article's date was used).
  std::string date, date_value, date_rule, date_text;
  uint32_t date_begin = 0, date_end = 0;
  bool historical = false;  // more than 30 days before the article's publication
  bool future = false;      // announced or intended, or dated after publication
  // Where it happened (docs/geo.md): the place the sentence gives, as the gazetteer names
  // it, its country (ISO alpha-3), first-level division, kind (country, admin1, admin2, city,
  // region), coordinates and GeoNames id (0 when none); `place_rule` says whether the name
  // stood in the event's clause or elsewhere in its sentence, `place_text` /
  // `place_begin`..`place_end` the name as written (bytes into articles.text). No place:
  // `has_place` false and the strings empty.
  bool has_place = false;
  std::string place, place_country, place_admin1, place_kind, place_rule, place_text;
  double lat = 0, lon = 0;
  int64_t geonames_id = 0;
  uint32_t place_begin = 0, place_end = 0;
  uint32_t source_begin = 0, source_end = 0;  // byte offsets into articles.text
  uint32_t target_begin = 0, target_end = 0;
  uint32_t verb_begin = 0, verb_end = 0;
  std::string source_text, target_text, verb_text;
  std::string rule, dictionary;
  int64_t event_set_id = 0;
  int64_t mentions = 1;    // sentences reporting this event (more once copies are merged)
  int64_t sources = 1;     // distinct articles reporting it
  int64_t cluster_id = 0;  // the story cluster of the reporting article (0: none)
  // Reported only by copies: not by the cluster's canonical article nor by a member that
  // reports the story independently (relation same_story).
  bool copy_only = false;
  // An event of a reworded (or near-duplicate) copy whose sentence is aligned with a sentence
  // of the cluster's canonical article that codes differently: `changed_from` is the canonical
  // article's event in that sentence that it most resembles (0: that sentence codes no event),
  // `rewording_change` what differs ("source RUS>USR; code 036>040", or "added" when the
  // canonical sentence codes no event). Empty for every other event.
  int64_t changed_from = 0;
  std::string rewording_change;
  // What analysts aggregate by (from the CAMEO table; empty / 0 for codes it does not know).
  std::string cameo_root;
  int quad_class = 0;
  double goldstein = 0;
  bool has_goldstein = false;
  std::string plover_type, plover_mode, plover_context;
  // How the sentence reports it: asserted, negated, future or hypothetical; who it cites.
  std::string modality = "asserted", modality_cue;
  std::string speaker, speaker_text;  // actor code (may be empty) and the phrase as written
  uint32_t speaker_begin = 0, speaker_end = 0;  // byte offsets into articles.text
  bool quoted = false;
  // Filled by ForEachEvent: where the article came from and the sentence.
  std::string origin, external_id, sentence, title;
  uint32_t sentence_begin = 0;  // the sentence's first byte in articles.text
  int sentence_index = 0;       // 0-based position of the sentence in its article
  std::string url, publisher;   // the article's URL and source name (may be empty)
};

class Store {
 public:
  // Opens (creating if needed) the store at `path` and migrates its schema to the current
  // version. Fails on a file that is not a dyad store or was written by a newer dyad. A
  // postgresql:// or postgres:// path connects to that database (which must exist) instead;
  // without PostgreSQL support built in, that fails with a message saying so.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  // Opens an existing store without creating or migrating it (for read-only commands).
  static Result<std::unique_ptr<Store>> OpenExisting(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  static int CurrentSchemaVersion();
  int schema_version() const;
  const std::string& path() const;

  // A time limit for this connection's statements: one still running at `deadline` is
  // stopped and fails with a DeadlineExceeded status. The default time_point{} means none.
  // (dyad serve: a request cannot hold a worker past its time limit.)
  void SetDeadline(std::chrono::steady_clock::time_point deadline);

  // Batches: every write between BeginBatch and CommitBatch is one transaction.
  Status BeginBatch();
  Status CommitBatch();
  Status RollbackBatch();

  // Stores an article and its sentences unless the same origin already holds the same
  // content. On success `*id` is the row id of the stored (or unchanged) article.
  Result<PutOutcome> PutArticle(const ArticleInput& a, int64_t* id);

  Result<StoreStats> Stats() const;
  // Without `with_original`, the row's `original` is left empty (the stages that only read
  // the cleaned text skip the copy of the bytes as read).
  Result<ArticleRow> GetArticle(int64_t id, bool with_original = true) const;
  // Calls fn for each matching article in id order until fn returns false.
  Status ForEachArticle(const ArticleFilter& filter,
                        const std::function<bool(const ArticleRow&)>& fn) const;
  Result<std::vector<SentenceRow>> Sentences(int64_t article_id) const;
  // Full-text search over sentences of latest article versions (FTS5 query syntax; on
  // PostgreSQL, websearch_to_tsquery syntax, ranked by ts_rank).
  Result<std::vector<SearchHit>> Search(const std::string& query, int limit) const;

  // Removes the events mentioned in `article_id` (before recoding it).
  Status DeleteEventsOf(int64_t article_id);
  // Stores an event and its mention; returns the event id.
  Result<int64_t> AddEvent(const EventRow& e);
  // The event of `e.event_set_id` already reported in cluster `e.cluster_id` with the same
  // source, target, code and modality (0 if none). With `max_day_gap` >= 0 its date must also
  // agree with `e.date`: the same, one a prefix of the other, or full dates at most that many
  // days apart (an independent report of the story; copies merge whatever their dates).
  Result<int64_t> FindClusterEvent(const EventRow& e, int max_day_gap = -1) const;
  // Events of `event_set` reported by articles other than `except` with this source, target
  // and CAMEO root (the code's first two digits) dated on one of `dates`, not historical and
  // with this modality: (event id, reporting article id) pairs in id order.
  Result<std::vector<std::pair<int64_t, int64_t>>> EventsLike(
      int64_t event_set, const std::string& source, const std::string& target,
      const std::string& root, const std::string& modality, const std::vector<std::string>& dates,
      int64_t except) const;
  // Adds `e` as one more mention of event `event_id` and updates its mention and source counts.
  Status AddMention(int64_t event_id, const EventRow& e);
  // Which events to list. Actor codes match their sub-codes ("KAZ" matches "KAZGOV"); a dyad
  // is undirected unless `directed`.
  struct EventFilter {
    std::string actor;           // source or target
    std::string dyad_a, dyad_b;  // both set: events between them
    bool directed = false;       // dyad_a is the source, dyad_b the target
    std::string code;            // event code prefix ("05" matches 051, 057 ...)
    std::string from, to;        // ISO dates, inclusive
    int quad_class = 0;          // 1-4; 0 = any
    std::string plover_type;     // "ASSAULT"; empty = any
    std::string modality;        // "negated"; empty = any
    int64_t event_set = 0;       // 0 = the current set
    bool every_mention = false;  // one row per mention instead of one per event
    int64_t article_id = 0;      // events reported in this article; 0 = any
    // With article_id and every_mention: only the reports in that article (not those of the
    // same events in its copies, which grow with every copy stored).
    bool article_mentions_only = false;
    int64_t cluster_id = 0;  // events of this story cluster; 0 = any
    int64_t event_id = 0;    // this event only; 0 = any
    std::string text_query;  // FTS5 query over the reporting sentences; empty = any
    int64_t limit = -1;
    int64_t offset = 0;
    bool newest_first = false;  // descending id order (the newest coded first)
  };
  // Calls fn for each stored event (with its first mention as evidence; with
  // filter.every_mention, for each mention) in id order until fn returns false.
  Status ForEachEvent(const EventFilter& filter,
                      const std::function<bool(const EventRow&)>& fn) const;
  Result<int64_t> CountEvents() const;  // events (not mentions) of the current set
  // How many rows ForEachEvent would give for `filter` without its limit and offset.
  Result<int64_t> CountEvents(const EventFilter& filter) const;
  // Latest article versions in id order, with their sentence and event counts.
  Result<std::vector<ArticleSummary>> ArticleSummaries(int64_t limit, int64_t offset) const;
  // Latest article versions per publication day (YYYY-MM-DD, or shorter when only the month or
  // year is known), in date order: the coverage that normalises event series.
  Result<std::vector<std::pair<std::string, int64_t>>> ArticlesByDate() const;

  // Event sets: every coding of the store with one dyad version and dictionary set. A set
  // becomes current when its coding finishes; earlier sets stay queryable by id.
  struct EventSet {
    int64_t id = 0;
    std::string created_at, finished_at, dyad_version, dictionary_hash, dictionaries;
    int64_t articles = 0, events = 0;
    bool current = false;
  };
  Result<int64_t> BeginEventSet(const std::string& dyad_version, const std::string& dictionary_hash,
                                const std::string& dictionaries);
  // Records the set's counts and, with make_current, makes it the one queries show.
  Status FinishEventSet(int64_t id, bool make_current);
  Result<std::vector<EventSet>> EventSets() const;
  // The current set (id 0 when the store has none).
  Result<EventSet> CurrentEventSet() const;
  // Latest article versions that `event_set` has not coded yet, in id order.
  Result<std::vector<int64_t>> ArticlesNotCodedIn(int64_t event_set) const;
  Status MarkCoded(int64_t event_set, int64_t article_id);

  // Republications (src/dedup writes these; docs/store.md describes the tables).
  // Latest article versions not examined for copies yet, in id order.
  Result<std::vector<int64_t>> ArticlesWithoutSignature() const;
  // Records an article as examined, with its band keys. With `index`, the keys go into the
  // LSH index (lsh_bands) now; without, they wait for IndexPendingBands (a dedup run keeps its
  // own keys in memory and writes the index once, in key order, at its end).
  Status PutSignature(int64_t article_id, int64_t content_words,
                      const std::vector<uint64_t>& band_keys, bool index = true);
  // Writes the band keys of every examined article not in the LSH index yet (the end of a dedup
  // run, or what a stopped run left); returns how many articles were indexed. With
  // `from_article`, only those of articles numbered from it on (DedupStore, writing the ones it
  // examined since it last wrote: the search then reads those rows, not the whole table).
  Result<int64_t> IndexPendingBands(int64_t from_article = 0);
  // Whether any article has been examined for copies.
  Result<bool> HasSignatures() const;
  // Band keys held by all signatures together (what an in-memory index of them would hold).
  Result<int64_t> SignatureBandKeys() const;
  // Calls `fn` with every examined article's band keys, in article id order (with
  // `from_article`, those of articles numbered from it on); stops at the first error `fn`
  // returns.
  Status ForEachSignature(
      const std::function<Status(int64_t article_id, const std::vector<uint64_t>& keys)>& fn,
      int64_t from_article = 0) const;
  // Examined articles sharing at least `min_shared` band keys, most shared first; a key held
  // by more than `max_members` articles is ignored.
  Result<std::vector<int64_t>> ArticlesSharingBands(const std::vector<uint64_t>& band_keys,
                                                    int64_t except, size_t min_shared,
                                                    size_t max_members) const;
  // For each of `keys`, the articles other than `except` holding it in the LSH index
  // (lsh_bands), at most `limit` of them (which ones, when more hold it, is not specified).
  Result<std::vector<std::vector<int64_t>>> BandMembers(const std::vector<uint64_t>& keys,
                                                        int64_t except, size_t limit) const;
  // Examined articles whose cleaned text hashes to `text_hash`.
  Result<std::vector<int64_t>> ExaminedArticlesWithTextHash(const std::string& text_hash,
                                                            int64_t except) const;
  struct ClusterMember {
    int64_t article_id = 0;
    int64_t cluster_id = 0;
    // first, exact, near-duplicate, reworded, same_story (another report of the same event)
    std::string relation;
    double similarity = 0;
    int64_t matched_article_id = 0;
    std::string origin, published, title;
    int64_t text_bytes = 0;
    std::string evidence;              // e.g. the provenance notice that names the original
    int64_t canonical_article_id = 0;  // the cluster's (filled by MembershipOf)
  };
  struct Cluster {
    int64_t id = 0;
    int64_t canonical_article_id = 0;
    std::vector<ClusterMember> members;  // the canonical one first
  };
  // Adds `article_id` as a copy of `matched` (creating a cluster around `matched` if it has
  // none) and re-elects the canonical article: the earliest published, else the longest.
  // Events the two articles already report outside any cluster (coded by an earlier run,
  // before the copy arrived) are filed under the cluster, in every event set, so that the
  // copy's events merge with them instead of being counted again.
  Result<int64_t> AddToCluster(int64_t article_id, int64_t matched, const std::string& relation,
                               double similarity, const std::string& evidence = "");
  // Examined articles whose source name is `source` (case-insensitive), newest first.
  Result<std::vector<int64_t>> ExaminedArticlesFromSource(const std::string& source,
                                                          int64_t except) const;
  // Which clusters ForEachCluster reads; the fields combine, 0 leaves one unset.
  struct ClusterQuery {
    int64_t after_id = 0;    // only clusters with a larger id (keyset paging: the last id seen)
    int64_t limit = 0;       // at most this many clusters (0: all)
    int64_t id = 0;          // only this cluster
    int64_t article_id = 0;  // only the cluster holding this article
    int64_t min_size = 0;    // only clusters with at least this many members
  };
  // Calls `fn` with each cluster `q` selects, in id order, until it returns false. The
  // clusters are read a batch (a few hundred) per query, one cluster handed over at a time, so
  // memory holds one batch's rows whatever the store's size (PostgreSQL returns a query's rows
  // at once; SQLite steps them). A cluster without members is skipped.
  Status ForEachCluster(const ClusterQuery& q, const std::function<bool(const Cluster&)>& fn) const;
  // Every cluster in one vector: for tests and small stores only (1.79 GB for the 3.6 million
  // members of a 4 GB store); use ForEachCluster.
  Result<std::vector<Cluster>> Clusters() const;
  // How many clusters there are (without reading them: millions of members at scale).
  Result<int64_t> CountClusters() const;
  // How many clusters match `q`'s id, article_id and min_size (after_id and limit are
  // ignored). Sizes are read from each cluster's maintained member count (schema v14), not
  // counted: with min_size this reads the clusters table, not their members.
  Result<int64_t> CountClusters(const ClusterQuery& q) const;
  // The cluster an article belongs to (0 if none).
  Result<int64_t> ClusterOf(int64_t article_id) const;
  // An article's membership (cluster_id 0 when it is in no cluster; origin, title and so on
  // are not filled).
  Result<ClusterMember> MembershipOf(int64_t article_id) const;
  // How the clusters relate two articles: the membership of the one that was matched with the
  // other (relation exact, near-duplicate, reworded, same_story); relation "same_cluster" when
  // both are in one cluster through other members; relation empty when they are in none.
  Result<ClusterMember> RelationBetween(int64_t a, int64_t b) const;

  // Copies the articles of another store (every version, with their sentences and offset maps,
  // in id order) into this one, for `dyad merge` (either may be PostgreSQL). `id_map` receives
  // (their id, our id) pairs; an article whose origin and version this store already holds is
  // skipped and counted in
  // `*skipped`. Dedup signatures, clusters and events are not copied.
  Status CopyArticlesFrom(const std::string& other_path,
                          std::vector<std::pair<int64_t, int64_t>>* id_map, int64_t* skipped);
  // The id of the sentence at position `index` of an article (0 if none).
  Result<int64_t> SentenceId(int64_t article_id, int index) const;

  Result<int64_t> BeginRun(const std::string& command);
  Status FinishRun(int64_t run_id, const RunRecord& r);
  Status RecordDiagnostic(int64_t run_id, const Diagnostic& d);

  struct Impl;  // opaque: defined in src/store/store.cc

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  Status InsertMention(int64_t event_id, const EventRow& e);
  Status IndexBands(int64_t article_id, const std::vector<uint64_t>& band_keys);
  Status ElectCanonical(int64_t cluster_id);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad

#endif  // DYAD_STORE_H_
