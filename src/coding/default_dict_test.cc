// dyad's own dictionaries (data/dict): how their patterns are written, and what a verb with
// two senses codes in each. The sentences are written for this test.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "dyad/diagnostics.h"
#include "dyad/pipeline.h"
#include "dyad/tabari.h"

namespace dyad {
namespace {

// In a pattern a word without '_' is a stem: it matches every word it begins (TABARI manual
// 5.2.3), and '_' after a closing '}' only makes the next element consecutive (5.7), so
// "{ OVER | FOR }" also matches "overnight" and "forces". Words like these must be written
// exact (OVER_) in a pattern.
TEST(DefaultDictionaries, PatternsSpellFunctionWordsExactly) {
  if (DefaultDictionaryDir().empty()) GTEST_SKIP() << "no default dictionaries";
  static const std::set<std::string> kFunctionWords = {
      "A",    "AN",   "THE",  "ON",   "FOR",  "OF",   "AT",  "IN",   "INTO", "ONTO", "UPON",
      "TO",   "AS",   "BY",   "FROM", "WITH", "OVER", "UP",  "OUT",  "OFF",  "DOWN", "AWAY",
      "NEAR", "IT",   "ITS",  "IS",   "WAS",  "WERE", "HAS", "HAVE", "HAD",  "HIS",  "HER",
      "OUR",  "WE",   "THEY", "I",    "NO",   "NOT",  "DO",  "DID",  "CAN",  "MAY",  "MUST",
      "WILL", "THAT", "THIS", "THAN", "SO",   "MR",   "MRS", "MS",   "DR",   "ONE",  "ALL"};
  std::ifstream in(DefaultDictionaryDir() + "/dyad.verbs");
  ASSERT_TRUE(in) << "cannot read dyad.verbs";
  std::vector<std::string> stems;
  size_t patterns = 0;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.starts_with("- ")) continue;
    ++patterns;
    const std::string body = line.substr(0, line.find('['));
    for (size_t i = 0; i < body.size();) {
      if (!std::isupper(static_cast<unsigned char>(body[i]))) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < body.size() &&
             (std::isupper(static_cast<unsigned char>(body[j])) ||
              std::isdigit(static_cast<unsigned char>(body[j])) || body[j] == '\'')) {
        ++j;
      }
      const bool synset = i > 0 && body[i - 1] == '&';
      const bool marked = j < body.size() && (body[j] == '_' || body[j] == '=' || body[j] == '~');
      const std::string word = body.substr(i, j - i);
      if (!synset && !marked && kFunctionWords.contains(word)) {
        stems.push_back("line " + std::to_string(n) + ": " + word);
      }
      i = j;
    }
  }
  EXPECT_GT(patterns, 1000u);
  std::string list;
  for (const std::string& s : stems) list += "\n  " + s;
  EXPECT_TRUE(stems.empty()) << "function words written as stems in dyad.verbs:" << list;
}

class DefaultCoding : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (DefaultDictionaryDir().empty()) return;
    CountingSink diag(nullptr);
    auto d = tabari::DictionarySet::Load({DefaultDictionaryDir()}, diag, false);
    if (d.ok()) dicts_ = d->release();
  }
  static void TearDownTestSuite() {
    delete dicts_;
    dicts_ = nullptr;
  }
  void SetUp() override {
    if (dicts_ == nullptr) GTEST_SKIP() << "no default dictionaries";
  }
  // "SOURCE CODE TARGET" for each event of the sentence, separated by "; ".
  static std::string Events(const std::string& sentence) {
    std::string out;
    for (const auto& e : dicts_->Code(sentence, 20230101).events) {
      if (!out.empty()) out += "; ";
      out += e.source + " " + e.code + " " + e.target;
    }
    return out;
  }
  static tabari::DictionarySet* dicts_;
};
tabari::DictionarySet* DefaultCoding::dicts_ = nullptr;

// "Attacked" is force against armed forces, bases and towns, and criticism over a policy or
// for a deed. Words that only begin like "over" and "for" ("overnight", "forces") say nothing.
TEST_F(DefaultCoding, AttackedIsForceUnlessItsObjectIsAPolicyOrAGrievance) {
  EXPECT_EQ(Events("The Russian army attacked the Ukrainian city of Kharkiv overnight, officials "
                   "in Kyiv said."),
            "RUSMIL 190 UKR");
  EXPECT_EQ(Events("Russian troops attacked a base of the Ukrainian forces near Kherson on "
                   "Tuesday, the Ukrainian military said."),
            "RUSMIL 190 UKRMIL");
  EXPECT_EQ(Events("The Ukrainian foreign minister attacked Russia over its blockade of grain "
                   "exports from Odesa on Monday."),
            "UKRGOV 111 RUS");
  EXPECT_EQ(Events("The Kazakh president publicly attacked Russia for its treatment of migrant "
                   "workers from Central Asia."),
            "KAZGOV 111 RUS");
}

// Support as a noun: "a statement in support of X" endorses X.
TEST_F(DefaultCoding, AStatementInSupportOfAStateEndorsesIt) {
  EXPECT_EQ(Events("Kazakhstan issued a statement in support of the territorial integrity of "
                   "Georgia on Friday."),
            "KAZ 051 GEO");
}

}  // namespace
}  // namespace dyad
