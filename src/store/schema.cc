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
      // 2: events and their mentions. An event is who did what to whom (and when); a mention
      // is one sentence reporting it, with the evidence spans. Deduplication (story clusters)
      // will attach several mentions to one event.
      R"sql(
CREATE TABLE events (
  id        INTEGER PRIMARY KEY,
  source    TEXT NOT NULL,              -- actor code
  target    TEXT NOT NULL,              -- actor code
  code      TEXT NOT NULL,              -- event code (CAMEO with the CAMEO dictionaries)
  date      TEXT,                       -- ISO date; today the article's publication date
  mentions  INTEGER NOT NULL DEFAULT 1  -- how many sentences report it
);
CREATE TABLE event_mentions (
  id           INTEGER PRIMARY KEY,
  event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
  source_start INTEGER, source_end INTEGER,  -- byte offsets into articles.text
  target_start INTEGER, target_end INTEGER,
  verb_start   INTEGER, verb_end   INTEGER,
  source_text  TEXT, target_text TEXT, verb_text TEXT,
  rule         TEXT,                     -- dictionary FILE:LINE of the verb or pattern
  dictionary   TEXT                      -- the dictionary set that coded it
);
CREATE INDEX event_mentions_article ON event_mentions(article_id);
CREATE INDEX event_mentions_event ON event_mentions(event_id);
CREATE INDEX events_dyad ON events(source, target);
)sql",
      // 3: event sets (one per coding of the store with one dyad version and dictionary set,
      // so an earlier coding stays addressable after a recode), and what analysts aggregate
      // events by: CAMEO root, quad class, Goldstein, PLOVER, modality and speaker.
      R"sql(
CREATE TABLE event_sets (
  id              INTEGER PRIMARY KEY,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  finished_at     TEXT,                  -- NULL while coding (or if it was interrupted)
  dyad_version    TEXT NOT NULL,
  dictionary_hash TEXT NOT NULL,         -- XXH3-64 over the dictionary files, in load order
  dictionaries    TEXT NOT NULL,         -- the files, as the user named them
  articles        INTEGER NOT NULL DEFAULT 0,
  events          INTEGER NOT NULL DEFAULT 0,
  current         INTEGER NOT NULL DEFAULT 0  -- 1 for the set that queries show by default
);
CREATE TABLE coded_articles (
  event_set_id INTEGER NOT NULL REFERENCES event_sets(id) ON DELETE CASCADE,
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (event_set_id, article_id)
) WITHOUT ROWID;
ALTER TABLE events ADD COLUMN event_set_id INTEGER REFERENCES event_sets(id);
ALTER TABLE events ADD COLUMN cameo_root TEXT;
ALTER TABLE events ADD COLUMN quad_class INTEGER;
ALTER TABLE events ADD COLUMN goldstein REAL;
ALTER TABLE events ADD COLUMN plover_type TEXT;
ALTER TABLE events ADD COLUMN plover_mode TEXT;
ALTER TABLE events ADD COLUMN plover_context TEXT;
ALTER TABLE events ADD COLUMN modality TEXT NOT NULL DEFAULT 'asserted';
ALTER TABLE events ADD COLUMN speaker TEXT;       -- actor code of whoever the report cites
ALTER TABLE event_mentions ADD COLUMN speaker_text TEXT;
ALTER TABLE event_mentions ADD COLUMN speaker_start INTEGER;
ALTER TABLE event_mentions ADD COLUMN speaker_end INTEGER;
ALTER TABLE event_mentions ADD COLUMN quoted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_mentions ADD COLUMN modality_cue TEXT;
-- Events coded before event sets existed form set 1.
INSERT INTO event_sets (id, dyad_version, dictionary_hash, dictionaries, current, finished_at)
  SELECT 1, 'unknown', '', 'coded before event sets', 1, strftime('%Y-%m-%dT%H:%M:%SZ','now')
  WHERE EXISTS (SELECT 1 FROM events);
