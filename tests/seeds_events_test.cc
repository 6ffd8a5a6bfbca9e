// Golden test: the seed articles coded with dyad's own default dictionaries (data/dict) yield
// the events a careful human coder lists (issue 4), each traceable to its sentence. The
// expectations are facts about the seeds, stated as actor-code prefixes, CAMEO roots and a
// short fragment of the reporting sentence. Skipped when ../shared is absent.
#include <gtest/gtest.h>

#include <functional>

#include "dyad/geo.h"
#include "dyad/pipeline.h"
#include "dyad/store.h"
#include "dyad/tabari.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing::SharedDir;
using testing::TempDir;

class SeedEvents : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (SharedDir().empty() || DefaultDictionaryDir().empty()) return;
    dir_ = new TempDir();
    std::string db = dir_->File("seeds.db");
    testing::LoadedCorpus c;
    ASSERT_TRUE(testing::RunAndLoad({SharedDir() + "/seeds"}, db, &c).ok());
    CountingSink diag(nullptr);
    auto dicts = tabari::DictionarySet::Load({DefaultDictionaryDir()}, diag, false);
    ASSERT_TRUE(dicts.ok()) << dicts.status().ToString();
    EXPECT_EQ(diag.skipped(), 0) << "the default dictionaries have bad lines";
    auto sum = tabari::CodeStore(**dicts, db);
    ASSERT_TRUE(sum.ok()) << sum.status().ToString();
    events_ = new std::vector<EventRow>();
    ASSERT_TRUE(c.store
                    ->ForEachEvent({},
                                   [](const EventRow& e) {
                                     events_->push_back(e);
                                     return true;
                                   })
                    .ok());
    for (const EventRow& e : *events_) {
      auto a = c.store->GetArticle(e.article_id);
      ASSERT_TRUE(a.ok());
      texts_[e.article_id] = a->text;
    }
  }
  static void TearDownTestSuite() {
    delete events_;
    events_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    DYAD_REQUIRE_SHARED();
    if (events_ == nullptr) GTEST_SKIP() << "default dictionaries (data/dict) not found";
  }

  // Events whose source and target start with the given codes (either may be a list separated
  // by '|'), with the CAMEO root among `roots`, reported by a sentence containing `fragment`.
  static std::vector<const EventRow*> Find(const std::string& sources, const std::string& targets,
                                           const std::vector<std::string>& roots,
                                           const std::string& fragment) {
    auto any_prefix = [](const std::string& code, const std::string& list) {
      size_t start = 0;
      for (;;) {
        size_t bar = list.find('|', start);
        std::string p =
            list.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
        if (code.starts_with(p)) return true;
        if (bar == std::string::npos) return false;
        start = bar + 1;
      }
    };
    std::vector<const EventRow*> out;
    for (const EventRow& e : *events_) {
      if (!any_prefix(e.source, sources) || !any_prefix(e.target, targets)) continue;
      if (std::find(roots.begin(), roots.end(), e.cameo_root) == roots.end()) continue;
      if (e.sentence.find(fragment) == std::string::npos) continue;
      out.push_back(&e);
    }
    return out;
  }
  static std::string List() {
    std::string s;
    for (const EventRow& e : *events_) {
      s += e.source + " " + e.target + " " + e.code + " " + e.modality + " | " +
           e.sentence.substr(0, 80) + "\n";
    }
    return s;
  }

  static TempDir* dir_;
  static std::vector<EventRow>* events_;
  static std::map<int64_t, std::string> texts_;
};
TempDir* SeedEvents::dir_ = nullptr;
std::vector<EventRow>* SeedEvents::events_ = nullptr;
std::map<int64_t, std::string> SeedEvents::texts_;

TEST_F(SeedEvents, KazakhstanRefusesToRecogniseTheAnnexations) {
  // "refused to recognise" is coded as the refusal (root 12), asserted.
  auto found = Find("KAZ", "RUS|UKR", {"12"}, "refused to recognise");
  ASSERT_FALSE(found.empty()) << List();
  EXPECT_EQ(found[0]->modality, "asserted");
}

