// ExtractHtml: main text and metadata of an HTML page.
//
// 1. gumbo parses the page. One walk collects blocks (runs of inline content under the nearest
//    block-level element, split at block boundaries) with their text and link-text lengths,
//    the element tree with class/id flags, and the metadata sources (title, meta tags,
//    JSON-LD, <time>, canonical link).
// 2. Elements whose tag (nav, aside, footer, header, form, ...) or class/id tokens (comment,
//    share, related, cookie, advert, promo, subscribe, byline, ...) mark furniture are
//    boilerplate, unless they hold most of the page's prose (wrappers named "has-sidebar").
// 3. The container is found by descending from <body> into the child that holds nearly all
//    of the remaining prose weight (text length x (1 - link density) of blocks long enough
//    to be prose); an element marked as the article body (itemprop=articleBody, class
//    entry-content / article-body ...) that holds a good share of it wins directly.
// 4. Blocks inside the container and outside boilerplate are kept unless they are mostly
//    links; headings are kept; blocks become paragraphs separated by a blank line.
// Each emitted byte is mapped to the page bytes of the text node it came from: verbatim runs
// exactly, entities and collapsed whitespace as replacing segments.
#include "clean/html_extract.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

#include "ingest/header.h"
#include "util/strings.h"

namespace dyad {

namespace html {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidYmd(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  int days = m == 2 && IsLeap(y) ? 29 : kDays[static_cast<size_t>(m - 1)];
  return d <= days;
}

std::string Ymd(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Month number of an English or German month name or abbreviation at the start of `w`
// (lower-case ASCII/UTF-8), with the number of bytes it spans; 0 when none.
int MonthAt(std::string_view w, size_t* len) {
  struct Name {
    std::string_view s;
    int m;
  };
  static constexpr std::array<Name, 40> kNames = {{
      {"january", 1},   {"february", 2},  {"march", 3},  {"april", 4},     {"may", 5},
      {"june", 6},      {"july", 7},      {"august", 8}, {"september", 9}, {"october", 10},
      {"november", 11}, {"december", 12}, {"januar", 1}, {"februar", 2},   {"m\xc3\xa4rz", 3},
      {"mai", 5},       {"juni", 6},      {"juli", 7},   {"oktober", 10},  {"dezember", 12},
      {"sept", 9},      {"jan", 1},       {"feb", 2},    {"mar", 3},       {"apr", 4},
      {"jun", 6},       {"jul", 7},       {"aug", 8},    {"sep", 9},       {"oct", 10},
      {"okt", 10},      {"nov", 11},      {"dec", 12},   {"dez", 12},      {"m\xc3\xa4r", 3},
      {"mrz", 3},       {"janv", 1},      {"juin", 6},   {"juil", 7},      {"ao\xc3\xbb", 8},
  }};
  for (const Name& n : kNames) {
    if (w.size() >= n.s.size() && w.substr(0, n.s.size()) == n.s) {
      size_t e = n.s.size();
      if (e < w.size() && std::isalpha(static_cast<unsigned char>(w[e]))) continue;
      if (e < w.size() && w[e] == '.') ++e;
      *len = e;
      return n.m;
    }
  }
  return 0;
}

// Reads 1-2 digits at s[i]; returns the value (0 when none) and advances i.
int Digits(std::string_view s, size_t* i, size_t max) {
  size_t b = *i;
  while (*i < s.size() && *i - b < max && IsDigit(s[*i])) ++*i;
  if (*i == b || (*i < s.size() && IsDigit(s[*i]))) {
    *i = b;
    return 0;
  }
  return ToInt(s.substr(b, *i - b));
}

void SkipSep(std::string_view s, size_t* i) {
  while (*i < s.size() && (s[*i] == ' ' || s[*i] == ',' || s[*i] == '.' || s[*i] == '\t')) ++*i;
  if (*i + 2 <= s.size() && s.substr(*i, 2) == "\xc2\xa0") *i += 2;
}

// A date starting at s[i], or "".
std::string DateAt(std::string_view s, size_t i) {
  if (i > 0 && (std::isalnum(static_cast<unsigned char>(s[i - 1])))) return "";
  size_t j = i, mlen = 0;
  if (IsDigit(s[i])) {
    // 2022-10-03 / 2022/10/03
    if (i + 10 <= s.size() && IsDigit(s[i + 3]) && (s[i + 4] == '-' || s[i + 4] == '/') &&
        s[i + 7] == s[i + 4]) {
      std::string_view t = s.substr(i, 10);
      if (IsDigit(t[1]) && IsDigit(t[2]) && IsDigit(t[5]) && IsDigit(t[6]) && IsDigit(t[8]) &&
          IsDigit(t[9]) && (i + 10 == s.size() || !IsDigit(s[i + 10]))) {
        int y = ToInt(t.substr(0, 4)), m = ToInt(t.substr(5, 2)), d = ToInt(t.substr(8, 2));
        if (ValidYmd(y, m, d)) return Ymd(y, m, d);
      }
      return "";
    }
    int d = Digits(s, &j, 2);
    if (d == 0) return "";
    // 03.10.2022 or 03/10/2022 (day first)
    if (j < s.size() && (s[j] == '.' || s[j] == '/') && j + 1 < s.size() && IsDigit(s[j + 1])) {
      char sep = s[j];
      size_t k = j + 1;
      int m = Digits(s, &k, 2);
      if (m == 0 || k >= s.size() || s[k] != sep) return "";
      ++k;
      size_t yb = k;
      while (k < s.size() && IsDigit(s[k])) ++k;
      if (k - yb != 4) return "";
      int y = ToInt(s.substr(yb, 4));
      if (sep == '/' && m > 12 && d <= 12) std::swap(d, m);  // 10/31/2022
      return ValidYmd(y, m, d) ? Ymd(y, m, d) : "";
    }
    // 3 October 2022, 3. Oktober 2022, 3rd Oct 2022
    if (j + 2 <= s.size() && std::isalpha(static_cast<unsigned char>(s[j])) &&
        std::isalpha(static_cast<unsigned char>(s[j + 1])) &&
        !std::isalpha(s[j + 2 < s.size() ? j + 2 : j])) {
      j += 2;  // ordinal suffix
    }
    SkipSep(s, &j);
    std::string lower = Lower(s.substr(j, 12));
    int m = MonthAt(lower, &mlen);
    if (m == 0) return "";
    j += mlen;
    SkipSep(s, &j);
    size_t yb = j;
    while (j < s.size() && IsDigit(s[j])) ++j;
    if (j - yb != 4) return "";
    int y = ToInt(s.substr(yb, 4));
    return ValidYmd(y, m, d) ? Ymd(y, m, d) : "";
  }
  // October 3, 2022
  std::string lower = Lower(s.substr(i, 12));
  int m = MonthAt(lower, &mlen);
  if (m == 0) return "";
  j = i + mlen;
  SkipSep(s, &j);
  int d = Digits(s, &j, 2);
  if (d == 0) return "";
  if (j + 2 <= s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) j += 2;  // 3rd
  SkipSep(s, &j);
  size_t yb = j;
  while (j < s.size() && IsDigit(s[j])) ++j;
  if (j - yb != 4) return "";
  int y = ToInt(s.substr(yb, 4));
  return ValidYmd(y, m, d) ? Ymd(y, m, d) : "";
}

}  // namespace

std::string DateFromUrl(std::string_view url) {
  size_t q = url.find_first_of("?#");
  if (q != std::string_view::npos) url = url.substr(0, q);
  size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return "";
  std::string_view p = url.substr(path);
  for (size_t i = 0; i + 8 <= p.size(); ++i) {
    if (!(p[i] == '/' || p[i] == '-' || p[i] == '_')) continue;
    size_t k = i + 1;
    if (k + 4 > p.size()) break;
    if (!(IsDigit(p[k]) && IsDigit(p[k + 1]) && IsDigit(p[k + 2]) && IsDigit(p[k + 3]))) continue;
    int y = ToInt(p.substr(k, 4));
    k += 4;
    int m = 0, d = 0;
    if (k < p.size() && (p[k] == '/' || p[k] == '-' || p[k] == '_')) {
      char sep = p[k];
      ++k;
      m = Digits(p, &k, 2);
      if (m == 0 || k >= p.size() || p[k] != sep) continue;
      ++k;
      d = Digits(p, &k, 2);
    } else if (k + 4 <= p.size() && IsDigit(p[k]) && IsDigit(p[k + 1]) && IsDigit(p[k + 2]) &&
               IsDigit(p[k + 3]) && (k + 4 == p.size() || !IsDigit(p[k + 4]))) {
      m = ToInt(p.substr(k, 2));
      d = ToInt(p.substr(k + 2, 2));
    }
    if (ValidYmd(y, m, d)) return Ymd(y, m, d);
  }
  return "";
}

std::string DateInText(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!std::isalnum(c)) continue;
    if (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) continue;
    std::string d = DateAt(text, i);
    if (!d.empty()) return d;
  }
  return "";
}

