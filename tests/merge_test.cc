// Scale-out: a corpus split into shards, each run on its own (ingest, dedup, code, as `dyad
// run` does), then merged, must equal a single run over the whole corpus: the same articles,
// the same story clusters and the same events, compared by content, not by row ids.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "dyad/dedup.h"
#include "dyad/diagnostics.h"
#include "dyad/pipeline.h"
#include "dyad/store.h"
#include "dyad/tabari.h"
#include "test_util.h"

namespace dyad {
namespace {

// `dyad run`: ingest, then deduplicate, then code with the default dictionaries.
void RunLikeDyadRun(const std::vector<std::string>& inputs, const std::string& db,
                    const tabari::DictionarySet& dicts, size_t threads = 1) {
  PipelineOptions opt;
  opt.inputs = inputs;
  opt.db_path = db;
  opt.threads = threads;
  CountingSink quiet(nullptr);
  ASSERT_TRUE(RunPipeline(opt, quiet).ok());
  DedupOptions dd;
  dd.threads = threads;
  ASSERT_TRUE(DedupStore(db, dd).ok());
  tabari::CodeOptions co;
  co.threads = threads;
  ASSERT_TRUE(tabari::CodeStore(dicts, db, co).ok());
}

// A store's content, independent of row ids.
struct Content {
  std::multiset<std::string> articles;   // origin | content hash
  std::multiset<std::string> clusters;   // members (origin:relation), canonical first
  std::multiset<std::string> events;     // attributes and every report (origin#sentence)
  std::vector<std::string> event_order;  // id: attributes, in id order
};

Content Read(const std::string& db) {
  Content c;
  auto store = Store::OpenExisting(db);
  EXPECT_TRUE(store.ok());
  if (!store.ok()) return c;
  std::map<int64_t, std::string> origin;
  (*store)->ForEachArticle({}, [&](const ArticleRow& a) {
    origin[a.id] = a.origin;
    c.articles.insert(a.origin + "|" + a.content_hash);
    return true;
  });
  auto clusters = (*store)->Clusters();
  EXPECT_TRUE(clusters.ok());
  for (const auto& cl : *clusters) {
    std::string s = origin[cl.canonical_article_id] + " <-";
    std::vector<std::string> members;
    for (const auto& m : cl.members) members.push_back(m.origin + ":" + m.relation);
    std::sort(members.begin(), members.end());
    for (const auto& m : members) s += " " + m;
    c.clusters.insert(s);
  }
  std::map<int64_t, std::string> events;
  std::map<int64_t, std::vector<std::string>> reports;
  Store::EventFilter f;
  f.every_mention = true;
  (*store)->ForEachEvent(f, [&](const EventRow& e) {
    events[e.id] = e.source + ">" + e.target + " " + e.code + " " + e.modality + " " + e.date +
                   " " + e.date_rule + " m" + std::to_string(e.mentions) + " s" +
                   std::to_string(e.sources) + (e.copy_only ? " copy" : "");
    reports[e.id].push_back(origin[e.article_id] + "#" + std::to_string(e.sentence_index) + "@" +
                            std::to_string(e.source_begin) + "-" + std::to_string(e.verb_end));
    return true;
  });
  for (auto& [id, s] : events) {
    c.event_order.push_back(std::to_string(id) + ": " + s);
    std::sort(reports[id].begin(), reports[id].end());
    for (const auto& r : reports[id]) s += " " + r;
    c.events.insert(s);
  }
  return c;
}

// The sample corpus, plus the seeds when ../shared is present (copies across shards).
std::vector<std::string> Inputs() {
  std::vector<std::string> inputs = {SampleCorpusDir()};
  if (!testing::SharedDir().empty()) inputs.push_back(testing::SharedDir() + "/seeds");
  return inputs;
}

TEST(Merge, ShardsMergedEqualASingleRun) {
  const std::vector<std::string> inputs = Inputs();
  CountingSink quiet(nullptr);
  auto dicts = tabari::DictionarySet::Load({DefaultDictionaryDir()}, quiet, false);
  ASSERT_TRUE(dicts.ok());
  testing::TempDir dir;
  RunLikeDyadRun(inputs, dir.File("single.db"), **dicts);
  for (size_t n : {2u, 3u, 5u}) {
    auto shards = ShardInputs(inputs, n, IngestOptions{}, quiet);
    ASSERT_TRUE(shards.ok());
    ASSERT_EQ(shards->size(), n);
    std::vector<std::string> dbs;
    for (size_t k = 0; k < n; ++k) {
      if ((*shards)[k].empty()) continue;
      dbs.push_back(dir.File("n" + std::to_string(n) + "-shard" + std::to_string(k) + ".db"));
      RunLikeDyadRun((*shards)[k], dbs.back(), **dicts);
    }
    std::string merged = dir.File("merged" + std::to_string(n) + ".db");
    auto sum = MergeStores(merged, dbs, quiet);
    ASSERT_TRUE(sum.ok()) << sum.status().ToString();
    Content a = Read(dir.File("single.db")), b = Read(merged);
    EXPECT_FALSE(a.events.empty());
    EXPECT_EQ(a.articles, b.articles) << n << " shards";
    EXPECT_EQ(a.clusters, b.clusters) << n << " shards";
    EXPECT_EQ(a.events, b.events) << n << " shards";
  }
  // Merging into a store that already holds articles is refused.
  auto again = MergeStores(dir.File("single.db"), {dir.File("merged2.db")}, quiet);
  EXPECT_FALSE(again.ok());
}

// `dyad run -j N`: the workers clean, compare and code, but the store is written in input
// order, so the result is the very same store (row ids included) as one thread's.
TEST(Parallel, ThreadsGiveTheSameStoreAsOneThread) {
  const std::vector<std::string> inputs = Inputs();
  CountingSink quiet(nullptr);
  auto dicts = tabari::DictionarySet::Load({DefaultDictionaryDir()}, quiet, false);
  ASSERT_TRUE(dicts.ok());
  testing::TempDir dir;
  RunLikeDyadRun(inputs, dir.File("one.db"), **dicts, 1);
  Content one = Read(dir.File("one.db"));
  EXPECT_FALSE(one.events.empty());
  for (size_t threads : {2u, 5u}) {
    std::string db = dir.File("t" + std::to_string(threads) + ".db");
    RunLikeDyadRun(inputs, db, **dicts, threads);
    Content many = Read(db);
    EXPECT_EQ(one.articles, many.articles) << threads << " threads";
    EXPECT_EQ(one.clusters, many.clusters) << threads << " threads";
    EXPECT_EQ(one.events, many.events) << threads << " threads";
    EXPECT_EQ(one.event_order, many.event_order) << threads << " threads";
  }
}

// A copy that arrives in a later run than its original (a daily feed): the original was coded
// before it was in any cluster, and the copy's events must merge with its events, not be
// counted again. The seeds' 003 is a reworded copy of 000.
TEST(Incremental, ACopyArrivingLaterMergesWithEventsCodedEarlier) {
  if (testing::SharedDir().empty()) GTEST_SKIP() << "../shared not found";
  const std::string seeds = testing::SharedDir() + "/seeds";
  std::string original, copy;
  for (const auto& e : std::filesystem::directory_iterator(seeds)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with("000_")) original = e.path().string();
    if (name.starts_with("003_")) copy = e.path().string();
  }
  if (original.empty() || copy.empty()) GTEST_SKIP() << "seeds 000 and 003 not found";
  CountingSink quiet(nullptr);
  auto dicts = tabari::DictionarySet::Load({DefaultDictionaryDir()}, quiet, false);
  ASSERT_TRUE(dicts.ok());
  testing::TempDir dir;
  RunLikeDyadRun({original, copy}, dir.File("once.db"), **dicts);
  RunLikeDyadRun({original}, dir.File("daily.db"), **dicts);
  RunLikeDyadRun({copy}, dir.File("daily.db"), **dicts);
  Content once = Read(dir.File("once.db")), daily = Read(dir.File("daily.db"));
  ASSERT_EQ(once.clusters.size(), 1u);
  EXPECT_EQ(once.clusters, daily.clusters);
  EXPECT_EQ(once.events, daily.events);
}

TEST(Merge, ShardsAreContiguousAndBalanced) {
  CountingSink quiet(nullptr);
  auto one = ShardInputs({SampleCorpusDir()}, 1, IngestOptions{}, quiet);
  auto four = ShardInputs({SampleCorpusDir()}, 4, IngestOptions{}, quiet);
  ASSERT_TRUE(one.ok() && four.ok());
  std::vector<std::string> joined;
  for (const auto& s : *four) {
    EXPECT_FALSE(s.empty());
    joined.insert(joined.end(), s.begin(), s.end());
  }
  EXPECT_EQ(joined, (*one)[0]);  // the single run's reading order, cut in four
  EXPECT_FALSE(ShardInputs({"-"}, 2, IngestOptions{}, quiet).ok());
  EXPECT_FALSE(ShardInputs({SampleCorpusDir()}, 0, IngestOptions{}, quiet).ok());
}

}  // namespace
}  // namespace dyad
