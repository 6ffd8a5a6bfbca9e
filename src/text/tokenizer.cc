// Tokenization: one pass, zero-copy; see the contract in include/dyad/text.h.
#include <unicode/uchar.h>

#include "dyad/text.h"
#include "text/lexicon.h"
#include "util/utf8.h"

namespace dyad {

namespace {

enum : uint8_t { kOther = 0, kAlpha = 1, kDigit = 2, kSpaceCh = 3, kHigh = 4 };

struct Classes {
  uint8_t c[256];
  constexpr Classes() : c{} {
    for (int i = 0; i < 256; ++i) {
      if ((i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z')) {
        c[i] = kAlpha;
      } else if (i >= '0' && i <= '9') {
        c[i] = kDigit;
      } else if (i == ' ' || i == '\t' || i == '\n' || i == '\r' || i == '\f' || i == '\v') {
        c[i] = kSpaceCh;
      } else if (i >= 0x80) {
        c[i] = kHigh;
      } else {
        c[i] = kOther;
      }
    }
  }
};
constexpr Classes kCls;

inline uint8_t Cls(char c) { return kCls.c[static_cast<unsigned char>(c)]; }

// Length of the word character (letter, mark or digit; any script) at t[i], or 0.
size_t WordCharLen(std::string_view t, size_t i) {
  uint8_t k = Cls(t[i]);
  if (k == kAlpha || k == kDigit) return 1;
  if (k != kHigh) return 0;
  int len = 1;
  UChar32 cp = static_cast<UChar32>(DecodeUtf8(t, i, &len));
  int8_t type = u_charType(cp);
  bool word = u_isalnum(cp) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
              type == U_ENCLOSING_MARK;
  return word ? static_cast<size_t>(len) : 0;
}

inline bool IsLetterAt(std::string_view t, size_t i) {
  return i < t.size() && (Cls(t[i]) == kAlpha || (Cls(t[i]) == kHigh && WordCharLen(t, i) > 0));
}
inline bool IsWordAt(std::string_view t, size_t i) { return i < t.size() && WordCharLen(t, i); }
inline bool IsDigitAt(std::string_view t, size_t i) { return i < t.size() && Cls(t[i]) == kDigit; }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (Lower(s[i]) != lower[i]) return false;
  }
  return true;
}

// URLs and e-mail addresses run to the next space, less trailing punctuation.
size_t UrlEnd(std::string_view t, size_t i) {
  size_t e = i;
  while (e < t.size() && Cls(t[e]) != kSpaceCh) ++e;
  while (e > i && (t[e - 1] == '.' || t[e - 1] == ',' || t[e - 1] == ';' || t[e - 1] == ':' ||
                   t[e - 1] == ')' || t[e - 1] == '"' || t[e - 1] == '\'' || t[e - 1] == '!' ||
                   t[e - 1] == '?')) {
    --e;
  }
  return e;
}

bool StartsUrl(std::string_view t, size_t i) {
  std::string_view r = t.substr(i, 8);
  return r.starts_with("http://") || r.starts_with("https://") || r.starts_with("www.");
}

class Tokenizer {
 public:
  Tokenizer(std::string_view t, std::vector<Token>* out, uint32_t base)
      : t_(t), out_(out), base_(base) {}

  void Run() {
    size_t i = 0;
    const size_t n = t_.size();
    while (i < n) {
      uint8_t k = Cls(t_[i]);
      if (k == kSpaceCh) {
        ++i;
        continue;
      }
      if (StartsUrl(t_, i)) {
        size_t e = UrlEnd(t_, i);
        if (e > i + 4) {
          Add(i, e, TokenKind::kSymbol);
          i = e;
          continue;
        }
      }
      if (k == kAlpha || k == kDigit || (k == kHigh && WordCharLen(t_, i) > 0)) {
        i = Word(i);
        continue;
      }
      i = Punct(i);
    }
  }

 private:
  void Add(size_t b, size_t e, TokenKind kind) {
    out_->push_back({static_cast<uint32_t>(b) + base_, static_cast<uint32_t>(e) + base_, kind});
  }

