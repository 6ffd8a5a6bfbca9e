// Sentence splitting and tokenization over cleaned article text.
//
// Both work on UTF-8 text produced by the cleaner (NFC, ASCII quotes and dashes, '\n' line
// breaks) and return byte offsets into that text; nothing is copied. Both are thread-safe
// after construction and allocation-free apart from growing the output vector.
#ifndef DYAD_TEXT_H_
#define DYAD_TEXT_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace dyad {

// A half-open byte range [begin, end) into some text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(const Span&, const Span&) = default;
};

// Splits text into sentences.
//
// Contract:
//  - A line break ('\n') always ends a sentence: the cleaner has already joined hard-wrapped
//    lines, so each remaining line is a headline, a paragraph or part of one.
//  - Within a line, '.', '!', '?' and "..." (followed by optional closing quotes/brackets)
//    end a sentence when followed by whitespace and a plausible sentence start, except after
//    known abbreviations (Mr., Gen., Jan., No., ...), initials (J. F. Kennedy), and
//    initialisms (U.S.) that are followed by a name rather than a new sentence.
//  - Returned spans are trimmed of surrounding whitespace, never empty, in order and
//    non-overlapping. A fragment holding only punctuation (a stray " .") is merged into the
//    preceding sentence.
class SentenceSplitter {
 public:
  SentenceSplitter();
  // Appends the sentence spans of `text` to `out`; offsets are relative to `text` plus `base`.
  void Split(std::string_view text, std::vector<Span>* out, uint32_t base = 0) const;
  std::vector<Span> Split(std::string_view text) const {
    std::vector<Span> out;
    Split(text, &out);
    return out;
  }
};

enum class TokenKind : uint8_t {
  kWord,    // letters, possibly with inner hyphens/apostrophes/periods: Kassym-Jomart, U.S., Mr.
  kNumber,  // 49, 1,000, 3.5, 2022, 1980s
  kPunct,   // . , ; : ! ? " ' ( ) [ ] -- ...
  kSymbol,  // % $ & / + and other symbols
  kClitic,  // 's ' n't 're 've 'll 'd 'm split off a word (PTB style)
};

struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
};

// Splits text into tokens with byte offsets (zero-copy).
//
// Contract:
//  - Whitespace separates tokens and is never part of one.
//  - Possessives and contractions split PTB-style: "Kazakhstan's" -> "Kazakhstan" "'s",
//    "don't" -> "do" "n't", "Russians'" -> "Russians" "'".
//  - Hyphenated words stay whole ("Kassym-Jomart", "full-scale"); "--" is punctuation.
//  - Numbers keep inner separators ("1,000", "3.5"); "49%" and "49 %" both give "49" "%".
//  - Abbreviations with periods ("Mr.", "U.S.") keep their period; a sentence-final period is
//    its own token.
//  - Any non-ASCII code point that ICU calls a letter or mark is part of a word.
void Tokenize(std::string_view text, std::vector<Token>* out, uint32_t base = 0);

}  // namespace dyad

#endif  // DYAD_TEXT_H_