std::string MetaDate(std::string_view value) {
  value = Trim(value);
  if (value.empty()) return "";
  std::string d = NormalizeDate(value);
  if (d.size() < 7) d = "";
  if (d.empty()) d = DateInText(value);
  if (d.empty()) return "";
  int y = ToInt(d.substr(0, 4));
  if (y < 1990 || y > 2100) return "";
  return d;
}

namespace {

// Days since 1 March of year 0 (proleptic Gregorian) of a valid date.
long DayNumber(int y, int m, int d) {
  if (m <= 2) {
    --y;
    m += 12;
  }
  return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 1;
}

long DayOf(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return -1;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(s[i])) return -1;
  }
  int y = ToInt(s.substr(0, 4)), m = ToInt(s.substr(5, 2)), d = ToInt(s.substr(8, 2));
  return ValidYmd(y, m, d) ? DayNumber(y, m, d) : -1;
}

// "YYYY-MM-DD[T ]HH:MM[:SS][.fff][Z|+HH:MM|+HHMM| GMT| UTC]": local minutes since day 0 and
// the zone offset in minutes (when one is written).
struct Stamp {
  long local_minutes = 0;
  bool zone = false;
  int offset = 0;
};

bool ParseStamp(std::string_view v, Stamp* st) {
  v = Trim(v);
  long day = DayOf(v);
  if (day < 0 || v.size() < 16 || (v[10] != 'T' && v[10] != ' ') || v[13] != ':') return false;
  if (!IsDigit(v[11]) || !IsDigit(v[12]) || !IsDigit(v[14]) || !IsDigit(v[15])) return false;
  int hh = ToInt(v.substr(11, 2)), mm = ToInt(v.substr(14, 2));
  if (hh > 23 || mm > 59) return false;
  st->local_minutes = day * 1440 + hh * 60 + mm;
  size_t i = 16;
  while (i < v.size() && (IsDigit(v[i]) || v[i] == ':' || v[i] == '.')) ++i;  // seconds
  std::string rest = Lower(Trim(v.substr(i)));
  st->zone = false;
  st->offset = 0;
  if (rest == "z" || rest == "gmt" || rest == "utc") {
    st->zone = true;
  } else if (rest.size() >= 5 && (rest[0] == '+' || rest[0] == '-') && IsDigit(rest[1]) &&
             IsDigit(rest[2])) {
    size_t k = rest[3] == ':' ? 4 : 3;
    if (k + 2 > rest.size() || !IsDigit(rest[k]) || !IsDigit(rest[k + 1])) return false;
    int off = ToInt(rest.substr(1, 2)) * 60 + ToInt(rest.substr(k, 2));
    st->zone = true;
    st->offset = rest[0] == '-' ? -off : off;
  } else if (!rest.empty()) {
    return false;
  }
  return true;
}

}  // namespace

bool IsUtcTimestamp(std::string_view value) {
  Stamp st;
  return ParseStamp(value, &st) && st.zone && st.offset == 0;
}

bool SameMoment(std::string_view utc, std::string_view local) {
  Stamp u, l;
  if (!ParseStamp(utc, &u) || !u.zone || !ParseStamp(local, &l)) return false;
  long ut = u.local_minutes - u.offset;
  if (l.zone) return std::labs(l.local_minutes - l.offset - ut) <= 1;
  // No zone written: a whole number of quarter hours between UTC-12 and UTC+14.
  long diff = l.local_minutes - ut;
  return diff >= -12 * 60 && diff <= 14 * 60 && diff % 15 == 0;
}

bool LocalDateFits(std::string_view utc, std::string_view date) {
  Stamp u;
  long d = DayOf(date);
  if (date.size() != 10 || d < 0 || !ParseStamp(utc, &u) || !u.zone) return false;
  long ut = u.local_minutes - u.offset;
  // Some zone between UTC-10 and UTC+12 (where nearly all news is published; a date from a
  // URL or the visible text is weaker evidence than a <time> of the same moment) puts the
  // moment on that date.
  return ut - 10 * 60 < (d + 1) * 1440 && ut + 12 * 60 >= d * 1440;
}

int DaysBetween(std::string_view a, std::string_view b) {
  long x = a.size() == 10 ? DayOf(a) : -1, y = b.size() == 10 ? DayOf(b) : -1;
  if (x < 0 || y < 0) return -1;
  return static_cast<int>(x > y ? x - y : y - x);
}

