// Unit tests for the tokenizer. Sentences are our own examples.
#include <gtest/gtest.h>

#include "dyad/text.h"

namespace dyad {
namespace {

std::vector<std::string> Tok(std::string_view t) {
  std::vector<Token> toks;
  Tokenize(t, &toks);
  std::vector<std::string> out;
  for (const Token& k : toks) out.emplace_back(k.in(t));
  return out;
}

std::vector<TokenKind> Kinds(std::string_view t) {
  std::vector<Token> toks;
  Tokenize(t, &toks);
  std::vector<TokenKind> out;
  for (const Token& k : toks) out.push_back(k.kind);
  return out;
}

using V = std::vector<std::string>;

TEST(Tokenizer, WordsAndFinalPeriod) {
  EXPECT_EQ(Tok("Tokayev met Putin."), (V{"Tokayev", "met", "Putin", "."}));
  EXPECT_TRUE(Tok("").empty());
  EXPECT_TRUE(Tok(" \n\t ").empty());
}

TEST(Tokenizer, Possessives) {
  EXPECT_EQ(Tok("Kazakhstan's president"), (V{"Kazakhstan", "'s", "president"}));
  EXPECT_EQ(Tok("the Russians' homes"), (V{"the", "Russians", "'", "homes"}));
  EXPECT_EQ(Kinds("Kazakhstan's"), (std::vector<TokenKind>{TokenKind::kWord, TokenKind::kClitic}));
}

TEST(Tokenizer, Contractions) {
  EXPECT_EQ(Tok("They don't know"), (V{"They", "do", "n't", "know"}));
  EXPECT_EQ(Tok("we can't and we'll"), (V{"we", "ca", "n't", "and", "we", "'ll"}));
  EXPECT_EQ(Tok("O'Brien spoke"), (V{"O'Brien", "spoke"}));
}

TEST(Tokenizer, HyphensAndDashes) {
  EXPECT_EQ(Tok("Kassym-Jomart Tokayev's full-scale war"),
            (V{"Kassym-Jomart", "Tokayev", "'s", "full-scale", "war"}));
  EXPECT_EQ(Tok("a 21-year-old man -- reportedly"),
            (V{"a", "21-year-old", "man", "--", "reportedly"}));
  EXPECT_EQ(Tok("Kyrgyz - Tajik"), (V{"Kyrgyz", "-", "Tajik"}));
}

TEST(Tokenizer, NumbersAndPercentages) {
  EXPECT_EQ(Tok("49% and 49 % of 1,000 people; 3.5 mln"),
            (V{"49", "%", "and", "49", "%", "of", "1,000", "people", ";", "3.5", "mln"}));
  EXPECT_EQ(Kinds("1,000 1980s 2,000-strong $5"),
            (std::vector<TokenKind>{TokenKind::kNumber, TokenKind::kNumber, TokenKind::kWord,
                                    TokenKind::kSymbol, TokenKind::kNumber}));
  EXPECT_EQ(Tok("in 2022."), (V{"in", "2022", "."}));
}

TEST(Tokenizer, AbbreviationsKeepTheirPeriod) {
  EXPECT_EQ(Tok("Mr. Japarov and Gen. Smith of the U.S. army"),
            (V{"Mr.", "Japarov", "and", "Gen.", "Smith", "of", "the", "U.S.", "army"}));
  EXPECT_EQ(Tok("John F. Kennedy"), (V{"John", "F.", "Kennedy"}));
  EXPECT_EQ(Tok("went to Russia."), (V{"went", "to", "Russia", "."}));
  EXPECT_EQ(Tok("e.g. this"), (V{"e.g.", "this"}));
}

TEST(Tokenizer, EllipsisQuotesBrackets) {
  EXPECT_EQ(Tok("\"We waited...\" (he said)"),
            (V{"\"", "We", "waited", "...", "\"", "(", "he", "said", ")"}));
}

TEST(Tokenizer, UrlsAndEmail) {
  EXPECT_EQ(
      Tok("See https://example.org/a?b=1. Or write to press@example.org."),
      (V{"See", "https://example.org/a?b=1", ".", "Or", "write", "to", "press@example.org", "."}));
}

TEST(Tokenizer, NonAsciiLetters) {
  EXPECT_EQ(
      Tok("Micha\xC3\xABl S\xC3\xA9riot and \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD \xE2\x82\xAC"
          "5"),
      (V{"Micha\xC3\xABl", "S\xC3\xA9riot", "and", "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD",
         "\xE2\x82\xAC", "5"}));
  EXPECT_EQ(Tok("ok \xF0\x9F\x98\x80 go"), (V{"ok", "\xF0\x9F\x98\x80", "go"}));
}

TEST(Tokenizer, OffsetsWithBase) {
  std::vector<Token> toks;
  Tokenize("ab cd", &toks, 10);
  ASSERT_EQ(toks.size(), 2u);
  EXPECT_EQ(toks[1].begin, 13u);
  EXPECT_EQ(toks[1].end, 15u);
}

TEST(Tokenizer, TokensNeverOverlapOrContainSpace) {
  std::string t;
  for (int i = 0; i < 5000; ++i) t += "The U.S.-backed plan's 3.5% cut -- \"no,\" she said... ";
  std::vector<Token> toks;
  Tokenize(t, &toks);
  uint32_t prev = 0;
  for (const Token& k : toks) {
    ASSERT_GE(k.begin, prev);
    ASSERT_LT(k.begin, k.end);
    ASSERT_EQ(k.in(t).find(' '), std::string_view::npos);
    prev = k.end;
  }
}

}  // namespace
}  // namespace dyad