UPDATE events SET event_set_id = 1;
CREATE INDEX events_set ON events(event_set_id);
)sql",
      // 4: republications. Signatures and LSH band keys of every examined article (so a new
      // batch is matched against what is stored), and story clusters: a canonical article and
      // each copy's relation to the article it was matched with.
      R"sql(
CREATE TABLE article_signatures (
  article_id    INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  content_words INTEGER NOT NULL
);
CREATE TABLE lsh_bands (
  band_key   INTEGER NOT NULL,           -- hash of one band of the MinHash signature
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
CREATE TABLE clusters (
  id                   INTEGER PRIMARY KEY,
  canonical_article_id INTEGER NOT NULL REFERENCES articles(id),
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE cluster_members (
  article_id         INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  cluster_id         INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  relation           TEXT NOT NULL,      -- first (the article others matched), exact,
                                         -- near-duplicate, reworded
  similarity         REAL NOT NULL,      -- to matched_article_id, 0..1
  matched_article_id INTEGER REFERENCES articles(id)
);
CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);
)sql",
      // 5: events counted once per story: an event reported by several members of a cluster
      // is one row with a mention per report.
      R"sql(
ALTER TABLE events ADD COLUMN cluster_id INTEGER REFERENCES clusters(id);
ALTER TABLE events ADD COLUMN sources INTEGER NOT NULL DEFAULT 1;  -- distinct articles
CREATE INDEX events_cluster ON events(event_set_id, cluster_id);
)sql",
      // 6: why a copy was matched: the declared provenance notice that names the original.
      R"sql(
ALTER TABLE cluster_members ADD COLUMN evidence TEXT;
)sql",
      // 7: event dates from the text (issue 6): the TimeML value of the expression that dated
      // the event, which rule chose it, whether the event lies more than 30 days before the
      // article (historical) or after it (future), and the expression in each report.
      R"sql(
ALTER TABLE events ADD COLUMN date_value TEXT;     -- TimeML: 2008, 2022-01, 2022-W39, 199
ALTER TABLE events ADD COLUMN date_rule TEXT;      -- clause, sentence, carried, article
ALTER TABLE events ADD COLUMN historical INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN future INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_mentions ADD COLUMN date_text TEXT;   -- the expression as written
ALTER TABLE event_mentions ADD COLUMN date_start INTEGER;
ALTER TABLE event_mentions ADD COLUMN date_end INTEGER;
CREATE INDEX events_date ON events(event_set_id, date);
)sql",
      // 8: event locations (issue 6, docs/geo.md): the place the reporting sentence gives,
      // resolved in the gazetteer, and the place name in each report.
      R"sql(
ALTER TABLE events ADD COLUMN place TEXT;          -- the gazetteer's name: Astana
ALTER TABLE events ADD COLUMN place_country TEXT;  -- ISO 3166-1 alpha-3: KAZ
ALTER TABLE events ADD COLUMN place_admin1 TEXT;   -- first-level division's name, if known
ALTER TABLE events ADD COLUMN place_kind TEXT;     -- country, admin1, admin2, city, region
ALTER TABLE events ADD COLUMN lat REAL;
ALTER TABLE events ADD COLUMN lon REAL;
ALTER TABLE events ADD COLUMN geonames_id INTEGER;
ALTER TABLE events ADD COLUMN place_rule TEXT;     -- clause, sentence
ALTER TABLE event_mentions ADD COLUMN place_text TEXT;  -- the name as written
ALTER TABLE event_mentions ADD COLUMN place_start INTEGER;
ALTER TABLE event_mentions ADD COLUMN place_end INTEGER;
CREATE INDEX events_place ON events(event_set_id, place_country);
)sql",
      // 9: each examined article's band keys kept with its signature, and whether they are in
      // lsh_bands yet: a dedup run finds candidates among its own articles in memory and writes
      // their keys to lsh_bands once, in key order, at its end (or, after a run that was
      // stopped, at the start of the next).
      R"sql(
