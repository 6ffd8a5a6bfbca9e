// Thin RAII wrappers over the SQLite C API: prepared statements with typed binds, errors as
// Status. Only parameterised SQL goes through here.
//
// Prepared statements are reused: when a Stmt is destroyed its statement is reset and kept,
// idle, for the next Prepare of the same SQL on the same connection (the store's SQL is
// fixed, so each statement is parsed once per connection instead of once per call). Whoever
// closes a connection calls Stmt::ReleaseIdle(db) first; every Stmt of that connection must
// be gone by then.
#ifndef DYAD_STORE_SQLITE_H_
#define DYAD_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "dyad/status.h"

namespace dyad {

class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept
      : db_(o.db_), s_(o.s_), bind_error_(o.bind_error_), sql_(std::move(o.sql_)) {
    o.s_ = nullptr;
  }
  Stmt& operator=(Stmt&& o) noexcept {
    std::swap(db_, o.db_);
    std::swap(s_, o.s_);
    std::swap(bind_error_, o.bind_error_);
    std::swap(sql_, o.sql_);
    return *this;
  }
  ~Stmt() { Release(); }

  static Result<Stmt> Prepare(sqlite3* db, std::string_view sql) {
    Stmt st;
    st.db_ = db;
    st.sql_ = std::string(sql);
    {
      Pool& pool = GetPool();
      std::lock_guard<std::mutex> lock(pool.mu);
      auto conn = pool.idle.find(db);
      if (conn != pool.idle.end()) {
        auto it = conn->second.find(st.sql_);
        if (it != conn->second.end()) {
          st.s_ = it->second;
          conn->second.erase(it);
          return st;
        }
      }
    }
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st.s_, nullptr) !=
        SQLITE_OK) {
      return Status::Internal(std::string("prepare: ") + sqlite3_errmsg(db));
    }
    return st;
  }

  // Finalises the idle statements kept for `db` (before it is closed).
  static void ReleaseIdle(sqlite3* db) {
    Pool& pool = GetPool();
    std::lock_guard<std::mutex> lock(pool.mu);
    auto conn = pool.idle.find(db);
    if (conn == pool.idle.end()) return;
    for (auto& [sql, s] : conn->second) sqlite3_finalize(s);
    pool.idle.erase(conn);
  }

  bool valid() const { return s_ != nullptr; }

  Stmt& Bind(int i, std::string_view v) {
    Check(i, sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Stmt& BindBlob(int i, std::string_view v) {
    Check(i, sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    Check(i, sqlite3_bind_int64(s_, i, v));
    return *this;
  }
  Stmt& BindDouble(int i, double v) {
    Check(i, sqlite3_bind_double(s_, i, v));
    return *this;
  }
  Stmt& BindNull(int i) {
    Check(i, sqlite3_bind_null(s_, i));
    return *this;
  }
  // Binds NULL for an empty string.
  Stmt& BindOpt(int i, std::string_view v) { return v.empty() ? BindNull(i) : Bind(i, v); }

  // Steps once: true with a row, false when done; errors become a Status.
  Result<bool> Step() {
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
  // Steps to completion (for writes).
  Status Run() {
    auto r = Step();
    if (!r.ok()) return r.status();
    return Status::OK();
  }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    bind_error_ = 0;
  }

  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  double Double(int col) const { return sqlite3_column_double(s_, col); }
  std::string Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p == nullptr ? std::string() : std::string(p, sqlite3_column_bytes(s_, col));
  }
  std::string Blob(int col) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(s_, col));
    return p == nullptr ? std::string() : std::string(p, sqlite3_column_bytes(s_, col));
  }
  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

 private:
  // Idle statements by connection and SQL. Process-wide (a connection may move between
  // threads, one at a time); never destroyed, so Stmts may outlive static destruction.
  struct Pool {
    std::mutex mu;
    std::unordered_map<sqlite3*, std::unordered_multimap<std::string, sqlite3_stmt*>> idle;
  };
  static Pool& GetPool() {
    static Pool* pool = new Pool;
    return *pool;
  }
  // At most this many idle statements per connection (SQL built at run time, such as event
  // filters, would otherwise pile up).
  static constexpr size_t kMaxIdle = 96;

  void Release() {
    if (s_ == nullptr) return;
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    {
      Pool& pool = GetPool();
      std::lock_guard<std::mutex> lock(pool.mu);
      auto& idle = pool.idle[db_];
      if (idle.size() < kMaxIdle) {
        idle.emplace(std::move(sql_), s_);
        s_ = nullptr;
        return;
      }
    }
    sqlite3_finalize(s_);
    s_ = nullptr;
  }

  void Check(int i, int rc) {
    if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = i;
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
  int bind_error_ = 0;  // the first parameter index whose bind failed
  std::string sql_;     // as given to Prepare: the key it is kept under when idle
};

}  // namespace dyad

#endif  // DYAD_STORE_SQLITE_H_
