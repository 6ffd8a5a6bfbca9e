// Golden test: republications among the seeds (skipped when ../shared is absent). 003 (Asia
// Times) is a machine-reworded copy of 000 (The Conversation); no other pair is a copy.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "dyad/dedup.h"
#include "dyad/pipeline.h"
#include "dyad/store.h"
#include "dyad/tabari.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing::SharedDir;
using testing::TempDir;

TEST(SeedsDedup, RewordedCopyIsFoundAndNothingElse) {
  DYAD_REQUIRE_SHARED();
  TempDir dir;
  std::string db = dir.File("seeds.db");
  testing::LoadedCorpus c;
  ASSERT_TRUE(testing::RunAndLoad({SharedDir() + "/seeds"}, db, &c).ok());
  auto sum = DedupStore(db);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(sum->articles, 5);
  EXPECT_EQ(sum->reworded, 1);
  EXPECT_EQ(sum->exact + sum->near_duplicates, 0);
  auto clusters = c.store->Clusters();
  ASSERT_TRUE(clusters.ok());
  ASSERT_EQ(clusters->size(), 1u);
  const Store::Cluster& k = (*clusters)[0];
  ASSERT_EQ(k.members.size(), 2u);
  // The canonical report is the original (dated), the copy is 003, reworded.
  EXPECT_EQ(k.canonical_article_id, c.by_number.at("000").id);
  EXPECT_EQ(k.members[1].article_id, c.by_number.at("003").id);
  EXPECT_EQ(k.members[1].relation, "reworded");
  EXPECT_GT(k.members[1].similarity, 0.3);
  // Running again examines nothing new and changes nothing.
  auto again = DedupStore(db);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->articles, 0);
  EXPECT_EQ(again->clusters, 1);
}

TEST(SeedsDedup, FidelityReportFlagsTheSubstitutedActors) {
  DYAD_REQUIRE_SHARED();
  TempDir dir;
  std::string db = dir.File("seeds.db");
  testing::LoadedCorpus c;
  ASSERT_TRUE(testing::RunAndLoad({SharedDir() + "/seeds"}, db, &c).ok());
  auto texts = [&](const char* n) {
    std::vector<std::string> out;
    auto rows = c.store->Sentences(c.by_number.at(n).id);
    EXPECT_TRUE(rows.ok());
    if (rows.ok()) {
      for (const SentenceRow& s : *rows) out.push_back(s.text);
    }
    return out;
  };
  CountingSink diag(nullptr);
  auto dicts = tabari::DictionarySet::Load({DefaultDictionaryDir()}, diag, false);
  ASSERT_TRUE(dicts.ok());
  const tabari::DictionarySet* d = dicts->get();
  FidelityReport rep = CompareFidelity(texts("000"), texts("003"),
                                       [d](std::string_view p) { return d->ActorCode(p, 0); });
  EXPECT_GE(rep.alignment.coverage, 0.9);
  // "Russian paratroopers" became "Soviet troops"; "Western economic sanctions" became
  // "American monetary restrictions": both change an actor.
  bool soviet = false, american = false;
  for (const auto& s : rep.sentences) {
    for (const auto& sub : s.substitutions) {
      bool actor = std::find(sub.flags.begin(), sub.flags.end(), "actor") != sub.flags.end();
      soviet = soviet || (actor && sub.to.find("Soviet") != std::string::npos);
      american = american || (actor && sub.to.find("American") != std::string::npos);
    }
  }
  EXPECT_TRUE(soviet);
  EXPECT_TRUE(american);
  EXPECT_GT(rep.substitutions, 30u);
}

TEST(SeedsDedup, EventsOfTheOriginalAndItsCopyAreCountedOnce) {
  DYAD_REQUIRE_SHARED();
  if (DefaultDictionaryDir().empty()) GTEST_SKIP() << "default dictionaries not found";
  TempDir dir;
  std::string db = dir.File("seeds.db");
  testing::LoadedCorpus c;
  ASSERT_TRUE(testing::RunAndLoad({SharedDir() + "/seeds"}, db, &c).ok());
  ASSERT_TRUE(DedupStore(db).ok());
  CountingSink diag(nullptr);
  auto dicts = tabari::DictionarySet::Load({DefaultDictionaryDir()}, diag, false);
  ASSERT_TRUE(dicts.ok());
  auto sum = tabari::CodeStore(**dicts, db);
  ASSERT_TRUE(sum.ok());
  EXPECT_GT(sum->merged, 0);
  const int64_t original = c.by_number.at("000").id, copy = c.by_number.at("003").id;
  // One row per event; an event both report has two sources and is not copy-only.
  std::set<std::tuple<std::string, std::string, std::string, std::string>> keys;
  int both = 0;
  ASSERT_TRUE(c.store
                  ->ForEachEvent(
                      {},
                      [&](const EventRow& e) {
                        if (e.cluster_id != 0) {
                          EXPECT_TRUE(keys.insert({e.source, e.target, e.code, e.modality}).second)
                              << "event counted twice in a cluster: " << e.sentence;
                        }
                        if (e.sources == 2) {
                          ++both;
                          EXPECT_FALSE(e.copy_only);
                        }
                        return true;
                      })
                  .ok());
  EXPECT_GT(both, 0);
  // Every mention is kept: the mentions listing has each report of each event.
  Store::EventFilter all;
  all.every_mention = true;
  int from_original = 0, from_copy = 0;
  ASSERT_TRUE(c.store
                  ->ForEachEvent(all,
                                 [&](const EventRow& e) {
                                   from_original += e.article_id == original;
                                   from_copy += e.article_id == copy;
                                   return true;
                                 })
                  .ok());
  EXPECT_GT(from_original, 0);
  EXPECT_GT(from_copy, 0);
  EXPECT_EQ(*c.store->CountEvents(), sum->events);  // merged reports are not new events
  // The original's events: with every mention, also the copy's reports of them; with
  // article_mentions_only, just the original's own reports (what the rewording and same-story
  // checks read: the other reports grow with every copy stored).
  Store::EventFilter of_original = all;
  of_original.article_id = original;
  int own = 0, others = 0;
  auto count = [&](const Store::EventFilter& f) {
    own = others = 0;
    return c.store
        ->ForEachEvent(f,
                       [&](const EventRow& e) {
                         (e.article_id == original ? own : others) += 1;
                         return true;
                       })
        .ok();
  };
  ASSERT_TRUE(count(of_original));
  EXPECT_EQ(own, from_original);
  EXPECT_GT(others, 0);
  of_original.article_mentions_only = true;
  ASSERT_TRUE(count(of_original));
  EXPECT_EQ(own, from_original);
  EXPECT_EQ(others, 0);
}

}  // namespace
}  // namespace dyad