TEST_F(SeedEvents, NonRecognitionIsNegatedNotCodedAsRecognition) {
  // 000: "the refusal of Kazakhstan's president ... to recognize Russia's annexation".
  auto refusal = Find("KAZ", "RUS|UKR", {"05"}, "refusal of Kazakhstan");
  EXPECT_FALSE(refusal.empty()) << List();
  for (const EventRow* e : refusal) {
    EXPECT_EQ(e->modality, "negated") << e->sentence;
  }
  // 001: "Kazakhstan had not already recognized the annexation of Crimea".
  auto not_recognized = Find("KAZ", "", {"05"}, "not already recognized");
  EXPECT_FALSE(not_recognized.empty()) << List();
  for (const EventRow* e : not_recognized) {
    EXPECT_EQ(e->modality, "negated") << e->sentence;
  }
  // No asserted recognition by Kazakhstan anywhere in the seeds.
  for (const EventRow& e : *events_) {
    if (e.source.starts_with("KAZ") && e.code.starts_with("054")) {
      EXPECT_NE(e.modality, "asserted") << e.sentence;
    }
  }
}

TEST_F(SeedEvents, EventsAreDatedByTheirText) {
  // 000 (published 2024-06-03): the refusal happened "in June 2022", the paratroopers arrived
  // in January 2022: both dated from the sentence and historical, not the article's date.
  auto refusal = Find("KAZ", "RUS|UKR", {"05"}, "refusal of Kazakhstan");
  ASSERT_FALSE(refusal.empty()) << List();
  EXPECT_EQ(refusal[0]->date, "2022-06");
  EXPECT_EQ(refusal[0]->date_rule, "clause");
  EXPECT_EQ(refusal[0]->date_text, "June 2022");
  EXPECT_TRUE(refusal[0]->historical);
  auto paratroopers = Find("RUS", "KAZ", {"04", "07", "15", "08"}, "paratroopers");
  ASSERT_FALSE(paratroopers.empty()) << List();
  EXPECT_EQ(paratroopers[0]->date, "2022-01");
  EXPECT_TRUE(paratroopers[0]->historical);
  // 002: "The first happened in 2008 after Moscow recognized ..." and the next sentence, "At
  // the time, Russian President Dmitry Medvedev traveled to Tajikistan", carries 2008 over.
  auto recognition = Find("RUS", "GEO", {"05"}, "2008");
  ASSERT_FALSE(recognition.empty()) << List();
  EXPECT_EQ(recognition[0]->date, "2008");
  auto medvedev = Find("RUS", "TJK", {"04"}, "At the time");
  ASSERT_FALSE(medvedev.empty()) << List();
  EXPECT_EQ(medvedev[0]->date, "2008");
  EXPECT_EQ(medvedev[0]->date_rule, "carried");
  // 002 carries no date; its text shows it was written after 2019, so a 2008 event is
  // historical all the same.
  EXPECT_TRUE(medvedev[0]->historical);
  // The date expression is evidence: its span points at it in the article.
  for (const EventRow& e : *events_) {
    if (e.date_text.empty()) continue;
    EXPECT_EQ(texts_.at(e.article_id).substr(e.date_begin, e.date_end - e.date_begin), e.date_text);
  }
}

TEST_F(SeedEvents, TokayevAsksTheCstoForHelp) {
  EXPECT_FALSE(Find("KAZ", "IGOCST", {"02"}, "Tokayev").empty()) << List();
}

TEST_F(SeedEvents, RussianTroopsArriveInKazakhstan) {
  EXPECT_FALSE(Find("RUS", "KAZ", {"04", "07", "15", "08"}, "paratroopers").empty()) << List();
}

TEST_F(SeedEvents, CentralAsiaSendsAidToKyiv) {
  EXPECT_FALSE(Find("UZB", "UKR", {"07"}, "humanitarian aid").empty()) << List();
  EXPECT_FALSE(Find("KAZ", "UKR", {"07"}, "humanitarian aid").empty()) << List();
}

TEST_F(SeedEvents, XiVisitsKazakhstan) {
  EXPECT_FALSE(Find("CHN", "KAZ", {"04"}, "").empty()) << List();
}

