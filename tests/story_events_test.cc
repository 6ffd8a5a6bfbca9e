// Story clusters from events (issue 5): independent reports of the same event join one story
// (relation same_story) and their events are counted once; events of a reworded copy whose
// coding the rewording changed are marked. The articles are written here; the default
// dictionaries code them (skipped when those are absent).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "dedup/story_events.h"
#include "dyad/dedup.h"
#include "dyad/pipeline.h"
#include "dyad/store.h"
#include "dyad/tabari.h"
#include "serve/api.h"
#include "serve/json.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing::TempDir;

// One JSON Lines record, in a file named NNN.jsonl so that LoadedCorpus keys it by NNN.
std::string Article(const TempDir& dir, const std::string& number, const std::string& source,
                    const std::string& published, const std::string& text) {
  return dir.Write(number + ".jsonl", R"({"id":")" + number + R"(","source":")" + source +
                                          R"(","published":")" + published + R"(","text":")" +
                                          text + "\"}\n");
}

// A meeting reported by two outlets in their own words the same day (000, 001); the same
// leaders meeting two weeks later (002); the same leaders the same day, but a criticism (003).
const char kMeetingA[] =
    "Russian President Vladimir Putin met Kazakh President Kassym-Jomart Tokayev in Astana on "
    "Tuesday. The two leaders discussed gas pipelines, grain exports and the Caspian transit "
    "corridor. Tokayev told reporters the talks on the corridor had been constructive.";
const char kMeetingB[] =
    "Kazakhstan's leader Kassym-Jomart Tokayev welcomed Vladimir Putin to the capital for a day "
    "of talks. Putin met Tokayev at the Akorda palace to discuss the Caspian corridor, new "
    "pipelines and wheat shipments. Aides said the meeting ran two hours longer than planned.";
const char kMeetingLater[] =
    "Russian President Vladimir Putin met Kazakh President Kassym-Jomart Tokayev in Moscow on "
    "Monday. The two leaders discussed gas pipelines, grain exports and the Caspian transit "
    "corridor. Tokayev said the talks had been useful.";
const char kCriticism[] =
    "Russian President Vladimir Putin criticised Kazakh President Kassym-Jomart Tokayev on "
    "Tuesday over the Caspian transit corridor. Putin said the pipelines and grain exports "
    "planned by Astana ignored Moscow.";

class StoryEvents : public ::testing::Test {
 protected:
  void SetUp() override {
    if (DefaultDictionaryDir().empty()) GTEST_SKIP() << "default dictionaries not found";
    CountingSink diag(nullptr);
    auto dicts = tabari::DictionarySet::Load({DefaultDictionaryDir()}, diag, false);
    ASSERT_TRUE(dicts.ok()) << dicts.status().ToString();
    dicts_ = std::move(*dicts);
  }
  // Ingests `files`, examines them for copies and codes them (incrementally, like dyad run).
  tabari::CodeSummary Run(const std::vector<std::string>& files) {
    testing::LoadedCorpus c;
    Status st = testing::RunAndLoad(files, db_, &c);
    EXPECT_TRUE(st.ok()) << st.ToString();
    for (auto& [number, row] : c.by_number) ids_[number] = row.id;
    EXPECT_TRUE(DedupStore(db_).ok());
    auto sum = tabari::CodeStore(*dicts_, db_);
    EXPECT_TRUE(sum.ok()) << sum.status().ToString();
    store_ = std::move(c.store);
    return sum.ok() ? *sum : tabari::CodeSummary{};
  }
  std::vector<EventRow> Events() {
    std::vector<EventRow> out;
    EXPECT_TRUE(store_
                    ->ForEachEvent({},
                                   [&](const EventRow& e) {
                                     out.push_back(e);
                                     return true;
                                   })
                    .ok());
    return out;
  }
  TempDir dir_;
  std::string db_ = dir_.File("story.db");
  std::unique_ptr<tabari::DictionarySet> dicts_;
  std::unique_ptr<Store> store_;
  std::map<std::string, int64_t> ids_;
};