ALTER TABLE article_signatures ADD COLUMN band_keys BLOB;  -- 8 bytes per key, little-endian
ALTER TABLE article_signatures ADD COLUMN indexed INTEGER NOT NULL DEFAULT 1;
CREATE INDEX article_signatures_pending ON article_signatures(indexed) WHERE indexed = 0;
)sql",
      // 10: the full-text index is no longer kept by a trigger row by row: the store indexes a
      // transaction's new sentences with one statement before it commits (IndexNewSentences in
      // store.cc), about four times cheaper.
      R"sql(
DROP TRIGGER sentences_ai;
)sql",
      // 11: events a rewording changed (issue 5): the canonical article's event in the sentence
      // a copy's sentence is aligned with, and what the copy's coding changed. (Story clusters
      // also take independent reports of the same event, relation same_story: no new column.)
      R"sql(
ALTER TABLE events ADD COLUMN changed_from INTEGER;   -- events.id of the canonical report
ALTER TABLE events ADD COLUMN rewording_change TEXT;  -- source RUS>USR; code 036>040 | added
)sql",
      // 12: the same-story lookup (Store::EventsLike: one event set, date, source and target)
      // reads the events of that dyad on that date, not every event of the date (at 4 million
      // articles, thousands a lookup). Queries by set and date use the same index.
      R"sql(
DROP INDEX events_date;
CREATE INDEX events_date ON events(event_set_id, date, source, target);
)sql",
      // 13: the full-text index merges its segments 16 at a time, not 4 (FTS5's automerge;
      // crisismerge above it). Each indexed sentence is rewritten about half as often as the
      // index grows: indexing took about a quarter less CPU (16.6 s -> 12.3 s for 256 MB of
      // sentences), queries stay a few milliseconds (docs/store.md). The setting is kept in the
      // index's own config table: the sqlite3 shell and other readers are unaffected.
      R"sql(
INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('automerge', 16);
INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('crisismerge', 64);
)sql",
      // 14: each cluster's number of members, kept by Store::AddToCluster (the only writer of
      // cluster_members), so that listing clusters by size (dyad clusters --min-size, the API's
      // min_size, the dashboard's size filter) reads one column instead of counting every
      // cluster's members for each page (3.6 million clusters at 4 GB of input).
      R"sql(
ALTER TABLE clusters ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0;
UPDATE clusters SET member_count =
  (SELECT COUNT(*) FROM cluster_members m WHERE m.cluster_id = clusters.id);
)sql",
      // 15: articles.text_hash is the hash of the cleaned text with its whitespace normalised
      // (exact copies may differ in line breaks and spacing). Recomputed for every article by
      // a step in code (RehashArticleTexts in store.cc); nothing changes in the tables.
      "SELECT 1;",
  };
  return kMigrations;
}

