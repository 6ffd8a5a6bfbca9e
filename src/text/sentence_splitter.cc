// Sentence splitting: one byte-level pass; see the contract in include/dyad/text.h.
#include <unicode/uchar.h>

#include "dyad/text.h"
#include "text/lexicon.h"
#include "util/utf8.h"

namespace dyad {

namespace {

inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlnum(char c) { return IsAsciiUpper(c) || IsAsciiLower(c) || IsAsciiDigit(c); }
inline bool IsTerminal(char c) { return c == '.' || c == '!' || c == '?'; }
inline bool IsCloser(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }
inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// The word that ends at `end` (exclusive), from the last space or opening bracket/quote.
std::string_view WordBefore(std::string_view t, size_t end) {
  size_t b = end;
  while (b > 0 && !IsSpace(t[b - 1]) && t[b - 1] != '\n' && t[b - 1] != '(' && t[b - 1] != '[' &&
         t[b - 1] != '"') {
    --b;
  }
  return t.substr(b, end - b);
}

// The word that starts at `b`: letters only (enough to look it up as a sentence opener).
std::string_view WordAt(std::string_view t, size_t b) {
  size_t e = b;
  while (e < t.size() && (IsAsciiUpper(t[e]) || IsAsciiLower(t[e]))) ++e;
  return t.substr(b, e - b);
}

// "U.S", "e.g", "U.N" (the final period excluded): single letters separated by periods.
bool IsInitialism(std::string_view w) {
  if (w.size() < 3) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    bool letter = IsAsciiUpper(w[i]) || IsAsciiLower(w[i]);
    if (i % 2 == 0 ? !letter : w[i] != '.') return false;
  }
  return w.size() % 2 == 1;
}

// Whether the text at `m` can start a sentence: an upper-case letter, a digit, an opening
// quote or bracket, or a non-ASCII character that is not lower-case.
bool CanStartSentence(std::string_view t, size_t m) {
  char c = t[m];
  if (IsAsciiUpper(c) || IsAsciiDigit(c) || c == '"' || c == '\'' || c == '(' || c == '[') {
    return true;
  }
  if (static_cast<unsigned char>(c) >= 0x80) {
    int len = 1;
    UChar32 cp = static_cast<UChar32>(DecodeUtf8(t, m, &len));
    return !u_islower(cp);
  }
  return false;
}

bool HasAlnum(std::string_view s) {
  for (char c : s) {
    if (IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// Decides whether the period at `dot` (a single '.') ends a sentence, given that the next
// sentence would start at `next`.
bool PeriodEndsSentence(std::string_view t, size_t dot, size_t next) {
  std::string_view w = WordBefore(t, dot);
  if (w.empty()) return true;
  bool starts_known = IsSentenceOpener(WordAt(t, next));
  switch (AbbreviationKind(w)) {
    case AbbrevKind::kTitle:
      return false;
    case AbbrevKind::kFlexible:
      return starts_known;
    case AbbrevKind::kNone:
      break;
  }
  // An initial ("John F. Kennedy") or an initialism ("the U.S. President").
  if ((w.size() == 1 && IsAsciiUpper(w[0])) || IsInitialism(w)) return starts_known;
  return true;
}

}  // namespace

SentenceSplitter::SentenceSplitter() = default;

void SentenceSplitter::Split(std::string_view t, std::vector<Span>* out, uint32_t base) const {
  const size_t n = t.size();
  size_t start = 0;
  size_t line_first = out->size();  // first sentence of the current line
  auto emit = [&](size_t b, size_t e) {
    while (b < e && (IsSpace(t[b]) || t[b] == '\n')) ++b;
    while (e > b && (IsSpace(t[e - 1]) || t[e - 1] == '\n')) --e;
    if (b == e) return;
    if (!HasAlnum(t.substr(b, e - b))) {
      // A stray " ." belongs to the sentence before it on the same line; a line of bare
      // punctuation ("***") is not a sentence.
      if (out->size() > line_first) out->back().end = static_cast<uint32_t>(e) + base;
      return;
    }
    out->push_back({static_cast<uint32_t>(b) + base, static_cast<uint32_t>(e) + base});
  };
  size_t i = 0;
  while (i < n) {
    char c = t[i];
    if (c == '\n') {
      emit(start, i);
      start = i + 1;
      line_first = out->size();
      ++i;
      continue;
    }
    if (!IsTerminal(c)) {
      ++i;
      continue;
    }
    // A run of terminal punctuation ("?!", "..."), then closing quotes and brackets.
    size_t j = i;
    while (j < n && IsTerminal(t[j])) ++j;
    size_t k = j;
    while (k < n && IsCloser(t[k])) ++k;
    if (k < n && !IsSpace(t[k]) && t[k] != '\n') {
      i = j;  // "3.5", "U.S.A", "example.com", "?!)" inside a token
      continue;
    }
    size_t m = k;
    while (m < n && IsSpace(t[m])) ++m;
    if (m >= n || t[m] == '\n') {
      i = k;  // the line break or the end closes the sentence
      continue;
    }
    bool boundary = CanStartSentence(t, m);
    if (boundary && j - i == 1 && c == '.') boundary = PeriodEndsSentence(t, i, m);
    if (boundary) {
      emit(start, k);
      start = k;
    }
    i = k;
  }
  emit(start, n);
}

}  // namespace dyad
