#include "dyad/store.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "dyad/timex.h"
#include "store/backend.h"
#include "store/schema.h"

namespace dyad {

namespace {

std::string Hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string Hash(std::string_view s) { return Hex64(XXH3_64bits(s.data(), s.size())); }

// articles.text_hash: the cleaned text's hash with its whitespace normalised (runs of spaces,
// tabs and line breaks read as one space; none at either end), so that copies that differ only
// in line breaks or spacing are exact copies (Reuters-21578 holds 279 groups of such identical
// bodies; two of them differ only in where the lines break). Schema v15 recomputes it.
std::string NormalizedTextHash(std::string_view text) {
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  std::string norm;
  norm.reserve(text.size());
  bool gap = false;
  for (char c : text) {
    if (space(c)) {
      gap = !norm.empty();
      continue;
    }
    if (gap) norm.push_back(' ');
    gap = false;
    norm.push_back(c);
  }
  return Hash(norm);
}

Status Exec(Db* db, const std::string& sql) { return db->Exec(sql); }

constexpr const char* kArticleColumns =
    "id, external_id, origin, version, url, source, published, published_source, title, text, "
    "original, encoding, format, content_hash, text_hash, metadata, ingested_at, "
    "(SELECT COUNT(*) FROM sentences s WHERE s.article_id = articles.id)";
// The same columns with an empty `original`.
constexpr const char* kArticleColumnsWithoutOriginal =
    "id, external_id, origin, version, url, source, published, published_source, title, text, "
    "'', encoding, format, content_hash, text_hash, metadata, ingested_at, "
    "(SELECT COUNT(*) FROM sentences s WHERE s.article_id = articles.id)";

ArticleRow ReadArticle(const Stmt& st) {
  ArticleRow a;
  a.id = st.Int(0);
  a.external_id = st.Text(1);
  a.origin = st.Text(2);
  a.version = static_cast<int>(st.Int(3));
  a.url = st.Text(4);
  a.source = st.Text(5);
  a.published = st.Text(6);
  a.published_source = st.Text(7);
  a.title = st.Text(8);
  a.text = st.Text(9);
  a.original = st.Text(10);
  a.encoding = st.Text(11);
  a.format = st.Text(12);
  a.content_hash = st.Text(13);
  a.text_hash = st.Text(14);
  a.metadata_json = st.Text(15);
  a.ingested_at = st.Text(16);
  a.sentence_count = st.Int(17);
  return a;
}

}  // namespace

namespace {
// The first column of every row a statement yields.
Result<std::vector<int64_t>> CollectIds(Stmt& st) {
  std::vector<int64_t> out;
  for (;;) {
    auto r = st.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    out.push_back(st.Int(0));
  }
  return out;
}
}  // namespace

struct Store::Impl {
  std::unique_ptr<Db> conn;
  Db* db = nullptr;  // conn.get()
  std::string path;
  int version = 0;
  Stmt latest_version, insert_article, insert_sentence;
  ~Impl() {
    // Statements must be finalised before the connection closes.
    latest_version = Stmt();
    insert_article = Stmt();
    insert_sentence = Stmt();
    // The connection closes (finalising its idle statements) when `conn` is destroyed.
  }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

int Store::CurrentSchemaVersion() { return static_cast<int>(Migrations().size()); }
int Store::schema_version() const { return impl_->version; }
const std::string& Store::path() const { return impl_->path; }

namespace {

// The first column of the first row of `sql` (0 without rows).
Result<int64_t> Scalar(Db* db, const char* sql) {
  auto st = Stmt::Prepare(db, sql);
  if (!st.ok()) return st.status();
  auto r = st->Step();
  if (!r.ok()) return r.status();
  return *r ? st->Int(0) : int64_t{0};
}

// Opens the connection and reads the schema version; `*other_tables` receives whether the
// database holds any table at all (so an unversioned one is someone else's).
Result<std::unique_ptr<Store::Impl>> OpenImpl(const std::string& path, bool create,
                                              bool* other_tables) {
  auto impl = std::make_unique<Store::Impl>();
  impl->path = path;
  auto db = IsPostgresUri(path) ? OpenPostgres(path) : OpenSqlite(path, create);
  if (!db.ok()) return db.status();
  impl->conn = std::move(*db);
  impl->db = impl->conn.get();
  // SQLite keeps the version in PRAGMA user_version, PostgreSQL in the dyad_meta table.
  Result<int64_t> version = 0, tables = 0;
  if (impl->db->is_postgres()) {
    tables = Scalar(impl->db,
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                    "current_schema()");
    auto meta = Scalar(impl->db, "SELECT to_regclass('dyad_meta') IS NOT NULL");
    if (!meta.ok()) return meta.status();
    if (*meta != 0) {
      version = Scalar(impl->db,
                       "SELECT CAST(value AS integer) FROM dyad_meta WHERE key = 'schema_version'");
    }
  } else {
    version = Scalar(impl->db, "PRAGMA user_version");
    if (other_tables != nullptr) tables = Scalar(impl->db, "SELECT COUNT(*) FROM sqlite_master");
  }
  if (!version.ok()) return version.status();
  if (!tables.ok()) return tables.status();
  impl->version = static_cast<int>(*version);
  if (other_tables != nullptr) *other_tables = *tables > 0;
  return impl;
}

// Schema v15's step in code (SQL has no XXH3): every article's text_hash recomputed with its
// whitespace normalised, a thousand articles a query (about a minute for 4 million).
Status RehashArticleTexts(Db* db) {
  auto read =
      Stmt::Prepare(db, "SELECT id, text FROM articles WHERE id > ?1 ORDER BY id LIMIT 1000");
  if (!read.ok()) return read.status();
  auto write = Stmt::Prepare(db, "UPDATE articles SET text_hash = ?2 WHERE id = ?1");
  if (!write.ok()) return write.status();
  int64_t after = 0;
  std::vector<std::pair<int64_t, std::string>> hashes;
  for (;;) {
    hashes.clear();
    read->Reset();
    read->Bind(1, after);
    for (;;) {
      auto r = read->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      hashes.emplace_back(read->Int(0), NormalizedTextHash(read->Text(1)));
    }
    if (hashes.empty()) return Status::OK();
    for (const auto& [id, hash] : hashes) {
      write->Reset();
      write->Bind(1, id).Bind(2, hash);
      DYAD_RETURN_IF_ERROR(write->Run());
    }
    after = hashes.back().first;
  }
}

// Migrations with a step in code (what SQL cannot do), run after their SQL in the same
// transaction, on both backends: the schema version reached, and the step.
struct CodeStep {
  size_t schema;
  Status (*run)(Db*);
};
constexpr CodeStep kCodeSteps[] = {{15, RehashArticleTexts}};

// Brings `im` from its schema version to `migrations.size()`, one transaction a migration (its
// SQL, then its step in code if it has one, then the new version stamp).
Status Migrate(Store::Impl& im, const std::vector<std::string_view>& migrations) {
  const bool pg = im.db->is_postgres();
  for (size_t v = static_cast<size_t>(im.version); v < migrations.size(); ++v) {
    if (migrations[v].empty()) continue;  // PostgreSQL: reached by a later, combined migration
    std::string stamp = pg ? "INSERT INTO dyad_meta (key, value) VALUES ('schema_version', '" +
                                 std::to_string(v + 1) +
                                 "') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
                           : "PRAGMA user_version = " + std::to_string(v + 1);
    Status s = im.db->Exec(std::string(pg ? "BEGIN;\n" : "BEGIN IMMEDIATE;\n") +
                           std::string(migrations[v]));
    for (const CodeStep& step : kCodeSteps) {
      if (s.ok() && step.schema == v + 1) s = step.run(im.db);
    }
    if (s.ok()) s = im.db->Exec(stamp + ";\nCOMMIT;");
    if (!s.ok()) {
      im.db->Exec("ROLLBACK");
      return Status::Internal("migration to schema " + std::to_string(v + 1) +
                              " failed: " + s.message());
    }
    im.version = static_cast<int>(v + 1);
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  bool other_tables = false;
  auto impl = OpenImpl(path, true, &other_tables);
  if (!impl.ok()) return impl.status();
  Impl& im = **impl;
  const bool pg = im.db->is_postgres();
  const auto& migrations = pg ? PostgresMigrations() : Migrations();
  if (im.version > static_cast<int>(migrations.size())) {
    return Status::Unsupported(path + " has schema version " + std::to_string(im.version) +
                               ", newer than this dyad understands (" +
                               std::to_string(migrations.size()) + ")");
  }
  // A non-empty database without our version stamp is someone else's.
  if (im.version == 0 && other_tables) {
    return Status::Corruption(path + (pg ? " is a PostgreSQL database but not a dyad store"
                                         : " is an SQLite file but not a dyad store"));
  }
  DYAD_RETURN_IF_ERROR(Migrate(im, migrations));
  return std::unique_ptr<Store>(new Store(std::move(*impl)));
}

Result<std::unique_ptr<Store>> Store::OpenExisting(const std::string& path) {
  std::error_code ec;
  if (!IsPostgresUri(path) && !std::filesystem::exists(path, ec)) {
    return Status::NotFound("no store at " + path + " (run `dyad ingest` or `dyad run` first)");
  }
  auto impl = OpenImpl(path, false, nullptr);
  if (!impl.ok()) return impl.status();
  if ((*impl)->version == 0) return Status::Corruption(path + " is not a dyad store");
  if ((*impl)->version < CurrentSchemaVersion()) {
    // Older stores are migrated on the next write; reading through Open() migrates now.
    return Open(path);
  }
  if ((*impl)->version > CurrentSchemaVersion()) {
    return Status::Unsupported(path + " was written by a newer dyad");
  }
  return std::unique_ptr<Store>(new Store(std::move(*impl)));
}

void Store::SetDeadline(std::chrono::steady_clock::time_point deadline) {
  impl_->db->SetDeadline(deadline);
}

namespace {
// SQLite: adds the sentences inserted since the full-text index was last brought up to date
// (those with ids above the highest it holds; ids only grow, and a deleted sentence leaves the
// index through the sentences_ad trigger). One INSERT ... SELECT per transaction costs about a
// quarter of what a trigger firing per sentence did. Every path that inserts sentences calls
// this before it commits. PostgreSQL's GIN index needs nothing.
Status IndexNewSentences(Db* db) {
  if (db->is_postgres()) return Status::OK();
  auto st = Stmt::Prepare(
      db,
      "INSERT INTO sentences_fts(rowid, text) SELECT id, text FROM sentences WHERE id > "
      "(SELECT COALESCE(MAX(id), 0) FROM sentences_fts_docsize) ORDER BY id");
  if (!st.ok()) return st.status();
  return st->Run();
}
}  // namespace

Status Store::BeginBatch() { return Exec(impl_->db, "BEGIN IMMEDIATE"); }
Status Store::CommitBatch() {
  DYAD_RETURN_IF_ERROR(IndexNewSentences(impl_->db));
  return Exec(impl_->db, "COMMIT");
}
Status Store::RollbackBatch() { return Exec(impl_->db, "ROLLBACK"); }

namespace {
// Prepares `st` on first use.
Status Ensure(Db* db, Stmt* st, std::string_view sql) {
  if (st->valid()) {
    st->Reset();
    return Status::OK();
  }
  auto p = Stmt::Prepare(db, sql);
  if (!p.ok()) return p.status();
  *st = std::move(*p);
  return Status::OK();
}
}  // namespace

Result<PutOutcome> Store::PutArticle(const ArticleInput& a, int64_t* id) {
  Impl& im = *impl_;
  const SourceRecord& rec = *a.record;
  const CleanedText& clean = *a.cleaned;
  const std::string content_hash = Hash(rec.original);

  DYAD_RETURN_IF_ERROR(Ensure(im.db, &im.latest_version,
                              "SELECT id, version, content_hash FROM articles WHERE origin = ?1 "
                              "ORDER BY version DESC LIMIT 1"));
  im.latest_version.Bind(1, rec.origin);
  auto row = im.latest_version.Step();
  if (!row.ok()) return row.status();
  int64_t version = 1;
  PutOutcome outcome = PutOutcome::kInserted;
  if (*row) {
    if (im.latest_version.Text(2) == content_hash) {
      *id = im.latest_version.Int(0);
      im.latest_version.Reset();
      return PutOutcome::kUnchanged;
    }
    version = im.latest_version.Int(1) + 1;
    outcome = PutOutcome::kNewVersion;
  }
  im.latest_version.Reset();

  // Metadata: the record's own extra fields plus what the cleaner removed or set aside.
  nlohmann::json meta = nlohmann::json::parse(rec.metadata_json, nullptr, false);
  if (!meta.is_object()) meta = nlohmann::json::object();
  nlohmann::json removed = nlohmann::json::array();
  for (const RemovedSpan& r : clean.removed) {
    if (r.kind == "provenance") {
      meta["provenance"].push_back(r.text);
    } else if (r.kind == "author-bio") {
      meta["author_bio"] = r.text;
    } else if (r.kind == "section-label") {
      meta["section"] = r.text;
    }
    removed.push_back({{"kind", r.kind}, {"start", r.orig_begin}, {"end", r.orig_end}});
  }
  if (!removed.empty()) meta["removed"] = std::move(removed);
  if (!clean.headline_site.empty()) meta["site_in_headline"] = clean.headline_site;

  DYAD_RETURN_IF_ERROR(Ensure(
      im.db, &im.insert_article,
      "INSERT INTO articles (external_id, origin, version, url, source, published, "
      "published_source, title, text, original, offset_map, encoding, format, content_hash, "
      "text_hash, metadata) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
      "?15, ?16)"));
  Stmt& ins = im.insert_article;
  ins.BindOpt(1, rec.external_id)
      .Bind(2, rec.origin)
      .Bind(3, version)
      .BindOpt(4, rec.url)
      .BindOpt(5, a.source)
      .BindOpt(6, rec.published)
      .BindOpt(7, a.published_source)
      .BindOpt(8, a.title)
      .Bind(9, clean.text)
      .Bind(10, rec.original)
      .BindBlob(11, clean.map.Serialize())
      .Bind(12, rec.encoding)
      .Bind(13, rec.format)
      .Bind(14, content_hash)
      .Bind(15, NormalizedTextHash(clean.text))
      .Bind(16, meta.dump());
  DYAD_RETURN_IF_ERROR(ins.Run());
  ins.Reset();
  auto last_id = im.db->LastInsertId();
  if (!last_id.ok()) return last_id.status();
  const int64_t article_id = *last_id;
  *id = article_id;

  DYAD_RETURN_IF_ERROR(
      Ensure(im.db, &im.insert_sentence,
             "INSERT INTO sentences (article_id, idx, start, \"end\", "
             "orig_start, orig_end, tokens, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  const std::vector<Span>& sents = *a.sentences;
  std::string_view text = clean.text;
  for (size_t i = 0; i < sents.size(); ++i) {
    const Span& s = sents[i];
    Stmt& st = im.insert_sentence;
    st.Reset();
    int64_t tokens =
        a.sentence_tokens != nullptr && i < a.sentence_tokens->size() ? (*a.sentence_tokens)[i] : 0;
    st.Bind(1, article_id)
        .Bind(2, static_cast<int64_t>(i))
        .Bind(3, static_cast<int64_t>(s.begin))
        .Bind(4, static_cast<int64_t>(s.end))
        .Bind(5, static_cast<int64_t>(clean.map.ToOriginal(s.begin)))
        .Bind(6, static_cast<int64_t>(clean.map.ToOriginalEnd(s.end)))
        .Bind(7, tokens)
        .Bind(8, s.in(text));
    DYAD_RETURN_IF_ERROR(st.Run());
  }
  // Outside a batch the insert has committed already: index it now.
  if (!im.db->in_transaction()) DYAD_RETURN_IF_ERROR(IndexNewSentences(im.db));
  return outcome;
}

Result<StoreStats> Store::Stats() const {
  Db* db = impl_->db;
  StoreStats s;
  s.path = impl_->path;
  s.schema_version = impl_->version;
  {
    auto st = Stmt::Prepare(
        db,
        "SELECT COUNT(*), COUNT(published), MIN(published), MAX(published), "
        "COALESCE(SUM(LENGTH(CAST(original AS BLOB))),0), COALESCE(SUM(LENGTH(CAST(text AS "
        "BLOB))),0) FROM latest_articles");
    if (!st.ok()) return st.status();
    auto r = st->Step();
    if (!r.ok()) return r.status();
    s.articles = st->Int(0);
    s.dated_articles = st->Int(1);
    s.earliest = st->Text(2);
    s.latest = st->Text(3);
    s.bytes_original = st->Int(4);
    s.bytes_text = st->Int(5);
  }
  auto scalar = [&](const char* sql, int64_t* out) -> Status {
    auto st = Stmt::Prepare(db, sql);
    if (!st.ok()) return st.status();
    auto r = st->Step();
    if (!r.ok()) return r.status();
    *out = st->Int(0);
    return Status::OK();
  };
  DYAD_RETURN_IF_ERROR(scalar("SELECT COUNT(*) FROM articles", &s.article_versions));
  DYAD_RETURN_IF_ERROR(
      scalar("SELECT COUNT(*) FROM sentences WHERE article_id IN (SELECT id FROM latest_articles)",
             &s.sentences));
  DYAD_RETURN_IF_ERROR(scalar("SELECT COUNT(*) FROM runs", &s.runs));
  auto groups = [&](const char* sql, std::vector<std::pair<std::string, int64_t>>* out) -> Status {
    auto st = Stmt::Prepare(db, sql);
    if (!st.ok()) return st.status();
    for (;;) {
      auto r = st->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      out->emplace_back(st->IsNull(0) ? "(unknown)" : st->Text(0), st->Int(1));
    }
    return Status::OK();
  };
  DYAD_RETURN_IF_ERROR(groups(
      "SELECT source, COUNT(*) c FROM latest_articles GROUP BY source ORDER BY c DESC, source "
      "LIMIT 10",
      &s.sources));
  DYAD_RETURN_IF_ERROR(
      groups("SELECT format, COUNT(*) c FROM latest_articles GROUP BY format ORDER BY c DESC",
             &s.formats));
  if (db->is_postgres()) {
    DYAD_RETURN_IF_ERROR(scalar("SELECT pg_database_size(current_database())", &s.file_bytes));
  } else {
    std::error_code ec;
    auto size = std::filesystem::file_size(impl_->path, ec);
    s.file_bytes = ec ? 0 : static_cast<int64_t>(size);
  }
  return s;
}

Result<ArticleRow> Store::GetArticle(int64_t id, bool with_original) const {
  auto st = Stmt::Prepare(impl_->db,
                          std::string("SELECT ") +
                              (with_original ? kArticleColumns : kArticleColumnsWithoutOriginal) +
                              " FROM articles WHERE id = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  auto r = st->Step();
  if (!r.ok()) return r.status();
  if (!*r) return Status::NotFound("no article with id " + std::to_string(id));
  return ReadArticle(*st);
}

Status Store::ForEachArticle(const ArticleFilter& filter,
                             const std::function<bool(const ArticleRow&)>& fn) const {
  std::string sql = std::string("SELECT ") + kArticleColumns + " FROM " +
                    (filter.latest_only ? "latest_articles AS articles" : "articles") +
                    " WHERE (?1 IS NULL OR origin LIKE ?1) ORDER BY id LIMIT ?2";
  auto st = Stmt::Prepare(impl_->db, sql);
  if (!st.ok()) return st.status();
  st->BindOpt(1, filter.origin_like).Bind(2, filter.limit);
  for (;;) {
    auto r = st->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    if (!fn(ReadArticle(*st))) break;
  }
  return Status::OK();
}

Result<std::vector<SentenceRow>> Store::Sentences(int64_t article_id) const {
  auto st = Stmt::Prepare(impl_->db,
                          "SELECT id, article_id, idx, start, \"end\", orig_start, orig_end, "
                          "tokens, text FROM sentences WHERE article_id = ?1 ORDER BY idx");
  if (!st.ok()) return st.status();
  st->Bind(1, article_id);
  std::vector<SentenceRow> out;
  for (;;) {
    auto r = st->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    SentenceRow s;
    s.id = st->Int(0);
    s.article_id = st->Int(1);
    s.index = static_cast<int>(st->Int(2));
    s.begin = static_cast<uint32_t>(st->Int(3));
    s.end = static_cast<uint32_t>(st->Int(4));
    s.orig_begin = static_cast<uint32_t>(st->Int(5));
    s.orig_end = static_cast<uint32_t>(st->Int(6));
    s.tokens = static_cast<int>(st->Int(7));
    s.text = st->Text(8);
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<SearchHit>> Store::Search(const std::string& query, int limit) const {
  // PostgreSQL: the query in web-search syntax (docs/store.md), ranked by ts_rank, ties in
  // sentence order; SQLite: FTS5 syntax, ranked by bm25.
  auto st = Stmt::Prepare(
      impl_->db,
      impl_->db->is_postgres()
          ? "SELECT s.id, s.article_id, s.idx, a.origin, ts_headline('simple', s.text, q, "
            "'StartSel=[, StopSel=], HighlightAll=true'), a.title FROM sentences s "
            "JOIN latest_articles a ON a.id = s.article_id "
            "CROSS JOIN websearch_to_tsquery('simple', ?1) AS q "
            "WHERE to_tsvector('simple', s.text) @@ q "
            "ORDER BY ts_rank(to_tsvector('simple', s.text), q) DESC, s.id LIMIT ?2"
          : "SELECT s.id, s.article_id, s.idx, a.origin, "
            "highlight(sentences_fts, 0, '[', ']'), a.title FROM sentences_fts "
            "JOIN sentences s ON s.id = sentences_fts.rowid "
            "JOIN latest_articles a ON a.id = s.article_id "
            "WHERE sentences_fts MATCH ?1 ORDER BY rank LIMIT ?2");
  if (!st.ok()) return st.status();
  st->Bind(1, query).Bind(2, static_cast<int64_t>(limit));
  std::vector<SearchHit> out;
  for (;;) {
    auto r = st->Step();
    if (!r.ok()) {
      return Status::InvalidArgument("search query \"" + query + "\": " + r.status().message());
    }
    if (!*r) break;
    out.push_back({st->Int(0), st->Int(1), static_cast<int>(st->Int(2)), st->Text(3), st->Text(4),
                   st->Text(5)});
  }
  return out;
}

Status Store::DeleteEventsOf(int64_t article_id) {
  auto del = Stmt::Prepare(impl_->db, "DELETE FROM event_mentions WHERE article_id = ?1");
  if (!del.ok()) return del.status();
  del->Bind(1, article_id);
  DYAD_RETURN_IF_ERROR(del->Run());
  return Exec(impl_->db,
              "DELETE FROM events WHERE id NOT IN (SELECT event_id FROM event_mentions)");
}

Result<int64_t> Store::AddEvent(const EventRow& e) {
  auto ev = Stmt::Prepare(
      impl_->db,
      "INSERT INTO events (source, target, code, date, event_set_id, cameo_root, quad_class, "
      "goldstein, plover_type, plover_mode, plover_context, modality, speaker, cluster_id, "
      "date_value, date_rule, historical, future, place, place_country, place_admin1, place_kind, "
      "lat, lon, geonames_id, place_rule, changed_from, rewording_change) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
      "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)");
  if (!ev.ok()) return ev.status();
  ev->Bind(1, e.source)
      .Bind(2, e.target)
      .Bind(3, e.code)
      .BindOpt(4, e.date)
      .BindOpt(6, e.cameo_root)
      .BindOpt(10, e.plover_mode)
      .BindOpt(9, e.plover_type)
      .BindOpt(11, e.plover_context)
      .Bind(12, e.modality)
      .BindOpt(13, e.speaker)
      .BindOpt(15, e.date_value)
      .BindOpt(16, e.date_rule)
      .Bind(17, static_cast<int64_t>(e.historical))
      .Bind(18, static_cast<int64_t>(e.future));
  if (e.event_set_id > 0) ev->Bind(5, e.event_set_id);
  if (e.cluster_id > 0) ev->Bind(14, e.cluster_id);
  if (e.changed_from > 0) ev->Bind(27, e.changed_from);
  ev->BindOpt(28, e.rewording_change);
  if (e.quad_class > 0) ev->Bind(7, static_cast<int64_t>(e.quad_class));
  if (e.has_goldstein) ev->BindDouble(8, e.goldstein);
  if (e.has_place) {
    ev->Bind(19, e.place)
        .BindOpt(20, e.place_country)
        .BindOpt(21, e.place_admin1)
        .BindOpt(22, e.place_kind)
        .BindDouble(23, e.lat)
        .BindDouble(24, e.lon)
        .BindOpt(26, e.place_rule);
    if (e.geonames_id > 0) ev->Bind(25, e.geonames_id);
  }
  DYAD_RETURN_IF_ERROR(ev->Run());
  auto id = impl_->db->LastInsertId();
  if (!id.ok()) return id.status();
  DYAD_RETURN_IF_ERROR(InsertMention(*id, e));
  return *id;
}

Status Store::InsertMention(int64_t id, const EventRow& e) {
  auto m = Stmt::Prepare(
      impl_->db,
      "INSERT INTO event_mentions (event_id, article_id, sentence_id, source_start, source_end, "
      "target_start, target_end, verb_start, verb_end, source_text, target_text, verb_text, rule, "
      "dictionary, speaker_text, speaker_start, speaker_end, quoted, modality_cue, date_text, "
      "date_start, date_end, place_text, place_start, place_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
      "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
      "?25)");
  if (!m.ok()) return m.status();
  m->Bind(1, id)
      .Bind(2, e.article_id)
      .Bind(3, e.sentence_id)
      .Bind(4, static_cast<int64_t>(e.source_begin))
      .Bind(5, static_cast<int64_t>(e.source_end))
      .Bind(6, static_cast<int64_t>(e.target_begin))
      .Bind(7, static_cast<int64_t>(e.target_end))
      .Bind(8, static_cast<int64_t>(e.verb_begin))
      .Bind(9, static_cast<int64_t>(e.verb_end))
      .Bind(10, e.source_text)
      .Bind(11, e.target_text)
      .Bind(12, e.verb_text)
      .Bind(13, e.rule)
      .Bind(14, e.dictionary)
      .BindOpt(15, e.speaker_text)
      .Bind(18, static_cast<int64_t>(e.quoted))
      .BindOpt(19, e.modality_cue);
  if (!e.speaker_text.empty()) {
    m->Bind(16, static_cast<int64_t>(e.speaker_begin))
        .Bind(17, static_cast<int64_t>(e.speaker_end));
  }
  if (!e.date_text.empty()) {
    m->Bind(20, e.date_text)
        .Bind(21, static_cast<int64_t>(e.date_begin))
        .Bind(22, static_cast<int64_t>(e.date_end));
  }
  if (e.has_place && !e.place_text.empty()) {
    m->Bind(23, e.place_text)
        .Bind(24, static_cast<int64_t>(e.place_begin))
        .Bind(25, static_cast<int64_t>(e.place_end));
  }
  return m->Run();
}

namespace {

// Whether two event dates agree within `max_gap` days: equal, one unknown or a prefix of the
// other (2022-09 and 2022-09-20), or full dates at most `max_gap` days apart.
bool DatesAgree(std::string_view a, std::string_view b, int max_gap) {
  if (a.empty() || b.empty() || a.starts_with(b) || b.starts_with(a)) return true;
  if (a.size() != 10 || b.size() != 10) return false;
  auto da = ParseIsoDate(a), db = ParseIsoDate(b);
  if (!da.ok() || !db.ok() || !da->valid() || !db->valid()) return false;
  int64_t gap = DaysBetween(*da, *db);
  return (gap < 0 ? -gap : gap) <= max_gap;
}

}  // namespace

Result<int64_t> Store::FindClusterEvent(const EventRow& e, int max_day_gap) const {
  if (e.cluster_id == 0) return int64_t{0};
  auto st =
      Stmt::Prepare(impl_->db,
                    "SELECT id, date FROM events WHERE event_set_id IS ?1 AND cluster_id = ?2 "
                    "AND source = ?3 AND target = ?4 AND code = ?5 AND modality = ?6 "
                    "ORDER BY id");
  if (!st.ok()) return st.status();
  if (e.event_set_id > 0) st->Bind(1, e.event_set_id);
  st->Bind(2, e.cluster_id).Bind(3, e.source).Bind(4, e.target).Bind(5, e.code).Bind(6, e.modality);
  for (;;) {
    auto r = st->Step();
    if (!r.ok()) return r.status();
    if (!*r) return int64_t{0};
    if (max_day_gap < 0 || DatesAgree(st->Text(1), e.date, max_day_gap)) return st->Int(0);
  }
}

Result<std::vector<std::pair<int64_t, int64_t>>> Store::EventsLike(
    int64_t event_set, const std::string& source, const std::string& target,
    const std::string& root, const std::string& modality, const std::vector<std::string>& dates,
    int64_t except) const {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const std::string& date : dates) {
    auto st = Stmt::Prepare(impl_->db,
                            "SELECT e.id, m.article_id FROM events e JOIN event_mentions m ON "
                            "m.event_id = e.id WHERE e.event_set_id = ?1 AND e.source = ?2 AND "
                            "e.target = ?3 AND substr(e.code, 1, 2) = ?4 AND e.date = ?5 AND "
                            "e.historical = 0 AND e.modality = ?6 AND m.article_id <> ?7");
    if (!st.ok()) return st.status();
    st->Bind(1, event_set)
        .Bind(2, source)
        .Bind(3, target)
        .Bind(4, root)
        .Bind(5, date)
        .Bind(6, modality)
        .Bind(7, except);
    for (;;) {
      auto r = st->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      out.emplace_back(st->Int(0), st->Int(1));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Status Store::AddMention(int64_t event_id, const EventRow& e) {
  DYAD_RETURN_IF_ERROR(InsertMention(event_id, e));
  auto st = Stmt::Prepare(impl_->db,
                          "UPDATE events SET mentions = (SELECT COUNT(*) FROM event_mentions WHERE "
                          "event_id = ?1), sources = (SELECT COUNT(DISTINCT article_id) FROM "
                          "event_mentions WHERE event_id = ?1) WHERE id = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, event_id);
  return st->Run();
}

namespace {

// The WHERE clause shared by ForEachEvent and CountEvents (parameters ?2 to ?17; ?1 is the
// limit and ?18 the offset). Actor codes match their sub-codes; LIKE wildcards in user input
// are escaped by the caller (LikePrefix).
constexpr std::string_view kEventWhere =
    "WHERE (?2 IS NULL OR e.source LIKE ?2 ESCAPE '\\' OR e.target LIKE ?2 ESCAPE '\\') "
    "AND (?3 IS NULL OR (e.source LIKE ?3 ESCAPE '\\' AND e.target LIKE ?4 ESCAPE '\\') "
    "     OR (?5 = 0 AND e.source LIKE ?4 ESCAPE '\\' AND e.target LIKE ?3 ESCAPE '\\')) "
    "AND (?6 IS NULL OR e.code LIKE ?6 ESCAPE '\\') "
    "AND (?7 IS NULL OR e.date >= ?7) AND (?8 IS NULL OR e.date <= ?8) "
    "AND (?9 = 0 OR e.quad_class = ?9) AND (?10 IS NULL OR e.plover_type = ?10) "
    "AND (?11 IS NULL OR e.modality = ?11) "
    "AND (?13 = 1 OR m.id = (SELECT MIN(id) FROM event_mentions WHERE event_id = e.id)) "
    "AND e.event_set_id IS (CASE WHEN ?12 = 0 THEN "
    "     (SELECT id FROM event_sets WHERE current = 1 ORDER BY id DESC LIMIT 1) ELSE ?12 END) "
    "AND (?14 = 0 OR e.id IN (SELECT event_id FROM event_mentions WHERE article_id = ?14)) "
    "AND (?15 = 0 OR e.cluster_id = ?15) "
    "AND (?16 IS NULL OR e.id IN (SELECT mm.event_id FROM event_mentions mm WHERE "
    "     mm.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?16))) "
    "AND (?17 = 0 OR e.id = ?17) ";

// kEventWhere plus, for the filters that are set, the same condition in a form SQLite can answer
// from an index (the "?N = 0 OR ..." forms above make it scan every event): one event, or the
// events of one article, are then found directly however large the store.
std::string EventWhere(const Store::EventFilter& f) {
  std::string where(kEventWhere);
  if (f.event_id != 0 || f.article_id != 0) {
    // SQLite plans with the parameters unknown and would walk the event set's index, checking
    // every event of the set (at 4 million articles, most of the coding stage's CPU went to
    // this in the rewording check); the unary + keeps that index out of the plan, so the
    // events are found by id.
    const std::string_view set_term = "AND e.event_set_id IS";
    const size_t at = where.find(set_term);
    if (at != std::string::npos) where.replace(at, set_term.size(), "AND +e.event_set_id IS");
  }
  if (f.event_id != 0) where += "AND e.id = ?17 ";
  if (f.article_id != 0) {
    where += "AND e.id IN (SELECT event_id FROM event_mentions WHERE article_id = ?14) ";
    if (f.article_mentions_only && f.every_mention) where += "AND m.article_id = ?14 ";
  }
  return where;
}

// `prefix` as a LIKE pattern matching every string that starts with it.
std::string LikePrefix(std::string_view prefix) {
  if (prefix.empty()) return {};
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

void BindEventFilter(Stmt& st, const Store::EventFilter& f) {
  st.Bind(1, f.limit)
      .BindOpt(2, LikePrefix(f.actor))
      .BindOpt(3, LikePrefix(f.dyad_a))
      .BindOpt(4, LikePrefix(f.dyad_b))
      .Bind(5, static_cast<int64_t>(f.directed))
      .BindOpt(6, LikePrefix(f.code))
      .BindOpt(7, f.from)
      .BindOpt(8, f.to)
      .Bind(9, static_cast<int64_t>(f.quad_class))
      .BindOpt(10, f.plover_type)
      .BindOpt(11, f.modality)
      .Bind(12, f.event_set)
      .Bind(13, static_cast<int64_t>(f.every_mention))
      .Bind(14, f.article_id)
      .Bind(15, f.cluster_id)
      .BindOpt(16, f.text_query)
      .Bind(17, f.event_id)
      .Bind(18, f.offset);
}

}  // namespace

Status Store::ForEachEvent(const EventFilter& f,
                           const std::function<bool(const EventRow&)>& fn) const {
  const std::string sql =
      "SELECT e.id, m.id, m.article_id, m.sentence_id, e.source, e.target, e.code, e.date, "
      "m.source_start, m.source_end, m.target_start, m.target_end, m.verb_start, m.verb_end, "
      "m.source_text, m.target_text, m.verb_text, m.rule, m.dictionary, a.origin, a.external_id, "
      "s.text, e.event_set_id, e.cameo_root, e.quad_class, e.goldstein, e.plover_type, "
      "e.plover_mode, e.plover_context, e.modality, e.speaker, m.speaker_text, m.speaker_start, "
      "m.speaker_end, m.quoted, m.modality_cue, e.mentions, e.sources, e.cluster_id, "
      "(e.cluster_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM event_mentions m2 JOIN clusters c "
      "ON c.id = e.cluster_id WHERE m2.event_id = e.id AND (m2.article_id = "
      "c.canonical_article_id OR m2.article_id IN (SELECT cm.article_id FROM cluster_members cm "
      "WHERE cm.cluster_id = c.id AND cm.relation = 'same_story')))), s.start, a.title, s.idx, "
      "a.url, a.source, e.date_value, "
      "e.date_rule, e.historical, e.future, m.date_text, m.date_start, m.date_end, e.place, "
      "e.place_country, e.place_admin1, e.place_kind, e.lat, e.lon, e.geonames_id, e.place_rule, "
      "m.place_text, m.place_start, m.place_end, e.changed_from, e.rewording_change "
      "FROM event_mentions m JOIN events e ON e.id = m.event_id "
      "JOIN articles a ON a.id = m.article_id JOIN sentences s ON s.id = m.sentence_id " +
      EventWhere(f) + (f.newest_first ? "ORDER BY m.id DESC" : "ORDER BY m.id") +
      " LIMIT ?1 OFFSET ?18";
  auto st = Stmt::Prepare(impl_->db, sql);
  if (!st.ok()) return st.status();
  BindEventFilter(*st, f);
  for (;;) {
    auto r = st->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    EventRow e;
    e.id = st->Int(0);
    e.mention_id = st->Int(1);
    e.article_id = st->Int(2);
    e.sentence_id = st->Int(3);
    e.source = st->Text(4);
    e.target = st->Text(5);
    e.code = st->Text(6);
    e.date = st->Text(7);
    e.source_begin = static_cast<uint32_t>(st->Int(8));
    e.source_end = static_cast<uint32_t>(st->Int(9));
    e.target_begin = static_cast<uint32_t>(st->Int(10));
    e.target_end = static_cast<uint32_t>(st->Int(11));
    e.verb_begin = static_cast<uint32_t>(st->Int(12));
    e.verb_end = static_cast<uint32_t>(st->Int(13));
    e.source_text = st->Text(14);
    e.target_text = st->Text(15);
    e.verb_text = st->Text(16);
    e.rule = st->Text(17);
    e.dictionary = st->Text(18);
    e.origin = st->Text(19);
    e.external_id = st->Text(20);
    e.sentence = st->Text(21);
    e.event_set_id = st->Int(22);
    e.cameo_root = st->Text(23);
    e.quad_class = static_cast<int>(st->Int(24));
    e.has_goldstein = !st->IsNull(25);
    e.goldstein = st->Double(25);
    e.plover_type = st->Text(26);
    e.plover_mode = st->Text(27);
    e.plover_context = st->Text(28);
    e.modality = st->Text(29);
    e.speaker = st->Text(30);
    e.speaker_text = st->Text(31);
    e.speaker_begin = static_cast<uint32_t>(st->Int(32));
    e.speaker_end = static_cast<uint32_t>(st->Int(33));
    e.quoted = st->Int(34) != 0;
    e.modality_cue = st->Text(35);
    e.mentions = st->Int(36);
    e.sources = st->Int(37);
    e.cluster_id = st->Int(38);
    e.copy_only = st->Int(39) != 0;
    e.sentence_begin = static_cast<uint32_t>(st->Int(40));
    e.title = st->Text(41);
    e.sentence_index = static_cast<int>(st->Int(42));
    e.url = st->Text(43);
    e.publisher = st->Text(44);
    e.date_value = st->Text(45);
    e.date_rule = st->Text(46);
    e.historical = st->Int(47) != 0;
    e.future = st->Int(48) != 0;
    e.date_text = st->Text(49);
    e.date_begin = static_cast<uint32_t>(st->Int(50));
    e.date_end = static_cast<uint32_t>(st->Int(51));
    e.has_place = !st->IsNull(52);
    if (e.has_place) {
      e.place = st->Text(52);
      e.place_country = st->Text(53);
      e.place_admin1 = st->Text(54);
      e.place_kind = st->Text(55);
      e.lat = st->Double(56);
      e.lon = st->Double(57);
      e.geonames_id = st->Int(58);
      e.place_rule = st->Text(59);
      e.place_text = st->Text(60);
      e.place_begin = static_cast<uint32_t>(st->Int(61));
      e.place_end = static_cast<uint32_t>(st->Int(62));
    }
    e.changed_from = st->Int(63);
    e.rewording_change = st->Text(64);
    if (!fn(e)) break;
  }
  return Status::OK();
}

Result<int64_t> Store::BeginEventSet(const std::string& dyad_version,
                                     const std::string& dictionary_hash,
                                     const std::string& dictionaries) {
  auto st = Stmt::Prepare(impl_->db,
                          "INSERT INTO event_sets (dyad_version, dictionary_hash, dictionaries) "
                          "VALUES (?1, ?2, ?3)");
  if (!st.ok()) return st.status();
  st->Bind(1, dyad_version).Bind(2, dictionary_hash).Bind(3, dictionaries);
  DYAD_RETURN_IF_ERROR(st->Run());
  return impl_->db->LastInsertId();
}

Status Store::FinishEventSet(int64_t id, bool make_current) {
  if (make_current) {
    auto clear = Stmt::Prepare(impl_->db, "UPDATE event_sets SET current = 0 WHERE id <> ?1");
    if (!clear.ok()) return clear.status();
    clear->Bind(1, id);
    DYAD_RETURN_IF_ERROR(clear->Run());
  }
  auto st =
      Stmt::Prepare(impl_->db,
                    "UPDATE event_sets SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'), "
                    "articles = (SELECT COUNT(*) FROM coded_articles WHERE event_set_id = ?1), "
                    "events = (SELECT COUNT(*) FROM events WHERE event_set_id = ?1), "
                    "current = CASE WHEN ?2 <> 0 THEN 1 ELSE current END WHERE id = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, id).Bind(2, static_cast<int64_t>(make_current));
  return st->Run();
}

Result<std::vector<Store::EventSet>> Store::EventSets() const {
  auto st = Stmt::Prepare(impl_->db,
                          "SELECT id, created_at, finished_at, dyad_version, dictionary_hash, "
                          "dictionaries, articles, events, current FROM event_sets ORDER BY id");
  if (!st.ok()) return st.status();
  std::vector<EventSet> out;
  for (;;) {
    auto r = st->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    EventSet e;
    e.id = st->Int(0);
    e.created_at = st->Text(1);
    e.finished_at = st->Text(2);
    e.dyad_version = st->Text(3);
    e.dictionary_hash = st->Text(4);
    e.dictionaries = st->Text(5);
    e.articles = st->Int(6);
    e.events = st->Int(7);
    e.current = st->Int(8) != 0;
    out.push_back(std::move(e));
  }
  return out;
}

Result<Store::EventSet> Store::CurrentEventSet() const {
  auto all = EventSets();
  if (!all.ok()) return all.status();
  EventSet current;
  for (const EventSet& e : *all) {
    if (e.current) current = e;
  }
  return current;
}

Result<std::vector<int64_t>> Store::ArticlesNotCodedIn(int64_t event_set) const {
  auto st = Stmt::Prepare(impl_->db,
                          "SELECT id FROM latest_articles WHERE id NOT IN (SELECT article_id FROM "
                          "coded_articles WHERE event_set_id = ?1) ORDER BY id");
  if (!st.ok()) return st.status();
  st->Bind(1, event_set);
  return CollectIds(*st);
}

Status Store::MarkCoded(int64_t event_set, int64_t article_id) {
  auto st = Stmt::Prepare(
      impl_->db, "INSERT OR IGNORE INTO coded_articles (event_set_id, article_id) VALUES (?1, ?2)");
  if (!st.ok()) return st.status();
  st->Bind(1, event_set).Bind(2, article_id);
  return st->Run();
}

Result<int64_t> Store::CountClusters() const {
  auto st = Stmt::Prepare(impl_->db, "SELECT COUNT(*) FROM clusters");
  if (!st.ok()) return st.status();
  auto r = st->Step();
  if (!r.ok()) return r.status();
  return st->Int(0);
}

Result<int64_t> Store::CountEvents() const {
  auto st = Stmt::Prepare(impl_->db,
                          "SELECT COUNT(*) FROM events e WHERE e.event_set_id IS (SELECT id FROM "
                          "event_sets WHERE current = 1 ORDER BY id DESC LIMIT 1)");
  if (!st.ok()) return st.status();
  auto r = st->Step();
  if (!r.ok()) return r.status();
  return st->Int(0);
}

Result<int64_t> Store::CountEvents(const EventFilter& f) const {
  const std::string sql =
      "SELECT COUNT(*) FROM (SELECT 1 FROM event_mentions m JOIN events e ON e.id = "
      "m.event_id " +
      EventWhere(f) + "LIMIT ?1 OFFSET ?18) AS matching";
  auto st = Stmt::Prepare(impl_->db, sql);
  if (!st.ok()) return st.status();
  EventFilter all = f;
  all.limit = -1;
  all.offset = 0;
  BindEventFilter(*st, all);
  auto r = st->Step();
  if (!r.ok()) return r.status();
  return st->Int(0);
}

Result<std::vector<ArticleSummary>> Store::ArticleSummaries(int64_t limit, int64_t offset) const {
  auto st = Stmt::Prepare(
      impl_->db,
      "SELECT a.id, a.origin, a.title, a.published, "
      "(SELECT COUNT(*) FROM sentences s WHERE s.article_id = a.id), "
      "(SELECT COUNT(DISTINCT m.event_id) FROM event_mentions m JOIN events e ON e.id = "
      "m.event_id WHERE m.article_id = a.id AND e.event_set_id IS (SELECT id FROM event_sets "
      "WHERE current = 1 ORDER BY id DESC LIMIT 1)), "
      "(SELECT cluster_id FROM cluster_members c WHERE c.article_id = a.id) "
      "FROM latest_articles a ORDER BY a.id LIMIT ?1 OFFSET ?2");
  if (!st.ok()) return st.status();
  st->Bind(1, limit).Bind(2, offset);
  std::vector<ArticleSummary> out;
  for (;;) {
    auto r = st->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    ArticleSummary a;
    a.id = st->Int(0);
    a.origin = st->Text(1);
    a.title = st->Text(2);
    a.published = st->Text(3);
    a.sentences = st->Int(4);
    a.events = st->Int(5);
    a.cluster_id = st->Int(6);
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<std::pair<std::string, int64_t>>> Store::ArticlesByDate() const {
  auto st = Stmt::Prepare(impl_->db,
                          "SELECT substr(published, 1, 10), COUNT(*) FROM latest_articles "
                          "WHERE published IS NOT NULL AND published <> '' GROUP BY 1 ORDER BY 1");
  if (!st.ok()) return st.status();
  std::vector<std::pair<std::string, int64_t>> out;
  for (;;) {
    auto r = st->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    out.emplace_back(st->Text(0), st->Int(1));
  }
  return out;
}

Result<int64_t> Store::BeginRun(const std::string& command) {
  auto st = Stmt::Prepare(impl_->db, "INSERT INTO runs (command, status) VALUES (?1, 'running')");
  if (!st.ok()) return st.status();
  st->Bind(1, command);
  DYAD_RETURN_IF_ERROR(st->Run());
  return impl_->db->LastInsertId();
}

Status Store::FinishRun(int64_t run_id, const RunRecord& r) {
  auto st = Stmt::Prepare(impl_->db,
                          "UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'), "
                          "ingested = ?2, new_versions = ?3, unchanged = ?4, skipped = ?5, "
                          "status = ?6 WHERE id = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, run_id)
      .Bind(2, r.ingested)
      .Bind(3, r.new_versions)
      .Bind(4, r.unchanged)
      .Bind(5, r.skipped)
      .Bind(6, r.status);
  return st->Run();
}

Status Store::RecordDiagnostic(int64_t run_id, const Diagnostic& d) {
  auto st = Stmt::Prepare(impl_->db,
                          "INSERT INTO diagnostics (run_id, severity, file, line, reason) VALUES "
                          "(?1, ?2, ?3, ?4, ?5)");
  if (!st.ok()) return st.status();
  st->Bind(1, run_id)
      .Bind(2, d.severity == Diagnostic::Severity::kSkipped ? "skipped" : "note")
      .Bind(3, d.file)
      .Bind(4, d.line)
      .Bind(5, d.reason);
  return st->Run();
}

Result<std::vector<int64_t>> Store::ArticlesWithoutSignature() const {
  auto st = Stmt::Prepare(impl_->db,
                          "SELECT id FROM latest_articles WHERE id NOT IN (SELECT article_id FROM "
                          "article_signatures) ORDER BY id");
  if (!st.ok()) return st.status();
  return CollectIds(*st);
}

namespace {
// `keys` as a PostgreSQL bigint[] literal ({1,-2,3}), each as the signed value SQLite stores.
std::string BigintArray(const std::vector<uint64_t>& keys) {
  std::string out = "{";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(static_cast<int64_t>(keys[i]));
  }
  return out + "}";
}

// Band keys as a blob: 8 bytes each, little-endian.
std::string EncodeKeys(const std::vector<uint64_t>& keys) {
  std::string out(keys.size() * 8, '\0');
  for (size_t i = 0; i < keys.size(); ++i) {
    for (size_t b = 0; b < 8; ++b) out[i * 8 + b] = static_cast<char>((keys[i] >> (8 * b)) & 0xFF);
  }
  return out;
}
std::vector<uint64_t> DecodeKeys(const std::string& blob) {
  std::vector<uint64_t> keys(blob.size() / 8);
  for (size_t i = 0; i < keys.size(); ++i) {
    for (size_t b = 0; b < 8; ++b) {
      keys[i] |= static_cast<uint64_t>(static_cast<unsigned char>(blob[i * 8 + b])) << (8 * b);
    }
  }
  return keys;
}
}  // namespace

Status Store::PutSignature(int64_t article_id, int64_t content_words,
                           const std::vector<uint64_t>& band_keys, bool index) {
  auto sig = Stmt::Prepare(impl_->db,
                           "INSERT OR REPLACE INTO article_signatures (article_id, content_words, "
                           "band_keys, indexed) VALUES (?1, ?2, ?3, ?4)");
  if (!sig.ok()) return sig.status();
  sig->Bind(1, article_id)
      .Bind(2, content_words)
      .BindBlob(3, EncodeKeys(band_keys))
      .Bind(4, int64_t{index ? 1 : 0});
  DYAD_RETURN_IF_ERROR(sig->Run());
  return index ? IndexBands(article_id, band_keys) : Status::OK();
}

Status Store::IndexBands(int64_t article_id, const std::vector<uint64_t>& band_keys) {
  if (impl_->db->is_postgres()) {
    // One statement for all keys: a round trip per key is what makes dedup slow on a server.
    auto band = Stmt::Prepare(impl_->db,
                              "INSERT INTO lsh_bands (band_key, article_id) SELECT DISTINCT "
                              "unnest(CAST(?1 AS bigint[])), ?2 ON CONFLICT DO NOTHING");
    if (!band.ok()) return band.status();
    band->Bind(1, BigintArray(band_keys)).Bind(2, article_id);
    return band->Run();
  }
  auto band = Stmt::Prepare(
      impl_->db, "INSERT OR IGNORE INTO lsh_bands (band_key, article_id) VALUES (?1, ?2)");
  if (!band.ok()) return band.status();
  for (uint64_t k : band_keys) {
    band->Reset();
    band->Bind(1, static_cast<int64_t>(k)).Bind(2, article_id);
    DYAD_RETURN_IF_ERROR(band->Run());
  }
  return Status::OK();
}

Result<int64_t> Store::IndexPendingBands(int64_t from_article) {
  auto st = Stmt::Prepare(impl_->db,
                          "SELECT article_id, band_keys FROM article_signatures WHERE article_id "
                          ">= ?1 AND indexed = 0");
  if (!st.ok()) return st.status();
  st->Bind(1, from_article);
  const bool pg = impl_->db->is_postgres();
  // Written a chunk at a time, so that memory stays bounded however many signatures wait
  // (a run that outgrows the in-memory index hands over some 80 million keys at once).
  constexpr size_t kChunkRows = size_t{4} << 20;                   // 64 MB of (key, article) pairs
  constexpr size_t kChunkArticles = 10000;                         // PostgreSQL: articles per chunk
  std::vector<std::pair<int64_t, int64_t>> rows;                   // (key as stored, article)
  std::vector<std::pair<int64_t, std::vector<uint64_t>>> keys_of;  // PostgreSQL: per article
  Stmt bulk, band;
  // 64 rows a statement (the statement's own cost shared), the rest one by one.
  constexpr size_t kRows = 64;
  auto flush = [&]() -> Status {
    if (pg) {
      for (const auto& [id, keys] : keys_of) DYAD_RETURN_IF_ERROR(IndexBands(id, keys));
      keys_of.clear();
      return Status::OK();
    }
    // In key order: each B-tree page is visited once per chunk instead of once per article.
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (!bulk.valid()) {
      static const std::string many = [] {
        std::string q = "INSERT OR IGNORE INTO lsh_bands (band_key, article_id) VALUES ";
        for (size_t i = 0; i < kRows; ++i) {
          q += (i > 0 ? ",(?" : "(?") + std::to_string(2 * i + 1) + ",?" +
               std::to_string(2 * i + 2) + ")";
        }
        return q;
      }();
      auto b = Stmt::Prepare(impl_->db, many);
      if (!b.ok()) return b.status();
      bulk = std::move(*b);
      auto one = Stmt::Prepare(
          impl_->db, "INSERT OR IGNORE INTO lsh_bands (band_key, article_id) VALUES (?1, ?2)");
      if (!one.ok()) return one.status();
      band = std::move(*one);
    }
    size_t done = 0;
    for (; done + kRows <= rows.size(); done += kRows) {
      bulk.Reset();
      for (size_t i = 0; i < kRows; ++i) {
        bulk.Bind(static_cast<int>(2 * i + 1), rows[done + i].first)
            .Bind(static_cast<int>(2 * i + 2), rows[done + i].second);
      }
      DYAD_RETURN_IF_ERROR(bulk.Run());
    }
    bulk.Reset();
    for (; done < rows.size(); ++done) {
      band.Reset();
      band.Bind(1, rows[done].first).Bind(2, rows[done].second);
      DYAD_RETURN_IF_ERROR(band.Run());
    }
    band.Reset();
    rows.clear();
    return Status::OK();
  };
  int64_t articles = 0;
  for (;;) {
    auto r = st->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    const int64_t id = st->Int(0);
    ++articles;
    std::vector<uint64_t> keys = DecodeKeys(st->Blob(1));
    if (pg) {
      keys_of.emplace_back(id, std::move(keys));
      if (keys_of.size() >= kChunkArticles) DYAD_RETURN_IF_ERROR(flush());
    } else {
      if (rows.empty()) rows.reserve(kChunkRows + keys.size());
      for (uint64_t k : keys) rows.emplace_back(static_cast<int64_t>(k), id);
      if (rows.size() >= kChunkRows) DYAD_RETURN_IF_ERROR(flush());
    }
  }
  st->Reset();
  if (articles == 0) return int64_t{0};
  DYAD_RETURN_IF_ERROR(flush());
  auto done = Stmt::Prepare(
      impl_->db,
      "UPDATE article_signatures SET indexed = 1 WHERE article_id >= ?1 AND indexed = 0");
  if (!done.ok()) return done.status();
  done->Bind(1, from_article);
  DYAD_RETURN_IF_ERROR(done->Run());
  return articles;
}

Result<bool> Store::HasSignatures() const {
  auto st = Stmt::Prepare(impl_->db, "SELECT EXISTS (SELECT 1 FROM article_signatures)");
  if (!st.ok()) return st.status();
  auto r = st->Step();
  if (!r.ok()) return r.status();
  return *r && st->Int(0) != 0;
}

Result<int64_t> Store::SignatureBandKeys() const {
  auto st = Stmt::Prepare(impl_->db,
                          "SELECT COALESCE(SUM(LENGTH(band_keys)), 0) / 8 FROM article_signatures");
  if (!st.ok()) return st.status();
  auto r = st->Step();
  if (!r.ok()) return r.status();
  return *r ? st->Int(0) : int64_t{0};
}

Status Store::ForEachSignature(
    const std::function<Status(int64_t, const std::vector<uint64_t>&)>& fn,
    int64_t from_article) const {
  auto st = Stmt::Prepare(impl_->db,
                          "SELECT article_id, band_keys FROM article_signatures WHERE article_id "
                          ">= ?1 ORDER BY article_id");
  if (!st.ok()) return st.status();
  st->Bind(1, from_article);
  for (;;) {
    auto r = st->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    DYAD_RETURN_IF_ERROR(fn(st->Int(0), DecodeKeys(st->Blob(1))));
  }
  return Status::OK();
}

Result<std::vector<std::vector<int64_t>>> Store::BandMembers(const std::vector<uint64_t>& keys,
                                                             int64_t except, size_t limit) const {
  std::vector<std::vector<int64_t>> members(keys.size());
  if (keys.empty()) return members;
  if (impl_->db->is_postgres()) {
    // All keys in one query (a round trip per key is what makes dedup slow on a server).
    auto st = Stmt::Prepare(
        impl_->db,
        "SELECT band_key, article_id FROM (SELECT band_key, article_id, row_number() OVER "
        "(PARTITION BY band_key) AS n FROM lsh_bands WHERE band_key = ANY(CAST(?1 AS bigint[])) "
        "AND article_id <> ?2) AS m WHERE n <= ?3");
    if (!st.ok()) return st.status();
    st->Bind(1, BigintArray(keys)).Bind(2, except).Bind(3, static_cast<int64_t>(limit));
    std::unordered_map<int64_t, std::vector<size_t>> where;  // key -> its places in `keys`
    for (size_t i = 0; i < keys.size(); ++i) where[static_cast<int64_t>(keys[i])].push_back(i);
    for (;;) {
      auto r = st->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      auto at = where.find(st->Int(0));
      if (at == where.end()) continue;
      for (size_t i : at->second) members[i].push_back(st->Int(1));
    }
    return members;
  }
  auto st = Stmt::Prepare(impl_->db,
                          "SELECT article_id FROM lsh_bands WHERE band_key = ?1 AND article_id "
                          "<> ?2 LIMIT ?3");
  if (!st.ok()) return st.status();
  for (size_t i = 0; i < keys.size(); ++i) {
    st->Reset();
    st->Bind(1, static_cast<int64_t>(keys[i])).Bind(2, except).Bind(3, static_cast<int64_t>(limit));
    for (;;) {
      auto r = st->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      members[i].push_back(st->Int(0));
    }
  }
  st->Reset();
  return members;
}

Result<std::vector<int64_t>> Store::ArticlesSharingBands(const std::vector<uint64_t>& band_keys,
                                                         int64_t except, size_t min_shared,
                                                         size_t max_members) const {
  std::map<uint64_t, int> uses;  // how often each key stands in band_keys
  for (uint64_t k : band_keys) ++uses[k];
  std::vector<uint64_t> keys;
  keys.reserve(uses.size());
  for (const auto& [k, n] : uses) keys.push_back(k);
  auto members = BandMembers(keys, except, max_members + 1);
  if (!members.ok()) return members.status();
  std::map<int64_t, int> shared;
  for (size_t i = 0; i < keys.size(); ++i) {
    if ((*members)[i].size() > max_members) continue;
    for (int64_t id : (*members)[i]) shared[id] += uses[keys[i]];
  }
  std::vector<std::pair<int, int64_t>> ranked;
  for (const auto& [id, n] : shared) {
    if (static_cast<size_t>(n) >= min_shared) ranked.emplace_back(-n, id);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<int64_t> out;
  for (const auto& [n, id] : ranked) out.push_back(id);
  return out;
}

Result<std::vector<int64_t>> Store::ExaminedArticlesWithTextHash(const std::string& text_hash,
                                                                 int64_t except) const {
  auto st =
      Stmt::Prepare(impl_->db,
                    "SELECT a.id FROM latest_articles a JOIN article_signatures s ON "
                    "s.article_id = a.id WHERE a.text_hash = ?1 AND a.id <> ?2 ORDER BY a.id");
  if (!st.ok()) return st.status();
  st->Bind(1, text_hash).Bind(2, except);
  return CollectIds(*st);
}

Result<int64_t> Store::ClusterOf(int64_t article_id) const {
  auto st =
      Stmt::Prepare(impl_->db, "SELECT cluster_id FROM cluster_members WHERE article_id = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, article_id);
  auto r = st->Step();
  if (!r.ok()) return r.status();
  return *r ? st->Int(0) : int64_t{0};
}

Result<Store::ClusterMember> Store::MembershipOf(int64_t article_id) const {
  auto st = Stmt::Prepare(impl_->db,
                          "SELECT m.cluster_id, m.relation, m.similarity, m.matched_article_id, "
                          "m.evidence, c.canonical_article_id FROM cluster_members m JOIN "
                          "clusters c ON c.id = m.cluster_id WHERE m.article_id = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, article_id);
  auto r = st->Step();
  if (!r.ok()) return r.status();
  ClusterMember m;
  if (!*r) return m;
  m.article_id = article_id;
  m.cluster_id = st->Int(0);
  m.relation = st->Text(1);
  m.similarity = st->Double(2);
  m.matched_article_id = st->Int(3);
  m.evidence = st->Text(4);
  m.canonical_article_id = st->Int(5);
  return m;
}

Result<Store::ClusterMember> Store::RelationBetween(int64_t a, int64_t b) const {
  auto ma = MembershipOf(a);
  if (!ma.ok()) return ma.status();
  auto mb = MembershipOf(b);
  if (!mb.ok()) return mb.status();
  if (ma->cluster_id == 0 || ma->cluster_id != mb->cluster_id) return ClusterMember{};
  if (mb->matched_article_id == a) return *mb;
  if (ma->matched_article_id == b) return *ma;
  ClusterMember m = *mb;
  m.relation = "same_cluster";
  m.similarity = 0;
  m.evidence = "both in cluster " + std::to_string(m.cluster_id);
  return m;
}

namespace {
// The order in which a cluster's members are candidates for its canonical report (best first).
constexpr std::string_view kCanonicalOrder =
    "(a.published IS NULL OR a.published = ''), a.published, length(a.text) DESC, a.id";
}  // namespace

Result<int64_t> Store::AddToCluster(int64_t article_id, int64_t matched,
                                    const std::string& relation, double similarity,
                                    const std::string& evidence) {
  auto cluster = ClusterOf(matched);
  if (!cluster.ok()) return cluster.status();
  int64_t id = *cluster;
  if (id == 0) {
    auto c = Stmt::Prepare(
        impl_->db, "INSERT INTO clusters (canonical_article_id, member_count) VALUES (?1, 1)");
    if (!c.ok()) return c.status();
    c->Bind(1, matched);
    DYAD_RETURN_IF_ERROR(c->Run());
    auto last_id = impl_->db->LastInsertId();
    if (!last_id.ok()) return last_id.status();
    id = *last_id;
    auto first = Stmt::Prepare(impl_->db,
                               "INSERT INTO cluster_members (article_id, cluster_id, relation, "
                               "similarity) VALUES (?1, ?2, 'first', 1.0)");
    if (!first.ok()) return first.status();
    first->Bind(1, matched).Bind(2, id);
    DYAD_RETURN_IF_ERROR(first->Run());
  }
  // An article already in another cluster moves (rare: a later, better match); that cluster
  // re-elects its canonical article below if it was this one.
  auto before = ClusterOf(article_id);
  if (!before.ok()) return before.status();
  auto m =
      Stmt::Prepare(impl_->db,
                    "INSERT OR REPLACE INTO cluster_members (article_id, cluster_id, relation, "
                    "similarity, matched_article_id, evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!m.ok()) return m.status();
  m->Bind(1, article_id).Bind(2, id).Bind(3, relation).BindDouble(4, similarity).Bind(5, matched);
  m->BindOpt(6, evidence);
  DYAD_RETURN_IF_ERROR(m->Run());
  if (*before != id) {  // a member more here, one fewer where it was
    auto count = Stmt::Prepare(impl_->db,
                               "UPDATE clusters SET member_count = member_count + CASE id WHEN ?1 "
                               "THEN 1 ELSE -1 END WHERE id IN (?1, ?2)");
    if (!count.ok()) return count.status();
    count->Bind(1, id).Bind(2, *before);
    DYAD_RETURN_IF_ERROR(count->Run());
  }
  auto file = Stmt::Prepare(impl_->db,
                            "UPDATE events SET cluster_id = ?1 WHERE cluster_id IS NULL AND id IN "
                            "(SELECT event_id FROM event_mentions WHERE article_id IN (?2, ?3))");
  if (!file.ok()) return file.status();
  file->Bind(1, id).Bind(2, article_id).Bind(3, matched);
  DYAD_RETURN_IF_ERROR(file->Run());
  // The canonical report: the earliest published, else the most complete (longest text), else
  // the first stored. Articles never change and members only join, so the best of the cluster
  // is the better of its canonical article and the one joining (and `matched`, a member
  // already): two rows read, not every member's text (a story copied 200 times at 4 GB).
  auto canon =
      Stmt::Prepare(impl_->db,
                    "UPDATE clusters SET canonical_article_id = (SELECT a.id FROM articles a WHERE "
                    "a.id IN (clusters.canonical_article_id, ?2, ?3) ORDER BY " +
                        std::string(kCanonicalOrder) + " LIMIT 1) WHERE id = ?1");
  if (!canon.ok()) return canon.status();
  canon->Bind(1, id).Bind(2, article_id).Bind(3, matched);
  DYAD_RETURN_IF_ERROR(canon->Run());
  if (*before != 0 && *before != id) DYAD_RETURN_IF_ERROR(ElectCanonical(*before));
  return id;
}

// Re-elects a cluster's canonical article among all its members (when one has left it).
Status Store::ElectCanonical(int64_t cluster_id) {
  auto canon = Stmt::Prepare(
      impl_->db,
      "UPDATE clusters SET canonical_article_id = COALESCE((SELECT a.id FROM cluster_members m "
      "JOIN articles a ON a.id = m.article_id WHERE m.cluster_id = ?1 ORDER BY " +
          std::string(kCanonicalOrder) + " LIMIT 1), canonical_article_id) WHERE id = ?1");
  if (!canon.ok()) return canon.status();
  canon->Bind(1, cluster_id);
  return canon->Run();
}

namespace {

// The WHERE clause selecting the clusters (table alias k) a ClusterQuery asks for, with its
// parameters numbered from 1 in the order of `args`. Only the filters that are set appear, as
// terms an index answers (clusters.id, cluster_members' primary key and its cluster_id index);
// PostgreSQL needs every parameter up to the highest number to appear, hence no gaps.
// `after` adds the keyset term; `nonempty` keeps only clusters with members.
std::string ClusterWhere(const Store::ClusterQuery& q, bool after, bool nonempty,
                         std::vector<int64_t>* args) {
  std::vector<std::string> terms;
  auto param = [&](int64_t v) {
    args->push_back(v);
    return "?" + std::to_string(args->size());
  };
  if (after) terms.push_back("k.id > " + param(q.after_id));
  if (q.id > 0) terms.push_back("k.id = " + param(q.id));
  if (q.article_id > 0) {
    terms.push_back("k.id IN (SELECT cluster_id FROM cluster_members WHERE article_id = " +
                    param(q.article_id) + ")");
  }
  // (The size is the maintained clusters.member_count: one column read per cluster.)
  if (q.min_size > 1) {
    terms.push_back("k.member_count >= " + param(q.min_size));
  } else if (nonempty) {
    terms.push_back("k.member_count > 0");
  }
  std::string where;
  for (const auto& t : terms) where += (where.empty() ? " WHERE " : " AND ") + t;
  return where;
}

// Clusters read per query by ForEachCluster.
constexpr int64_t kClusterBatch = 256;

}  // namespace

Status Store::ForEachCluster(const ClusterQuery& q,
                             const std::function<bool(const Cluster&)>& fn) const {
  if (q.after_id < 0 || q.limit < 0 || q.id < 0 || q.article_id < 0 || q.min_size < 0) {
    return Status::InvalidArgument("cluster query: negative id, limit or size");
  }
  // A batch of clusters in id order (keyset: after the last one read), joined with their
  // members, the canonical article first. SQLite finds the batch on clusters' primary key,
  // each cluster's members by cluster_members_cluster and sorts the batch's rows (EXPLAIN
  // QUERY PLAN: no scan of either table); memory holds at most one batch's rows.
  std::vector<int64_t> args;
  const std::string where = ClusterWhere(q, /*after=*/true, /*nonempty=*/true, &args);
  const int limit_param = static_cast<int>(args.size()) + 1;
  auto st = Stmt::Prepare(
      impl_->db,
      "SELECT c.id, c.canonical_article_id, m.article_id, m.relation, m.similarity, "
      "m.matched_article_id, a.origin, a.published, a.title, length(a.text), m.evidence FROM "
      "(SELECT k.id, k.canonical_article_id FROM clusters k" +
          where + " ORDER BY k.id LIMIT ?" + std::to_string(limit_param) +
          ") c JOIN cluster_members m ON m.cluster_id = c.id JOIN articles a ON a.id = "
          "m.article_id ORDER BY c.id, (m.article_id <> c.canonical_article_id), m.article_id");
  if (!st.ok()) return st.status();
  int64_t after = q.after_id;
  int64_t left = q.limit;  // when q.limit > 0
  for (;;) {
    const int64_t want = q.limit > 0 ? std::min(left, kClusterBatch) : kClusterBatch;
    st->Reset();
    args[0] = after;
    for (size_t i = 0; i < args.size(); ++i) st->Bind(static_cast<int>(i) + 1, args[i]);
    st->Bind(limit_param, want);
    int64_t got = 0;
    Cluster c;
    for (;;) {
      auto r = st->Step();
      if (!r.ok()) return r.status();
      if (!*r || st->Int(0) != c.id) {
        if (c.id != 0) {
          ++got;
          after = c.id;
          if (!fn(c)) return Status::OK();
        }
        if (!*r) break;
        c.id = st->Int(0);
        c.canonical_article_id = st->Int(1);
        c.members.clear();
      }
      ClusterMember mem;
      mem.cluster_id = st->Int(0);
      mem.article_id = st->Int(2);
      mem.relation = st->Text(3);
      mem.similarity = st->Double(4);
      mem.matched_article_id = st->Int(5);
      mem.origin = st->Text(6);
      mem.published = st->Text(7);
      mem.title = st->Text(8);
      mem.text_bytes = st->Int(9);
      mem.evidence = st->Text(10);
      c.members.push_back(std::move(mem));
    }
    if (q.limit > 0) left -= got;
    if (got < want || (q.limit > 0 && left <= 0)) break;
  }
  return Status::OK();
}

Result<std::vector<Store::Cluster>> Store::Clusters() const {
  std::vector<Cluster> out;
  Status s = ForEachCluster({}, [&](const Cluster& c) {
    out.push_back(c);
    return true;
  });
  if (!s.ok()) return s;
  return out;
}

Result<int64_t> Store::CountClusters(const ClusterQuery& q) const {
  if (q.id < 0 || q.article_id < 0 || q.min_size < 0) {
    return Status::InvalidArgument("cluster query: negative id or size");
  }
  std::vector<int64_t> args;
  const std::string where = ClusterWhere(q, /*after=*/false, /*nonempty=*/false, &args);
  auto st = Stmt::Prepare(impl_->db, "SELECT COUNT(*) FROM clusters k" + where);
  if (!st.ok()) return st.status();
  for (size_t i = 0; i < args.size(); ++i) st->Bind(static_cast<int>(i) + 1, args[i]);
  auto r = st->Step();
  if (!r.ok()) return r.status();
  return st->Int(0);
}

Result<std::vector<int64_t>> Store::ExaminedArticlesFromSource(const std::string& source,
                                                               int64_t except) const {
  // SQLite's NOCASE folds ASCII letters only; lower() in PostgreSQL folds every letter.
  auto st = Stmt::Prepare(impl_->db,
                          impl_->db->is_postgres()
                              ? "SELECT a.id FROM latest_articles a JOIN article_signatures s ON "
                                "s.article_id = a.id WHERE lower(a.source) = lower(?1) AND "
                                "a.id <> ?2 ORDER BY a.id DESC LIMIT 50"
                              : "SELECT a.id FROM latest_articles a JOIN article_signatures s ON "
                                "s.article_id = a.id WHERE a.source = ?1 COLLATE NOCASE AND "
                                "a.id <> ?2 ORDER BY a.id DESC LIMIT 50");
  if (!st.ok()) return st.status();
  st->Bind(1, source).Bind(2, except);
  return CollectIds(*st);
}

namespace {

// Binds column `col` of `from` (NULL, text or blob as it is) as parameter `param` of `to`.
void CopyColumn(const Stmt& from, int col, Stmt& to, int param, bool blob = false) {
  if (from.IsNull(col)) {
    to.BindNull(param);
  } else if (blob) {
    to.BindBlob(param, from.Blob(col));
  } else {
    to.Bind(param, from.Text(col));
  }
}

// Runs `body` in a transaction of `db`: committed when it succeeds, rolled back when it fails.
Status InTransaction(Db* db, const std::function<Status()>& body) {
  DYAD_RETURN_IF_ERROR(db->Exec("BEGIN"));
  Status s = body();
  if (s.ok()) s = IndexNewSentences(db);
  if (!s.ok()) {
    db->Exec("ROLLBACK");
    return s;
  }
  return db->Exec("COMMIT");
}

// CopyArticlesFrom across two connections (a PostgreSQL store on either side): reads `src` row
// by row and inserts into `db`, in one transaction of `db`.
Status CopyRowByRow(Db* db, Db* src, std::vector<std::pair<int64_t, int64_t>>* id_map,
                    int64_t* skipped) {
  constexpr int kArticleCols = 17;  // the columns below, offset_map (10) a blob
  auto arts = Stmt::Prepare(
      src,
      "SELECT external_id, origin, version, url, source, published, published_source, title, "
      "text, original, offset_map, encoding, format, content_hash, text_hash, metadata, "
      "ingested_at, id FROM articles ORDER BY id");
  if (!arts.ok()) return arts.status();
  auto sens = Stmt::Prepare(src,
                            "SELECT idx, start, \"end\", orig_start, orig_end, tokens, text FROM "
                            "sentences WHERE article_id = ?1 ORDER BY idx");
  if (!sens.ok()) return sens.status();
  auto art = Stmt::Prepare(
      db,
      "INSERT OR IGNORE INTO articles (external_id, origin, version, url, source, published, "
      "published_source, title, text, original, offset_map, encoding, format, content_hash, "
      "text_hash, metadata, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
      "?12, ?13, ?14, ?15, ?16, ?17)");
  if (!art.ok()) return art.status();
  auto sen = Stmt::Prepare(db,
                           "INSERT INTO sentences (article_id, idx, start, \"end\", orig_start, "
                           "orig_end, tokens, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!sen.ok()) return sen.status();
  return InTransaction(db, [&]() -> Status {
    for (;;) {
      auto r = arts->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      art->Reset();
      for (int c = 0; c < kArticleCols; ++c) CopyColumn(*arts, c, *art, c + 1, c == 10);
      art->Bind(3, arts->Int(2));  // version: an integer column
      DYAD_RETURN_IF_ERROR(art->Run());
      if (db->Changes() == 0) {
        ++*skipped;
        continue;
      }
      auto ours = db->LastInsertId();
      if (!ours.ok()) return ours.status();
      const int64_t theirs = arts->Int(kArticleCols);
      sens->Reset();
      sens->Bind(1, theirs);
      for (;;) {
        auto s = sens->Step();
        if (!s.ok()) return s.status();
        if (!*s) break;
        sen->Reset();
        sen->Bind(1, *ours);
        for (int c = 0; c < 6; ++c) sen->Bind(c + 2, sens->Int(c));
        sen->Bind(8, sens->Text(6));
        DYAD_RETURN_IF_ERROR(sen->Run());
      }
      id_map->emplace_back(theirs, *ours);
    }
    return Status::OK();
  });
}

}  // namespace

Status Store::CopyArticlesFrom(const std::string& other_path,
                               std::vector<std::pair<int64_t, int64_t>>* id_map, int64_t* skipped) {
  Db* db = impl_->db;
  if (db->is_postgres() || IsPostgresUri(other_path)) {
    auto src = IsPostgresUri(other_path) ? OpenPostgres(other_path) : OpenSqlite(other_path, false);
    if (!src.ok()) return src.status();
    return CopyRowByRow(db, src->get(), id_map, skipped);
  }
  {
    auto attach = Stmt::Prepare(db, "ATTACH DATABASE ?1 AS other");
    if (!attach.ok()) return attach.status();
    attach->Bind(1, other_path);
    DYAD_RETURN_IF_ERROR(attach->Run());
  }
  auto body = [&]() -> Status {
    std::vector<int64_t> ids;
    {
      auto st = Stmt::Prepare(db, "SELECT id FROM other.articles ORDER BY id");
      if (!st.ok()) return st.status();
      for (;;) {
        auto r = st->Step();
        if (!r.ok()) return r.status();
        if (!*r) break;
        ids.push_back(st->Int(0));
      }
    }
    return InTransaction(db, [&]() -> Status {
      auto art = Stmt::Prepare(
          db,
          "INSERT OR IGNORE INTO articles (external_id, origin, version, url, source, published, "
          "published_source, title, text, original, offset_map, encoding, format, content_hash, "
          "text_hash, metadata, ingested_at) SELECT external_id, origin, version, url, source, "
          "published, published_source, title, text, original, offset_map, encoding, format, "
          "content_hash, text_hash, metadata, ingested_at FROM other.articles WHERE id = ?1");
      if (!art.ok()) return art.status();
      auto sen = Stmt::Prepare(
          db,
          "INSERT INTO sentences (article_id, idx, start, end, orig_start, orig_end, tokens, "
          "text) SELECT ?2, idx, start, end, orig_start, orig_end, tokens, text FROM "
          "other.sentences WHERE article_id = ?1 ORDER BY idx");
      if (!sen.ok()) return sen.status();
      for (int64_t id : ids) {
        art->Reset();
        art->Bind(1, id);
        DYAD_RETURN_IF_ERROR(art->Run());
        if (db->Changes() == 0) {
          ++*skipped;
          continue;
        }
        auto last_id = db->LastInsertId();
        if (!last_id.ok()) return last_id.status();
        int64_t ours = *last_id;
        sen->Reset();
        sen->Bind(1, id).Bind(2, ours);
        DYAD_RETURN_IF_ERROR(sen->Run());
        id_map->emplace_back(id, ours);
      }
      return Status::OK();
    });
  };
  Status s = body();
  Status d = Exec(db, "DETACH DATABASE other");
  return s.ok() ? d : s;
}

Result<int64_t> Store::SentenceId(int64_t article_id, int index) const {
  auto st = Stmt::Prepare(impl_->db, "SELECT id FROM sentences WHERE article_id = ?1 AND idx = ?2");
  if (!st.ok()) return st.status();
  st->Bind(1, article_id).Bind(2, static_cast<int64_t>(index));
  auto r = st->Step();
  if (!r.ok()) return r.status();
  return *r ? st->Int(0) : 0;
}

}  // namespace dyad
