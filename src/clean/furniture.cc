#include "clean/furniture.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string>

namespace dyad {

namespace {

struct Line {
  uint32_t begin = 0;  // trimmed, original offsets
  uint32_t end = 0;
  std::string_view text;
  std::string lower;  // ASCII-lowercased, typographic apostrophes/dashes folded
  int words = 0;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

int CountWords(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = IsSpace(c);
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

std::string Fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    // U+2018/U+2019 -> ', U+2013/U+2014 -> -, U+00A0 -> space (3- and 2-byte sequences).
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      unsigned char d = static_cast<unsigned char>(s[i + 2]);
      if (d == 0x98 || d == 0x99) {
        out.push_back('\'');
        i += 2;
        continue;
      }
      if (d == 0x93 || d == 0x94) {
        out.push_back('-');
        i += 2;
        continue;
      }
    }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      out.push_back(' ');
      ++i;
      continue;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  return out;
}

// Non-blank lines of the body, trimmed; only their bounds (cheap), analysed on demand.
std::vector<std::string_view> BodyLines(std::string_view text, uint32_t body_offset) {
  std::vector<std::string_view> lines;
  size_t p = body_offset;
  while (p < text.size()) {
    const void* nl = std::memchr(text.data() + p, '\n', text.size() - p);
    size_t end = nl == nullptr ? text.size() : static_cast<const char*>(nl) - text.data();
    size_t b = p, e = end;
    while (b < e && IsSpace(text[b])) ++b;
    while (e > b && IsSpace(text[e - 1])) --e;
    if (e > b) lines.push_back(text.substr(b, e - b));
    p = end + 1;
  }
  return lines;
}

Line Analyze(std::string_view text, std::string_view line) {
  auto begin = static_cast<uint32_t>(line.data() - text.data());
  return {begin, begin + static_cast<uint32_t>(line.size()), line, Fold(line), CountWords(line)};
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// True when `pat` occurs in `s` as whole words: an alphanumeric edge of the pattern must not
// continue into a neighbouring letter ("share" is not in "shareholders").
bool Contains(const std::string& s, std::string_view pat) {
  for (size_t at = s.find(pat); at != std::string::npos; at = s.find(pat, at + 1)) {
    bool left = at == 0 || !IsAlnum(pat.front()) || !IsAlnum(s[at - 1]);
    size_t end = at + pat.size();
    bool right = end == s.size() || !IsAlnum(pat.back()) || !IsAlnum(s[end]);
    if (left && right) return true;
  }
  return false;
}

template <size_t N>
bool ContainsAny(const std::string& s, const std::array<std::string_view, N>& pats) {
  for (std::string_view p : pats) {
    if (Contains(s, p)) return true;
  }
  return false;
}

// Phrases that mark a line as furniture even in a long paragraph (donation appeals run long).
constexpr std::array<std::string_view, 16> kStrong = {"paywall",
                                                      "support independent journalism",
                                                      "your support will help",
                                                      "subscribe to our",
                                                      "sign up for our",
                                                      "sign up to our",
                                                      "download the",
                                                      "download our",
                                                      "donate now",
                                                      "all rights reserved",
                                                      "google-play",
                                                      "google play",
                                                      "app store",
                                                      "app-store",
                                                      "become a member",
                                                      "support our journalism"};

// Words that mark a short line (a button, a link, a label) as furniture, unless the line reads
// as a sentence of more than a few words.
constexpr std::array<std::string_view, 32> kShort = {"subscribe",       "newsletter",
                                                     "follow us",       "share this",
                                                     "share on",        "share article",
                                                     "share:",          "facebook",
                                                     "twitter",         "whatsapp",
                                                     "telegram",        "linkedin",
                                                     "email this",      "e-mail this",
                                                     "print this",      "advertisement",
                                                     "read more",       "related articles",
                                                     "related stories", "comments",
                                                     "contribute",      "copyright",
                                                     "\xc2\xa9",        "app",
                                                     "click here",      "tags:",
                                                     "topics:",         "sponsored",
                                                     "cookies",         "log in",
                                                     "sign in",         "thank you for reading"};

constexpr int kShortWords = 15;
// Buttons and labels are very short; longer lines that mention "newsletter" are prose.
constexpr int kShortMaxWords = 8;

bool EndsSentence(std::string_view t) {
  while (!t.empty() && (t.back() == '"' || t.back() == '\'' || t.back() == ')')) t.remove_suffix(1);
  if (t.size() >= 3 && static_cast<unsigned char>(t[t.size() - 3]) == 0xE2 &&
      static_cast<unsigned char>(t[t.size() - 2]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(t.back());
    if (d == 0x9D || d == 0x99) t.remove_suffix(3);  // closing typographic quotes
  }
  return !t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?');
}

bool IsStrongFurniture(const Line& l) {
  if (l.words > 120) return false;
  if (ContainsAny(l.lower, kStrong)) return true;
  if (l.words <= kShortMaxWords && (!EndsSentence(l.text) || l.words <= 4) &&
      ContainsAny(l.lower, kShort)) {
    return true;
  }
  // An identifier-like token on its own ("google-play-badge_EN") is an image or widget name.
  if (l.words == 1 && l.text.find('_') != std::string_view::npos) return true;
  return false;
}

// A short line that reads like an appeal or a fragment rather than article prose; removed only
// when it sits among furniture.
bool IsWeakFurniture(const Line& l) {
  if (l.words > kShortWords) return false;
  if (!EndsSentence(l.text)) return true;
  return Contains(l.lower, "you") || Contains(l.lower, "thank");
}

bool StartsWith(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }

bool IsProvenance(const Line& l) {
  if (l.words > 40) return false;
  const std::string& s = l.lower;
  static constexpr std::array<std::string_view, 8> kPrefixes = {
      "this article was republished",     "this article was originally published",
      "this article was first published", "this story was originally published",
      "this story was republished",       "originally published",
      "republished with permission",      "this article first appeared"};
  for (std::string_view p : kPrefixes) {
    if (StartsWith(s, p)) return true;
  }
  if (l.words <= 8 && (StartsWith(s, "source:") || StartsWith(s, "sources:"))) return true;
  return false;
}

// "Jane Doe is Associate Lecturer in ..., Some University": a line that opens with a capitalised
// name followed by "is" and a profession.
bool IsAuthorBio(const Line& l) {
  if (l.words > 45 || l.words < 4) return false;
  size_t is = l.lower.find(" is ");
  if (is == std::string::npos || is > 60) return false;
  // The words before " is " must all be capitalised (a name).
  std::string_view name = l.text.substr(0, is);
  int caps = 0, words = 0;
  bool start = true;
  for (char c : name) {
    if (IsSpace(c)) {
      start = true;
      continue;
    }
    if (start) {
      ++words;
      if (std::isupper(static_cast<unsigned char>(c))) ++caps;
      start = false;
    }
  }
  if (words < 2 || words > 4 || caps != words) return false;
  static constexpr std::array<std::string_view, 14> kRoles = {
      "lecturer", "professor",  "fellow",   "researcher", "analyst", "director", "correspondent",
      "editor",   "journalist", "reporter", "writer",     "author",  "student",  "scholar"};
  return ContainsAny(l.lower, kRoles);
}

// A "read also" link: judged on the line's first bytes, so it is cheap for every line.
bool IsReadAlso(std::string_view line) {
  if (line.size() > 400) return false;
  std::string head = Fold(line.substr(0, 16));
  if (StartsWith(head, ">>") || StartsWith(head, "\xc2\xbb")) return true;
  static constexpr std::array<std::string_view, 9> kPrefixes = {
      "read also", "also read", "read more:", "see also:",    "to read also",
      "related:",  "watch:",    "listen:",    "more on this:"};
  for (std::string_view p : kPrefixes) {
    if (StartsWith(head, p)) return true;
  }
  return false;
}

bool IsSectionLabel(const Line& l) {
  if (l.words > 2) return false;
  static constexpr std::array<std::string_view, 16> kLabels = {
      "analysis",  "opinion",   "comment", "commentary",   "feature",       "exclusive",
      "interview", "editorial", "news",    "breaking",     "breaking news", "explainer",
      "review",    "live",      "update",  "advertisement"};
  for (std::string_view p : kLabels) {
    if (l.lower == p) return true;
  }
  return false;
}

RemovedSpan Span(const Line& l, const char* kind) {
  return {l.begin, l.end, kind, std::string(l.text)};
}

// Compares headlines ignoring case, punctuation and spacing ("X – Site" vs "X - Site").
std::string Skeleton(const std::string& lower) {
  std::string out;
  for (char c : lower) {
    if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<RemovedSpan> FindFurniture(std::string_view original, uint32_t body_offset,
                                       bool hard_wrapped) {
  std::vector<std::string_view> refs = BodyLines(original, body_offset);
  // Only the first and last lines are analysed in full (lower-cased, words counted).
  constexpr size_t kHeadLines = 5;
  constexpr size_t kTailLines = 20;
  std::vector<Line> lines(refs.size());
  std::vector<bool> analysed(refs.size(), false);
  auto line = [&](size_t i) -> const Line& {
    if (!analysed[i]) {
      lines[i] = Analyze(original, refs[i]);
      analysed[i] = true;
    }
    return lines[i];
  };
  std::vector<RemovedSpan> head, middle, tail;
  if (lines.empty()) return {};

  // Head: section labels, furniture lines and a repeated headline, within the first lines.
  size_t first = 0;
  while (first < lines.size() && first < kHeadLines) {
    const Line& l = line(first);
    if (IsSectionLabel(l)) {
      head.push_back(Span(l, "section-label"));
    } else if (hard_wrapped) {
      break;
    } else if (ContainsAny(l.lower, kStrong) || (l.words <= 4 && ContainsAny(l.lower, kShort))) {
      // Only unmistakable furniture at the head: a headline may well mention "Twitter".
      head.push_back(Span(l, "furniture"));
    } else if (first + 1 < lines.size() && l.words <= 30 &&
               Skeleton(l.lower) == Skeleton(line(first + 1).lower)) {
      // Keep the first copy of a headline printed twice.
      head.push_back(Span(line(first + 1), "duplicate-headline"));
      break;
    } else {
      break;
    }
    ++first;
  }
  // A headline ending in " - Site Name": the site name is set aside (the span covers the
  // separator and the name, to the end of the line).
  if (first < lines.size()) {
    const Line& l = line(first);
    std::string_view title, site;
    if (l.words <= 25 && !EndsSentence(l.text) && SplitSiteSuffix(l.text, &title, &site)) {
      head.push_back(
          {l.begin + static_cast<uint32_t>(title.size()), l.end, "site-suffix", std::string(site)});
    }
  }

  // Tail: walk back from the end over furniture, provenance notices, author bios and weak
  // lines (short fragments, appeals to "you"), stopping at the first line of prose. Weak lines
  // go only when real furniture was found in the same tail zone; otherwise they are content.
  size_t last = lines.size();
  bool found_strong = false;
  std::vector<RemovedSpan> weak;
  // Hard-wrapped text (wire copy) has no web furniture, and its lines are fragments that
  // would all look "weak": only notices are looked for there.
  while (last > first && lines.size() - last < kTailLines) {
    const Line& l = line(last - 1);
    if (IsProvenance(l)) {
      tail.push_back(Span(l, "provenance"));
    } else if (hard_wrapped) {
      break;
    } else if (IsAuthorBio(l)) {
      tail.push_back(Span(l, "author-bio"));
    } else if (IsStrongFurniture(l)) {
      tail.push_back(Span(l, "furniture"));
      found_strong = true;
    } else if (IsWeakFurniture(l)) {
      weak.push_back(Span(l, "furniture"));
    } else {
      break;
    }
    --last;
  }
  if (found_strong) {
    for (auto& w : weak) tail.push_back(std::move(w));
  } else if (!weak.empty()) {
    // The weak lines stay, and "read also" links are still looked for among them.
    last = lines.size();
  }

  for (size_t i = first; i < last; ++i) {
    if (IsReadAlso(refs[i])) middle.push_back(Span(line(i), "read-also"));
  }

  std::vector<RemovedSpan> out;
  out.reserve(head.size() + middle.size() + tail.size());
  for (auto& s : head) out.push_back(std::move(s));
  for (auto& s : middle) out.push_back(std::move(s));
  for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(std::move(*it));
  std::sort(out.begin(), out.end(),
            [](const RemovedSpan& a, const RemovedSpan& b) { return a.orig_begin < b.orig_begin; });
  return out;
}

bool SplitSiteSuffix(std::string_view headline, std::string_view* title, std::string_view* site) {
  static constexpr std::array<std::string_view, 4> kSeps = {" \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                                            " | ", " - "};
  for (std::string_view sep : kSeps) {
    size_t at = headline.rfind(sep);
    if (at == std::string_view::npos) continue;
    std::string_view left = headline.substr(0, at);
    std::string_view right = headline.substr(at + sep.size());
    if (CountWords(left) < 3) continue;
    int words = CountWords(right);
    if (words < 1 || words > 4) continue;
    // A single word after " - " is more often a speaker ("Tax cuts promised - Blair") than a
    // site; a site name of one word needs the pipe or a domain ("Example.com").
    if (words == 1 && sep != " | " && right.find('.') == std::string_view::npos) continue;
    bool caps = true, start = true;
    for (char c : right) {
      if (c == ' ') {
        start = true;
        continue;
      }
      if (start && !std::isupper(static_cast<unsigned char>(c)) &&
          !std::isdigit(static_cast<unsigned char>(c))) {
        caps = false;
      }
      start = false;
    }
    if (!caps) continue;
    *title = left;
    *site = right;
    return true;
  }
  return false;
}

}  // namespace dyad
