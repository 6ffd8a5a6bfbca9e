// The PostgreSQL backend's SQL translation and connection errors (no server needed). The store
// on a real server is tested in store_test.cc (PostgresBackend.*).
#include <gtest/gtest.h>

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
  EXPECT_EQ(Translated("e.code LIKE ?16 ESCAPE '\\'"), "e.code ILIKE $16 ESCAPE '\\'");
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

TEST(PostgresBackend, UnreachableServerIsAnError) {
  auto s = Store::OpenExisting("postgresql:///nodb?host=/nonexistent-dyad-dir&port=1");
  ASSERT_FALSE(s.ok());
#ifdef DYAD_HAVE_POSTGRES
  EXPECT_NE(s.status().message().find("cannot connect"), std::string::npos);
#endif
}

}  // namespace
}  // namespace dyad
