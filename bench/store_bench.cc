// The store's write path under SQLite settings: what the page size and the full-text index's
// merge policy cost when articles are stored the way `dyad ingest` stores them.
//
//   build/bench_store [--mb N]    (default 64)
//
// Input: Reuters-21578 and BBC News from ../shared/corpora, repeated until N MB of article
// text, replicas with one word in nine moved (so the full-text index sees new word positions,
// as with real feeds). Each configuration writes a fresh SQLite file in a temporary folder: an
// articles table (the text, the original bytes, a 40-byte offset map, an indexed hash), the
// sentences (dyad's splitter) and an FTS5 external-content index over them with the store's
// tokenizer, filled with one INSERT ... SELECT per transaction of 256 articles -- the tables,
// statements and batches of src/store, with only the settings varied. The baseline in the same
// run is SQLite's defaults (4 KiB pages, FTS5 automerge 4, crisismerge 16: stores before
// schema v13); dyad's stores now use 16 KiB pages and automerge 16 (crisismerge 64). Printed
// per configuration: CPU seconds (this thread), MB/s, the file's size, and the time of five
// full-text queries.
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"
#include "dyad/clean.h"
#include "dyad/text.h"

namespace {

namespace fs = std::filesystem;

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double WallSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Article {
  std::string text;
  std::vector<dyad::Span> sentences;
};

// N MB of cleaned articles: the corpora, then replicas with every ninth word swapped with the
// word after it (from a replica-dependent offset).
std::vector<Article> MakeInput(size_t bytes) {
  std::vector<dyad::bench::Doc> docs =
      dyad::bench::LoadReuters(DYAD_SHARED_DIR "/corpora/reuters21578");
  std::vector<dyad::bench::Doc> bbc =
      dyad::bench::LoadBbc(DYAD_SHARED_DIR "/corpora/bbc-news-2225");
  docs.insert(docs.end(), bbc.begin(), bbc.end());
  std::vector<Article> out;
  if (docs.empty()) return out;
  dyad::SentenceSplitter splitter;
  size_t total = 0;
  for (size_t k = 0; total < bytes; ++k) {
    for (size_t d = 0; d < docs.size() && total < bytes; ++d) {
      std::string text = dyad::Clean(docs[d].text).text;
      if (k > 0) {
        std::vector<std::string_view> words;
        for (size_t i = 0; i < text.size();) {
          size_t j = text.find(' ', i);
          if (j == std::string::npos) j = text.size();
          words.emplace_back(text.data() + i, j - i);
          i = j + 1;
        }
        for (size_t w = k % 9; w + 1 < words.size(); w += 9) std::swap(words[w], words[w + 1]);
        std::string moved;
        moved.reserve(text.size());
        for (size_t w = 0; w < words.size(); ++w) {
          if (w > 0) moved += ' ';
          moved += words[w];
        }
        text = std::move(moved);
      }
      Article a;
      splitter.Split(text, &a.sentences);
      total += text.size();
      a.text = std::move(text);
      out.push_back(std::move(a));
    }
  }
  return out;
}

struct Config {
  const char* name;
  int page_size;
  int automerge, crisismerge;  // 0: FTS5's defaults
};

bool Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "bench_store: %s: %s\n", sql.c_str(), err != nullptr ? err : "?");
    sqlite3_free(err);
    return false;
  }
  return true;
}

struct Outcome {
  double cpu = 0, wall = 0, query_ms = 0, file_mb = 0;
  bool ok = false;
};

