#include "dyad/dedup.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "dedup/compact.h"

namespace dyad {
namespace {

const std::vector<std::string> kStory = {
    "Kazakhstan refused on Friday to recognise the annexation of four Ukrainian regions by Russia.",
    "President Tokayev told a forum in Astana that his country respected the territorial "
    "integrity of Ukraine.",
    "The foreign ministry said 43 percent of Kazakh exports still went through Russian ports.",
    "Officials in Moscow did not comment on the statement from Astana on Saturday morning.",
    "Analysts in Almaty said the decision showed growing confidence among Central Asian "
    "governments.",
};

TEST(DedupTest, ContentWordsAreStemmedWithoutStopWords) {
  auto w = ContentWords("The governments were recognising Russia's claims.");
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].stem, "govern");
  EXPECT_EQ(w[1].stem, "recognis");
  EXPECT_EQ(w[2].stem, "russia");
  EXPECT_EQ(w[3].stem, "claim");
  EXPECT_EQ(w[2].begin, 33u);
}

TEST(DedupTest, MinHashEstimatesOverlap) {
  std::vector<uint64_t> a, b;
  for (uint64_t i = 0; i < 200; ++i) a.push_back(i * 7919);
  for (uint64_t i = 100; i < 300; ++i) b.push_back(i * 7919);  // Jaccard 1/3
  auto sa = MinHash(a), sb = MinHash(b);
  ASSERT_EQ(sa.size(), kSignatureSize);
  size_t same = 0;
  for (size_t i = 0; i < kSignatureSize; ++i) same += sa[i] == sb[i];
  double est = static_cast<double>(same) / kSignatureSize;
  EXPECT_NEAR(est, 1.0 / 3, 0.12);
  EXPECT_EQ(BandKeys(sa).size(), kBands);
  EXPECT_EQ(MinHash(a), sa);  // deterministic
}

TEST(DedupTest, ExactAndNearDuplicates) {
  EXPECT_EQ(CompareArticles(kStory, kStory).relation, CopyRelation::kExact);
  auto edited = kStory;
  edited[4] =
      "Analysts in Almaty said the decision showed the growing confidence of Central "
      "Asian governments.";
  auto m = CompareArticles(kStory, edited);
  EXPECT_EQ(m.relation, CopyRelation::kNearDuplicate);
  EXPECT_GT(m.similarity, 0.8);
}

TEST(DedupTest, RewordedCopyIsFoundAndItsChangesFlagged) {
  std::vector<std::string> reworded = {
      "Kazakhstan declined on Friday to recognise the takeover of four Ukrainian regions by "
      "Russia.",
      "President Tokayev informed a forum in Astana that his nation respected the territorial "
      "integrity of Ukraine.",
      "The foreign ministry stated 34 percent of Kazakh exports still went through Soviet ports.",
      "Officials in Moscow commented on the statement from Astana on Saturday morning.",
      "Experts in Almaty said the decision showed rising confidence among Central Asian "
      "governments.",
  };
  auto m = CompareArticles(kStory, reworded);
  EXPECT_EQ(m.relation, CopyRelation::kReworded) << m.similarity;
  auto actor = [](std::string_view p) -> std::string {
    if (p.find("Russian") != std::string_view::npos) return "RUS";
    if (p.find("Soviet") != std::string_view::npos) return "USR";
    return "";
  };
  FidelityReport rep = CompareFidelity(kStory, reworded, actor);
  EXPECT_EQ(rep.alignment.pairs.size(), 5u);
  bool number = false, negation = false, soviet = false;
  for (const auto& d : rep.sentences) {
    for (const auto& s : d.substitutions) {
      for (const auto& f : s.flags) {
        number = number || (f == "number" && s.from.find("43") != std::string::npos);
        negation = negation || f == "negation";
        soviet = soviet || (f == "actor" && s.to.find("Soviet") != std::string::npos);
      }
    }
  }
  EXPECT_TRUE(number);
  EXPECT_TRUE(negation);  // "did not comment" -> "commented"
  EXPECT_TRUE(soviet);
  EXPECT_GE(rep.meaning_changes, 3u);
}

TEST(DedupTest, TemplatedStoriesAreNotCopies) {
  std::vector<std::string> a = {
      "Acme Holdings said it raised the price it pays for crude oil by 50 cents a barrel.",
      "The company said the increase brings its posted price for West Texas to 18.50 dlrs.",
      "Acme said the change was effective from Monday for all grades it buys in Oklahoma.",
      "Traders in Houston said other refiners were expected to follow the increase soon."};
  std::vector<std::string> b = {
      "Bolt Petroleum said it raised the price it pays for crude oil by 25 cents a barrel.",
      "The company said the increase brings its posted price for Louisiana Sweet to 19.25 dlrs.",
      "Bolt said the change was effective from Thursday for all grades it buys in Kansas.",
      "Traders in Denver said other refiners were expected to follow the increase soon."};
  EXPECT_EQ(CompareArticles(a, b).relation, CopyRelation::kNone);
}