std::string CharsetFromContentType(std::string_view ct) {
  std::string lower = Lower(ct);
  size_t p = lower.find("charset");
  if (p == std::string::npos) return "";
  p += 7;
  while (p < lower.size() && (lower[p] == ' ' || lower[p] == '=')) ++p;
  if (p < lower.size() && (lower[p] == '"' || lower[p] == '\'')) ++p;
  size_t e = p;
  while (e < lower.size() &&
         (std::isalnum(static_cast<unsigned char>(lower[e])) || lower[e] == '-' ||
          lower[e] == '_' || lower[e] == ':' || lower[e] == '.')) {
    ++e;
  }
  return lower.substr(p, e - p);
}

std::string CharsetFromMeta(std::string_view head) {
  std::string lower = Lower(head.substr(0, 4096));
  size_t p = 0;
  while ((p = lower.find("<meta", p)) != std::string::npos) {
    size_t e = lower.find('>', p);
    if (e == std::string::npos) break;
    std::string_view tag = std::string_view(lower).substr(p, e - p);
    p = e;
    if (tag.find("charset") == std::string_view::npos) continue;
    std::string cs = CharsetFromContentType(tag);
    if (!cs.empty()) return cs;
  }
  return "";
}

}  // namespace html

namespace {

using nlohmann::json;

bool IsDigitChar(char c) { return c >= '0' && c <= '9'; }

// ---- element classification ----------------------------------------------------------------

enum class TagKind { kInline, kBlock, kSkip, kBoilerplate, kBreak };

TagKind KindOf(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_MAP:
      return TagKind::kSkip;
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_MENU:
      return TagKind::kBoilerplate;
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
      return TagKind::kBreak;
    case GUMBO_TAG_A:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_B:
    case GUMBO_TAG_I:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_ACRONYM:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_U:
    case GUMBO_TAG_S:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_NOBR:
      return TagKind::kInline;
    default:
      return TagKind::kBlock;
  }
}

bool IsHeading(GumboTag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
         t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

const char* Attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a == nullptr ? nullptr : a->value;
}

std::string_view AttrView(const GumboNode* n, const char* name) {
  const char* v = Attr(n, name);
  return v == nullptr ? std::string_view() : std::string_view(v);
}

// Words of a class/id string, split at anything that is not a letter or digit.
std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    size_t b = i;
    while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

// Class/id words that name site furniture. Whole words (after splitting "post-meta" into
// "post", "meta") except where a prefix is enough ("comments", "sharing", "related").
bool NegativeToken(std::string_view t) {
  static constexpr std::array<std::string_view, 52> kExact = {
      "nav",        "navbar",      "navigation", "menu",      "menubar",      "footer",
      "header",     "masthead",    "sidebar",    "aside",     "widget",       "widgets",
      "ad",         "ads",         "advert",     "adverts",   "advertising",  "advertisement",
      "sponsor",    "sponsored",   "promo",      "subscribe", "subscription", "newsletter",
      "signup",     "login",       "cookie",     "cookies",   "consent",      "gdpr",
      "breadcrumb", "breadcrumbs", "byline",     "author",    "meta",         "date",
      "dateline",   "tags",        "tag",        "tagcloud",  "pagination",   "pager",
      "popup",      "modal",       "banner",     "disqus",    "outbrain",     "taboola",
      "toolbar",    "print",       "hidden",     "copyright"};
  static constexpr std::array<std::string_view, 14> kPrefix = {
      "comment",    "share",      "sharing", "social", "related", "recommend", "cookie",
      "newsletter", "breadcrumb", "sidebar", "advert", "sponsor", "footer",    "skiplink"};
  for (std::string_view k : kExact) {
    if (t == k) return true;
  }
  for (std::string_view k : kPrefix) {
    if (t.size() >= k.size() && t.substr(0, k.size()) == k) return true;
  }
  return false;
}

bool NegativeClass(const GumboNode* n) {
  std::string s = Lower(AttrView(n, "class"));
  s += ' ';
  s += Lower(AttrView(n, "id"));
  s += ' ';
  s += Lower(AttrView(n, "role"));
  for (std::string_view t : Tokens(s)) {
    if (NegativeToken(t)) return true;
  }
  return false;
}

// An element that says it is the article body.
bool BodyMarker(const GumboNode* n) {
  std::string_view ip = AttrView(n, "itemprop");
  if (ip == "articleBody" || ip == "text") return true;
  std::string s = Lower(AttrView(n, "class"));
  s += ' ';
  s += Lower(AttrView(n, "id"));
  for (std::string_view k : {"article-body", "articlebody", "article-content", "entry-content",
                             "post-content", "post-body", "story-body", "article__body",
                             "articletext", "article-text", "content-body", "postcontent"}) {
    if (s.find(k) != std::string::npos) return true;
  }
  return false;
}

