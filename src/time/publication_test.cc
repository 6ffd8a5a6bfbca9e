#include <gtest/gtest.h>

#include "dyad/timex.h"

namespace dyad {
namespace {

TEST(Publication, BoundedByARecentDatedEvent) {
  auto est = InferPublicationDate(
      "Russia annexed four regions on September 30, 2022. Last week, Kazakhstan said it would "
      "not recognise the vote, as it did not recognise Crimea in 2014.");
  ASSERT_TRUE(est.has_value());
  // named by its date, the annexation was before the day of publication
  EXPECT_EQ(est->earliest, "2022-10-01");
  EXPECT_EQ(est->evidence, "September 30, 2022");
  EXPECT_EQ(est->cue, "Last week");
  EXPECT_EQ(est->latest, "2022-10-14");
  EXPECT_EQ(est->year_evidence, "");
}

TEST(Publication, TodayAllowsTheSameDay) {
  auto est = InferPublicationDate(
      "The summit opened on September 30, 2022. Today the leaders signed the declaration.");
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->earliest, "2022-09-30");
  EXPECT_EQ(est->latest, "2022-10-02");
}

TEST(Publication, TodayInAQuotationIsNotACue) {
  auto est = InferPublicationDate(
      "The parade was cancelled on May 9, 2022. \"Today, it is Moscow that decides,\" an analyst "
      "said.");
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->earliest, "2022-05-09");
  EXPECT_EQ(est->latest, "");
}

TEST(Publication, LandmarkBoundsFromBelow) {
  auto est = InferPublicationDate(
      "Grain exports fell sharply in 2019. Since the coronavirus pandemic, ports have been "
      "short of workers.");
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->earliest, "2020-03-11");
  EXPECT_EQ(est->evidence, "coronavirus pandemic (2020-03-11)");
  EXPECT_EQ(est->latest, "");
}

TEST(Publication, YearlessDayTakesItsYearFromTheLowerBound) {
  auto est = InferPublicationDate(
      "Trade with Moscow has shrunk since the full-scale invasion of Ukraine. Last week the "
      "minister resigned, days after a June 14 vote in parliament went against him. Back in "
      "2019 he had won easily.");
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->evidence, "June 14");
  EXPECT_EQ(est->year_evidence, "invasion of Ukraine (2022-02-24)");
  EXPECT_EQ(est->cue, "Last week");
  EXPECT_EQ(est->earliest, "2022-06-15");
  EXPECT_EQ(est->latest, "2022-06-28");
}

TEST(Publication, YearlessDayBeforeTheBoundIsTheNextYears) {
  auto est = InferPublicationDate(
      "The dam was finished in August 2017. Last week, engineers reported cracks first seen on "
      "March 2.");
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->earliest, "2018-03-03");
  EXPECT_EQ(est->latest, "2018-03-16");
  EXPECT_EQ(est->year_evidence, "August 2017");
}

TEST(Publication, YearlessDayNeedsARecencyCue) {
  auto est = InferPublicationDate(
      "The dam was finished in August 2017. Engineers reported cracks first seen on March 2.");
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->earliest, "2017-08-01");
  EXPECT_EQ(est->latest, "");
}

TEST(Publication, HypotheticalLandmarksDoNotCount) {
  auto est = InferPublicationDate(
      "Diplomats met in 2021. They discussed sanctions to deter a possible invasion of "
      "Ukraine.");
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->earliest, "2021-01-01");
}

TEST(Publication, OpenEndedWithoutARecencyCue) {
  auto est = InferPublicationDate("The first crisis came in 2008. Another followed in March 2014.");
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->earliest, "2014-03-01");
  EXPECT_EQ(est->latest, "");  // a retrospective may be written any time later
}

TEST(Publication, DeadlinesAndPlansAreNotPast) {
  auto est = InferPublicationDate(
      "The pipeline opened in May 2019. The government will hold elections in 2026. It aims to "
      "double exports by 2030.");
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->earliest, "2019-05-01");
}

TEST(Publication, NothingToGoOn) {
  EXPECT_FALSE(InferPublicationDate("Officials met on Tuesday to discuss the border.").has_value());
  EXPECT_FALSE(InferPublicationDate("").has_value());
}

}  // namespace
}  // namespace dyad
