// The rewording signal on MSRP (fit on train, scored on test) and on the Clough-Stevenson reuse
// corpus (skipped when ../shared is absent). The published TF-IDF overlap baseline on MSRP
// test scores accuracy 0.696 and F1 0.812; the signal must beat both.
#include <gtest/gtest.h>

#include <numeric>

#include "dyad/dedup.h"
#include "test_util.h"

namespace dyad {
namespace {

double Mean(const std::vector<double>& v) {
  return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

TEST(RewordingReference, BeatsTheTfIdfBaselineOnMsrpAndOrdersReuseLevels) {
  DYAD_REQUIRE_SHARED();
  std::string corpora = testing::SharedDir() + "/corpora";
  auto ev = EvaluateRewording(corpora + "/msrp", corpora + "/clough-stevenson-reuse");
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  std::printf("MSRP test: accuracy %.3f precision %.3f recall %.3f F1 %.3f (%zu pairs)\n",
              ev->test.accuracy, ev->test.precision, ev->test.recall, ev->test.f1, ev->test.pairs);
  EXPECT_EQ(ev->test.pairs, 1725u);
  EXPECT_GT(ev->test.accuracy, 0.696);
  EXPECT_GT(ev->test.f1, 0.812);
  // The shipped default model is the one fitted on train.
  ASSERT_EQ(ev->model.weights.size(), DefaultRewordingModel().weights.size());
  for (size_t i = 0; i < ev->model.weights.size(); ++i) {
    EXPECT_NEAR(ev->model.weights[i], DefaultRewordingModel().weights[i], 1e-3) << i;
  }
  EXPECT_NEAR(ev->model.threshold, DefaultRewordingModel().threshold, 1e-3);
  std::map<std::string, double> mean;
  for (const auto& l : ev->reuse) mean[l.level] = Mean(l.scores);
  ASSERT_EQ(mean.size(), 4u);
  EXPECT_LT(mean["non"], mean["heavy"]);
  EXPECT_LT(mean["heavy"], mean["light"]);
  EXPECT_LT(mean["heavy"], mean["cut"]);
}

}  // namespace
}  // namespace dyad