Outcome Run(const Config& c, const std::vector<Article>& input, const fs::path& dir) {
  Outcome o;
  const fs::path path = dir / (std::string(c.name) + ".db");
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return o;
  const std::string setup =
      "PRAGMA page_size=" + std::to_string(c.page_size) +
      "; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;"
      "CREATE TABLE articles (id INTEGER PRIMARY KEY, origin TEXT NOT NULL, text TEXT NOT NULL,"
      " original TEXT NOT NULL, offset_map BLOB, text_hash TEXT NOT NULL, UNIQUE (origin));"
      "CREATE INDEX articles_text_hash ON articles(text_hash);"
      "CREATE TABLE sentences (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, idx INTEGER"
      " NOT NULL, start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, text TEXT NOT NULL,"
      " UNIQUE (article_id, idx));"
      "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences',"
      " content_rowid='id', tokenize='unicode61 remove_diacritics 2');" +
      (c.automerge > 0 ? "INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('automerge', " +
                             std::to_string(c.automerge) +
                             "); INSERT INTO sentences_fts(sentences_fts, rank) VALUES "
                             "('crisismerge', " +
                             std::to_string(c.crisismerge) + ");"
                       : "");
  sqlite3_stmt* article = nullptr;
  sqlite3_stmt* sentence = nullptr;
  if (!Exec(db, setup) ||
      sqlite3_prepare_v2(db,
                         "INSERT INTO articles (origin, text, original, offset_map, text_hash) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)",
                         -1, &article, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db,
                         "INSERT INTO sentences (article_id, idx, start, \"end\", text) VALUES "
                         "(?1, ?2, ?3, ?4, ?5)",
                         -1, &sentence, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return o;
  }
  const std::string index =
      "INSERT INTO sentences_fts(rowid, text) SELECT id, text FROM sentences WHERE id > "
      "(SELECT COALESCE(MAX(id), 0) FROM sentences_fts_docsize) ORDER BY id";
  const std::string map(40, '\x01');
  const double c0 = ThreadCpuSeconds(), w0 = WallSeconds();
  bool ok = true;
  for (size_t i = 0; i < input.size() && ok; ++i) {
    if (i % 256 == 0) ok = Exec(db, "BEGIN");
    const Article& a = input[i];
    const std::string origin = "/bench/" + std::to_string(i);
    const std::string hash = std::to_string(std::hash<std::string>()(a.text));
    sqlite3_reset(article);
    sqlite3_bind_text(article, 1, origin.data(), static_cast<int>(origin.size()), SQLITE_STATIC);
    sqlite3_bind_text(article, 2, a.text.data(), static_cast<int>(a.text.size()), SQLITE_STATIC);
    sqlite3_bind_text(article, 3, a.text.data(), static_cast<int>(a.text.size()), SQLITE_STATIC);
    sqlite3_bind_blob(article, 4, map.data(), static_cast<int>(map.size()), SQLITE_STATIC);
    sqlite3_bind_text(article, 5, hash.data(), static_cast<int>(hash.size()), SQLITE_STATIC);
    ok = ok && sqlite3_step(article) == SQLITE_DONE;
    const sqlite3_int64 id = sqlite3_last_insert_rowid(db);
    for (size_t s = 0; s < a.sentences.size() && ok; ++s) {
      const std::string_view t = a.sentences[s].in(a.text);
      sqlite3_reset(sentence);
      sqlite3_bind_int64(sentence, 1, id);
      sqlite3_bind_int64(sentence, 2, static_cast<sqlite3_int64>(s));
      sqlite3_bind_int64(sentence, 3, a.sentences[s].begin);
      sqlite3_bind_int64(sentence, 4, a.sentences[s].end);
      sqlite3_bind_text(sentence, 5, t.data(), static_cast<int>(t.size()), SQLITE_STATIC);
      ok = sqlite3_step(sentence) == SQLITE_DONE;
    }
    if (ok && (i % 256 == 255 || i + 1 == input.size())) {
      ok = Exec(db, index) && Exec(db, "COMMIT");
    }
  }
  o.cpu = ThreadCpuSeconds() - c0;
  o.wall = WallSeconds() - w0;
  sqlite3_finalize(article);
  sqlite3_finalize(sentence);
  const double q0 = WallSeconds();
  for (const char* q : {"government", "\"prime minister\"", "election", "oil AND prices", "kaz*"}) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?1", -1,
                       &st, nullptr);
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    ok = ok && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
  }
  o.query_ms = (WallSeconds() - q0) * 1e3;
  Exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close(db);
  std::error_code ec;
  o.file_mb = static_cast<double>(fs::file_size(path, ec)) / (1024.0 * 1024.0);
  o.ok = ok;
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  size_t mb = 64;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--mb" && i + 1 < argc) {
      mb = static_cast<size_t>(std::max(1, std::atoi(argv[++i])));
    } else {
      std::fprintf(stderr, "usage: bench_store [--mb N]\n");
      return 2;
    }
  }
  if (!fs::is_directory(DYAD_SHARED_DIR "/corpora/reuters21578")) {
    std::printf("bench_store: %s/corpora is absent; nothing to measure\n", DYAD_SHARED_DIR);
    return 0;
  }
  const std::vector<Article> input = MakeInput(mb * 1024 * 1024);
  size_t bytes = 0, sentences = 0;
  for (const Article& a : input) {
    bytes += a.text.size();
    sentences += a.sentences.size();
  }
  const double data_mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  std::printf("dyad store write path: %zu articles, %zu sentences, %.0f MB of text\n", input.size(),
              sentences, data_mb);
  const fs::path dir = fs::temp_directory_path() / ("dyad-bench-store-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const Config configs[] = {
      {"baseline: SQLite defaults (4 KiB pages, automerge 4)", 4096, 0, 0},
      {"4 KiB pages, automerge 16", 4096, 16, 64},
      {"dyad: 16 KiB pages, automerge 16", 16384, 16, 64},
  };
  double base = 0;
  std::printf("%-52s %8s %8s %8s %9s %9s\n", "configuration", "CPU s", "wall s", "MB/s", "file MB",
              "5 queries");
  int rc = 0;
  for (const Config& c : configs) {
    const Outcome o = Run(c, input, dir);
    if (!o.ok) {
      std::printf("%-52s failed\n", c.name);
      rc = 1;
      continue;
    }
    if (base == 0) base = o.cpu;
    std::printf("%-52s %8.2f %8.2f %8.1f %9.0f %7.1f ms  (%.2fx the baseline's CPU)\n", c.name,
                o.cpu, o.wall, data_mb / o.cpu, o.file_mb, o.query_ms, o.cpu / base);
  }
  fs::remove_all(dir);
  return rc;
}
