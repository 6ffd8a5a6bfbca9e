#include "ingest/header.h"
#include "util/strings.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

namespace dyad {

namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

std::string Iso(int y, int m, int d) {
  char buf[16];
  if (m == 0) {
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (d == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

bool Valid(int y, int m, int d) {
  if (y < 1000 || y > 2999) return false;
  if (m < 0 || m > 12) return false;
  if (m == 0) return d == 0;
  return d >= 0 && d <= DaysIn(y, m);
}

// Month number for an English month name or abbreviation (case-insensitive), else 0.
int MonthNumber(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (w.size() < 3) return 0;
  std::string lower;
  for (char c : w) {
    if (c == '.') break;
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (lower.size() >= 3 && kNames[i].substr(0, lower.size()) == lower) {
      if (lower.size() == 3 || lower == kNames[i] || (i == 8 && lower == "sept")) {
        return static_cast<int>(i) + 1;
      }
    }
  }
  return 0;
}

// Splits on spaces, commas and slashes.
std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Strips an English ordinal suffix: "3rd" -> "3".
std::string_view StripOrdinal(std::string_view s) {
  if (s.size() > 2) {
    std::string_view suf = s.substr(s.size() - 2);
    if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") return s.substr(0, s.size() - 2);
  }
  return s;
}

}  // namespace

std::string NormalizeDate(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return "";
  // Numeric forms: YYYY, YYYY-MM, YYYY-MM-DD, YYYY/MM/DD, with an optional time after T or ' '.
  if (s.size() >= 4 && AllDigits(s.substr(0, 4))) {
    int y = ToInt(s.substr(0, 4));
    if (s.size() == 4) return Valid(y, 0, 0) ? Iso(y, 0, 0) : "";
    char sep = s[4];
    if ((sep == '-' || sep == '/' || sep == '.') && s.size() >= 7 && AllDigits(s.substr(5, 2))) {
      int m = ToInt(s.substr(5, 2));
      if (s.size() == 7) return Valid(y, m, 0) && m > 0 ? Iso(y, m, 0) : "";
      if (s[7] == sep && s.size() >= 10 && AllDigits(s.substr(8, 2))) {
        int d = ToInt(s.substr(8, 2));
        bool tail_ok = s.size() == 10 || s[10] == 'T' || s[10] == ' ' || s[10] == 't';
        if (tail_ok && m > 0 && d > 0 && Valid(y, m, d)) return Iso(y, m, d);
      }
      return "";
    }
    if (s.size() == 8 && AllDigits(s)) {  // 20240603
      int m = ToInt(s.substr(4, 2)), d = ToInt(s.substr(6, 2));
      return m > 0 && d > 0 && Valid(y, m, d) ? Iso(y, m, d) : "";
    }
  }
  // Word forms: "3 June 2024", "June 3, 2024", "June 2024", "Mon, 03 Jun 2024 10:00:00 GMT".
  std::vector<std::string_view> w = Words(s);
  int y = 0, m = 0, d = 0;
  for (std::string_view t : w) {
    std::string_view n = StripOrdinal(t);
    if (AllDigits(n)) {
      if (n.size() == 4 && y == 0) {
        y = ToInt(n);
      } else if (n.size() <= 2 && d == 0 && m != 0 && y == 0) {
        d = ToInt(n);
      } else if (n.size() <= 2 && d == 0 && m == 0) {
        d = ToInt(n);
      } else {
        return "";
      }
    } else if (int mm = MonthNumber(t); mm != 0 && m == 0) {
      m = mm;
    } else if (t.find(':') != std::string_view::npos || t == "GMT" || t == "UTC" || t.size() <= 3 ||
               MonthNumber(t) == 0) {
      // Times, zones and weekday names are ignored.
      if (y != 0 && m != 0) break;
      continue;
    }
  }
  if (y == 0 || m == 0) return "";
  if (!Valid(y, m, d)) return "";
  return Iso(y, m, d);
}

namespace {

struct KnownKey {
  std::string_view name;
  bool space_form;  // may be written "key value" without a colon
};

constexpr std::array<KnownKey, 19> kKnownKeys = {{
    {"date", true},      {"published", true}, {"pubdate", true},   {"title", true},
    {"headline", true},  {"url", true},       {"link", true},      {"source", true},
    {"publisher", true}, {"id", true},        {"author", true},    {"byline", true},
    {"language", true},  {"lang", true},      {"section", true},   {"category", true},
    {"tags", true},      {"country", true},   {"dateline", false},
}};

bool IsKnownKey(std::string_view k) {
  for (const auto& kk : kKnownKeys) {
    if (kk.name == k) return true;
  }
  return false;
}

bool IsDateKey(std::string_view k) { return k == "date" || k == "published" || k == "pubdate"; }

// Parses one header line. On success sets key (lower-cased) and value.
// A value written as a date even when it is not a valid one ("February 30, 2024",
// "2024-13-01"): short, with a digit, and a month name or only digits and separators. Such a
// header line stays a header field (and the reader reports the date), rather than the body.
bool LooksLikeDate(std::string_view v) {
  if (v.size() > 40 ||
      std::none_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  if (std::all_of(v.begin(), v.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '.' || c == ':' || c == ' ' ||
               c == 'T' || c == 'Z' || c == '+';
      })) {
    return true;
  }
  for (std::string_view w : Words(v)) {
    if (MonthNumber(w) != 0) return true;
  }
  return false;
}

bool ParseField(std::string_view line, bool seen_known, std::string* key, std::string* value) {
  size_t i = 0;
  while (i < line.size() &&
         (std::isalpha(static_cast<unsigned char>(line[i])) || line[i] == '_' || line[i] == '-')) {
    ++i;
  }
  if (i == 0 || i > 20) return false;
  std::string k;
  for (size_t j = 0; j < i; ++j) {
    k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(line[j]))));
  }
  bool colon = i < line.size() && line[i] == ':';
  bool space = i < line.size() && (line[i] == ' ' || line[i] == '\t');
  if (!colon && !space) return false;
  // The space form is only for known keys written in lower case, so that a headline such as
  // "Kazakhstan asks ..." is never taken for a field.
  if (space && (!IsKnownKey(k) || line.substr(0, i) != k)) return false;
  if (colon && !IsKnownKey(k) && !seen_known) return false;
  std::string_view v = Trim(line.substr(i + 1));
  if (v.empty()) return false;
  if (IsDateKey(k) && NormalizeDate(v).empty() && !LooksLikeDate(v)) return false;
  *key = std::move(k);
  *value = std::string(v);
  return true;
}

}  // namespace