bool Hidden(const GumboNode* n) {
  if (Attr(n, "hidden") != nullptr) return true;
  if (AttrView(n, "aria-hidden") == "true") return true;
  std::string style = Lower(AttrView(n, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

// ---- the walk --------------------------------------------------------------------------------

struct Elem {
  const GumboNode* node;
  int parent;  // index, -1 for the root
  GumboTag tag;
  bool boilerplate_tag = false;
  bool negative = false;
  bool body_marker = false;
  double prose0 = 0;  // prose weight of blocks below
  double prose1 = 0;  // same, without blocks inside boilerplate
  bool boilerplate = false;
};

struct Run {
  const GumboNode* text;  // a text node, or nullptr for a line break
};

struct Block {
  int owner;  // element index
  std::vector<Run> runs;
  size_t text_len = 0;  // whitespace-collapsed
  size_t link_len = 0;
  size_t punct = 0;
  bool heading = false;
  double prose = 0;
};

// Length of `s` with whitespace runs counted once; sentence punctuation counted.
size_t CollapsedLen(std::string_view s, size_t* punct) {
  size_t n = 0;
  bool space = true;
  for (char c : s) {
    bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (ws) {
      if (!space) ++n;
      space = true;
    } else {
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
      if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';') ++*punct;
      space = false;
    }
  }
  return n;
}

struct MetaSources {
  std::string title_tag;
  std::string h1;
  std::vector<std::pair<std::string, std::string>> metas;  // lower-case name/property, content
  std::vector<std::string> json_ld;
  std::string canonical;
  std::string html_lang;
  std::vector<std::pair<std::string, int>> times;  // datetime value, element index
  std::string author_link;
};

std::string NodeText(const GumboNode* n) {
  std::string out;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
      n->type == GUMBO_NODE_CDATA) {
    return n->v.text.text;
  }
  if (n->type != GUMBO_NODE_ELEMENT) return out;
  const GumboVector& ch = n->v.element.children;
  for (unsigned i = 0; i < ch.length; ++i)
    out += NodeText(static_cast<const GumboNode*>(ch.data[i]));
  return out;
}

std::string Squash(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : Trim(s)) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

class Walker {
 public:
  std::vector<Elem> elems;
  std::vector<Block> blocks;
  MetaSources meta;

  void Walk(const GumboNode* n, int parent, int link_depth, bool hidden) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
        n->type == GUMBO_NODE_WHITESPACE) {
      if (hidden) return;
      if (n->type == GUMBO_NODE_WHITESPACE && open_ < 0) return;
      Block& b = Current(parent);
      b.runs.push_back({n});
      size_t punct = 0;
      size_t len = CollapsedLen(n->v.text.text, &punct);
      b.text_len += len;
      b.punct += punct;
      if (link_depth > 0) b.link_len += len;
      return;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return;
    if (n->type == GUMBO_NODE_DOCUMENT) {
      const GumboVector& ch = n->v.document.children;
      for (unsigned i = 0; i < ch.length; ++i) {
        Walk(static_cast<const GumboNode*>(ch.data[i]), parent, link_depth, hidden);
      }
      return;
    }
    GumboTag tag = n->v.element.tag;
    CollectMeta(n, tag, parent);
    TagKind kind = KindOf(tag);
    if (tag == GUMBO_TAG_HTML) {
      meta.html_lang = std::string(AttrView(n, "lang"));
    }
    if (kind == TagKind::kSkip) {
      if (tag == GUMBO_TAG_HEAD) {
        const GumboVector& hc = n->v.element.children;
        for (unsigned i = 0; i < hc.length; ++i)
          MetaWalk(static_cast<const GumboNode*>(hc.data[i]), parent);
      }
      return;
    }
    if (kind == TagKind::kBreak) {
      if (open_ >= 0 && !hidden) blocks[static_cast<size_t>(open_)].runs.push_back({nullptr});
      return;
    }
    bool hid = hidden || Hidden(n);
    int me = parent;
    if (kind != TagKind::kInline || NegativeClass(n)) {
      // Inline elements become tree nodes only when their class marks furniture.
      Elem e{n, parent, tag};
      e.boilerplate_tag = kind == TagKind::kBoilerplate;
      e.negative = NegativeClass(n) && tag != GUMBO_TAG_ARTICLE && tag != GUMBO_TAG_MAIN &&
                   tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML;
      e.body_marker = BodyMarker(n);
      elems.push_back(e);
      me = static_cast<int>(elems.size()) - 1;
    }
    bool block = kind != TagKind::kInline;
    if (me != parent) open_ = -1;
    if (block && IsHeading(tag)) heading_depth_++;
    int ld = link_depth + (tag == GUMBO_TAG_A && Attr(n, "href") != nullptr ? 1 : 0);
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = 0; i < ch.length; ++i) {
      Walk(static_cast<const GumboNode*>(ch.data[i]), me, ld, hid);
    }
    if (block && IsHeading(tag)) heading_depth_--;
    // Leaving an element of the tree (a block, or an inline element classed as furniture)
    // closes the block, so its content is judged on its own.
    if (me != parent) open_ = -1;
  }

 private:
  Block& Current(int owner) {
    if (open_ < 0) {
      Block b;
      b.owner = owner;
      b.heading = heading_depth_ > 0;
      blocks.push_back(std::move(b));
      open_ = static_cast<int>(blocks.size()) - 1;
    }
    return blocks[static_cast<size_t>(open_)];
  }

  void MetaWalk(const GumboNode* n, int parent) {
    if (n->type != GUMBO_NODE_ELEMENT) return;
    CollectMeta(n, n->v.element.tag, parent);
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = 0; i < ch.length; ++i)
      MetaWalk(static_cast<const GumboNode*>(ch.data[i]), parent);
  }

  void CollectMeta(const GumboNode* n, GumboTag tag, int parent) {
    switch (tag) {
      case GUMBO_TAG_TITLE:
        if (meta.title_tag.empty()) meta.title_tag = Squash(NodeText(n));
        break;
      case GUMBO_TAG_H1:
        if (meta.h1.empty()) meta.h1 = Squash(NodeText(n));
        break;
      case GUMBO_TAG_META: {
        std::string key = Lower(AttrView(n, "property"));
        if (key.empty()) key = Lower(AttrView(n, "name"));
        if (key.empty()) key = Lower(AttrView(n, "itemprop"));
        if (key.empty()) key = Lower(AttrView(n, "http-equiv"));
        const char* content = Attr(n, "content");
        if (content == nullptr) content = Attr(n, "datetime");
        if (!key.empty() && content != nullptr) meta.metas.emplace_back(key, content);
        break;
      }
      case GUMBO_TAG_LINK: {
        std::string rel = Lower(AttrView(n, "rel"));
        if (rel == "canonical" && meta.canonical.empty()) meta.canonical = AttrView(n, "href");
        break;
      }
      case GUMBO_TAG_SCRIPT:
        if (Lower(AttrView(n, "type")) == "application/ld+json") {
          meta.json_ld.push_back(NodeText(n));
        }
        break;
      case GUMBO_TAG_TIME: {
        std::string_view dt = AttrView(n, "datetime");
        if (!dt.empty()) meta.times.emplace_back(std::string(dt), parent);
        break;
      }
      case GUMBO_TAG_A:
        if (meta.author_link.empty() && Lower(AttrView(n, "rel")) == "author") {
          meta.author_link = Squash(NodeText(n));
        }
        break;
      default:
        break;
    }
    if (tag != GUMBO_TAG_META) {
      // Microdata on any element: itemprop="datePublished" content=/datetime=.
      std::string_view ip = AttrView(n, "itemprop");
      if (ip == "datePublished" || ip == "dateCreated") {
        // The machine-readable value sits in content=, datetime= or (on <abbr>) title=.
        std::string_view v;
        for (const char* a : {"content", "datetime", "title"}) {
          std::string_view c = AttrView(n, a);
          if (!c.empty() && !html::MetaDate(c).empty()) {
            v = c;
            break;
          }
        }
        if (!v.empty()) {
          meta.metas.emplace_back(Lower(ip), std::string(v));
        } else {
          meta.metas.emplace_back(Lower(ip), Squash(NodeText(n)));
        }
      }
    }
  }

  int open_ = -1;
  int heading_depth_ = 0;
};

