#include <gtest/gtest.h>

#include "dyad/timex.h"

namespace dyad {
namespace {

TEST(Publication, BoundedByARecentDatedEvent) {
  auto est = InferPublicationDate(
      "Russia annexed four regions on September 30, 2022. Last week, Kazakhstan said it would "
      "not recognise the vote, as it did not recognise Crimea in 2014.");
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->earliest, "2022-09-30");
  EXPECT_EQ(est->evidence, "September 30, 2022");
  EXPECT_EQ(est->cue, "Last week");
  EXPECT_EQ(est->latest, "2022-10-14");
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
