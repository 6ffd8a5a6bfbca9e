// Thin RAII wrappers over the SQLite C API: prepared statements with typed binds, errors as
// Status. Only parameterised SQL goes through here.
#ifndef DYAD_STORE_SQLITE_H_
#define DYAD_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad {

class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_), bind_error_(o.bind_error_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept {
    std::swap(db_, o.db_);
    std::swap(s_, o.s_);
    std::swap(bind_error_, o.bind_error_);
    return *this;
  }
  ~Stmt() { sqlite3_finalize(s_); }

  static Result<Stmt> Prepare(sqlite3* db, std::string_view sql) {
    Stmt st;
    st.db_ = db;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st.s_, nullptr) !=
        SQLITE_OK) {
      return Status::Internal(std::string("prepare: ") + sqlite3_errmsg(db));
    }
    return st;
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
  void Check(int i, int rc) {
    if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = i;
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
  int bind_error_ = 0;  // the first parameter index whose bind failed
};

}  // namespace dyad

#endif  // DYAD_STORE_SQLITE_H_
