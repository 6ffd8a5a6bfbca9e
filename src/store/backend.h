// The store's database connection, behind an interface with two implementations: SQLite
// (src/store/sqlite.cc, the default: one file) and PostgreSQL (src/store/postgres.cc, chosen by
// a `postgresql://` or `postgres://` path; built when libpqxx is found).
//
// Store (src/store/store.cc) holds every query once, written in SQLite's dialect with numbered
// parameters (?1, ?2 ...). The PostgreSQL connection translates each statement to its dialect
// when it is prepared (TranslateForPostgres below); the few queries that cannot be translated
// mechanically (full-text search, schema inspection, copying another store) ask
// Db::is_postgres() and use their own SQL. So both backends run the same queries with the same
// semantics, and a query is changed in one place.
//
// A Db and its statements are not thread-safe; Store uses one per thread.
#ifndef DYAD_STORE_BACKEND_H_
#define DYAD_STORE_BACKEND_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad {

// One prepared statement. Parameters are numbered from 1; an unbound parameter is NULL. Column
// accessors read the current row (after Step() returned true); NULL reads as 0 or "".
class Cursor {
 public:
  virtual ~Cursor() = default;
  // Binds fail silently here; Step() then reports the first failed bind (a bug in dyad's SQL).
  virtual void BindText(int i, std::string_view v) = 0;
  virtual void BindBlob(int i, std::string_view v) = 0;
  virtual void BindInt(int i, int64_t v) = 0;
  virtual void BindDouble(int i, double v) = 0;
  virtual void BindNull(int i) = 0;
  // A NULL that stands for a missing string (PostgreSQL needs its type in `?1 IS NULL`).
  virtual void BindNullText(int i) { BindNull(i); }
  // Runs the statement on the first call after a Reset; then moves to the next row. True with a
  // row, false when done.
  virtual Result<bool> Step() = 0;
  // Forgets the rows and the bindings, so the statement can run again.
  virtual void Reset() = 0;
  virtual int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual std::string Blob(int col) const = 0;
  virtual bool IsNull(int col) const = 0;
};

// A connection.
class Db {
 public:
  virtual ~Db() = default;
  // `sql` in SQLite's dialect (see above).
  virtual Result<std::unique_ptr<Cursor>> Prepare(std::string_view sql) = 0;
  // Runs one or more statements without parameters or results.
  virtual Status Exec(const std::string& sql) = 0;
  // The id of the row the last INSERT into a table with an id column created.
  virtual Result<int64_t> LastInsertId() = 0;
  // Rows the last INSERT, UPDATE or DELETE changed.
  virtual int64_t Changes() = 0;
  virtual bool is_postgres() const = 0;
  // Whether a transaction is open on this connection.
  virtual bool in_transaction() const = 0;
  // A time limit for this connection's statements: one still running at `deadline` fails with
  // DeadlineExceeded (SQLite: checked while it runs; PostgreSQL: statement_timeout set to the
  // time left when this is called). time_point{} means none.
  virtual void SetDeadline(std::chrono::steady_clock::time_point deadline) = 0;
};

// Opens an SQLite file (creating it when `create`), with dyad's pragmas: WAL, foreign keys, a
// 10 s busy timeout.
Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path, bool create);

// True for a libpq connection URI (postgresql://... or postgres://...).
bool IsPostgresUri(std::string_view path);

// Connects to PostgreSQL. Without DYAD_HAVE_POSTGRES it fails with a message saying so.
Result<std::unique_ptr<Db>> OpenPostgres(const std::string& uri);

// `sql` (SQLite's dialect, as store.cc writes it) in PostgreSQL's: $N parameters, INSERT OR
// IGNORE / OR REPLACE as ON CONFLICT, IS as IS NOT DISTINCT FROM, LIKE as ILIKE (SQLite's LIKE
// ignores ASCII case), a negative LIMIT as none, strftime('...','now') as to_char(now()), and
// the FTS5 sentence match as a tsvector match. Each parameter stays marked as `\x01N\x02` so the
// statement can cast it to the type bound at run time. Exposed for tests.
std::string TranslateForPostgres(std::string_view sql);

// A statement with chainable binds, as store.cc uses it.
class Stmt {
 public:
  Stmt() = default;
  explicit Stmt(std::unique_ptr<Cursor> c) : c_(std::move(c)) {}

  static Result<Stmt> Prepare(Db* db, std::string_view sql) {
    auto c = db->Prepare(sql);
    if (!c.ok()) return c.status();
    return Stmt(std::move(*c));
  }

  bool valid() const { return c_ != nullptr; }

  Stmt& Bind(int i, std::string_view v) {
    c_->BindText(i, v);
    return *this;
  }
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& BindBlob(int i, std::string_view v) {
    c_->BindBlob(i, v);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    c_->BindInt(i, v);
    return *this;
  }
  Stmt& BindDouble(int i, double v) {
    c_->BindDouble(i, v);
    return *this;
  }
  Stmt& BindNull(int i) {
    c_->BindNull(i);
    return *this;
  }
  // Binds NULL for an empty string.
  Stmt& BindOpt(int i, std::string_view v) {
    if (!v.empty()) return Bind(i, v);
    c_->BindNullText(i);
    return *this;
  }

  Result<bool> Step() { return c_->Step(); }
  // Steps to completion (for writes).
  Status Run() {
    auto r = Step();
    if (!r.ok()) return r.status();
    return Status::OK();
  }
  void Reset() { c_->Reset(); }

  int64_t Int(int col) const { return c_->Int(col); }
  double Double(int col) const { return c_->Double(col); }
  std::string Text(int col) const { return c_->Text(col); }
  std::string Blob(int col) const { return c_->Blob(col); }
  bool IsNull(int col) const { return c_->IsNull(col); }

 private:
  std::unique_ptr<Cursor> c_;
};

}  // namespace dyad

#endif  // DYAD_STORE_BACKEND_H_
