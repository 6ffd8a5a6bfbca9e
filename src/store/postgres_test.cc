// The PostgreSQL backend: the SQL translation (always), and a store round trip against a real
// server when DYAD_TEST_PG_URI names an empty database it may reset (tests/postgres_test.sh
// starts a private server and sets it; otherwise those tests skip).
#include <gtest/gtest.h>

#include <cstdlib>

#include "dyad/store.h"
#include "store/backend.h"

namespace dyad {
namespace {

// The translation with its parameter markers shown as $N.
std::string Translated(std::string_view sql) {
  std::string t = TranslateForPostgres(sql), out;
  for (char c : t) {
    if (c == '\x01') {
      out += '$';
    } else if (c != '\x02') {
      out += c;
    }
  }
  return out;
}

TEST(PostgresTranslate, ParametersAndNullSafeEquality) {
  EXPECT_EQ(Translated("SELECT id FROM events WHERE event_set_id IS ?1 AND code = ?12"),
            "SELECT id FROM events WHERE event_set_id IS NOT DISTINCT FROM $1 AND code = $12");
  EXPECT_EQ(Translated("SELECT '?1', ?2"), "SELECT '?1', $2");  // not inside literals
  EXPECT_EQ(Translated("SELECT 1 WHERE x IS NULL AND y IS NOT NULL"),
            "SELECT 1 WHERE x IS NULL AND y IS NOT NULL");
}

TEST(PostgresTranslate, InsertOrIgnoreAndReplace) {
  EXPECT_EQ(Translated("INSERT OR IGNORE INTO t (a, b) VALUES (?1, ?2)"),
            "INSERT INTO t (a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING");
  EXPECT_EQ(Translated("INSERT OR REPLACE INTO t (k, a, b) VALUES (?1, ?2, ?3)"),
            "INSERT INTO t (k, a, b) VALUES ($1, $2, $3) ON CONFLICT (k) DO UPDATE SET a = "
            "EXCLUDED.a, b = EXCLUDED.b");
}

TEST(PostgresTranslate, LikeLimitTimeAndFullText) {
  EXPECT_EQ(Translated("WHERE (?1 IS NULL OR origin LIKE ?1) ORDER BY id LIMIT ?2"),
            "WHERE ($1 IS NULL OR origin ILIKE $1 ESCAPE '') ORDER BY id LIMIT (CASE WHEN $2 "
            "< 0 THEN NULL ELSE $2 END)");
  EXPECT_EQ(Translated("e.code LIKE ?6 ESCAPE '\\'"), "e.code ILIKE $6 ESCAPE '\\'");
  EXPECT_EQ(Translated("SET t = strftime('%Y-%m-%dT%H:%M:%SZ','now')"),
            "SET t = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");
  EXPECT_EQ(Translated("SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?16"),
            "SELECT id FROM sentences WHERE to_tsvector('simple', text) @@ "
            "websearch_to_tsquery('simple', $16)");
  EXPECT_EQ(Translated("SUM(LENGTH(CAST(original AS BLOB)))"), "SUM(octet_length(original))");
  EXPECT_EQ(Translated("BEGIN IMMEDIATE"), "BEGIN");
}

TEST(PostgresBackend, IsPostgresUri) {
  EXPECT_TRUE(IsPostgresUri("postgresql:///dyad?host=/tmp"));
  EXPECT_TRUE(IsPostgresUri("postgres://u@h/db"));
  EXPECT_FALSE(IsPostgresUri("dyad.db"));
  EXPECT_FALSE(IsPostgresUri("./postgresql://x"));
}

// An empty database at DYAD_TEST_PG_URI ("" when unset).
std::string ResetDatabase() {
  const char* uri = std::getenv("DYAD_TEST_PG_URI");
  if (uri == nullptr || *uri == '\0') return "";
  auto db = OpenPostgres(uri);
  if (!db.ok()) return "";
  if (!(*db)->Exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public").ok()) return "";
  return uri;
}

SourceRecord Record(const std::string& origin, const std::string& text) {
  SourceRecord r;
  r.origin = origin;
  r.original = text;
  r.format = "text";
  r.encoding = "utf-8";
  r.published = "2022-09-30";
  return r;
}

// Stores `rec` as the pipeline does.
Result<PutOutcome> Put(Store& s, const SourceRecord& rec, int64_t* id) {
  CleanedText clean = Clean(rec.original, rec.body_offset);
  std::vector<Span> sents = SentenceSplitter().Split(clean.text);
  ArticleInput in;
  in.record = &rec;
  in.cleaned = &clean;
  in.sentences = &sents;
  in.title = "t";
  return s.PutArticle(in, id);
}

TEST(PostgresBackend, StoresVersionsSearchesAndEvents) {
  const std::string uri = ResetDatabase();
  if (uri.empty()) GTEST_SKIP() << "DYAD_TEST_PG_URI is not set (tests/postgres_test.sh sets it)";
  {
    auto store = Store::Open(uri);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Store& s = **store;
    EXPECT_EQ(s.schema_version(), Store::CurrentSchemaVersion());
    int64_t id1 = 0, id2 = 0, id3 = 0;
    ASSERT_TRUE(s.BeginBatch().ok());
    SourceRecord a = Record("/x/a.txt", "Tokayev asked the CSTO for help. Troops arrived.");
    EXPECT_EQ(*Put(s, a, &id1), PutOutcome::kInserted);
    EXPECT_EQ(*Put(s, a, &id2), PutOutcome::kUnchanged);
    EXPECT_EQ(id1, id2);
    SourceRecord b = Record("/x/a.txt", "Tokayev asked the CSTO again. Troops arrived.");
    EXPECT_EQ(*Put(s, b, &id3), PutOutcome::kNewVersion);
    ASSERT_TRUE(s.CommitBatch().ok());
    // A rolled-back batch leaves nothing behind.
    ASSERT_TRUE(s.BeginBatch().ok());
    int64_t gone = 0;
    ASSERT_TRUE(Put(s, Record("/x/gone.txt", "Nothing stays."), &gone).ok());
    ASSERT_TRUE(s.RollbackBatch().ok());
    EXPECT_FALSE(s.GetArticle(gone).ok());

    auto st = s.Stats();
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    EXPECT_EQ(st->articles, 1);
    EXPECT_EQ(st->article_versions, 2);
    EXPECT_EQ(st->sentences, 2);
    EXPECT_GT(st->file_bytes, 0);
    auto v2 = s.GetArticle(id3);
    ASSERT_TRUE(v2.ok());
    EXPECT_EQ(v2->version, 2);
    auto hits = s.Search("troops", 10);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    ASSERT_EQ(hits->size(), 1u);  // the latest version only
    EXPECT_EQ((*hits)[0].article_id, id3);
    EXPECT_EQ((*hits)[0].snippet, "[Troops] arrived.");

    auto set = s.BeginEventSet("test", "hash", "dicts");
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    auto sid = s.SentenceId(id3, 0);
    ASSERT_TRUE(sid.ok());
    EventRow e;
    e.article_id = id3;
    e.sentence_id = *sid;
    e.source = "KAZGOV";
    e.target = "IGOCSTO";
    e.code = "0233";
    e.date = "2022-01-05";
    e.event_set_id = *set;
    e.has_goldstein = true;
    e.goldstein = 3.4;
    auto ev = s.AddEvent(e);
    ASSERT_TRUE(ev.ok()) << ev.status().ToString();
    ASSERT_TRUE(s.MarkCoded(*set, id3).ok());
    ASSERT_TRUE(s.MarkCoded(*set, id3).ok());  // again: ignored
    ASSERT_TRUE(s.FinishEventSet(*set, true).ok());
    Store::EventFilter f;
    f.actor = "KAZ";
    f.text_query = "CSTO";
    std::vector<EventRow> rows;
    ASSERT_TRUE(s.ForEachEvent(f, [&](const EventRow& r) {
                   rows.push_back(r);
                   return true;
                 }).ok());
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, *ev);
    EXPECT_DOUBLE_EQ(rows[0].goldstein, 3.4);
    EXPECT_FALSE(rows[0].has_place);
    EXPECT_EQ(*s.CountEvents(f), 1);
    f.actor = "RUS";
    EXPECT_EQ(*s.CountEvents(f), 0);
    auto sets = s.EventSets();
    ASSERT_TRUE(sets.ok());
    ASSERT_EQ(sets->size(), 1u);
    EXPECT_TRUE((*sets)[0].current);
    EXPECT_EQ((*sets)[0].events, 1);
  }
  // Reopened read-only: the version is read from dyad_meta.
  auto again = Store::OpenExisting(uri);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->schema_version(), Store::CurrentSchemaVersion());
}

TEST(PostgresBackend, RefusesDatabasesThatAreNotDyadStores) {
  const std::string uri = ResetDatabase();
  if (uri.empty()) GTEST_SKIP() << "DYAD_TEST_PG_URI is not set (tests/postgres_test.sh sets it)";
  auto db = OpenPostgres(uri);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE someone_elses (x integer)").ok());
  auto s = Store::Open(uri);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a dyad store"), std::string::npos);
  EXPECT_FALSE(Store::OpenExisting(uri).ok());
}

TEST(PostgresBackend, UnreachableServerIsAnError) {
  auto s = Store::OpenExisting("postgresql:///nodb?host=/nonexistent-dyad-dir&port=1");
  ASSERT_FALSE(s.ok());
#ifdef DYAD_HAVE_POSTGRES
  EXPECT_NE(s.status().message().find("cannot connect"), std::string::npos);
#endif
}

}  // namespace
}  // namespace dyad