TEST_F(StoryEvents, TwoReportsOfOneMeetingAreOneStoryAndOneEvent) {
  // The first report is coded alone; the others arrive in a later batch (incremental).
  auto first = Run({Article(dir_, "000", "Steppe Wire", "2024-03-05", kMeetingA)});
  EXPECT_EQ(first.same_story, 0);
  auto later = Run({Article(dir_, "001", "Caspian Daily", "2024-03-05", kMeetingB),
                    Article(dir_, "002", "Steppe Wire", "2024-03-19", kMeetingLater),
                    Article(dir_, "003", "Caspian Daily", "2024-03-05", kCriticism)});
  EXPECT_EQ(later.same_story, 1);
  auto clusters = store_->Clusters();
  ASSERT_TRUE(clusters.ok());
  ASSERT_EQ(clusters->size(), 1u);
  std::map<int64_t, Store::ClusterMember> members;
  for (const auto& m : (*clusters)[0].members) members[m.article_id] = m;
  ASSERT_EQ(members.size(), 2u);
  ASSERT_TRUE(members.count(ids_["000"]) && members.count(ids_["001"]));
  const Store::ClusterMember& b = members[ids_["001"]];
  EXPECT_EQ(b.relation, "same_story");
  EXPECT_EQ(b.matched_article_id, ids_["000"]);
  EXPECT_GT(b.similarity, 0.12);
  EXPECT_NE(b.evidence.find("same event: RUSGOV>KAZGOV 04 2024-03-05"), std::string::npos)
      << b.evidence;
  // A different day, or a different kind of event, is another story.
  EXPECT_EQ(*store_->ClusterOf(ids_["002"]), 0);
  EXPECT_EQ(*store_->ClusterOf(ids_["003"]), 0);
  // The meeting is one event reported by two sources; nothing is counted twice.
  int meetings = 0;
  for (const EventRow& e : Events()) {
    if (e.source == "RUSGOV" && e.target == "KAZGOV" && e.code.starts_with("04") &&
        e.date == "2024-03-05") {
      ++meetings;
      EXPECT_EQ(e.sources, 2);
      EXPECT_EQ(e.mentions, 2);
      EXPECT_FALSE(e.copy_only);  // an independent report is not a copy
      EXPECT_EQ(e.cluster_id, (*clusters)[0].id);
    }
  }
  EXPECT_EQ(meetings, 1);
  EXPECT_EQ(*store_->CountEvents(), first.events + later.events);
  // The store relates the two for dyad diff.
  auto rel = store_->RelationBetween(ids_["000"], ids_["001"]);
  ASSERT_TRUE(rel.ok());
  EXPECT_EQ(rel->relation, "same_story");
  EXPECT_EQ(store_->RelationBetween(ids_["000"], ids_["002"])->relation, "");
  // The API's diff and clusters say so too.
  Api api(*store_, dicts_.get());
  ApiResponse r = api.Get("/api/diff",
                          {{"a", std::to_string(ids_["000"])}, {"b", std::to_string(ids_["001"])}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto d = nlohmann::json::parse(r.body);
  EXPECT_EQ(d["relation"], "same_story");
  EXPECT_NE(d["evidence"].get<std::string>().find("RUSGOV>KAZGOV"), std::string::npos);
  ApiResponse cl = api.Get("/api/clusters", {});
  ASSERT_EQ(cl.status, 200) << cl.body;
  bool listed = false;
  const auto clusters_json = nlohmann::json::parse(cl.body);
  for (const auto& k : clusters_json["clusters"]) {
    for (const auto& m : k["members"]) {
      listed = listed || (m["article_id"] == ids_["001"] && m["relation"] == "same_story");
    }
  }
  EXPECT_TRUE(listed) << cl.body;
}

TEST_F(StoryEvents, TheSameStoryIsNotLinkedWithoutTopicalOverlap) {
  // Same leaders, same code, same day, but the second report is about something else.
  const char kOther[] =
      "Vladimir Putin met Kassym-Jomart Tokayev on Tuesday. Separately, football fans in "
      "Manchester celebrated a late winner as snow closed several motorways in Yorkshire.";
  Run({Article(dir_, "000", "Steppe Wire", "2024-03-05", kMeetingA),
       Article(dir_, "001", "Sports Desk", "2024-03-05", kOther)});
  EXPECT_EQ(*store_->ClusterOf(ids_["001"]), 0);
}

// A machine-reworded copy (the copy says "Soviet" for "Russian", like seed 003 of 000).
const char kOriginal[] =
    "Russian troops shelled Ukrainian positions near Kharkiv on Thursday, the regional governor "
    "said. The bombardment damaged a power station and two schools in the northern city. "
    "Governor Oleh Syniehubov reported that four civilians were wounded in the attack. "
    "Emergency crews restored electricity to most districts by the evening. Kyiv asked its "
    "Western partners for more air defence systems to protect the region. Moscow did not "
    "comment on the strikes.";
const char kReworded[] =
    "Soviet troops shelled Ukrainian positions near Kharkiv on Thursday, the regional governor "
    "stated. The barrage damaged a power plant and two schools in the northern city. Governor "
    "Oleh Syniehubov said that four civilians were injured in the assault. Rescue crews "
    "restored power to most districts by nightfall. Kyiv asked its Western allies for "
    "additional air defence systems to protect the area. Moscow did not comment on the "
    "strikes.";

TEST_F(StoryEvents, AnEventTheRewordingChangedIsMarked) {
  auto sum = Run({Article(dir_, "000", "Kharkiv Courier", "2024-05-10", kOriginal),
                  Article(dir_, "001", "Reprint Hub", "2024-05-11", kReworded)});
  ASSERT_EQ(store_->MembershipOf(ids_["001"])->relation, "reworded");
  EXPECT_EQ(sum.rewording_changed, 1);
  int64_t original_event = 0;
  const EventRow* changed = nullptr;
  std::vector<EventRow> events = Events();
  for (const EventRow& e : events) {
    if (e.article_id == ids_["000"] && e.source == "RUSMIL") original_event = e.id;
    if (e.article_id == ids_["001"] && !e.rewording_change.empty()) changed = &e;
  }
  ASSERT_NE(original_event, 0);
  ASSERT_NE(changed, nullptr);
  EXPECT_EQ(changed->source, "USRMIL");
  EXPECT_EQ(changed->changed_from, original_event);
  EXPECT_EQ(changed->rewording_change, "source RUSMIL>USRMIL");
  EXPECT_TRUE(changed->copy_only);
  // dyad events / export / the API show both (their columns come from EventColumns).
  ojson j = EventJson(*changed);
  EXPECT_EQ(j["changed_from"], original_event);
  EXPECT_EQ(j["rewording_change"], "source RUSMIL>USRMIL");
  // The original's events carry no mark.
  for (const EventRow& e : events) {
    if (e.article_id == ids_["000"]) {
      EXPECT_TRUE(e.rewording_change.empty());
      EXPECT_EQ(e.changed_from, 0);
    }
  }
}

TEST(StoryEventsUnit, CodingChangeNamesEachField) {
  EventRow a, b;
  a.source = "RUS";
  a.target = "UKR";
  a.code = "036";
  b = a;
  EXPECT_EQ(CodingChange(a, b), "");
  b.source = "USR";
  b.code = "040";
  b.modality = "negated";
  EXPECT_EQ(CodingChange(a, b), "source RUS>USR; code 036>040; modality asserted>negated");
}

}  // namespace
}  // namespace dyad
