#include "coding/tabari_validate.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>

namespace dyad::tabari {

namespace {

// "950101  DEMO-01" -> date and id.
bool ParseHeader(std::string_view line, int32_t* date, std::string* id) {
  if (line.size() < 8) return false;
  for (int i = 0; i < 6; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) return false;
  }
  if (line[6] != ' ' && line[6] != '\t') return false;
  std::string_view rest = Trim(line.substr(6));
  if (rest.empty()) return false;
  size_t sp = rest.find_first_of(" \t");
  *id = std::string(rest.substr(0, sp));
  int32_t v = 0;
  for (int i = 0; i < 6; ++i) v = v * 10 + (line[i] - '0');
  *date = v + (v / 10000 <= 30 ? 20000000 : 19000000);  // 00-30 are 2000-2030
  return true;
}

// Parses the expectations in a record's annotation. A block runs from '{' to '}', or, when
// the '}' was forgotten, to the end of its line or a closing "*/".
void ParseExpectations(std::string_view comment, ValidationRecord* r) {
  size_t p = 0;
  while ((p = comment.find('{', p)) != std::string_view::npos) {
    size_t end = comment.find('}', p);
    size_t eol = std::min(comment.find('\n', p), comment.find("*/", p));
    bool closed = end != std::string_view::npos && end < eol;
    if (!closed) end = eol == std::string_view::npos ? comment.size() : eol;
    std::string_view inner = Trim(comment.substr(p + 1, end - p - 1));
    p = end < comment.size() ? end + 1 : comment.size();
    std::string c = Compact(inner);
    if (c.starts_with("OPTION:")) {
      r->options.emplace_back(Trim(inner.substr(inner.find(':') + 1)));
    } else if (c == "---" || c.empty()) {
      r->expect_none = true;
    } else if (c == "###") {
      r->expect_discard = true;
    } else if (c == "+++") {
      r->expect_complex = true;
    } else {
      // SRC / TGT / CODE
      std::vector<std::string> parts;
      size_t q = 0;
      while (true) {
        size_t slash = inner.find('/', q);
        parts.emplace_back(Compact(
            inner.substr(q, slash == std::string_view::npos ? std::string_view::npos : slash - q)));
        if (slash == std::string_view::npos) break;
        q = slash + 1;
      }
      if (parts.size() == 3) r->events.push_back({parts[0], parts[1], parts[2]});
    }
  }
}

}  // namespace

std::vector<ValidationRecord> ParseValidationRecords(std::string_view text) {
  std::vector<ValidationRecord> out;
  bool final_seen = false;
  ValidationRecord* cur = nullptr;
  bool text_done = false;  // the sentence has ended; the rest is annotation
  std::string note;        // the record's annotation (comment and expectations)
  int n = 0;
  auto finish = [&]() {
    if (cur != nullptr) ParseExpectations(note, cur);
    note.clear();
  };
  size_t p = 0;
  while (p <= text.size()) {
    size_t eol = text.find('\n', p);
    std::string_view line = text.substr(p, eol == std::string_view::npos ? eol : eol - p);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++n;
    int32_t date = 0;
    std::string id;
    if (ParseHeader(line, &date, &id)) {
      // A header always starts a record, even after an unterminated comment.
      finish();
      if (id == "FINAL-01") final_seen = true;
      out.emplace_back();
      cur = &out.back();
      cur->id = id;
      cur->group = id.substr(0, id.find('-'));
      cur->date = date;
      cur->line = n;
      cur->standard = !final_seen;
      text_done = false;
    } else if (cur != nullptr) {
      std::string_view t = Trim(line);
      size_t open = t.find("/*");
      if (!text_done && (t.starts_with("\\n") || open != std::string_view::npos)) {
        // The annotation starts: "/*" (possibly after the sentence's last words) or a
        // "\n..." annotation line.
        std::string_view before =
            t.starts_with("\\n") ? std::string_view() : Trim(t.substr(0, open));
        if (!before.empty()) {
          if (!cur->text.empty()) cur->text.push_back(' ');
          cur->text.append(before);
        }
        text_done = true;
        note.append(t).push_back('\n');
      } else if (text_done) {
        note.append(t).push_back('\n');
      } else if (t.empty() || t.front() == '#') {
        if (!cur->text.empty()) text_done = true;
      } else {
        if (!cur->text.empty()) cur->text.push_back(' ');
        cur->text.append(t);
      }
    }
    if (eol == std::string_view::npos) break;
    p = eol + 1;
  }
  finish();
  return out;
}

bool Passes(const ValidationRecord& r, const CodedResult& got) {
  if (r.expect_discard) return got.discarded;
  if (r.expect_complex) return got.complex;
  if (got.discarded || got.complex) return false;
  if (r.expect_none && r.events.empty()) return got.events.empty();
  auto key = [](const auto& e) { return e.source + "/" + e.target + "/" + e.code; };
  std::vector<std::string> want, have;
  for (const auto& e : r.events) want.push_back(key(e));
  for (const auto& e : got.events) have.push_back(key(e));
  std::sort(want.begin(), want.end());
  std::sort(have.begin(), have.end());
  return want == have;
}

}  // namespace dyad::tabari
