// The SQLite connection (src/store/backend.h): the C API with prepared statements, typed
// binds and errors as Status.
//
// Prepared statements are reused: when a cursor is destroyed its statement is reset and kept,
// idle, by its connection for the next Prepare of the same SQL (the store's SQL is fixed, so
// each statement is parsed once per connection instead of once per call). Every cursor of a
// connection must be gone before the connection is.
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "store/backend.h"

namespace dyad {

namespace {

class SqliteDb;

class SqliteCursor : public Cursor {
 public:
  SqliteCursor(SqliteDb* owner, sqlite3* db, sqlite3_stmt* s, std::string sql)
      : owner_(owner), db_(db), s_(s), sql_(std::move(sql)) {}
  ~SqliteCursor() override;
  SqliteCursor(const SqliteCursor&) = delete;
  SqliteCursor& operator=(const SqliteCursor&) = delete;

  void BindText(int i, std::string_view v) override {
    Check(i, sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  void BindBlob(int i, std::string_view v) override {
    Check(i, sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  void BindInt(int i, int64_t v) override { Check(i, sqlite3_bind_int64(s_, i, v)); }
  void BindDouble(int i, double v) override { Check(i, sqlite3_bind_double(s_, i, v)); }
  void BindNull(int i) override { Check(i, sqlite3_bind_null(s_, i)); }

  Result<bool> Step() override {
    // A bind that failed (a parameter the SQL does not have, say) is a bug in dyad's SQL:
    // report it instead of running the statement with that value missing.
    if (bind_error_ != 0) {
      return Status::Internal("sqlite: cannot bind parameter " + std::to_string(bind_error_) +
                              " of: " + sqlite3_sql(s_));
    }
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    if (rc == SQLITE_INTERRUPT) {
      return Status::DeadlineExceeded("the query ran past its time limit and was stopped");
    }
    return Status::IOError(std::string("sqlite: ") + sqlite3_errmsg(db_));
  }
  void Reset() override {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    bind_error_ = 0;
  }

  int64_t Int(int col) const override { return sqlite3_column_int64(s_, col); }
  double Double(int col) const override { return sqlite3_column_double(s_, col); }
  std::string Text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p == nullptr ? std::string() : std::string(p, sqlite3_column_bytes(s_, col));
  }
  std::string Blob(int col) const override {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(s_, col));
    return p == nullptr ? std::string() : std::string(p, sqlite3_column_bytes(s_, col));
  }
  bool IsNull(int col) const override { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

 private:
  void Check(int i, int rc) {
    if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = i;
  }
  SqliteDb* owner_;
  sqlite3* db_;
  sqlite3_stmt* s_;
  std::string sql_;     // as given to Prepare: the key it is kept under when idle
  int bind_error_ = 0;  // the first parameter index whose bind failed
};

class SqliteDb : public Db {
 public:
  explicit SqliteDb(sqlite3* db) : db_(db) {
    // DYAD_SQL_PROFILE=1: time spent in each statement, printed to stderr when the
    // connection closes (a developer's tool for finding what the store spends its time on).
    const char* p = std::getenv("DYAD_SQL_PROFILE");
    if (p != nullptr && *p != '\0' && *p != '0') {
      sqlite3_trace_v2(
          db_, SQLITE_TRACE_PROFILE,
          [](unsigned, void* self, void* stmt, void* ns) -> int {
            auto* me = static_cast<SqliteDb*>(self);
            std::lock_guard<std::mutex> lock(me->mu_);
            auto& t = me->profile_[sqlite3_sql(static_cast<sqlite3_stmt*>(stmt))];
            t.first += *static_cast<sqlite3_int64*>(ns);
            ++t.second;
            return 0;
          },
          this);
    }
  }
  ~SqliteDb() override {
    for (auto& [sql, s] : idle_) sqlite3_finalize(s);
    sqlite3_close(db_);
    PrintProfile();
  }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  Result<std::unique_ptr<Cursor>> Prepare(std::string_view sql) override {
    std::string key(sql);
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = idle_.find(key);
      if (it != idle_.end()) {
        sqlite3_stmt* s = it->second;
        idle_.erase(it);
        return std::unique_ptr<Cursor>(new SqliteCursor(this, db_, s, std::move(key)));
      }
    }
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr) !=
        SQLITE_OK) {
      return Status::Internal(std::string("prepare: ") + sqlite3_errmsg(db_));
    }
    return std::unique_ptr<Cursor>(new SqliteCursor(this, db_, s, std::move(key)));
  }
  Status Exec(const std::string& sql) override {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err != nullptr ? err : "unknown error";
      sqlite3_free(err);
      return Status::IOError("sqlite: " + msg);
    }
    return Status::OK();
  }
  Result<int64_t> LastInsertId() override {
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }
  int64_t Changes() override { return sqlite3_changes(db_); }
  bool is_postgres() const override { return false; }
  bool in_transaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  void SetDeadline(std::chrono::steady_clock::time_point deadline) override {
    deadline_ = deadline;
    if (deadline == std::chrono::steady_clock::time_point{}) {
      sqlite3_progress_handler(db_, 0, nullptr, nullptr);
      return;
    }
    // Called every 256 virtual machine steps (a few microseconds); non-zero interrupts the
    // statement.
    sqlite3_progress_handler(
        db_, 256,
        [](void* p) -> int {
          return std::chrono::steady_clock::now() > static_cast<SqliteDb*>(p)->deadline_ ? 1 : 0;
        },
        this);
  }