// Bytes of UTF-8 the entity `ent` ("&#8220;", "&nbsp;") decodes to, or 0 when unknown.
size_t EntityLen(std::string_view ent) {
  if (ent.size() < 3 || ent.back() != ';') return 0;
  std::string_view body = ent.substr(1, ent.size() - 2);
  if (body[0] == '#') {
    uint32_t cp = 0;
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    for (char c : body.substr(hex ? 2 : 1)) {
      int v = IsDigitChar(c) ? c - '0'
              : hex          ? (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10)
                             : -1;
      if (v < 0 || v > (hex ? 15 : 9)) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
      if (cp > 0x10FFFF) return 3;  // U+FFFD
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return 3;
    if (cp >= 0x80 && cp <= 0x9F) {
      // Windows-1252 remapping; five code points stay C1 controls.
      return cp == 0x81 || cp == 0x8D || cp == 0x8F || cp == 0x90 || cp == 0x9D ? 2 : 3;
    }
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  struct Named {
    std::string_view name;
    size_t len;
  };
  static constexpr std::array<Named, 24> kNamed = {{
      {"amp", 1},    {"lt", 1},    {"gt", 1},    {"quot", 1},  {"apos", 1},  {"nbsp", 2},
      {"copy", 2},   {"reg", 2},   {"shy", 2},   {"laquo", 2}, {"raquo", 2}, {"middot", 2},
      {"rsquo", 3},  {"lsquo", 3}, {"ldquo", 3}, {"rdquo", 3}, {"ndash", 3}, {"mdash", 3},
      {"hellip", 3}, {"bull", 3},  {"euro", 3},  {"trade", 3}, {"sbquo", 3}, {"bdquo", 3},
  }};
  for (const Named& n : kNamed) {
    if (body == n.name) return n.len;
  }
  return 0;
}

// ---- text emission with the offset map -------------------------------------------------------

class TextBuilder {
 public:
  TextBuilder(std::string_view doc, HtmlExtraction* out) : doc_(doc), out_(out) {}

  void BeginBlock(uint32_t at) {
    if (!out_->text.empty()) {
      out_->text += "\n\n";
      out_->map.Append(at, 2, 0, false);
    }
    pending_space_ = false;
    block_start_ = out_->text.size();
  }
  void EndBlock() {
    pending_space_ = false;
    // Drop trailing line breaks inside the block.
    while (out_->text.size() > block_start_ && out_->text.back() == '\n') {
      Truncate(out_->text.size() - 1);
    }
  }
  void LineBreak(uint32_t at) {
    if (out_->text.size() == block_start_ || out_->text.back() == '\n') return;
    pending_space_ = false;
    out_->text.push_back('\n');
    out_->map.Append(at, 1, 0, false);
  }
  void Space(uint32_t at, bool plain) {
    if (pending_space_) return;
    pending_space_ = true;
    space_at_ = at;
    space_plain_ = plain;
  }
  void Put(std::string_view bytes, uint32_t orig, uint32_t orig_len, bool exact) {
    if (pending_space_) {
      if (out_->text.size() > block_start_ && out_->text.back() != '\n') {
        out_->text.push_back(' ');
        out_->map.Append(space_at_, 1, 1, space_plain_);
      }
      pending_space_ = false;
    }
    out_->text.append(bytes);
    out_->map.Append(orig, static_cast<uint32_t>(bytes.size()), orig_len, exact);
  }

  // Emits one text node, mapping its decoded text back to its raw bytes.
  void TextNode(const GumboNode* n) {
    std::string_view dec = n->v.text.text;
    const GumboStringPiece& op = n->v.text.original_text;
    std::string_view raw;
    uint32_t base = 0;
    if (op.data != nullptr && op.data >= doc_.data() &&
        op.data + op.length <= doc_.data() + doc_.size()) {
      raw = std::string_view(op.data, op.length);
      base = static_cast<uint32_t>(op.data - doc_.data());
    } else {
      base = static_cast<uint32_t>(std::min<size_t>(n->v.text.start_pos.offset, doc_.size()));
    }
    if (n->type == GUMBO_NODE_CDATA && raw.size() >= 12 && raw.substr(0, 9) == "<![CDATA[") {
      raw = raw.substr(9, raw.size() - 12);
      base += 9;
    }
    size_t i = 0, j = 0;
    while (j < dec.size()) {
      unsigned char c = static_cast<unsigned char>(dec[j]);
      bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
      bool nbsp = c == 0xC2 && j + 1 < dec.size() && static_cast<unsigned char>(dec[j + 1]) == 0xA0;
      if (i < raw.size() && raw[i] == '\r' && dec[j] != '\r') {
        ++i;
        continue;
      }
      if (i < raw.size() && raw[i] == dec[j] && raw[i] != '&') {
        if (ws) {
          Space(base + static_cast<uint32_t>(i), c == ' ');
        } else if (nbsp && i + 1 < raw.size() && raw[i + 1] == dec[j + 1]) {
          Space(base + static_cast<uint32_t>(i), false);
          ++i;
          ++j;
        } else {
          Put(dec.substr(j, 1), base + static_cast<uint32_t>(i), 1, true);
        }
        ++i;
        ++j;
        continue;
      }
      if (i < raw.size() && raw[i] == '&') {
        size_t e = i + 1;
        if (e < raw.size() && raw[e] == '#') {
          ++e;
          if (e < raw.size() && (raw[e] == 'x' || raw[e] == 'X')) ++e;
        }
        while (e < raw.size() && std::isalnum(static_cast<unsigned char>(raw[e]))) ++e;
        if (e < raw.size() && raw[e] == ';') ++e;
        // A literal '&' (not an entity): copied as is.
        if (dec[j] == '&' && dec.substr(j, e - i) == raw.substr(i, e - i)) {
          Put(dec.substr(j, 1), base + static_cast<uint32_t>(i), 1, true);
          ++i;
          ++j;
          continue;
        }
        // The entity's decoded length: known, else where the decoded text resynchronises
        // with the raw bytes.
        size_t k = EntityLen(raw.substr(i, e - i));
        if (k > dec.size() - j) k = 0;
        for (size_t t = 1; k == 0 && t <= 8 && j + t <= dec.size(); ++t) {
          if ((j + t == dec.size() && e >= raw.size()) ||
              (j + t < dec.size() && e < raw.size() && dec[j + t] == raw[e])) {
            k = t;
            break;
          }
        }
        if (k == 0) break;  // lost: map the rest coarsely
        std::string_view piece = dec.substr(j, k);
        uint32_t ob = base + static_cast<uint32_t>(i);
        if (piece == "\xC2\xA0" || piece == " " || piece == "\n" || piece == "\t") {
          Space(ob, false);
        } else {
          Put(piece, ob, static_cast<uint32_t>(e - i), false);
        }
        i = e;
        j += k;
        continue;
      }
      break;
    }
    if (j < dec.size()) {
      // Could not follow the raw bytes (gumbo rewrote them): one replacing segment.
      std::string rest;
      bool space = false;
      for (size_t t = j; t < dec.size(); ++t) {
        char ch = dec[t];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
          space = true;
          continue;
        }
        if (space && !rest.empty()) rest.push_back(' ');
        space = false;
        rest.push_back(ch);
      }
      uint32_t ob = base + static_cast<uint32_t>(std::min(i, raw.size()));
      if (!rest.empty())
        Put(rest, ob, static_cast<uint32_t>(raw.size() - std::min(i, raw.size())), false);
      if (space) Space(ob, false);
    }
  }

 private:
  void Truncate(size_t n) {
    // Only whole trailing segments (line breaks) are truncated.
    out_->text.resize(n);
    OffsetMap rebuilt;
    for (const OffsetMap::Segment& s : out_->map.segments()) {
      if (s.clean_begin >= n) break;
      uint32_t len = std::min<uint32_t>(s.clean_len, static_cast<uint32_t>(n) - s.clean_begin);
      rebuilt.Append(s.orig_begin, len, s.exact ? len : s.orig_len, s.exact);
    }
    out_->map = std::move(rebuilt);
  }

  std::string_view doc_;
  HtmlExtraction* out_;
  bool pending_space_ = false;
  uint32_t space_at_ = 0;
  bool space_plain_ = false;
  size_t block_start_ = 0;
};

uint32_t BlockStart(const Block& b, std::string_view doc) {
  for (const Run& r : b.runs) {
    if (r.text == nullptr) continue;
    const GumboStringPiece& op = r.text->v.text.original_text;
    if (op.data != nullptr && op.data >= doc.data() && op.data <= doc.data() + doc.size()) {
      return static_cast<uint32_t>(op.data - doc.data());
    }
    return static_cast<uint32_t>(r.text->v.text.start_pos.offset);
  }
  return 0;
}

// ---- metadata ---------------------------------------------------------------------------------

const json* FindKey(const json& j, std::string_view key, int depth = 0) {
  if (depth > 12) return nullptr;
  if (j.is_object()) {
    auto it = j.find(std::string(key));
    if (it != j.end()) return &*it;
    for (const auto& [k, v] : j.items()) {
      if (const json* r = FindKey(v, key, depth + 1)) return r;
    }
  } else if (j.is_array()) {
    for (const json& v : j) {
      if (const json* r = FindKey(v, key, depth + 1)) return r;
    }
  }
  return nullptr;
}

std::string NameOf(const json* v) {
  if (v == nullptr) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_array() && !v->empty()) return NameOf(&(*v)[0]);
  if (v->is_object()) {
    auto it = v->find("name");
    if (it != v->end() && it->is_string()) return it->get<std::string>();
  }
  return "";
}

