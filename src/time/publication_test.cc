#include <gtest/gtest.h>

#include <string>

#include "dyad/timex.h"

namespace dyad {
namespace {

// The range InferPublicationDate gives for `text`: "earliest..latest" ("earliest.." when open),
// or "none".
std::string Range(std::string_view text) {
  auto est = InferPublicationDate(text);
  return est ? est->earliest + ".." + est->latest : "none";
}

TEST(Publication, BoundedByARecentDatedEvent) {
  const char* text =
      "Russia annexed four regions on September 30, 2022. Last week, Kazakhstan said it would "
      "not recognise the vote, as it did not recognise Crimea in 2014.";
  // named by its date, the annexation was before the day of publication
  EXPECT_EQ(Range(text), "2022-10-01..2022-10-14");
  auto est = InferPublicationDate(text);
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->evidence, "September 30, 2022");
  EXPECT_EQ(est->cue, "Last week");
  EXPECT_EQ(est->year_evidence, "");
}

TEST(Publication, TodayAllowsTheSameDayButNotInAQuotation) {
  EXPECT_EQ(Range("The summit opened on September 30, 2022. Today the leaders signed the "
                  "declaration."),
            "2022-09-30..2022-10-02");
  // "Today, it is Moscow that decides": the speaker's present, not a cue
  EXPECT_EQ(Range("The parade was cancelled on May 9, 2022. \"Today, it is Moscow that "
                  "decides,\" an analyst said."),
            "2022-05-09..");
}

TEST(Publication, LandmarksBoundFromBelowUnlessHypothetical) {
  const char* text =
      "Grain exports fell sharply in 2019. Since the coronavirus pandemic, ports have been "
      "short of workers.";
  EXPECT_EQ(Range(text), "2020-03-11..");
  EXPECT_EQ(InferPublicationDate(text)->evidence, "coronavirus pandemic (2020-03-11)");
  EXPECT_EQ(Range("Diplomats met in 2021. They discussed sanctions to deter a possible invasion "
                  "of Ukraine."),
            "2021-01-01..");
}

TEST(Publication, YearlessDayTakesItsYearFromTheLowerBound) {
  const char* text =
      "Trade with Moscow has shrunk since the full-scale invasion of Ukraine. Last week the "
      "minister resigned, days after a June 14 vote in parliament went against him. Back in "
      "2019 he had won easily.";
  EXPECT_EQ(Range(text), "2022-06-15..2022-06-28");
  auto est = InferPublicationDate(text);
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->evidence, "June 14");
  EXPECT_EQ(est->year_evidence, "invasion of Ukraine (2022-02-24)");
  EXPECT_EQ(est->cue, "Last week");
  // a day before the bound is the next year's
  const char* dam =
      "The dam was finished in August 2017. Last week, engineers reported cracks first seen on "
      "March 2.";
  EXPECT_EQ(Range(dam), "2018-03-03..2018-03-16");
  EXPECT_EQ(InferPublicationDate(dam)->year_evidence, "August 2017");
  // without a recency cue the day says nothing about the year
  EXPECT_EQ(Range("The dam was finished in August 2017. Engineers reported cracks first seen on "
                  "March 2."),
            "2017-08-01..");
}

TEST(Publication, OpenEndedWithoutARecencyCue) {
  // a retrospective may be written any time later
  EXPECT_EQ(Range("The first crisis came in 2008. Another followed in March 2014."),
            "2014-03-01..");
}

TEST(Publication, DeadlinesAndPlansAreNotPast) {
  EXPECT_EQ(Range("The pipeline opened in May 2019. The government will hold elections in 2026. "
                  "It aims to double exports by 2030."),
            "2019-05-01..");
}

TEST(Publication, NothingToGoOn) {
  EXPECT_EQ(Range("Officials met on Tuesday to discuss the border."), "none");
  EXPECT_EQ(Range(""), "none");
}

}  // namespace
}  // namespace dyad