TEST_F(SeedEvents, EventsArePlacedWhereTheirSentenceSays) {
  if (!geo::Gazetteer::Default().ok()) GTEST_SKIP() << "gazetteer not installed";
  // The January 2022 CSTO deployment: "Russian paratroopers arrived in Kazakhstan".
  auto deployment = Find("RUS", "KAZ", {"04", "07", "15", "08"}, "paratroopers");
  ASSERT_FALSE(deployment.empty()) << List();
  EXPECT_EQ(deployment[0]->place_country, "KAZ");
  EXPECT_EQ(deployment[0]->place_text, "Kazakhstan");
  EXPECT_EQ(deployment[0]->place_rule, "clause");
  EXPECT_EQ(deployment[0]->date, "2022-01");
  // Xi's visit: "made his first visit to Kazakhstan"; "Stopping in Astana ..., Xi told Tokayev".
  auto visit = Find("CHN", "KAZ", {"04"}, "visit to Kazakhstan");
  ASSERT_FALSE(visit.empty()) << List();
  EXPECT_EQ(visit[0]->place_country, "KAZ");
  auto astana = Find("CHN", "KAZ", {"05"}, "Stopping in Astana");
  ASSERT_FALSE(astana.empty()) << List();
  EXPECT_EQ(astana[0]->place, "Astana");
  EXPECT_EQ(astana[0]->place_kind, "city");
  EXPECT_NEAR(astana[0]->lat, 51.18, 0.1);
  EXPECT_NEAR(astana[0]->lon, 71.45, 0.1);
  // A place that is an actor or an object is not where the event happened: "refusal of
  // Kazakhstan's president ... to recognize Russia's annexation of ... Donetsk".
  auto refusal = Find("KAZ", "RUS|UKR", {"05"}, "refusal of Kazakhstan");
  ASSERT_FALSE(refusal.empty()) << List();
  EXPECT_FALSE(refusal[0]->has_place) << refusal[0]->place;
  // The place name is evidence: its span points at it in the article.
  for (const EventRow& e : *events_) {
    if (!e.has_place) continue;
    EXPECT_EQ(texts_.at(e.article_id).substr(e.place_begin, e.place_end - e.place_begin),
              e.place_text);
  }
}

TEST_F(SeedEvents, RussiaDeportsCentralAsianWorkers) {
  EXPECT_FALSE(Find("RUS", "TJK|CAS|KGZ|UZB", {"17"}, "deport").empty()) << List();
}

TEST_F(SeedEvents, EveryEventHasActorsAndSpansIntoTheArticle) {
  ASSERT_GT(events_->size(), 10u);
  for (const EventRow& e : *events_) {
    ASSERT_FALSE(e.source.empty());
    ASSERT_FALSE(e.target.empty());
    EXPECT_NE(e.source, e.target) << e.sentence;
    const std::string& text = texts_.at(e.article_id);
    // A sentence with no actor yields no event: both actors are named in the sentence, and
    // every span is a slice of articles.text that reads as stored.
    ASSERT_LT(e.source_begin, e.source_end) << e.sentence;
    ASSERT_LT(e.target_begin, e.target_end) << e.sentence;
    ASSERT_LE(e.source_end, text.size());
    ASSERT_LE(e.target_end, text.size());
    ASSERT_LE(e.verb_end, text.size());
    EXPECT_EQ(text.substr(e.source_begin, e.source_end - e.source_begin), e.source_text);
    EXPECT_EQ(text.substr(e.target_begin, e.target_end - e.target_begin), e.target_text);
    EXPECT_EQ(text.substr(e.verb_begin, e.verb_end - e.verb_begin), e.verb_text);
    if (!e.speaker_text.empty()) {
      EXPECT_EQ(text.substr(e.speaker_begin, e.speaker_end - e.speaker_begin), e.speaker_text);
    }
    EXPECT_FALSE(e.cameo_root.empty()) << e.code;
    EXPECT_GE(e.quad_class, 1);
  }
}

}  // namespace
}  // namespace dyad
