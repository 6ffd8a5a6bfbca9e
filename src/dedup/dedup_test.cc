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
  EXPECT_EQ(sum->clusters, 1);
  EXPECT_EQ(*c.store->CountClusters(), 1);
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

namespace dyad {
namespace {

// Articles from one small vocabulary, so that many share band keys (some keys are held by more
// than kMaxBandMembers articles and are ignored), with reworded and near copies of some.
std::vector<std::string> SyntheticArticles(size_t count, uint64_t seed) {
  static const std::vector<std::string> kWords = {
      "council",  "budget",  "minister",  "election",   "protest",  "border",     "treaty",
      "army",     "village", "harvest",   "river",      "market",   "bank",       "currency",
      "pipeline", "railway", "port",      "factory",    "strike",   "union",      "court",
      "judge",    "police",  "refugee",   "drought",    "flood",    "school",     "hospital",
      "vaccine",  "energy",  "grain",     "export",     "import",   "tariff",     "summit",
      "alliance", "rebel",   "ceasefire", "parliament", "senate",   "mayor",      "governor",
      "province", "capital", "embassy",   "sanction",   "loan",     "debt",       "inflation",
      "salary",   "pension", "airport",   "highway",    "mine",     "copper",     "cotton",
      "wheat",    "fishing", "forest",    "wildfire",   "storm",    "earthquake", "bridge",
      "tunnel",   "reactor", "satellite", "newspaper",  "reporter", "festival",   "museum",
      "stadium",  "teacher", "doctor",    "farmer",     "worker",   "soldier",    "general",
      "colonel",  "bishop",  "church",    "mosque",     "temple",   "island",     "coast"};
  uint64_t state = seed;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state >> 33);
  };
  auto sentence = [&](size_t pool) {
    std::string s = "Officials said the";
    for (size_t w = 0; w < 9; ++w) s += " " + kWords[next() % pool];
    return s + ".";
  };
  std::vector<std::vector<std::string>> bodies;
  for (size_t i = 0; i < count; ++i) {
    std::vector<std::string> body;
    if (i >= 4 && next() % 3 == 0) {
      body = bodies[next() % bodies.size()];  // a copy, more or less changed
      const size_t edits = next() % 4;
      for (size_t e = 0; e < edits; ++e) body[next() % body.size()] = sentence(kWords.size());
      if (next() % 2 == 0) std::swap(body.front(), body.back());
    } else {
      // A narrow vocabulary for a third of the articles: their keys recur across many.
      const size_t pool = next() % 3 == 0 ? 24 : kWords.size();
      for (size_t k = 0; k < 6; ++k) body.push_back(sentence(pool));
    }
    bodies.push_back(body);
  }
  std::vector<std::string> out;
  for (const auto& body : bodies) {
    std::string text = "date: 2023-03-01\n\n";
    for (const std::string& s : body) text += s + " ";
    out.push_back(text + "\n");
  }
  return out;
}

