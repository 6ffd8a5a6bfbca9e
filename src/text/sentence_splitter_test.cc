// Unit tests for the sentence splitter. Sentences are our own examples.
#include <gtest/gtest.h>

#include "dyad/text.h"

namespace dyad {
namespace {

std::vector<std::string> Split(std::string_view t) {
  std::vector<std::string> out;
  for (const Span& s : SentenceSplitter().Split(t)) out.emplace_back(s.in(t));
  return out;
}

using V = std::vector<std::string>;

TEST(SentenceSplitter, BasicTerminators) {
  EXPECT_EQ(Split("Troops arrived. They left! Why? Nobody knows."),
            (V{"Troops arrived.", "They left!", "Why?", "Nobody knows."}));
}

TEST(SentenceSplitter, EmptyAndWhitespace) {
  EXPECT_TRUE(Split("").empty());
  EXPECT_TRUE(Split("  \n\n \t ").empty());
  EXPECT_EQ(Split("  no final punctuation  "), (V{"no final punctuation"}));
}

TEST(SentenceSplitter, LineBreaksEndSentences) {
  EXPECT_EQ(Split("Kazakhstan asks bloc for troops\n\nThe president spoke.\nHe left."),
            (V{"Kazakhstan asks bloc for troops", "The president spoke.", "He left."}));
}

TEST(SentenceSplitter, TitlesAndAbbreviations) {
  EXPECT_EQ(Split("Mr. Tokayev met Gen. Petrov and Dr. Smith on Jan. 5 in St. Petersburg."),
            (V{"Mr. Tokayev met Gen. Petrov and Dr. Smith on Jan. 5 in St. Petersburg."}));
  EXPECT_EQ(Split("Resolution No. 5 passed."), (V{"Resolution No. 5 passed."}));
  EXPECT_EQ(Split("He works for Acme Inc. The firm denied it."),
            (V{"He works for Acme Inc.", "The firm denied it."}));
  EXPECT_EQ(Split("Shares of Acme Inc. Chief Executive Jane Roe sold."),
            (V{"Shares of Acme Inc. Chief Executive Jane Roe sold."}));
}

TEST(SentenceSplitter, InitialsAndInitialisms) {
  EXPECT_EQ(Split("John F. Kennedy visited. George W. Bush did too."),
            (V{"John F. Kennedy visited.", "George W. Bush did too."}));
  EXPECT_EQ(Split("The U.S. President Joe Biden met them."),
            (V{"The U.S. President Joe Biden met them."}));
  EXPECT_EQ(Split("He flew to the U.S. The talks began on Monday."),
            (V{"He flew to the U.S.", "The talks began on Monday."}));
  EXPECT_EQ(Split("Sanctions, e.g. on banks, were imposed."),
            (V{"Sanctions, e.g. on banks, were imposed."}));
}

TEST(SentenceSplitter, NumbersAndDecimals) {
  EXPECT_EQ(Split("Prices rose 3.5 percent in 2022. Fuel cost 10.30 a litre."),
            (V{"Prices rose 3.5 percent in 2022.", "Fuel cost 10.30 a litre."}));
  EXPECT_EQ(Split("Turnout was 49%. Officials were pleased."),
            (V{"Turnout was 49%.", "Officials were pleased."}));
}

TEST(SentenceSplitter, Quotations) {
  EXPECT_EQ(Split("He said: \"We will leave.\" Then he left."),
            (V{"He said: \"We will leave.\"", "Then he left."}));
  EXPECT_EQ(Split("\"We will leave,\" he said. \"Soon.\""),
            (V{"\"We will leave,\" he said.", "\"Soon.\""}));
  EXPECT_EQ(Split("\"Will you?\" he asked. \"No!\" she replied."),
            (V{"\"Will you?\" he asked.", "\"No!\" she replied."}));
  EXPECT_EQ(Split("It ended (as expected.) Later, talks resumed."),
            (V{"It ended (as expected.)", "Later, talks resumed."}));
}

TEST(SentenceSplitter, LowercaseAfterTerminatorDoesNotSplit) {
  EXPECT_EQ(Split("Is it over? not yet, officials said."),
            (V{"Is it over? not yet, officials said."}));
}

TEST(SentenceSplitter, EllipsisAndStrayPeriods) {
  EXPECT_EQ(Split("We waited... Nothing happened."), (V{"We waited...", "Nothing happened."}));
  EXPECT_EQ(Split("Prices rose. . Then fell."), (V{"Prices rose. .", "Then fell."}));
  EXPECT_EQ(Split("Text here.\n***\nMore."), (V{"Text here.", "More."}));
}

TEST(SentenceSplitter, NonAsciiStarts) {
  EXPECT_EQ(Split("He spoke. \xC3\x89mile answered. \xC3\xA9tait-il?"),
            (V{"He spoke.", "\xC3\x89mile answered. \xC3\xA9tait-il?"}));
}

TEST(SentenceSplitter, OffsetsWithBase) {
  std::string t = "A b. C d.";
  std::vector<Span> out;
  SentenceSplitter().Split(t, &out, 100);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].begin, 100u);
  EXPECT_EQ(out[0].end, 104u);
  EXPECT_EQ(out[1].begin, 105u);
  EXPECT_EQ(out[1].end, 109u);
}

TEST(SentenceSplitter, LongLineAndEmoji) {
  std::string t;
  for (int i = 0; i < 20000; ++i) t += "Troops moved north \xF0\x9F\x98\x80 today. ";
  auto spans = SentenceSplitter().Split(t);
  ASSERT_EQ(spans.size(), 20000u);
  EXPECT_EQ(spans.back().in(t), "Troops moved north \xF0\x9F\x98\x80 today.");
}

}  // namespace
}  // namespace dyad
