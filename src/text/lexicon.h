// Small word lists the splitter and tokenizer consult: abbreviations that take a period, and
// words that typically open a sentence. Constant, sorted tables searched by binary search.
#ifndef DYAD_TEXT_LEXICON_H_
#define DYAD_TEXT_LEXICON_H_

#include <string_view>

namespace dyad {

enum class AbbrevKind {
  kNone,
  kTitle,     // Mr. Dr. Gen. No. St. -- precedes a name or number: never ends a sentence
  kFlexible,  // Inc. Jan. etc. Jr. -- ends a sentence only before a typical sentence opener
};

// `word` is the text before the period, without it ("Mr", "Sept", "etc").
AbbrevKind AbbreviationKind(std::string_view word);

// True for words that typically open a sentence ("The", "He", "But", "In", ...).
bool IsSentenceOpener(std::string_view word);

}  // namespace dyad

#endif  // DYAD_TEXT_LEXICON_H_
