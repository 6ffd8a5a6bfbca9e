#include "util/utf8.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

TEST(Utf8Test, UpperForMatchingFoldsEveryLetter) {
  EXPECT_EQ(UpperForMatching("Tokayev"), "TOKAYEV");
  EXPECT_EQ(UpperForMatching("Erdo\xC4\x9F"
                             "an"),
            "ERDO\xC4\x9E"
            "AN");                                            // ğ -> Ğ
  EXPECT_EQ(UpperForMatching("C\xC3\xB4te"), "C\xC3\x94TE");  // ô -> Ô
  EXPECT_EQ(UpperForMatching("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"),
            "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90");  // Москва -> МОСКВА
}

TEST(Utf8Test, UpperForMatchingReadsTypographicApostrophes) {
  EXPECT_EQ(UpperForMatching("Tokayev\xE2\x80\x99s"), "TOKAYEV'S");
  EXPECT_EQ(UpperForMatching("don't"), "DON'T");
}

TEST(Utf8Test, UpperForMatchingKeepsInvalidBytes) {
  EXPECT_EQ(UpperForMatching(std::string("a\xFF"
                                         "b",
                                         3)),
            std::string("A\xFF"
                        "B",
                        3));
  EXPECT_EQ(UpperForMatching(std::string("x\xC4", 2)), std::string("X\xC4", 2));
  EXPECT_EQ(UpperForMatching(""), "");
}

TEST(Utf8Test, DecodeAndFindInvalid) {
  int len = 0;
  EXPECT_EQ(DecodeUtf8("\xC4\x9F", 0, &len), 0x11Fu);
  EXPECT_EQ(len, 2);
  EXPECT_EQ(FindInvalidUtf8("ok \xC4\x9F"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8(std::string("ok\xC0\x80", 4)), 2u);  // overlong
}

}  // namespace
}  // namespace dyad
