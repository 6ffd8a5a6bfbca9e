// The PostgreSQL connection (src/store/backend.h), over libpqxx: statements written for SQLite
// are translated once per distinct SQL text and run as parameterised queries, each parameter
// cast to the type it was bound with (so PostgreSQL never has to guess a parameter's type from
// `?1 IS NULL` alone).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <unordered_map>
#include <vector>

#include "store/backend.h"

#ifdef DYAD_HAVE_POSTGRES
#include <pqxx/pqxx>
#endif

namespace dyad {

namespace {

constexpr char kParamBegin = '\x01';  // a parameter in translated SQL: \x01 N \x02
constexpr char kParamEnd = '\x02';

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  for (size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size())) {
    s->replace(at, from.size(), to);
  }
}

// "INSERT OR REPLACE INTO t (k, a, b) VALUES ..." as an upsert on the first column: the
// statements that use it (article_signatures, cluster_members) list the primary key first.
std::string TranslateReplace(const std::string& sql) {
  static const std::regex kHead(R"(^INSERT OR REPLACE INTO (\w+) \(([^)]*)\))");
  std::smatch m;
  if (!std::regex_search(sql, m, kHead)) return sql;
  std::vector<std::string> cols;
  std::string list = m[2];
  for (size_t at = 0; at <= list.size();) {
    size_t comma = list.find(',', at);
    if (comma == std::string::npos) comma = list.size();
    std::string c = list.substr(at, comma - at);
    c.erase(0, c.find_first_not_of(' '));
    c.erase(c.find_last_not_of(' ') + 1);
    cols.push_back(c);
    at = comma + 1;
  }
  std::string out = "INSERT INTO " + m[1].str() + " (" + list + ")" + m.suffix().str() +
                    " ON CONFLICT (" + cols[0] + ") DO UPDATE SET ";
  for (size_t i = 1; i < cols.size(); ++i) {
    out += (i > 1 ? ", " : "") + cols[i] + " = EXCLUDED." + cols[i];
  }
  return out;
}

}  // namespace

std::string TranslateForPostgres(std::string_view in) {
  std::string sql(in);
  ReplaceAll(&sql, "BEGIN IMMEDIATE", "BEGIN");
  ReplaceAll(&sql, "strftime('%Y-%m-%dT%H:%M:%SZ','now')",
             "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");
  if (sql.rfind("INSERT OR IGNORE INTO", 0) == 0) {
    sql = "INSERT INTO" + sql.substr(21) + " ON CONFLICT DO NOTHING";
  }
  if (sql.rfind("INSERT OR REPLACE INTO", 0) == 0) sql = TranslateReplace(sql);
  // SQLite's IS compares NULLs as values; a LIKE without ESCAPE has none (PostgreSQL's default
  // is a backslash) and ignores ASCII case.
  ReplaceAll(&sql, " IS ?", " IS NOT DISTINCT FROM ?");
  ReplaceAll(&sql, " IS (", " IS NOT DISTINCT FROM (");
  static const std::regex kLikeNoEscape(R"( LIKE (\?\d+)(?!\d| ESCAPE))");
  sql = std::regex_replace(sql, kLikeNoEscape, " LIKE $1 ESCAPE ''");
  ReplaceAll(&sql, " LIKE ", " ILIKE ");
  static const std::regex kFts(
      R"(SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH (\?\d+))");
  sql = std::regex_replace(sql, kFts,
                           "SELECT id FROM sentences WHERE to_tsvector('simple', text) @@ "
                           "websearch_to_tsquery('simple', $1)");
  static const std::regex kBytes(R"(LENGTH\(CAST\((\w+) AS BLOB\)\))", std::regex::icase);
  sql = std::regex_replace(sql, kBytes, "octet_length($1)");
  // SQLite reads a negative LIMIT as none; PostgreSQL rejects it and reads NULL as none.
  static const std::regex kLimit(R"(LIMIT (\?\d+))");
  sql = std::regex_replace(sql, kLimit, "LIMIT (CASE WHEN $1 < 0 THEN NULL ELSE $1 END)");
  // ?N outside string literals -> the parameter marker.
  std::string out;
  out.reserve(sql.size());
  bool quoted = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted && i + 1 < sql.size() &&
        std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      out += kParamBegin;
      while (i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1])))
        out += sql[++i];
      out += kParamEnd;
      continue;
    }
    out += c;
  }
  return out;
}

#ifndef DYAD_HAVE_POSTGRES

