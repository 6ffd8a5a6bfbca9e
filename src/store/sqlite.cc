// The SQLite connection (src/store/backend.h): the C API with prepared statements, typed
// binds and errors as Status.
#include <sqlite3.h>

#include "store/backend.h"

namespace dyad {

namespace {

class SqliteCursor : public Cursor {
 public:
  SqliteCursor(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  ~SqliteCursor() override { sqlite3_finalize(s_); }
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
  sqlite3* db_;
  sqlite3_stmt* s_;
  int bind_error_ = 0;  // the first parameter index whose bind failed
};

class SqliteDb : public Db {
 public:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  ~SqliteDb() override { sqlite3_close(db_); }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  Result<std::unique_ptr<Cursor>> Prepare(std::string_view sql) override {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr) !=
        SQLITE_OK) {
      return Status::Internal(std::string("prepare: ") + sqlite3_errmsg(db_));
    }
    return std::unique_ptr<Cursor>(new SqliteCursor(db_, s));
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

 private:
  sqlite3* db_;
};

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
  Status s =
      db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  if (!s.ok()) return Status::Corruption(path + " is not a dyad store (" + s.message() + ")");
  return std::unique_ptr<Db>(std::move(db));
}

bool IsPostgresUri(std::string_view path) {
  return path.rfind("postgresql://", 0) == 0 || path.rfind("postgres://", 0) == 0;
}

}  // namespace dyad