// PostgreSQL stores start at schema 8: one migration creates what SQLite's 1 to 8 build step by
// step (the earlier entries are empty); later ones follow SQLite's. The types are PostgreSQL's for
// what SQLite stores: 64-bit integers (BIGINT), double precision, BYTEA for blobs; text compares
// byte-wise (COLLATE "C"), as in SQLite. The full-text index is a GIN index on the sentences'
// tsvector
// ('simple' configuration: lower-cased words, no stemming, no stop words) instead of FTS5.
const std::vector<std::string_view>& PostgresMigrations() {
  static const std::vector<std::string_view> kMigrations = {
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      // 8: the schema of SQLite's migrations 1-8.
      R"sql(
CREATE TABLE dyad_meta (
  key   TEXT COLLATE "C" PRIMARY KEY,   -- schema_version
  value TEXT COLLATE "C" NOT NULL
);
CREATE TABLE articles (
  id               BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  external_id      TEXT COLLATE "C",
  origin           TEXT COLLATE "C" NOT NULL,
  version          BIGINT NOT NULL DEFAULT 1,
  url              TEXT COLLATE "C",
  source           TEXT COLLATE "C",
  published        TEXT COLLATE "C",
  published_source TEXT COLLATE "C",
  title            TEXT COLLATE "C",
  text             TEXT COLLATE "C" NOT NULL,
  original         TEXT COLLATE "C" NOT NULL,
  offset_map       BYTEA,
  encoding         TEXT COLLATE "C" NOT NULL,
  format           TEXT COLLATE "C" NOT NULL,
  content_hash     TEXT COLLATE "C" NOT NULL,
  text_hash        TEXT COLLATE "C" NOT NULL,
  metadata         TEXT COLLATE "C" NOT NULL DEFAULT '{}',
  ingested_at      TEXT COLLATE "C" NOT NULL
                   DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  UNIQUE (origin, version)
);
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_external_id ON articles(external_id);
CREATE VIEW latest_articles AS
  SELECT a.* FROM articles a
  WHERE a.version = (SELECT MAX(b.version) FROM articles b WHERE b.origin = a.origin);

CREATE TABLE sentences (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  article_id  BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx         BIGINT NOT NULL,
  start       BIGINT NOT NULL,
  "end"       BIGINT NOT NULL,
  orig_start  BIGINT NOT NULL,
  orig_end    BIGINT NOT NULL,
  tokens      BIGINT NOT NULL DEFAULT 0,
  text        TEXT COLLATE "C" NOT NULL,
  UNIQUE (article_id, idx)
);
CREATE INDEX sentences_fts ON sentences USING gin (to_tsvector('simple', text));

CREATE TABLE runs (
  id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  command      TEXT COLLATE "C" NOT NULL,
  started_at   TEXT COLLATE "C" NOT NULL
               DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  finished_at  TEXT COLLATE "C",
  ingested     BIGINT, new_versions BIGINT, unchanged BIGINT, skipped BIGINT,
  status       TEXT COLLATE "C"
);
CREATE TABLE diagnostics (
  run_id   BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  severity TEXT COLLATE "C" NOT NULL,
  file     TEXT COLLATE "C" NOT NULL,
  line     BIGINT NOT NULL,
  reason   TEXT COLLATE "C" NOT NULL
);

CREATE TABLE event_sets (
  id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  created_at      TEXT COLLATE "C" NOT NULL
                  DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  finished_at     TEXT COLLATE "C",
  dyad_version    TEXT COLLATE "C" NOT NULL,
  dictionary_hash TEXT COLLATE "C" NOT NULL,
  dictionaries    TEXT COLLATE "C" NOT NULL,
  articles        BIGINT NOT NULL DEFAULT 0,
  events          BIGINT NOT NULL DEFAULT 0,
  current         BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE coded_articles (
  event_set_id BIGINT NOT NULL REFERENCES event_sets(id) ON DELETE CASCADE,
  article_id   BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (event_set_id, article_id)
);

CREATE TABLE article_signatures (
  article_id    BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  content_words BIGINT NOT NULL
);
CREATE TABLE lsh_bands (
  band_key   BIGINT NOT NULL,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (band_key, article_id)
);
CREATE TABLE clusters (
  id                   BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  canonical_article_id BIGINT NOT NULL REFERENCES articles(id),
  created_at           TEXT COLLATE "C" NOT NULL
                       DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
CREATE TABLE cluster_members (
  article_id         BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  cluster_id         BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  relation           TEXT COLLATE "C" NOT NULL,
  similarity         DOUBLE PRECISION NOT NULL,
  matched_article_id BIGINT REFERENCES articles(id),
  evidence           TEXT COLLATE "C"
);
CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);

CREATE TABLE events (
  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  source         TEXT COLLATE "C" NOT NULL,
  target         TEXT COLLATE "C" NOT NULL,
  code           TEXT COLLATE "C" NOT NULL,
  date           TEXT COLLATE "C",
  mentions       BIGINT NOT NULL DEFAULT 1,
  event_set_id   BIGINT REFERENCES event_sets(id),
  cameo_root     TEXT COLLATE "C",
  quad_class     BIGINT,
  goldstein      DOUBLE PRECISION,
  plover_type    TEXT COLLATE "C",
  plover_mode    TEXT COLLATE "C",
  plover_context TEXT COLLATE "C",
  modality       TEXT COLLATE "C" NOT NULL DEFAULT 'asserted',
  speaker        TEXT COLLATE "C",
  cluster_id     BIGINT REFERENCES clusters(id),
  sources        BIGINT NOT NULL DEFAULT 1,
  date_value     TEXT COLLATE "C",
  date_rule      TEXT COLLATE "C",
  historical     BIGINT NOT NULL DEFAULT 0,
  future         BIGINT NOT NULL DEFAULT 0,
  place          TEXT COLLATE "C",
  place_country  TEXT COLLATE "C",
  place_admin1   TEXT COLLATE "C",
  place_kind     TEXT COLLATE "C",
  lat            DOUBLE PRECISION,
  lon            DOUBLE PRECISION,
  geonames_id    BIGINT,
  place_rule     TEXT COLLATE "C"
);
CREATE TABLE event_mentions (
  id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  event_id      BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  article_id    BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  sentence_id   BIGINT NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
  source_start  BIGINT, source_end BIGINT,
  target_start  BIGINT, target_end BIGINT,
  verb_start    BIGINT, verb_end   BIGINT,
  source_text   TEXT COLLATE "C", target_text TEXT COLLATE "C", verb_text TEXT COLLATE "C",
  rule          TEXT COLLATE "C",
  dictionary    TEXT COLLATE "C",
  speaker_text  TEXT COLLATE "C",
  speaker_start BIGINT,
  speaker_end   BIGINT,
  quoted        BIGINT NOT NULL DEFAULT 0,
  modality_cue  TEXT COLLATE "C",
  date_text     TEXT COLLATE "C",
  date_start    BIGINT,
  date_end      BIGINT,
  place_text    TEXT COLLATE "C",
  place_start   BIGINT,
  place_end     BIGINT
);
CREATE INDEX event_mentions_article ON event_mentions(article_id);
CREATE INDEX event_mentions_event ON event_mentions(event_id);
CREATE INDEX events_dyad ON events(source, target);
CREATE INDEX events_set ON events(event_set_id);
CREATE INDEX events_cluster ON events(event_set_id, cluster_id);
CREATE INDEX events_date ON events(event_set_id, date);
CREATE INDEX events_place ON events(event_set_id, place_country);
)sql",
      // 9: as SQLite's 9.
      R"sql(
ALTER TABLE article_signatures ADD COLUMN band_keys BYTEA;
ALTER TABLE article_signatures ADD COLUMN indexed BIGINT NOT NULL DEFAULT 1;
CREATE INDEX article_signatures_pending ON article_signatures(indexed) WHERE indexed = 0;
)sql",
      // 10: SQLite's FTS5 trigger change; PostgreSQL's GIN index is kept by PostgreSQL.
      "SELECT 1;",
      // 11: as SQLite's 11.
      R"sql(
ALTER TABLE events ADD COLUMN changed_from BIGINT;
ALTER TABLE events ADD COLUMN rewording_change TEXT COLLATE "C";
)sql",
      // 12: as SQLite's 12.
      R"sql(
DROP INDEX events_date;
CREATE INDEX events_date ON events(event_set_id, date, source, target);
)sql",
      // 13: SQLite's FTS5 merge setting; nothing to do for the GIN index.
      "SELECT 1;",
      // 14: as SQLite's 14.
      R"sql(
ALTER TABLE clusters ADD COLUMN member_count BIGINT NOT NULL DEFAULT 0;
UPDATE clusters SET member_count =
  (SELECT COUNT(*) FROM cluster_members m WHERE m.cluster_id = clusters.id);
)sql",
      // 15: as SQLite's 15 (the text hashes recomputed in code).
      "SELECT 1;",
  };
  return kMigrations;
}

}  // namespace dyad