Result<std::unique_ptr<Db>> OpenPostgres(const std::string& uri) {
  return Status::Unsupported("cannot open " + uri +
                             ": dyad was built without PostgreSQL support (install libpqxx-dev "
                             "and rebuild)");
}

#else

namespace {

class PgDb;

// A server message without its trailing newline.
std::string Trimmed(std::string msg) {
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return msg;
}

// One statement: the translated SQL split at its parameters, the values bound, the result.
class PgCursor : public Cursor {
 public:
  PgCursor(PgDb* db, const std::string& translated);

  void BindText(int i, std::string_view v) override { Set(i, 't', std::string(v)); }
  void BindBlob(int i, std::string_view v) override {
    static const char kHex[] = "0123456789abcdef";
    std::string hex = "\\x";
    hex.reserve(2 + 2 * v.size());
    for (unsigned char c : v) {
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
    }
    Set(i, 'b', std::move(hex));
  }
  void BindInt(int i, int64_t v) override { Set(i, 'i', std::to_string(v)); }
  void BindDouble(int i, double v) override {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    Set(i, 'd', buf);
  }
  void BindNull(int i) override { Set(i, 'n', ""); }
  void BindNullText(int i) override { Set(i, 'T', ""); }

  Result<bool> Step() override;
  void Reset() override {
    std::fill(types_.begin(), types_.end(), 'n');
    for (auto& v : values_) v.clear();
    result_ = pqxx::result();
    row_ = -1;
    bind_error_ = 0;
  }

  int64_t Int(int col) const override {
    const pqxx::field f = Field(col);
    if (f.is_null()) return 0;
    const char* s = f.c_str();
    if (s[0] == 't' && s[1] == '\0') return 1;  // a boolean expression
    if (s[0] == 'f' && s[1] == '\0') return 0;
    return std::strtoll(s, nullptr, 10);
  }
  double Double(int col) const override {
    const pqxx::field f = Field(col);
    return f.is_null() ? 0.0 : std::strtod(f.c_str(), nullptr);
  }
  std::string Text(int col) const override {
    const pqxx::field f = Field(col);
    return f.is_null() ? std::string() : std::string(f.c_str(), f.size());
  }
  std::string Blob(int col) const override {
    const pqxx::field f = Field(col);
    if (f.is_null()) return {};
    return pqxx::binarystring(f).str();
  }
  bool IsNull(int col) const override { return Field(col).is_null(); }

 private:
  void Set(int i, char type, std::string v) {
    if (i < 1 || i > static_cast<int>(types_.size())) {
      if (bind_error_ == 0) bind_error_ = i;
      return;
    }
    types_[i - 1] = type;
    values_[i - 1] = std::move(v);
  }
  pqxx::field Field(int col) const { return result_[row_][col]; }

  PgDb* db_;
  std::vector<std::string> parts_;  // SQL between parameters: parts_.size() == uses_.size() + 1
  std::vector<int> uses_;           // the parameter number at each use
  // Per parameter: t(ext) b(lob) i(nt) d(ouble) n(ull, untyped) T (NULL text).
  std::vector<char> types_;
  std::vector<std::string> values_;
  pqxx::result result_;
  int row_ = -1;  // -1: not run since the last Reset
  int bind_error_ = 0;
};

class PgDb : public Db {
 public:
  explicit PgDb(const std::string& uri) : conn_(uri), tx_(conn_) {}

  Result<std::unique_ptr<Cursor>> Prepare(std::string_view sql) override {
    auto it = translated_.find(std::string(sql));
    if (it == translated_.end()) {
      it = translated_.emplace(std::string(sql), TranslateForPostgres(sql)).first;
    }
    return std::unique_ptr<Cursor>(new PgCursor(this, it->second));
  }
  Status Exec(const std::string& sql) override {
    std::string t = TranslateForPostgres(sql);
    if (t.find(kParamBegin) != std::string::npos) {
      return Status::Internal("postgres: Exec with parameters: " + sql);
    }
    try {
      changes_ = tx_.exec(t).affected_rows();
    } catch (const std::exception& e) {
      return Status::IOError(std::string("postgres: ") + e.what());
    }
    return Status::OK();
  }
  Result<int64_t> LastInsertId() override {
    try {
      pqxx::result r = tx_.exec("SELECT lastval()");
      return r[0][0].as<int64_t>();
    } catch (const std::exception& e) {
      return Status::IOError(std::string("postgres: ") + e.what());
    }
  }
  int64_t Changes() override { return changes_; }
  bool is_postgres() const override { return true; }
  // Not tracked (BEGIN and COMMIT pass through as plain statements); nothing asks on PostgreSQL.
  bool in_transaction() const override { return false; }
  void SetDeadline(std::chrono::steady_clock::time_point deadline) override {
    int64_t ms = 0;  // none
    if (deadline != std::chrono::steady_clock::time_point{}) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      ms = std::max<int64_t>(1, left.count());
    }
    Exec("SET statement_timeout = " + std::to_string(ms));
  }

