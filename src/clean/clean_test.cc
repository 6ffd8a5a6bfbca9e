// Unit tests for cleaning: normalisation, whitespace repair, furniture and the offset map.
#include <gtest/gtest.h>

#include "clean/furniture.h"
#include "dyad/clean.h"

namespace dyad {
namespace {

// Every byte of cleaned text that was copied must map back to the same byte in the original.
void ExpectCopiedBytesMapBack(std::string_view original, const CleanedText& c) {
  for (const auto& s : c.map.segments()) {
    if (!s.exact) continue;
    EXPECT_EQ(c.text.substr(s.clean_begin, s.clean_len), original.substr(s.orig_begin, s.orig_len))
        << "segment at cleaned offset " << s.clean_begin;
  }
  EXPECT_EQ(c.map.clean_size(), c.text.size());
}

TEST(Clean, PlainAsciiIsUnchangedAndMapsToItself) {
  std::string t = "Tokayev met Putin.\n\nThey talked.";
  CleanedText c = Clean(t);
  EXPECT_EQ(c.text, t);
  ASSERT_EQ(c.map.segments().size(), 1u);
  EXPECT_EQ(c.map.ToOriginal(12), 12u);
  ExpectCopiedBytesMapBack(t, c);
}

TEST(Clean, TypographicPunctuationBecomesAscii) {
  std::string t =
      "Russia\xE2\x80\x99s \xE2\x80\x9Cspecial\xE2\x80\x9D war \xE2\x80\x93 "
      "Kyrgyzstan\xE2\x80\x94Tajikistan\xE2\x80\xA6 end";
  CleanedText c = Clean(t);
  EXPECT_EQ(c.text, "Russia's \"special\" war - Kyrgyzstan--Tajikistan... end");
  ExpectCopiedBytesMapBack(t, c);
  // The apostrophe maps to the 3-byte original character.
  size_t apos = c.text.find('\'');
  EXPECT_EQ(c.map.ToOriginal(static_cast<uint32_t>(apos)), 6u);
  EXPECT_EQ(c.map.ToOriginalEnd(static_cast<uint32_t>(apos + 1)), 9u);
  // "Kyrgyzstan" after the replaced dash maps exactly.
  size_t k = c.text.find("Kyrgyzstan");
  uint32_t ok = c.map.ToOriginal(static_cast<uint32_t>(k));
  EXPECT_EQ(t.substr(ok, 10), "Kyrgyzstan");
}

TEST(Clean, WhitespaceRepair) {
  std::string t = "  The  Federation\xC2\xA0. Then\t\ttalks , and more   \r\nNext line\n\n\n\nPara";
  CleanedText c = Clean(t);
  EXPECT_EQ(c.text, "The Federation. Then talks, and more\nNext line\n\nPara");
  ExpectCopiedBytesMapBack(t, c);
}

TEST(Clean, ZeroWidthAndSoftHyphenAreDropped) {
  std::string t =
      "Astana\xE2\x80\x8B is in Kaz\xC2\xAD"
      "akhstan.";
  CleanedText c = Clean(t);
  EXPECT_EQ(c.text, "Astana is in Kazakhstan.");
  ExpectCopiedBytesMapBack(t, c);
}

TEST(Clean, NfcNormalisesDecomposedLetters) {
  std::string t = "Michae\xCC\x88l Levystone spoke.\nNext.";  // e + combining diaeresis
  CleanedText c = Clean(t);
  EXPECT_EQ(c.text, "Micha\xC3\xABl Levystone spoke.\nNext.");
  // The second line is still mapped exactly.
  size_t n = c.text.find("Next");
  EXPECT_EQ(t.substr(c.map.ToOriginal(static_cast<uint32_t>(n)), 4), "Next");
}

TEST(Clean, HardWrappedLinesAreJoined) {
  std::string t =
      "    Kazakhstan said on Tuesday that it would not recognise the\n"
      "annexation of the four regions, the foreign ministry said in a\n"
      "statement issued in the capital.\n"
      "    The ministry added that it respected the territorial integrity\n"
      "of all member states of the United Nations and would keep to it.\n"
      "    Officials gave no further details.\n";
  CleanedText c = Clean(t);
  EXPECT_EQ(c.text,
            "Kazakhstan said on Tuesday that it would not recognise the annexation of the four "
            "regions, the foreign ministry said in a statement issued in the capital.\n"
            "The ministry added that it respected the territorial integrity of all member states "
            "of the United Nations and would keep to it.\nOfficials gave no further details.");
  ExpectCopiedBytesMapBack(t, c);
}

TEST(Clean, ParagraphLinesAreNotJoined) {
  std::string t =
      "Kazakhstan refused to recognise the annexation of four regions of Ukraine, officials said "
      "on Friday in Astana.\nThe foreign ministry cited the principle of territorial integrity "
      "and the Charter of the United Nations.\nRussia made no comment.";
  EXPECT_EQ(Clean(t).text, t);
}

TEST(Furniture, TrailingAppAdvertAndNewsletterAreRemoved) {
  std::string t =
      "Headline about talks\n\nThe talks ended on Friday without agreement, the ministry said.\n\n"
      "The digest of the\n\nWeekly newsletter invites you to catch up\n\nI subscribe\n\n"
      "Take the news everywhere with you!\n\nDownload the Example app\n\nstore-badge_EN";
  CleanedText c = Clean(t);
  EXPECT_EQ(c.text,
            "Headline about talks\n\nThe talks ended on Friday without agreement, the ministry "
            "said.");
  EXPECT_EQ(c.removed.size(), 6u);
  for (const auto& r : c.removed) EXPECT_EQ(r.kind, "furniture");
  EXPECT_EQ(c.headline, "Headline about talks");
}

TEST(Furniture, DonationAppealIsRemovedButProseIsKept) {
  std::string t =
      "The summit ended.\n\nLeaders signed a declaration on water and energy.\n\n"
      "Unlike many outlets, we are free to read. There is no paywall here. Your support will "
      "help us continue.\n\nYou can contribute here. Thank you.\n\nsupport independent journalism";
  CleanedText c = Clean(t);
  EXPECT_EQ(c.text, "The summit ended.\n\nLeaders signed a declaration on water and energy.");
}

TEST(Furniture, ShortFinalLineWithoutFurnitureIsKept) {
  std::string t = "The minister resigned on Monday.\n\nMore to follow";
  EXPECT_EQ(Clean(t).text, t);
}

TEST(Furniture, ProvenanceAndBioAreSetAside) {
  std::string t =
      "Leaders met in Berlin.\n\nJane Q Example is Associate Lecturer in Security Studies, "
      "Example University\n\nThis article was republished from The Example under a Creative "
      "Commons license. Read the original article.";
  CleanedText c = Clean(t);
  EXPECT_EQ(c.text, "Leaders met in Berlin.");
  ASSERT_EQ(c.removed.size(), 2u);
  EXPECT_EQ(c.removed[0].kind, "author-bio");
  EXPECT_EQ(c.removed[1].kind, "provenance");
  EXPECT_NE(c.removed[1].text.find("republished from The Example"), std::string::npos);

  CleanedText s = Clean("Leaders met.\nSource: Example Radio");
  EXPECT_EQ(s.text, "Leaders met.");
  ASSERT_EQ(s.removed.size(), 1u);
  EXPECT_EQ(s.removed[0].kind, "provenance");
}

TEST(Furniture, SectionLabelDuplicateHeadlineAndReadAlso) {
  std::string t =
      "Analysis\n\nWary of the war, region drifts - Example Times\n\n"
      "Wary of the war, region drifts \xE2\x80\x93 Example Times\n\n"
      "The region is changing.\n\n>> Read also: Another story entirely\n\nIt continues.";
  CleanedText c = Clean(t);
  EXPECT_EQ(c.text, "Wary of the war, region drifts\n\nThe region is changing.\n\nIt continues.");
  EXPECT_EQ(c.headline, "Wary of the war, region drifts");
  EXPECT_EQ(c.headline_site, "Example Times");
  ASSERT_EQ(c.removed.size(), 4u);
  EXPECT_EQ(c.removed[0].kind, "section-label");
  EXPECT_EQ(c.removed[1].kind, "site-suffix");
  EXPECT_EQ(c.removed[2].kind, "duplicate-headline");
  EXPECT_EQ(c.removed[3].kind, "read-also");
}

TEST(Furniture, SiteSuffixNeedsAShortCapitalisedName) {
  std::string_view title, site;
  EXPECT_TRUE(SplitSiteSuffix("Talks stall over water | Steppe Daily", &title, &site));
  EXPECT_EQ(site, "Steppe Daily");
  EXPECT_FALSE(SplitSiteSuffix("Talks stall - and then resume", &title, &site));
  EXPECT_FALSE(SplitSiteSuffix("Kyrgyz - Tajik border", &title, &site));
}

TEST(OffsetMap, SerializeRoundTrip) {
  OffsetMap m;
  m.Append(0, 5, 5, true);
  m.Append(7, 1, 3, false);
  m.Append(10, 4, 4, true);
  m.Append(14, 3, 3, false);  // "..." for U+2026: same length, not a copy
  auto back = OffsetMap::Deserialize(m.Serialize());
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->segments().size(), 4u);
  EXPECT_FALSE(back->segments()[3].exact);
  EXPECT_EQ(back->ToOriginal(11), 14u);
  EXPECT_EQ(back->ToOriginalEnd(11), 17u);
  EXPECT_EQ(back->ToOriginal(5), 7u);
  EXPECT_EQ(back->ToOriginalEnd(6), 10u);
  EXPECT_EQ(back->ToOriginal(7), 11u);
  EXPECT_FALSE(OffsetMap::Deserialize("short").ok());
}

// Wrapped lines: each line break became a space. Stored, the map is one exact run that maps
// every offset as the segment-per-line map does.
TEST(OffsetMap, OneByteReplacementsAreStoredInTheCopiedRun) {
  OffsetMap m;
  m.Append(0, 10, 10, true);
  m.Append(10, 1, 1, false);  // '\n' -> ' '
  m.Append(11, 10, 10, true);
  m.Append(21, 1, 1, false);
  m.Append(22, 5, 5, true);
  m.Append(30, 1, 3, false);  // three spaces -> one: a real replacement
  m.Append(33, 4, 4, true);
  auto back = OffsetMap::Deserialize(m.Serialize());
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->segments().size(), 3u);
  EXPECT_EQ(back->segments()[0].clean_len, 27u);
  EXPECT_FALSE(back->segments()[1].exact);
  for (uint32_t c = 0; c <= m.clean_size(); ++c) {
    EXPECT_EQ(back->ToOriginal(c), m.ToOriginal(c)) << c;
    EXPECT_EQ(back->ToOriginalEnd(c), m.ToOriginalEnd(c)) << c;
  }
}

}  // namespace
}  // namespace dyad