void FillMetadata(const Walker& w, const std::vector<Block>& blocks, const std::vector<bool>& kept,
                  std::string_view doc, const HtmlExtractOptions& opt, HtmlMetadata* m) {
  auto meta_value = [&](std::initializer_list<std::string_view> keys) -> std::string {
    for (std::string_view k : keys) {
      for (const auto& [key, value] : w.meta.metas) {
        if (key == k && !Trim(value).empty()) return std::string(Trim(value));
      }
    }
    return "";
  };
  m->html_lang = w.meta.html_lang;
  std::string ld_date, ld_raw, ld_title, ld_author, ld_site, ld_modified;
  for (const std::string& text : w.meta.json_ld) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) continue;
    if (ld_date.empty()) {
      for (const char* k : {"datePublished", "dateCreated", "uploadDate"}) {
        const json* v = FindKey(j, k);
        if (v != nullptr && v->is_string()) {
          ld_raw = v->get<std::string>();
          ld_date = html::MetaDate(ld_raw);
          if (!ld_date.empty()) break;
        }
      }
    }
    if (ld_modified.empty()) {
      const json* v = FindKey(j, "dateModified");
      if (v != nullptr && v->is_string()) ld_modified = html::MetaDate(v->get<std::string>());
    }
    if (ld_title.empty()) ld_title = NameOf(FindKey(j, "headline"));
    if (ld_author.empty()) ld_author = NameOf(FindKey(j, "author"));
    if (ld_site.empty()) ld_site = NameOf(FindKey(j, "publisher"));
  }
  // Title.
  m->title = !ld_title.empty() ? ld_title : meta_value({"og:title", "twitter:title"});
  if (m->title.empty()) m->title = !w.meta.h1.empty() ? w.meta.h1 : w.meta.title_tag;
  m->title = Squash(m->title);
  m->canonical_url = w.meta.canonical;
  if (m->canonical_url.empty()) m->canonical_url = meta_value({"og:url"});
  m->site_name = meta_value({"og:site_name", "application-name"});
  if (m->site_name.empty()) m->site_name = ld_site;
  m->author = ld_author;
  if (m->author.empty()) {
    m->author = meta_value({"author", "article:author", "dc.creator", "byl", "sailthru.author",
                            "parsely-author", "twitter:creator"});
  }
  if (m->author.empty()) m->author = w.meta.author_link;
  m->author = Squash(m->author);
  if (m->author.starts_with("http")) m->author.clear();

  m->modified =
      !ld_modified.empty()
          ? ld_modified
          : html::MetaDate(meta_value({"article:modified_time", "og:updated_time", "datemodified",
                                       "last-modified", "dcterms.modified", "dc.date.modified"}));
  // Publication date. Candidates from every source, then the most trusted one, except where
  // what the page shows its readers settles between the declared dates (see below).
  std::string md_raw = meta_value({"article:published_time",
                                   "og:published_time",
                                   "og:article:published_time",
                                   "datepublished",
                                   "publishdate",
                                   "publish-date",
                                   "publish_date",
                                   "pubdate",
                                   "sailthru.date",
                                   "parsely-pub-date",
                                   "dc.date.issued",
                                   "dcterms.issued",
                                   "dc.date",
                                   "dcterms.date",
                                   "dcterms.created",
                                   "dc.date.created",
                                   "date",
                                   "article.published",
                                   "article_date_original",
                                   "cxenseparse:recs:publishtime",
                                   "datecreated",
                                   "citation_date",
                                   "citation_publication_date",
                                   "created",
                                   "release_date"});
  std::string md = html::MetaDate(md_raw);
  // <time datetime> outside comment blocks.
  std::string time_date;
  for (const auto& [value, elem] : w.meta.times) {
    bool bad = false;
    for (int e = elem; e >= 0; e = w.elems[static_cast<size_t>(e)].parent) {
      const Elem& el = w.elems[static_cast<size_t>(e)];
      if (el.negative && Lower(AttrView(el.node, "class")).find("comment") != std::string::npos) {
        bad = true;
        break;
      }
    }
    if (bad) continue;
    std::string d = html::MetaDate(value);
    if (d.size() == 10) {
      time_date = d;
      break;
    }
  }
  std::string url_date;
  for (const std::string& u : {opt.url, m->canonical_url}) {
    url_date = html::DateFromUrl(u);
    if (!url_date.empty()) break;
  }
  // Visible text: the first date in the blocks from the title (first heading) onwards, up to
  // a few blocks into the kept text.
  std::string text_date;
  size_t first_kept = blocks.size();
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (kept[i]) {
      first_kept = i;
      break;
    }
  }
  size_t start = 0;
  for (size_t i = 0; i < first_kept && i < blocks.size(); ++i) {
    if (blocks[i].heading) start = i;
  }
  if (first_kept == blocks.size()) start = 0;
  size_t kept_seen = 0;
  for (size_t i = start; i < blocks.size() && kept_seen < 4 && text_date.empty(); ++i) {
    if (kept[i]) ++kept_seen;
    if (blocks[i].text_len > 300) continue;
    std::string t;
    for (const Run& r : blocks[i].runs) {
      if (r.text != nullptr) t += r.text->v.text.text;
      t.push_back(' ');
    }
    text_date = html::DateInText(t);
  }

  std::string declared = !ld_date.empty() ? ld_date : md;
  std::string declared_raw = !ld_date.empty() ? ld_raw : md_raw;
  if (!declared.empty()) {
    m->published = declared;
    m->published_source = !ld_date.empty() ? "json-ld" : "meta";
    // A page that shows its readers the date it declares as last modified (and not the
    // published one) dates itself by that revision: "Updated 12 March 2020" under the title.
    if (!text_date.empty() && text_date != declared && text_date == m->modified) {
      m->published = text_date;
      m->published_source = "text";
      return;
    }
    // A declared time in UTC can fall on the next or previous day where the page was
    // published. A local date one day off is taken when it can be that same moment: a <time>
    // element with the same instant (or the same clock minutes without a zone), else the date
    // in the URL or shown under the title when some zone puts the moment on that day.
    if (html::IsUtcTimestamp(declared_raw)) {
      for (const auto& [value, elem] : w.meta.times) {
        std::string d = html::MetaDate(value);
        if (html::DaysBetween(declared, d) == 1 && html::SameMoment(declared_raw, value)) {
          m->published = d;
          m->published_source = "time";
          return;
        }
      }
      const std::pair<const std::string*, const char*> local[] = {{&url_date, "url"},
                                                                  {&text_date, "text"}};
      for (const auto& [d, source] : local) {
        if (html::DaysBetween(declared, *d) != 1 || !html::LocalDateFits(declared_raw, *d)) {
          continue;
        }
        m->published = *d;
        m->published_source = source;
        return;
      }
    }
    return;
  }
  const std::pair<const std::string*, const char*> rest[] = {
      {&time_date, "time"}, {&url_date, "url"}, {&text_date, "text"}};
  for (const auto& [d, source] : rest) {
    if (d->empty()) continue;
    m->published = *d;
    m->published_source = source;
    return;
  }
  (void)doc;
}

