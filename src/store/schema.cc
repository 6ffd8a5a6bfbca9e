#include "store/schema.h"

namespace dyad {

const std::vector<std::string_view>& Migrations() {
  static const std::vector<std::string_view> kMigrations = {
      // 1: articles, sentences, full-text index, runs and their diagnostics.
      R"sql(
CREATE TABLE articles (
  id               INTEGER PRIMARY KEY,
  external_id      TEXT,                 -- the record's own id (JSONL "id", header "id")
  origin           TEXT NOT NULL,        -- file path, "path:line" for JSONL, "-" for stdin
  version          INTEGER NOT NULL DEFAULT 1,
  url              TEXT,
  source           TEXT,
  published        TEXT,                 -- ISO date (YYYY-MM-DD, or YYYY-MM / YYYY)
  published_source TEXT,                 -- where the date came from: header, jsonl, ...
  title            TEXT,
  text             TEXT NOT NULL,        -- cleaned text; every span in dyad points here
  original         TEXT NOT NULL,        -- the text as read (decoded to UTF-8)
  offset_map       BLOB,                 -- cleaned -> original offsets (see docs/store.md)
  encoding         TEXT NOT NULL,        -- utf-8 or windows-1252 (converted)
  format           TEXT NOT NULL,        -- text, jsonl (+gzip)
  content_hash     TEXT NOT NULL,        -- XXH3-64 of original, hex
  text_hash        TEXT NOT NULL,        -- XXH3-64 of cleaned text, hex (exact copies)
  metadata         TEXT NOT NULL DEFAULT '{}',  -- JSON: other fields, removed furniture, notices
  ingested_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (origin, version)
);
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_external_id ON articles(external_id);

-- The newest version of every origin.
CREATE VIEW latest_articles AS
  SELECT a.* FROM articles a
  WHERE a.version = (SELECT MAX(b.version) FROM articles b WHERE b.origin = a.origin);

CREATE TABLE sentences (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,          -- 0-based position in the article
  start       INTEGER NOT NULL,          -- byte offsets into articles.text
  end         INTEGER NOT NULL,
  orig_start  INTEGER NOT NULL,          -- byte offsets into articles.original
  orig_end    INTEGER NOT NULL,
  tokens      INTEGER NOT NULL DEFAULT 0,
  text        TEXT NOT NULL,
  UNIQUE (article_id, idx)
);

CREATE VIRTUAL TABLE sentences_fts USING fts5(
  text, content='sentences', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
  INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE runs (
  id           INTEGER PRIMARY KEY,
  command      TEXT NOT NULL,
  started_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  finished_at  TEXT,
  ingested     INTEGER, new_versions INTEGER, unchanged INTEGER, skipped INTEGER,
  status       TEXT                       -- running, ok, skipped-some, failed
);

CREATE TABLE diagnostics (
  run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  severity TEXT NOT NULL,                 -- skipped or note
  file     TEXT NOT NULL,
  line     INTEGER NOT NULL,
  reason   TEXT NOT NULL
);
)sql",
  };
  return kMigrations;
}

}  // namespace dyad