// (article, cluster, relation, similarity, matched article) of every cluster member.
std::vector<std::string> ClusterRows(const std::string& db) {
  auto store = Store::Open(db);
  EXPECT_TRUE(store.ok());
  std::vector<std::string> rows;
  if (!store.ok()) return rows;
  auto clusters = (*store)->Clusters();
  EXPECT_TRUE(clusters.ok());
  if (!clusters.ok()) return rows;
  for (const auto& c : *clusters) {
    for (const auto& m : c.members) {
      rows.push_back(std::to_string(m.article_id) + " " + std::to_string(m.cluster_id) + " " +
                     m.relation + " " + std::to_string(m.similarity) + " " +
                     std::to_string(m.matched_article_id));
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Whether the store's LSH table holds any article's keys.
bool TableWritten(const std::string& db) {
  auto store = Store::Open(db);
  if (!store.ok()) return false;
  bool found = false;
  Status st = (*store)->ForEachSignature([&](int64_t id, const std::vector<uint64_t>& keys) {
    auto others = (*store)->ArticlesSharingBands(keys, 0, 1, 1000);
    found =
        found || (others.ok() && std::find(others->begin(), others->end(), id) != others->end());
    return Status::OK();
  });
  return st.ok() && found;
}

// Past the in-memory index cap, candidates come from the store's LSH table and a smaller
// in-memory index of the articles examined since: the clusters must be those of the in-memory
// path, whether the cap is passed before the first article, in the middle of a run or at the
// start of a later run, and however often the recent index is written to the table.
TEST(DedupStoreTest, TheStoreTablePathFindsWhatTheInMemoryIndexFinds) {
  testing::TempDir dir;
  std::vector<std::string> articles = SyntheticArticles(260, 7);
  for (size_t i = 0; i < articles.size(); ++i) {
    const std::string batch = i < 180 ? "one" : "two";
    char name[32];
    std::snprintf(name, sizeof name, "%s/a%03zu.txt", batch.c_str(), i);
    dir.Write(name, articles[i]);
  }
  struct Setup {
    std::string name;
    DedupOptions first, second;
  };
  DedupOptions in_memory;
  in_memory.window_articles = 0;  // exhaustive: every stored article is a candidate
  DedupOptions from_start =
      in_memory;  // past the cap at the first article, recent index written often
  from_start.max_index_entries = 0;
  from_start.recent_index_entries = 10 * kBands;
  DedupOptions midway = in_memory;  // past the cap after some 60 articles
  midway.max_index_entries = 60 * kBands;
  midway.recent_index_entries = 25 * kBands;
  DedupOptions never_flushed = midway;  // the recent index written only at the end
  never_flushed.recent_index_entries = size_t{1} << 30;
  const std::vector<Setup> setups = {{"in_memory", in_memory, in_memory},
                                     {"from_start", from_start, from_start},
                                     {"midway", midway, midway},
                                     {"never_flushed", never_flushed, never_flushed},
                                     {"second_run_only", in_memory, from_start}};
  std::vector<std::string> expected;
  for (const Setup& s : setups) {
    SCOPED_TRACE(s.name);
    const std::string db = dir.File(s.name + ".db");
    {
      testing::LoadedCorpus c;
      ASSERT_TRUE(testing::RunAndLoad({dir.File("one")}, db, &c).ok());
    }
    auto first = DedupStore(db, s.first);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    {
      testing::LoadedCorpus c;
      ASSERT_TRUE(testing::RunAndLoad({dir.File("two")}, db, &c).ok());
    }
    auto second = DedupStore(db, s.second);
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    EXPECT_EQ(first->articles + second->articles, static_cast<int64_t>(articles.size()));
    std::vector<std::string> rows = ClusterRows(db);
    if (expected.empty()) {
      expected = rows;
      // Enough copies for the comparison to mean something, some found in the second run.
      EXPECT_GT(first->near_duplicates + first->reworded + first->exact, 20);
      EXPECT_GT(second->near_duplicates + second->reworded + second->exact, 10);
      EXPECT_FALSE(TableWritten(db));
    } else {
      EXPECT_EQ(rows, expected);
      EXPECT_TRUE(TableWritten(db));
    }
  }
}

// The window: copies are looked for among the articles numbered just before each one. A
// window bigger than the store finds what the exhaustive search finds; a small one finds
// only copies of articles inside it (at least span and fewer than 2 x span before), finds the
// same whether the articles come in one run or two, and never writes the LSH table.
TEST(DedupStoreTest, TheWindowComparesEachArticleWithThoseJustBeforeIt) {
  testing::TempDir dir;
  std::vector<std::string> articles = SyntheticArticles(260, 11);
  for (size_t i = 0; i < articles.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%s/a%03zu.txt", i < 170 ? "one" : "two", i);
    dir.Write(name, articles[i]);
  }
  // Dedups the articles in one run (both folders loaded first) or two.
  auto run = [&](const std::string& name, const DedupOptions& o, bool two_runs) {
    const std::string db = dir.File(name + ".db");
    int64_t examined = 0;
    for (const char* batch : {"one", "two"}) {
      testing::LoadedCorpus c;
      EXPECT_TRUE(testing::RunAndLoad({dir.File(batch)}, db, &c).ok());
      if (two_runs || std::string(batch) == "two") {
        auto sum = DedupStore(db, o);
        EXPECT_TRUE(sum.ok()) << sum.status().ToString();
        if (sum.ok()) examined += sum->articles;
      }
    }
    EXPECT_EQ(examined, static_cast<int64_t>(articles.size()));
    auto again = DedupStore(db, o);  // nothing left to examine: nothing loaded or written
    EXPECT_TRUE(again.ok() && again->articles == 0);
    EXPECT_FALSE(o.window_articles > 0 && TableWritten(db));
    return ClusterRows(db);
  };
  DedupOptions exhaustive;
  exhaustive.window_articles = 0;
  DedupOptions wide;  // the default window, far bigger than the store
  DedupOptions narrow;
  narrow.window_articles = 60;  // generations of 30 articles
  // The exhaustive search's in-memory cap, far below the store: it must not come into play.
  narrow.max_index_entries = 10 * kBands;
  const std::vector<std::string> all = run("exhaustive", exhaustive, false);
  EXPECT_EQ(run("wide", wide, true), all);
  const std::vector<std::string> one = run("narrow_one", narrow, false);
  EXPECT_EQ(run("narrow_two", narrow, true), one);
  // Copies other than exact ones: each matched inside its window, and fewer found.
  auto copies = [](const std::vector<std::string>& rows, bool check_window) {
    size_t n = 0;
    for (const std::string& row : rows) {
      long long article = 0, cluster = 0, matched = 0;
      char relation[32] = "";
      double similarity = 0;
      if (std::sscanf(row.c_str(), "%lld %lld %31s %lf %lld", &article, &cluster, relation,
                      &similarity, &matched) != 5 ||
          matched == 0 || std::string(relation) == "exact") {
        continue;
      }
      ++n;
      if (check_window) {
        EXPECT_LT(matched, article) << row;
        EXPECT_GE((matched - 1) / 30, (article - 1) / 30 - 1) << row;
      }
    }
    return n;
  };
  const size_t everywhere = copies(all, false);
  const size_t within = copies(one, true);
  EXPECT_GT(within, 10u);
  EXPECT_LT(within, everywhere);
}

}  // namespace
}  // namespace dyad