// Elements nested deeper than this are refused before parsing: the parser's cost grows with
// the depth of the open elements at each tag, and walking the tree recurses once per level
// (1,000 levels stay far inside an 8 MB stack even with AddressSanitizer's larger frames;
// real pages nest a few dozen levels).
constexpr int kMaxElementDepth = 1000;

bool TagNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// An estimate of the deepest element nesting a parser would build, on the generous side.
// Start tags open elements, except void elements and those that a parser closes implicitly
// when a sibling starts (so a page of unclosed <p> or <li> does not look deep); an end tag
// closes the nearest open element of its name and everything above it, and is ignored when
// none is open, as in the parser. "/>" closes an element only inside <svg> or <math>.
// Formatting elements (<b>, <font> ...) never closed by their own end tag are added on top:
// the parser may reopen them all around later text. Comments and script bodies are skipped.
int EstimatedElementDepth(std::string_view doc) {
  static constexpr std::string_view kFlat[] = {
      "area", "base", "br",    "col",    "embed", "hr",     "img", "input",
      "link", "meta", "param", "source", "track", "wbr",    "p",   "li",
      "dt",   "dd",   "tr",    "td",     "th",    "option", "!",   "?"};
  static constexpr std::string_view kFormatting[] = {"a",      "b",      "big",  "code", "em",
                                                     "font",   "i",      "nobr", "s",    "small",
                                                     "strike", "strong", "tt",   "u"};
  std::vector<std::string> open;                    // the open elements, innermost last
  std::unordered_map<std::string, int> open_named;  // how many of each name are open
  std::unordered_map<std::string, int> formatting;  // formatting elements not closed yet
  int unclosed_formatting = 0, max = 0, foreign = 0;
  size_t i = 0;
  while ((i = doc.find('<', i)) != std::string_view::npos) {
    ++i;
    if (doc.substr(i, 3) == "!--") {
      size_t end = doc.find("-->", i);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    bool closing = i < doc.size() && doc[i] == '/';
    size_t b = closing ? i + 1 : i;
    size_t e = b;
    while (e < doc.size() && TagNameChar(doc[e])) ++e;
    if (e == b) continue;  // not a tag ("a < b")
    std::string name(doc.substr(b, e - b));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool flat = false;
    for (std::string_view f : kFlat) flat = flat || name == f;
    bool is_formatting = false;
    for (std::string_view f : kFormatting) is_formatting = is_formatting || name == f;
    size_t gt = doc.find('>', e);
    if (gt == std::string_view::npos) break;
    bool self_closing = gt > 0 && doc[gt - 1] == '/' && foreign > 0;
    i = gt + 1;
    if (flat || self_closing) continue;
    if (closing) {
      if (is_formatting && formatting[name] > 0) {
        --formatting[name];
        --unclosed_formatting;
      }
      auto it = open_named.find(name);
      if (it == open_named.end() || it->second == 0) continue;  // nothing to close
      while (!open.empty()) {
        std::string top = std::move(open.back());
        open.pop_back();
        --open_named[top];
        if (top == "svg" || top == "math") foreign = std::max(0, foreign - 1);
        if (top == name) break;
      }
      continue;
    }
    if (name == "svg" || name == "math") ++foreign;
    if (is_formatting) {
      ++formatting[name];
      ++unclosed_formatting;
    }
    ++open_named[name];
    open.push_back(name);
    max = std::max(max, static_cast<int>(open.size()) + unclosed_formatting);
    if (max > 1000000) break;                   // deep enough to refuse
    if (name == "script" || name == "style") {  // raw text up to the end tag
      size_t end = doc.find("</" + name, i);
      if (end == std::string_view::npos) break;
      i = end;
    }
  }
  return max;
}

}  // namespace