  void PrintProfile() {
    if (profile_.empty()) return;
    std::vector<std::pair<std::string, std::pair<int64_t, int64_t>>> rows(profile_.begin(),
                                                                          profile_.end());
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
    std::fprintf(stderr, "sql profile (ms, calls, statement):\n");
    for (size_t i = 0; i < rows.size() && i < 25; ++i) {
      std::fprintf(stderr, "%10.1f %9lld  %.150s\n",
                   static_cast<double>(rows[i].second.first) / 1e6,
                   static_cast<long long>(rows[i].second.second), rows[i].first.c_str());
    }
  }

  // Keeps `s` (reset) for the next Prepare of `sql`, or finalises it when enough are kept.
  void Release(std::string sql, sqlite3_stmt* s) {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (idle_.size() < kMaxIdle) {
        idle_.emplace(std::move(sql), s);
        return;
      }
    }
    sqlite3_finalize(s);
  }

 private:
  // At most this many idle statements (SQL built at run time, such as event filters, would
  // otherwise pile up).
  static constexpr size_t kMaxIdle = 96;
  sqlite3* db_;
  std::chrono::steady_clock::time_point deadline_{};
  std::mutex mu_;  // a connection may move between threads, one at a time
  std::unordered_multimap<std::string, sqlite3_stmt*> idle_;
  std::unordered_map<std::string, std::pair<int64_t, int64_t>> profile_;  // ns, calls
};

SqliteCursor::~SqliteCursor() { owner_->Release(std::move(sql_), s_); }

}  // namespace

Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path, bool create) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &raw, flags, nullptr) != SQLITE_OK) {
    std::string msg = raw != nullptr ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close(raw);
    return Status::IOError("cannot open store " + path + ": " + msg);
  }
  auto db = std::make_unique<SqliteDb>(raw);
  sqlite3_busy_timeout(raw, 10000);
  sqlite3_extended_result_codes(raw, 1);
  // A file that is not SQLite fails here.
  Status s = db->Exec(
      // A new store gets 16 KiB pages (before WAL mode: its page size is fixed then; an
      // existing store keeps its own): an article row (cleaned text, original bytes, offset
      // map) fits one page instead of spilling into overflow pages, and writing the store
      // takes fewer, larger pages (docs/store.md).
      "PRAGMA page_size=16384; "
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
      // A page cache of up to 256 MiB (allocated as used): the LSH band index and
      // the FTS index take writes all over their B-trees, and SQLite's default 2 MiB
      // spilled and re-read pages for every article (dedup twice as slow).
      "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
  if (!s.ok()) return Status::Corruption(path + " is not a dyad store (" + s.message() + ")");
  return std::unique_ptr<Db>(std::move(db));
}

bool IsPostgresUri(std::string_view path) {
  return path.rfind("postgresql://", 0) == 0 || path.rfind("postgres://", 0) == 0;
}

}  // namespace dyad