TEST(DedupTest, UnrelatedArticlesAreNotCopies) {
  std::vector<std::string> other = {
      "Heavy rain flooded parts of western Europe on Tuesday, cutting power to thousands.",
      "Rescue teams in Belgium evacuated residents from riverside homes overnight.",
      "Forecasters said more storms were expected before the weekend across the region.",
      "Railway services between Brussels and Cologne were suspended until further notice."};
  EXPECT_EQ(CompareArticles(kStory, other).relation, CopyRelation::kNone);
  Alignment al = AlignSentences(kStory, other, 0.3);
  EXPECT_TRUE(al.pairs.empty());
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

TEST(RewordingTest, FeaturesOfIdenticalAndUnrelatedSentences) {
  auto same = SentencePairFeatures("Kazakhstan sent 40 tonnes of aid to Kyiv.",
                                   "Kazakhstan sent 40 tonnes of aid to Kyiv.");
  EXPECT_DOUBLE_EQ(same.stem_jaccard, 1.0);
  EXPECT_DOUBLE_EQ(same.word_jaccard, 1.0);
  EXPECT_DOUBLE_EQ(same.numbers_agree, 1.0);
  auto other = SentencePairFeatures("Kazakhstan sent 40 tonnes of aid to Kyiv.",
                                    "Heavy rain flooded 12 villages in Belgium.");
  EXPECT_DOUBLE_EQ(other.stem_jaccard, 0.0);
  EXPECT_DOUBLE_EQ(other.numbers_agree, 0.0);
  EXPECT_GT(RewordingProbability(same), DefaultRewordingModel().threshold);
  EXPECT_LT(RewordingProbability(other), DefaultRewordingModel().threshold);
}

TEST(RewordingTest, FittingSeparatesASeparableSet) {
  std::vector<RewordingFeatures> x;
  std::vector<bool> y;
  for (int i = 0; i < 40; ++i) {
    RewordingFeatures f;
    f.stem_jaccard = f.word_jaccard = (i % 2 == 0) ? 0.8 : 0.1;
    x.push_back(f);
    y.push_back(i % 2 == 0);
  }
  RewordingModel m = FitRewordingModel(x, y);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(RewordingProbability(x[i], m) >= m.threshold, y[i]) << i;
  }
}

TEST(CompactFeaturesTest, HoldTheSetsOfTheFeaturesTheyCameFrom) {
  ArticleFeatures f = Features(kStory);
  dedup::CompactFeatures c(f);
  ASSERT_EQ(c.sentences(), kStory.size());
  EXPECT_EQ(c.words(), f.words.size());
  for (size_t i = 0; i < kStory.size(); ++i) {
    EXPECT_EQ(c.sentence_stems(i).size(), f.sentence_stems[i].size()) << i;
    EXPECT_TRUE(std::is_sorted(c.sentence_stems(i).begin(), c.sentence_stems(i).end()));
  }
  EXPECT_EQ(c.names().size(), f.names.size());
  EXPECT_EQ(c.numbers().size(), f.numbers.size());
  EXPECT_EQ(c.shingles().size(), f.words.size() - 4);  // no 5-shingle repeats in this story
  EXPECT_GT(c.bytes(), c.shingles().size() * 4);
  // The exact-copy test sees sentence boundaries, not only the bytes.
  dedup::CompactFeatures ab(Features({"Kazakhstan refused", "to recognise it."}));
  dedup::CompactFeatures ba(Features({"Kazakhstan", "refused to recognise it."}));
  EXPECT_NE(ab.text_hash(), ba.text_hash());
  EXPECT_EQ(dedup::Compare(c, dedup::CompactFeatures(Features(kStory)), {}).relation,
            CopyRelation::kExact);
  // Built straight from the sentences: the same features, and the MinHash input StemFeatures
  // gives.
  std::vector<uint64_t> stems;
  dedup::CompactFeatures direct = dedup::CompactFeatures::FromSentences(kStory, &stems);
  auto same = [](std::span<const uint32_t> a, std::span<const uint32_t> b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  };
  EXPECT_EQ(direct.text_hash(), c.text_hash());
  EXPECT_EQ(direct.words(), c.words());
  EXPECT_TRUE(same(direct.shingles(), c.shingles()));
  EXPECT_TRUE(same(direct.names(), c.names()));
  EXPECT_TRUE(same(direct.numbers(), c.numbers()));
  ASSERT_EQ(direct.sentences(), c.sentences());
  for (size_t i = 0; i < c.sentences(); ++i) {
    EXPECT_TRUE(same(direct.sentence_stems(i), c.sentence_stems(i))) << i;
  }
  EXPECT_EQ(stems, StemFeatures(f.words));
}

}  // namespace
}  // namespace dyad