HtmlExtraction ExtractHtml(std::string_view doc, const HtmlExtractOptions& opt) {
  HtmlExtraction out;
  if (doc.size() >= (1u << 31)) {
    out.error = "the page is larger than 2 GB";
    return out;
  }
  if (EstimatedElementDepth(doc) > kMaxElementDepth) {
    out.error = "elements nested more than " + std::to_string(kMaxElementDepth) + " deep";
    return out;
  }
  GumboOptions gopt = kGumboDefaultOptions;
  gopt.max_errors = 0;
  GumboOutput* g = gumbo_parse_with_options(&gopt, doc.data(), doc.size());
  if (g == nullptr) return out;
  out.parsed = true;
  Walker w;
  w.Walk(g->document, -1, 0, false);

  std::vector<Block>& blocks = w.blocks;
  std::vector<Elem>& elems = w.elems;
  // Prose weight per block: text long enough to be a sentence, discounted by links.
  double total0 = 0;
  for (Block& b : blocks) {
    double ld = b.text_len ? static_cast<double>(b.link_len) / static_cast<double>(b.text_len) : 1;
    if (b.text_len >= 40 && ld < 0.5 && b.punct > 0) {
      b.prose = static_cast<double>(b.text_len) * (1 - ld);
    }
    total0 += b.prose;
    for (int e = b.owner; e >= 0; e = elems[static_cast<size_t>(e)].parent) {
      elems[static_cast<size_t>(e)].prose0 += b.prose;
    }
  }
  // Boilerplate: furniture tags or classes, unless the element holds most of the prose.
  for (Elem& e : elems) {
    bool marked = e.boilerplate_tag || e.negative;
    e.boilerplate = marked && !e.body_marker && (e.prose0 < 0.6 * total0 || total0 == 0);
  }
  std::vector<bool> in_bp(blocks.size(), false);
  // A marked article body shields what it holds from furniture marks further up (an
  // <article> whose classes name its tags and categories).
  auto under_boilerplate = [&](int e, int stop) {
    for (; e >= 0 && e != stop; e = elems[static_cast<size_t>(e)].parent) {
      if (elems[static_cast<size_t>(e)].boilerplate) return true;
      if (elems[static_cast<size_t>(e)].body_marker) return false;
    }
    return false;
  };
  double total1 = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    in_bp[i] = under_boilerplate(blocks[i].owner, -1);
    if (in_bp[i]) continue;
    total1 += blocks[i].prose;
    for (int e = blocks[i].owner; e >= 0; e = elems[static_cast<size_t>(e)].parent) {
      elems[static_cast<size_t>(e)].prose1 += blocks[i].prose;
    }
  }
  // Container: a marked article body holding a good share of the prose, else descend.
  int container = -1;
  {
    double best = 0;
    for (size_t i = 0; i < elems.size(); ++i) {
      const Elem& e = elems[i];
      if (e.body_marker && e.prose1 >= 0.4 * total1 && e.prose1 > best &&
          !under_boilerplate(static_cast<int>(i), -1)) {
        best = e.prose1;
        container = static_cast<int>(i);
      }
    }
    // Several marked bodies (a teaser and the body): take their common ancestor instead.
  }
  if (container < 0 && total1 > 0) {
    // Children lists by parent.
    std::vector<std::vector<int>> children(elems.size());
    int root = -1;
    for (size_t i = 0; i < elems.size(); ++i) {
      if (elems[i].parent >= 0) {
        children[static_cast<size_t>(elems[i].parent)].push_back(static_cast<int>(i));
      } else if (root < 0) {
        root = static_cast<int>(i);
      }
    }
    int cur = root;
    while (cur >= 0) {
      int next = -1;
      for (int c : children[static_cast<size_t>(cur)]) {
        if (elems[static_cast<size_t>(c)].boilerplate) continue;
        if (elems[static_cast<size_t>(c)].prose1 >= 0.8 * elems[static_cast<size_t>(cur)].prose1) {
          next = c;
          break;
        }
      }
      if (next < 0) break;
      cur = next;
    }
    container = cur;
  }
  auto inside = [&](int e) {
    if (container < 0) return true;
    for (; e >= 0; e = elems[static_cast<size_t>(e)].parent) {
      if (e == container) return true;
    }
    return false;
  };
  std::vector<bool> kept(blocks.size(), false);
  for (size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (b.text_len == 0 || in_bp[i] || !inside(b.owner)) continue;
    double ld = static_cast<double>(b.link_len) / static_cast<double>(b.text_len);
    if (!b.heading && ld > 0.5) continue;
    if (b.heading && ld > 0.8) continue;
    kept[i] = true;
  }
  // The page's main heading often sits above the container (in a page header): keep the
  // first <h1> outside boilerplate that precedes the kept text.
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (kept[i]) break;
    const Block& b = blocks[i];
    if (!b.heading || b.text_len == 0 || b.owner < 0 ||
        elems[static_cast<size_t>(b.owner)].tag != GUMBO_TAG_H1 || b.link_len * 2 >= b.text_len) {
      continue;
    }
    // Inside page furniture only when it repeats the page's title.
    bool ok = !in_bp[i];
    if (!ok && b.text_len >= 10) {
      std::string t;
      for (const Run& r : b.runs) {
        if (r.text != nullptr) t += r.text->v.text.text;
      }
      t = Squash(t);
      ok = !t.empty() && w.meta.title_tag.find(t) != std::string::npos;
    }
    if (ok) {
      kept[i] = true;
      break;
    }
  }
  TextBuilder tb(doc, &out);
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (!kept[i]) continue;
    const Block& b = blocks[i];
    size_t before = out.text.size();
    tb.BeginBlock(BlockStart(b, doc));
    size_t after_break = out.text.size();
    for (const Run& r : b.runs) {
      if (r.text == nullptr) {
        tb.LineBreak(static_cast<uint32_t>(std::min<size_t>(BlockStart(b, doc), doc.size())));
      } else {
        tb.TextNode(r.text);
      }
    }
    tb.EndBlock();
    if (out.text.size() == after_break && after_break != before) {
      // Nothing but whitespace: undo the paragraph break.
      out.text.resize(before);
      OffsetMap rebuilt;
      for (const OffsetMap::Segment& s : out.map.segments()) {
        if (s.clean_begin >= before) break;
        rebuilt.Append(s.orig_begin, s.clean_len, s.orig_len, s.exact);
      }
      out.map = std::move(rebuilt);
    }
  }
  if (opt.all_text) {
    for (const Block& b : blocks) {
      std::string t;
      for (const Run& r : b.runs) {
        if (r.text != nullptr) t += r.text->v.text.text;
        t.push_back(' ');
      }
      out.all_text += Squash(t);
      out.all_text.push_back('\n');
    }
  }
  FillMetadata(w, blocks, kept, doc, opt, &out.meta);
  gumbo_destroy_output(&kGumboDefaultOptions, g);
  return out;
}

}  // namespace dyad
