// Golden test: copies in Reuters-21578 (skipped when ../shared is absent). The corpus holds
// groups of stories whose bodies are identical once whitespace is normalised (279 of them, 560
// stories); each must come out of `dyad dedup` as one story cluster whose members are exact
// copies of each other, and nothing else may be called an exact copy. The groups are computed
// here from the corpus itself; the near-duplicate and reworded copies are counted and printed.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "corpus.h"
#include "dyad/dedup.h"
#include "dyad/diagnostics.h"
#include "dyad/pipeline.h"
#include "dyad/store.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing::SharedDir;
using testing::TempDir;

// The text with runs of whitespace read as one space and none at either end.
std::string Normalised(const std::string& text) {
  std::string out;
  bool gap = false;
  for (char c : text) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      gap = !out.empty();
      continue;
    }
    if (gap) out.push_back(' ');
    gap = false;
    out.push_back(c);
  }
  return out;
}

TEST(ReutersDedup, IdenticalBodiesAreExactCopiesInOneCluster) {
  DYAD_REQUIRE_SHARED();
  const std::vector<bench::Doc> docs = bench::LoadReuters(SharedDir() + "/corpora/reuters21578");
  if (docs.empty()) GTEST_SKIP() << "no Reuters-21578 in " << SharedDir() << "/corpora";
  // The expected groups: stories by normalised body.
  std::map<std::string, std::vector<std::string>> by_body;
  std::map<std::string, const std::string*> body_of;  // story id -> its normalised body
  std::string jsonl;
  for (const bench::Doc& d : docs) {
    const std::string id = "reuters-" + d.id;
    auto [it, fresh] = by_body.try_emplace(Normalised(d.text));
    it->second.push_back(id);
    body_of[id] = &it->first;
    jsonl += nlohmann::json{{"id", id}, {"published", d.date}, {"title", d.title}, {"text", d.text}}
                 .dump() +
             "\n";
  }
  std::vector<std::vector<std::string>> groups;
  size_t in_groups = 0;
  for (const auto& [body, ids] : by_body) {
    if (ids.size() < 2) continue;
    groups.push_back(ids);
    in_groups += ids.size();
  }

  TempDir dir;
  PipelineOptions opt;
  opt.db_path = dir.File("reuters.db");
  opt.buffer = &jsonl;
  opt.buffer_name = "reuters.jsonl";
  opt.progress = false;
  CountingSink sink(nullptr);
  auto run = RunPipeline(opt, sink);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->ingested, static_cast<int64_t>(docs.size()));
  auto sum = DedupStore(opt.db_path);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();

  auto store = Store::OpenExisting(opt.db_path);
  ASSERT_TRUE(store.ok());
  std::map<int64_t, std::string> story_of;  // article id -> story id
  ASSERT_TRUE((*store)
                  ->ForEachArticle({},
                                   [&](const ArticleRow& a) {
                                     story_of[a.id] = a.external_id;
                                     return true;
                                   })
                  .ok());
  struct Member {
    int64_t cluster = 0;
    std::string relation, matched;
  };
  std::map<std::string, Member> member;  // story id -> its membership
  ASSERT_TRUE((*store)
                  ->ForEachCluster({},
                                   [&](const Store::Cluster& c) {
                                     for (const Store::ClusterMember& m : c.members) {
                                       member[story_of[m.article_id]] = {
                                           c.id, m.relation, story_of[m.matched_article_id]};
                                     }
                                     return true;
                                   })
                  .ok());

  // Every group is one cluster, each member but one an exact copy of another member.
  size_t found = 0;
  for (const auto& ids : groups) {
    std::set<int64_t> clusters;
    size_t exact = 0;
    for (const std::string& id : ids) {
      auto it = member.find(id);
      clusters.insert(it == member.end() ? 0 : it->second.cluster);
      if (it != member.end() && it->second.relation == "exact") ++exact;
    }
    const bool whole = clusters.size() == 1 && *clusters.begin() != 0 && exact == ids.size() - 1;
    EXPECT_TRUE(whole) << "group of " << ids.size() << " from " << ids.front();
    found += whole;
  }
  // No exact copy outside those groups: each one's body is its match's.
  size_t exact_copies = 0;
  for (const auto& [id, m] : member) {
    if (m.relation != "exact") continue;
    ++exact_copies;
    EXPECT_EQ(*body_of.at(id), *body_of.at(m.matched)) << id << " called a copy of " << m.matched;
  }
  EXPECT_EQ(exact_copies, in_groups - groups.size());
  EXPECT_EQ(sum->exact, static_cast<int64_t>(exact_copies));
  std::printf(
      "Reuters-21578: %zu stories; %zu groups of identical bodies (%zu stories), %zu found whole; "
      "%lld exact copies, %lld near-duplicates, %lld reworded copies in %lld clusters\n",
      docs.size(), groups.size(), in_groups, found, static_cast<long long>(sum->exact),
      static_cast<long long>(sum->near_duplicates), static_cast<long long>(sum->reworded),
      static_cast<long long>(sum->clusters));
}

}  // namespace
}  // namespace dyad