#include "test_util.h"

namespace dyad {
namespace {

TEST(DedupStoreTest, DeclaredProvenanceIsEvidenceForALooseCopy) {
  testing::TempDir dir;
  dir.Write("a.txt",
            "source: Daily Steppe\ndate: 2022-01-06\n\n"
            "Kazakhstan asked the CSTO for troops on Wednesday as protests spread across the "
            "country. President Tokayev said foreign-trained terrorists had attacked public "
            "buildings in Almaty. The bloc agreed within hours to send a peacekeeping force led by "
            "Russian paratroopers. Officials said the mission would last several weeks at most. "
            "Analysts in Bishkek said the decision marked a turning point for the alliance.\n");
  dir.Write("b.txt",
            "source: Other Times\ndate: 2022-01-09\n\n"
            "Kazakhstan requested help from the CSTO on Wednesday while unrest grew throughout the "
            "nation. The alliance consented rapidly to dispatch a force headed by Russian "
            "paratroopers. Markets in Europe fell sharply on Friday as oil prices climbed again. "
            "Football fans gathered in the capital for the cup final despite the cold weather. "
            "Weather forecasters expect heavy snow across the north next week.\n\n"
            "This article was republished from Daily Steppe.\n");
  std::string db = dir.File("s.db");
  testing::LoadedCorpus c;
  ASSERT_TRUE(testing::RunAndLoad({dir.path()}, db, &c).ok());
  // On text alone the copy is too loose to be called one.
  auto a = c.store->Sentences(c.by_number.at("a.t").id);
  auto b = c.store->Sentences(c.by_number.at("b.t").id);
  ASSERT_TRUE(a.ok() && b.ok());
  std::vector<std::string> sa, sb;
  for (const auto& s : *a) sa.push_back(s.text);
  for (const auto& s : *b) sb.push_back(s.text);
  EXPECT_EQ(CompareArticles(sa, sb).relation, CopyRelation::kNone);
  auto sum = DedupStore(db);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  auto clusters = c.store->Clusters();
  ASSERT_TRUE(clusters.ok());
  ASSERT_EQ(clusters->size(), 1u);
  const auto& copy = (*clusters)[0].members[1];
  EXPECT_EQ(copy.relation, "reworded");
  EXPECT_EQ(copy.evidence, "declared: This article was republished from Daily Steppe.");
}

// Each run examines only the new articles, against everything stored: the second run's index
// is loaded from the first run's signatures (the store's LSH table is not written while they
// fit in memory).
TEST(DedupStoreTest, ALaterBatchIsMatchedAgainstTheEarlierOnes) {
  testing::TempDir dir;
  std::string story;
  for (const std::string& s : kStory) story += s + " ";
  dir.Write("one/a.txt", "date: 2022-09-30\n\n" + story + "\n");
  dir.Write("one/b.txt",
            "date: 2022-09-30\n\nMarkets in Europe fell sharply on Friday as oil prices climbed "
            "again. Traders in London and Frankfurt sold shares of airlines and carmakers. The "
            "euro slipped against the dollar for a third day. Analysts expect central banks to "
            "raise interest rates again next month. Bond yields rose across the region.\n");
  std::string copy = story;
  copy.replace(copy.find("Friday"), 6, "Sunday");
  dir.Write("two/c.txt", "date: 2022-10-01\n\n" + copy + "\n");
  std::string db = dir.File("s.db");
  testing::LoadedCorpus c;
  ASSERT_TRUE(testing::RunAndLoad({dir.File("one")}, db, &c).ok());
  auto first = DedupStore(db);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->articles, 2);
  EXPECT_EQ(first->near_duplicates + first->reworded + first->exact, 0);
  auto keys = c.store->SignatureBandKeys();
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(*keys, static_cast<int64_t>(2 * kBands));
  ASSERT_TRUE(testing::RunAndLoad({dir.File("two")}, db, &c).ok());
  auto second = DedupStore(db);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->articles, 1);
  EXPECT_EQ(second->near_duplicates, 1);
  auto clusters = c.store->Clusters();
  ASSERT_TRUE(clusters.ok());
  ASSERT_EQ(clusters->size(), 1u);
  EXPECT_EQ((*clusters)[0].members.size(), 2u);
}

}  // namespace
}  // namespace dyad