TextHeader ParseTextHeader(std::string_view text) {
  TextHeader h;
  size_t pos = 0;
  // Skip leading whitespace (seed-style " date 2024-06-03 ...").
  while (pos < text.size() &&
         (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r' || text[pos] == '\n')) {
    ++pos;
  }
  // A bare "date YYYY-MM-DD" followed by the body on the same line.
  if (text.substr(pos, 5) == "date " || text.substr(pos, 6) == "date: ") {
    size_t v = pos + (text[pos + 4] == ':' ? 6 : 5);
    while (v < text.size() && text[v] == ' ') ++v;
    if (v + 10 <= text.size()) {
      std::string iso = NormalizeDate(text.substr(v, 10));
      bool ends = v + 10 == text.size() || text[v + 10] == ' ' || text[v + 10] == '\t';
      if (!iso.empty() && iso.size() == 10 && ends) {
        size_t after = v + 10;
        size_t eol = text.find('\n', after);
        std::string_view rest = Trim(text.substr(
            after, eol == std::string_view::npos ? std::string_view::npos : eol - after));
        if (!rest.empty()) {
          h.fields.emplace_back("date", iso);
          while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
          h.body_offset = static_cast<uint32_t>(after);
          return h;
        }
      }
    }
  }
  bool seen_known = false;
  size_t p = pos;
  std::vector<std::pair<std::string, std::string>> fields;
  while (p < text.size()) {
    size_t eol = text.find('\n', p);
    size_t end = eol == std::string_view::npos ? text.size() : eol;
    std::string_view line = text.substr(p, end - p);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    if (Trim(line).empty()) {
      if (!fields.empty()) {
        h.fields = std::move(fields);
        h.body_offset = static_cast<uint32_t>(next);
      }
      return h;
    }
    std::string key, value;
    if (!ParseField(line, seen_known, &key, &value)) break;
    seen_known = seen_known || IsKnownKey(key);
    fields.emplace_back(std::move(key), std::move(value));
    p = next;
  }
  // The block ended without a blank line: accept it only if it held a known field and the
  // next line is not itself a continuation of a field list (a body follows directly).
  if (seen_known && !fields.empty()) {
    h.fields = std::move(fields);
    h.body_offset = static_cast<uint32_t>(p);
  }
  return h;
}

}  // namespace dyad