  // Runs `sql` with `params` (nullptr for NULL); errors as Status.
  Result<pqxx::result> Run(const std::string& sql, const std::vector<const char*>& params) {
    try {
      pqxx::result r = tx_.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
      changes_ = r.affected_rows();
      return r;
    } catch (const pqxx::sql_error& e) {
      if (e.sqlstate() == "57014") {  // query_canceled: statement_timeout
        return Status::DeadlineExceeded("the query ran past its time limit and was stopped");
      }
      return Status::IOError("postgres: " + Trimmed(e.what()));
    } catch (const std::exception& e) {
      return Status::IOError("postgres: " + Trimmed(e.what()));
    }
  }

 private:
  pqxx::connection conn_;
  // Every statement runs through one nontransaction (autocommit); BeginBatch and CommitBatch
  // send BEGIN and COMMIT through it, as with SQLite.
  pqxx::nontransaction tx_;
  int64_t changes_ = 0;
  std::unordered_map<std::string, std::string> translated_;
};

PgCursor::PgCursor(PgDb* db, const std::string& translated) : db_(db) {
  int max = 0;
  size_t at = 0;
  for (size_t b = translated.find(kParamBegin); b != std::string::npos;
       b = translated.find(kParamBegin, at)) {
    size_t e = translated.find(kParamEnd, b);
    parts_.push_back(translated.substr(at, b - at));
    int n = std::atoi(translated.substr(b + 1, e - b - 1).c_str());
    uses_.push_back(n);
    max = std::max(max, n);
    at = e + 1;
  }
  parts_.push_back(translated.substr(at));
  types_.assign(static_cast<size_t>(max), 'n');
  values_.resize(static_cast<size_t>(max));
}

Result<bool> PgCursor::Step() {
  if (row_ >= 0) return ++row_ < static_cast<int>(result_.size());
  if (bind_error_ != 0) {
    return Status::Internal("postgres: cannot bind parameter " + std::to_string(bind_error_) +
                            " of: " + parts_[0] + "...");
  }
  // Each use of a parameter cast to the type it was bound with; a NULL keeps the type
  // PostgreSQL infers from where it stands.
  std::string sql = parts_[0];
  for (size_t u = 0; u < uses_.size(); ++u) {
    const int n = uses_[u];
    sql += "$" + std::to_string(n);
    switch (types_[static_cast<size_t>(n - 1)]) {
      case 't':
      case 'T':
        sql += "::text";
        break;
      case 'b':
        sql += "::bytea";
        break;
      case 'i':
        sql += "::bigint";
        break;
      case 'd':
        sql += "::float8";
        break;
      default:
        break;
    }
    sql += parts_[u + 1];
  }
  std::vector<const char*> params(types_.size());
  for (size_t i = 0; i < types_.size(); ++i) {
    params[i] = types_[i] == 'n' || types_[i] == 'T' ? nullptr : values_[i].c_str();
  }
  auto r = db_->Run(sql, params);
  if (!r.ok()) return r.status();
  result_ = std::move(*r);
  row_ = 0;
  return !result_.empty();
}

}  // namespace

Result<std::unique_ptr<Db>> OpenPostgres(const std::string& uri) {
  std::unique_ptr<PgDb> db;
  try {
    db = std::make_unique<PgDb>(uri);
  } catch (const std::exception& e) {
    return Status::IOError("cannot connect to " + uri + ": " + Trimmed(e.what()));
  }
  // Notices (a search with only stop words, say) are not errors: keep them off stderr.
  DYAD_RETURN_IF_ERROR(db->Exec("SET client_min_messages = warning"));
  DYAD_RETURN_IF_ERROR(db->Exec("SET client_encoding = 'UTF8'"));
  return std::unique_ptr<Db>(std::move(db));
}

#endif  // DYAD_HAVE_POSTGRES

}  // namespace dyad