  // A word or number starting at b; returns where scanning continues.
  size_t Word(size_t b) {
    const size_t n = t_.size();
    size_t i = b;
    bool numeric = Cls(t_[b]) == kDigit;
    bool has_period = false;
    while (i < n) {
      if (size_t len = WordCharLen(t_, i)) {
        i += len;
        continue;
      }
      char c = t_[i];
      // Inner joiners: "Kassym-Jomart", "1,000", "3.5", "U.S", "O'Brien" (clitics below).
      if (c == '-' && IsWordAt(t_, i + 1) && t_[i - 1] != '-') {
        ++i;
        continue;
      }
      if ((c == ',' || c == '.') && numeric && IsDigitAt(t_, i + 1) && IsDigitAt(t_, i - 1)) {
        ++i;
        continue;
      }
      if (c == '.' && !numeric && IsLetterAt(t_, i + 1) && i + 2 <= n &&
          (i + 2 == n || t_[i + 2] == '.' || !IsWordAt(t_, i + 2))) {
        // "U.S", "e.g": a single letter follows the period.
        has_period = true;
        ++i;
        continue;
      }
      if (c == '\'' && IsLetterAt(t_, i + 1)) {
        ++i;
        continue;
      }
      if (c == '@' && IsWordAt(t_, i + 1) && !numeric) {
        size_t e = UrlEnd(t_, b);
        Add(b, e, TokenKind::kSymbol);  // an e-mail address
        return e;
      }
      break;
    }
    size_t e = i;
    // A period that belongs to the word: initialisms ("U.S."), single initials ("F."),
    // known abbreviations ("Mr.", "Gen.", "Jan.").
    if (e < n && t_[e] == '.' && !numeric && !(e + 1 < n && t_[e + 1] == '.')) {
      std::string_view w = t_.substr(b, e - b);
      bool initial = w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z';
      if (has_period || initial || AbbreviationKind(w) != AbbrevKind::kNone) ++e;
    }
    return EmitWord(b, e, numeric);
  }

  // Splits clitics off a word [b, e), emits the parts, and returns where scanning resumes.
  size_t EmitWord(size_t b, size_t e, bool numeric) {
    std::string_view w = t_.substr(b, e - b);
    // "n't": "don't" -> "do" "n't", "can't" -> "ca" "n't".
    if (w.size() > 3 && EqualsLower(w.substr(w.size() - 3), "n't")) {
      Add(b, e - 3, TokenKind::kWord);
      Add(e - 3, e, TokenKind::kClitic);
      return e;
    }
    size_t apos = w.rfind('\'');
    if (apos != std::string_view::npos && apos > 0) {
      std::string_view suf = w.substr(apos + 1);
      for (std::string_view c : {"s", "re", "ve", "ll", "d", "m"}) {
        if (EqualsLower(suf, c)) {
          Add(b, b + apos, numeric ? TokenKind::kNumber : TokenKind::kWord);
          Add(b + apos, e, TokenKind::kClitic);
          return e;
        }
      }
    }
    TokenKind kind = TokenKind::kWord;
    if (numeric) {
      // "2022", "1,000", "3.5", "1980s" are numbers; "21-year-old", "2,000-strong" words.
      kind = w.find('-') == std::string_view::npos ? TokenKind::kNumber : TokenKind::kWord;
    }
    Add(b, e, kind);
    // "Russians' homes": an apostrophe right after a word ending in s is a possessive clitic.
    if (e < t_.size() && t_[e] == '\'' && (t_[e - 1] == 's' || t_[e - 1] == 'S') &&
        !IsLetterAt(t_, e + 1)) {
      Add(e, e + 1, TokenKind::kClitic);
      return e + 1;
    }
    return e;
  }

  // Punctuation and symbols starting at b.
  size_t Punct(size_t b) {
    const size_t n = t_.size();
    char c = t_[b];
    if (c == '-' && b + 1 < n && t_[b + 1] == '-') {
      size_t e = b;
      while (e < n && t_[e] == '-') ++e;
      Add(b, e, TokenKind::kPunct);
      return e;
    }
    if (c == '.' && b + 2 < n && t_[b + 1] == '.' && t_[b + 2] == '.') {
      size_t e = b;
      while (e < n && t_[e] == '.') ++e;
      Add(b, e, TokenKind::kPunct);
      return e;
    }
    if (Cls(c) == kHigh) {
      int len = 1;
      UChar32 cp = static_cast<UChar32>(DecodeUtf8(t_, b, &len));
      int8_t type = u_charType(cp);
      bool symbol = type == U_CURRENCY_SYMBOL || type == U_MATH_SYMBOL ||
                    type == U_MODIFIER_SYMBOL || type == U_OTHER_SYMBOL;
      Add(b, b + static_cast<size_t>(len), symbol ? TokenKind::kSymbol : TokenKind::kPunct);
      return b + static_cast<size_t>(len);
    }
    switch (c) {
      case '%':
      case '$':
      case '&':
      case '/':
      case '+':
      case '#':
      case '@':
      case '*':
      case '=':
      case '<':
      case '>':
      case '^':
      case '~':
      case '|':
      case '\\':
      case '`':
        Add(b, b + 1, TokenKind::kSymbol);
        break;
      default:
        Add(b, b + 1, TokenKind::kPunct);
    }
    return b + 1;
  }

  std::string_view t_;
  std::vector<Token>* out_;
  uint32_t base_;
};

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>* out, uint32_t base) {
  Tokenizer(text, out, base).Run();
}

}  // namespace dyad
