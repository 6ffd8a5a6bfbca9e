// Golden tests on the bundled sample corpus (data/sample, our own text): what the pipeline
// must make of it. Runs without ../shared.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "dyad/pipeline.h"
#include "dyad/store.h"
#include "test_util.h"

namespace dyad {
namespace {

class SampleCorpus : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string sample = SampleCorpusDir();
    ASSERT_FALSE(sample.empty()) << "data/sample not found";
    testing::LoadedCorpus c;
    Status s = testing::RunAndLoad({sample}, dir_.File("sample.db"), &c);
    ASSERT_TRUE(s.ok()) << s.ToString();
    sum_ = c.summary;
    store_ = std::move(c.store);
    by_number_ = std::move(c.by_number);
  }
  nlohmann::json Meta(const std::string& n) {
    return nlohmann::json::parse(by_number_.at(n).metadata_json);
  }

  testing::TempDir dir_;
  PipelineSummary sum_;
  std::unique_ptr<Store> store_;
  std::map<std::string, ArticleRow> by_number_;
};

TEST_F(SampleCorpus, EveryArticleIsIngestedWithItsHeader) {
  EXPECT_GE(sum_.ingested, 20);
  EXPECT_EQ(sum_.skipped, 0);
  EXPECT_EQ(static_cast<int64_t>(by_number_.size()), sum_.ingested);
  int dated = 0;
  for (const auto& [n, a] : by_number_) {
    if (!a.published.empty()) {
      ++dated;
      EXPECT_EQ(a.published.size(), 10u) << n;
      EXPECT_FALSE(a.title.empty()) << n;
      EXPECT_FALSE(a.source.empty()) << n;
    }
    EXPECT_GE(a.sentence_count, 4) << n;
  }
  // Exactly one article is undated.
  EXPECT_EQ(dated, sum_.ingested - 1);
  // The colon-style header is read like the space-style one.
  EXPECT_EQ(by_number_.at("012").published, "2022-10-01");
  EXPECT_EQ(by_number_.at("012").source, "Sample Wire");
}

TEST_F(SampleCorpus, FurnitureNoticesAndBios) {
  for (const char* n : {"007", "016"}) {
    const ArticleRow& a = by_number_.at(n);
    EXPECT_EQ(a.text.find("Share this article"), std::string::npos) << n;
    EXPECT_NE(a.original.find("Share this article"), std::string::npos) << n;
    EXPECT_EQ(Meta(n)["removed"].size(), 2u) << n;
  }
  EXPECT_NE(Meta("003")["provenance"][0].get<std::string>().find("republished from Sample Wire"),
            std::string::npos);
  EXPECT_TRUE(Meta("021").contains("author_bio"));
  // Articles without furniture lose nothing.
  for (const char* n : {"000", "001", "010", "022"}) EXPECT_FALSE(Meta(n).contains("removed")) << n;
}

TEST_F(SampleCorpus, RewordedCopyIsAnotherArticleWithTheSameShape) {
  // The copy has the same number of sentences as its original (dedup aligns them later).
  EXPECT_EQ(by_number_.at("003").sentence_count, by_number_.at("001").sentence_count);
  EXPECT_NE(by_number_.at("003").text_hash, by_number_.at("001").text_hash);
}

TEST_F(SampleCorpus, SearchFindsTheCstoRequest) {
  auto hits = store_->Search("CSTO OR \"Collective Security Treaty Organization\"", 50);
  ASSERT_TRUE(hits.ok());
  bool found = false;
  for (const auto& h : *hits) {
    found = found || (h.origin.find("001_csto_troops_requested") != std::string::npos &&
                      h.snippet.find("asked the [Collective Security Treaty Organization]") !=
                          std::string::npos);
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace dyad
