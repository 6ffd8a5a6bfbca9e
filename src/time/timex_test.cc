// The TIMEX3 tagger on our own sentences: each form, its extent and its value against an anchor.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dyad/timex.h"
#include "time/calendar.h"

namespace dyad {
namespace {

// Anchor: Monday 26 September 2022 (ISO week 39).
constexpr std::string_view kAnchor = "2022-09-26";

struct Found {
  std::string text, type, value;
};

std::vector<Found> Tag(std::string_view text, std::string_view anchor = kAnchor) {
  auto r = TagTimexes(text, anchor);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  std::vector<Found> out;
  if (!r.ok()) return out;
  for (const auto& t : *r) {
    out.push_back({std::string(t.in(text)), std::string(TimexTypeName(t.type)), t.value});
  }
  return out;
}

// The single timex of `text`: its extent, type and value.
void ExpectOne(std::string_view text, std::string_view extent, std::string_view type,
               std::string_view value, std::string_view anchor = kAnchor) {
  auto found = Tag(text, anchor);
  ASSERT_EQ(found.size(), 1u) << text;
  EXPECT_EQ(found[0].text, extent) << text;
  EXPECT_EQ(found[0].type, type) << text;
  EXPECT_EQ(found[0].value, value) << text;
}

// `text` has `count` timexes and the k-th has `value` (and `extent`, when given).
void ExpectNth(std::string_view text, size_t count, size_t k, std::string_view value,
               std::string_view extent = "") {
  auto found = Tag(text);
  ASSERT_EQ(found.size(), count) << text;
  if (!extent.empty()) {
    EXPECT_EQ(found[k].text, extent) << text;
  }
  EXPECT_EQ(found[k].value, value) << text;
}

TEST(Calendar, DayNumbersWeekdaysAndIsoWeeks) {
  EXPECT_EQ(cal::DayNumber(1970, 1, 1), 0);
  EXPECT_EQ(cal::FromDayNumber(cal::DayNumber(2000, 2, 29)), (CivilDate{2000, 2, 29}));
  EXPECT_EQ(cal::Weekday({2022, 9, 26}), 1);  // Monday
  EXPECT_EQ(cal::Weekday({2022, 9, 25}), 7);  // Sunday
  EXPECT_EQ(cal::WeekOf({2022, 9, 26}), "2022-W39");
  EXPECT_EQ(cal::WeekOf({2021, 1, 3}), "2020-W53");
  EXPECT_EQ(cal::AddMonths({2022, 1, 31}, 1), (CivilDate{2022, 2, 28}));
  EXPECT_EQ(DaysBetween({2022, 9, 1}, {2022, 9, 26}), 25);
}

TEST(Timex, AnchorMustBeADate) {
  EXPECT_FALSE(TagTimexes("today", "26/09/2022").ok());
  EXPECT_FALSE(TagTimexes("today", "2022-13-01").ok());
  EXPECT_TRUE(TagTimexes("today", "").ok());
  EXPECT_TRUE(TagTimexes("today", "2022-09-26T10:00").ok());
}

TEST(Timex, AbsoluteDates) {
  ExpectOne("The summit was held in June 2022 in Samarkand.", "June 2022", "DATE", "2022-06");
  ExpectOne("Xi arrived on September 26.", "September 26", "DATE", "2022-09-26");
  ExpectOne("Xi arrived on Sept. 26, 2022, in Astana.", "Sept. 26, 2022", "DATE", "2022-09-26");
  ExpectOne("The treaty was signed 26-FEB-1987 in Vienna.", "26-FEB-1987", "DATE", "1987-02-26");
  ExpectOne("Published 2022-09-26 by the agency.", "2022-09-26", "DATE", "2022-09-26");
  ExpectOne("In 2008 Moscow recognised Abkhazia.", "2008", "DATE", "2008");
  ExpectOne("Trade grew in the 1990s.", "the 1990s", "DATE", "199");
  ExpectOne("He was born on 5 March 1961.", "5 March 1961", "DATE", "1961-03-05");
  ExpectOne("On Monday, Sept. 19, the talks began.", "Monday, Sept. 19", "DATE", "2022-09-19");
  ExpectOne("The deal was signed 9/26/2022.", "9/26/2022", "DATE", "2022-09-26");
  ExpectOne("It dates from the 20th century.", "the 20th century", "DATE", "19");
  ExpectOne("Prices fell in the mid-1980s.", "the mid-1980s", "DATE", "198");
  ExpectOne("Oil rose in the third quarter.", "the third quarter", "DATE", "2022-Q3");
  ExpectOne("Oil rose in the first half of 2021.", "the first half of 2021", "DATE", "2021-H1");
  ExpectOne("Fighting resumed in the winter of 1994.", "the winter of 1994", "DATE", "1994-WI");
  ExpectOne("Its third-quarter profit rose.", "third-quarter", "DATE", "2022-Q3");
  ExpectOne("Profit rose in Q3 2021.", "Q3 2021", "DATE", "2021-Q3");
  ExpectOne("H1 sales fell.", "H1", "DATE", "2022-H1");
}

TEST(Timex, RelativeDatesResolveAgainstTheAnchor) {
  ExpectOne("Protests began last week.", "last week", "DATE", "2022-W38");
  ExpectOne("They met next week.", "next week", "DATE", "2022-W40");
  ExpectOne("The minister resigned on Saturday.", "Saturday", "DATE", "2022-09-24");
  ExpectOne("The minister will travel on Saturday.", "Saturday", "DATE", "2022-10-01");
  ExpectOne("The parliament voted on Monday.", "Monday", "DATE", "2022-09-26");
  ExpectOne("The troops left in March.", "March", "DATE", "2022-03");
  ExpectOne("Elections will be held in March.", "March", "DATE", "2023-03");
  ExpectOne("Troops arrived in December.", "December", "DATE", "2021-12");
  // reported speech: "would" is the future of the past, so the nearest June wins
  auto speech = Tag("He said in March that he would hold a vote on June 5.");
  ASSERT_EQ(speech.size(), 2u);
  EXPECT_EQ(speech[0].value, "2022-03");
  EXPECT_EQ(speech[1].value, "2022-06-05");
  ExpectOne("The plant closed three years ago.", "three years ago", "DATE", "2019");
  ExpectOne("He visited Almaty two months ago.", "two months ago", "DATE", "2022-07");
  ExpectOne("Talks broke down earlier this month.", "earlier this month", "DATE", "2022-09");
  ExpectOne("Sales fell last year.", "last year", "DATE", "2021");
  ExpectOne("The rally took place yesterday.", "yesterday", "DATE", "2022-09-25");
  ExpectOne("The court rules today.", "today", "DATE", "2022-09-26");
  ExpectOne("The court will rule tomorrow.", "tomorrow", "DATE", "2022-09-27");
  ExpectOne("The army is now in control.", "now", "DATE", "PRESENT_REF");
  ExpectOne("The conflict has simmered since 2014.", "2014", "DATE", "2014");
  ExpectOne("Ties have grown in recent years.", "recent years", "DATE", "PAST_REF");
  ExpectOne("They met recently in Tashkent.", "recently", "DATE", "PAST_REF");
  ExpectOne("It may change in the future.", "the future", "DATE", "FUTURE_REF");
  ExpectOne("Sales fell last quarter.", "last quarter", "DATE", "2022-Q2");
  ExpectOne("The deal closes this summer.", "this summer", "DATE", "2022-SU");
  ExpectOne("The strike began last spring.", "last spring", "DATE", "2022-SP");
  ExpectOne("Troops arrived in January this year.", "January this year", "DATE", "2022-01");
  ExpectOne("He came home last April.", "last April", "DATE", "2022-04");
  ExpectOne("It closes at year-end.", "year-end", "DATE", "2022");
  ExpectOne("Markets were closed on Christmas Day.", "Christmas Day", "DATE", "2021-12-25");
  ExpectOne("He spoke in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996");
}

TEST(Timex, DiscourseReferences) {
  // "that year" and "the following year" take the year last named
  auto a = Tag("Russia invaded Georgia in 2008. That year, and the following year, ties froze.");
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[1].text, "That year");
  EXPECT_EQ(a[1].value, "2008");
  EXPECT_EQ(a[2].text, "the following year");
  EXPECT_EQ(a[2].value, "2009");
  // in a quarterly report, "a year ago" and "the comparable period last year" are that quarter
  auto b =
      Tag("Profit rose in the third quarter from a year ago and from the comparable "
          "period last year.");
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[1].value, "2021-Q3");
  EXPECT_EQ(b[2].text, "the comparable period last year");
  EXPECT_EQ(b[2].value, "2021-Q3");
  // "the previous Friday" counts from the day last named
  auto c = Tag("Stocks closed on Sept. 16, down from the previous Friday.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].value, "2022-09-09");
  // without a quarter named, "a year ago" is the year
  ExpectOne("Profit rose from a year ago.", "a year ago", "DATE", "2021");
}

TEST(Timex, DirectionFromModalsDeadlinesAndPossessives) {
  // a deadline without a tense of its own lies ahead
  ExpectOne("The bank wants the loan repaid by February.", "February", "DATE", "2023-02");
  // a participle used as an adjective after a determiner is not a past tense
  ExpectOne("The bonus would be paid on a still unnamed date in February.", "February", "DATE",
            "2023-02");
  ExpectOne("Shareholders will vote on the proposed merger in February.", "February", "DATE",
            "2023-02");
  // a pronoun before it leaves a verb a verb
  ExpectOne("This happened in December.", "December", "DATE", "2021-12");
  // an event owned by a weekday ("Wednesday's ruling") is reported, so past, even in a
  // sentence about the future
  ExpectOne("They will look for ways around Wednesday's ruling.", "Wednesday", "DATE",
            "2022-09-21");
  ExpectOne("Monday's vote was close.", "Monday", "DATE", "2022-09-26");
  // "the weekend" ahead is this week's, even late in the week
  ExpectOne("Traders squared positions ahead of the weekend.", "the weekend", "DATE",
            "2022-W39-WE");
}

TEST(Timex, ResultsForTheYearEndedADate) {
  // the year of a report is a duration; its closing date is an expression of its own
  auto a = Tag("For the fiscal year ended June 30, the firm earned $4 million.");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].text, "the fiscal year");
  EXPECT_EQ(a[0].type, "DURATION");
  EXPECT_EQ(a[0].value, "P1Y");
  EXPECT_EQ(a[1].text, "June 30");
  ExpectOne("The company forecast higher profit for the full year.", "the full year", "DATE",
            "2022");
}

TEST(Timex, TheYearOfAReport) {
  // "the year" alone is the report's year; "the year ending tomorrow" is a year of results
  ExpectOne("For the year, sales of the unit were flat.", "the year", "DATE", "2022");
  ExpectOne("The shares reached a high for the year of $42.", "the year", "DATE", "2022");
  // "the fiscal year" alone is the report's year too; with its end date it is the period
  ExpectOne("Earnings will be lower for the fiscal year.", "the fiscal year", "DATE", "2022");
  auto fy = Tag("The fiscal year ended June 30 was a record.");
  ASSERT_FALSE(fy.empty());
  EXPECT_NE(fy[0].value, "2022");
  ExpectOne("Output was held back earlier in the year by floods.", "earlier in the year", "DATE",
            "2022");
  auto a = Tag("It expects a loss for the year ending tomorrow.");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].text, "the year");
  EXPECT_EQ(a[0].type, "DURATION");
  EXPECT_EQ(a[0].value, "P1Y");
  EXPECT_EQ(a[1].value, "2022-09-27");
  // the year before or after an event is not the report's year
  EXPECT_TRUE(Tag("Revenue fell to $3 million, from $4 million the year before.").empty());
  // "the year 2000", "the year two thousand"
  ExpectOne("The pledge was to halve the deficit by the year two thousand.",
            "the year two thousand", "DATE", "2000");
  ExpectOne("Few planned for the year 2000 in time.", "the year 2000", "DATE", "2000");
  ExpectOne("The plan runs to the year two thousand and five.", "the year two thousand and five",
            "DATE", "2005");
}

TEST(Timex, CurrentAndThenCurrent) {
  // "current" as an adjective is the present; "then current" a past present
  ExpectOne("The bank blamed current market conditions.", "current", "DATE", "PRESENT_REF");
  ExpectOne("He will travel with his current wife.", "current", "DATE", "PRESENT_REF");
  ExpectOne("Holders may buy shares at half the then current price.", "then current", "DATE",
            "PAST_REF");
  ExpectOne("Sales in the current year rose.", "the current year", "DATE", "2022");
}

TEST(Timex, DeadlinesPutOffLieAhead) {
  // Anchor Monday 26 September: a deadline extended or granted "until Tuesday" is ahead even
  // in a past clause; "had been due to" reports a plan as past
  ExpectOne("Officials postponed until Tuesday any action on the permit.", "Tuesday", "DATE",
            "2022-09-27");
  ExpectOne("The agency has given the family until 9 a.m. Tuesday to reply.", "9 a.m. Tuesday",
            "TIME", "2022-09-27T09:00");
  ExpectOne("The offer had been due to expire Friday evening.", "Friday evening", "TIME",
            "2022-09-23TEV");
  // what was planned lies ahead
  ExpectOne("Exiles planned a large rally on Saturday.", "Saturday", "DATE", "2022-10-01");
  // "would be" (reported plans) looks ahead
  ExpectOne("Officials said the father would be traveling to Washington Thursday.", "Thursday",
            "DATE", "2022-09-29");
  // without such a verb a weekday after "until" keeps the clause's tense
  ExpectOne("The talks lasted until Thursday.", "Thursday", "DATE", "2022-09-22");
}

TEST(Timex, VagueReferencesToThePresentAndFuture) {
  ExpectOne("Investors are wary these days.", "these days", "DATE", "PRESENT_REF");
  // a sentence opened by "Now," or "Currently," is a discourse marker; "now" in a clause stays
  EXPECT_TRUE(Tag("Now, the party says, the mood has changed.").empty());
  EXPECT_TRUE(Tag("Currently, organs are rationed by region.").empty());
  ExpectOne("The group now holds 45% of the shares.", "now", "DATE", "PRESENT_REF");
  ExpectOne("Now the court must decide.", "Now", "DATE", "PRESENT_REF");
  ExpectOne("The party may one day govern alone.", "one day", "DATE", "FUTURE_REF");
  ExpectOne("The strike lasted one day.", "one day", "DURATION", "P1D");
  ExpectOne("The plant will be financed at a later date.", "a later date", "DATE", "FUTURE_REF");
  ExpectOne("We do not minimise the challenges of the near term.", "the near term", "DATE",
            "FUTURE_REF");
  ExpectOne("Holders may be placated in the short term.", "the short term", "DATE", "FUTURE_REF");
  ExpectOne("They will have to live without it for a while.", "a while", "DURATION", "PXX");
  EXPECT_TRUE(Tag("A while later the crowd left.").empty());
}

TEST(Timex, PartsOfTheDayAndSeasonsWithModifiers) {
  // "in the morning" belongs to the day last named; without one, to the anchor's day
  auto a = Tag("Shares fell on Friday. Dealers sold heavily in the morning.");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[1].text, "the morning");
  EXPECT_EQ(a[1].type, "TIME");
  EXPECT_EQ(a[1].value, "2022-09-23TMO");
  ExpectOne("By mid afternoon the police had left.", "mid afternoon", "TIME", "2022-09-26TAF");
  ExpectOne("At mid-afternoon yesterday the shares were up.", "mid-afternoon yesterday", "TIME",
            "2022-09-25TAF");
  ExpectOne("He will leave at 4 in the morning.", "4 in the morning", "TIME", "2022-09-26T04:00");
  ExpectOne("Orders rose from the low levels of the early summer.", "the early summer", "DATE",
            "2022-SU");
  ExpectOne("The unit was closed this past spring.", "this past spring", "DATE", "2022-SP");
  // "that quarter" is the quarter last named
  auto b =
      Tag("The loss in the second quarter was large. Results for that quarter included a charge.");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[1].value, "2022-Q2");
}

TEST(Timex, VagueDurationsAndReferencesBack) {
  ExpectOne("Funds may sell bonds in the weeks ahead.", "the weeks ahead", "DURATION", "PXW");
  ExpectOne("Over the next couple of years sales should double.", "the next couple of years",
            "DURATION", "P2Y");
  ExpectOne("The loan may be extended for an additional year.", "an additional year", "DURATION",
            "P1Y");
  ExpectOne("The unit turned a profit after several quarters of losses.", "several quarters",
            "DURATION", "PXQ");
  ExpectOne("Sales grew for the first time in years.", "years", "DURATION", "PXY");
  // a fraction is no duration
  EXPECT_TRUE(Tag("Three quarters of the voters stayed home.").empty());
  // "until then": the date last named
  auto a = Tag("The rights end on Nov. 30. Until then, the stock remains convertible.");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[1].text, "then");
  EXPECT_EQ(a[1].value, "2022-11-30");
  EXPECT_TRUE(Tag("Until then, nobody knew.").empty());
}

TEST(Timex, AVaguePastStretchIsPastRefUnlessMeasured) {
  // when something happened: an unspecified past; with "for": how long
  ExpectOne("Mortgage rates have eased in the last few months.", "the last few months", "DATE",
            "PAST_REF");
  ExpectOne("Margins shrank over the past several quarters.", "the past several quarters", "DATE",
            "PAST_REF");
  ExpectOne("Such strikes were rare in past years.", "past years", "DATE", "PAST_REF");
  ExpectOne("For the past few weeks the talks have stalled.", "the past few weeks", "DURATION",
            "PXW");
  // a number says how long; "the next few days" lies ahead
  ExpectOne("Prices rose in the past three months.", "the past three months", "DURATION", "P3M");
  ExpectOne("Rain is likely over the next few days.", "the next few days", "DURATION", "PXD");
}

TEST(Timex, AQuarterNotYetReachedIsLastYearsInThePast) {
  // written in January: results of the fourth quarter are last year's, plans are this year's
  ExpectOne("The company reported a drop in profit for the fourth quarter.", "the fourth quarter",
            "DATE", "2022-Q4", "2023-01-26");
  ExpectOne("The company expects a profit in the fourth quarter.", "the fourth quarter", "DATE",
            "2023-Q4", "2023-01-26");
  ExpectOne("Profit rose in the second quarter.", "the second quarter", "DATE", "2022-Q2");
}

TEST(Timex, WeeksOfADayElectionDayAndTimesInTwoZones) {
  ExpectOne("The case may be heard the week of Oct. 10.", "the week of Oct. 10", "DATE",
            "2022-W41");
  // US Election Day: the Tuesday after the first Monday of November
  ExpectOne("The race will be close until Election Day.", "Election Day", "DATE", "2022-11-08");
  // "10:35 a.m. (0735 GMT) Friday": the time of that Friday; the day is tagged on its own
  auto a = Tag("The blast occurred at 10:35 a.m. (0735 GMT) Friday.");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].text, "10:35 a.m.");
  EXPECT_EQ(a[0].value, "2022-09-23T10:35");
  EXPECT_EQ(a[1].text, "Friday");
}

TEST(Timex, TitlesAndNamesAreNotExpressions) {
  EXPECT_TRUE(Tag("The minister spoke on the show \"This Week With Ann Lee\".").empty());
  EXPECT_TRUE(Tag("He told CBS's \"60 Minutes\" that he would stay.").empty());
  EXPECT_TRUE(Tag("The poster showed a scene from the film High Noon.").empty());
  EXPECT_TRUE(Tag("You are listening to Radio Almaty Today.").empty());
  // a capitalised first word is no title; holidays name days
  ExpectOne("Today the court ruled.", "Today", "DATE", "2022-09-26");
  ExpectOne("Markets were shut on Christmas Day.", "Christmas Day", "DATE", "2021-12-25");
}

TEST(Timex, UnresolvableReferencesBackAreDropped) {
  // "that day" with no day named before it has nothing to refer to
  EXPECT_TRUE(Tag("Traders lost heavily on trades made that day.").empty());
  auto a = Tag("The vote was held on Sept. 12. Turnout that day was low.");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[1].value, "2022-09-12");
}

TEST(Timex, YearsReadAloudAfterMonthsAndSeasons) {
  ExpectOne("Prices fell to that level in the winter of nineteen ninety-four.",
            "the winter of nineteen ninety-four", "DATE", "1994-WI");
  ExpectOne("January nineteen ninety-seven was cold.", "January nineteen ninety-seven", "DATE",
            "1997-01");
}

TEST(Timex, ResultsCompareWithTheSameQuarterLastYear) {
  auto a =
      Tag("Net income in the third quarter rose to $5 million, compared with $3 million last year. "
          "For the quarter a year ago, the company reported a loss.");
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[1].text, "last year");
  EXPECT_EQ(a[1].value, "2021-Q3");
  EXPECT_EQ(a[2].text, "the quarter a year ago");
  EXPECT_EQ(a[2].value, "2021-Q3");
  auto b = Tag("Sales in the second quarter were up from last year's $1.5 billion.");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[1].value, "2021-Q2");
  // a sentence about the nine months or the half compares them, not the quarter
  auto d =
      Tag("Profit rose in the third quarter. In the first nine months, net was $9 million, "
          "compared with $7 million a year earlier.");
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[2].value, "2021");
  // "last year's quarter": the report's quarter, in that year
  ExpectNth("Profit fell in the second quarter. Sales for last year's quarter were higher.", 2, 1,
            "2021-Q2", "last year's quarter");
  // "the year-earlier nine months" is the months of results, as "the nine months" is
  ExpectNth("Profit rose in the third quarter. Net for the year-earlier nine months fell.", 2, 1,
            "P9M", "the year-earlier nine months");
  // without an amount it is the year
  auto c = Tag("In the second quarter sales rose. The company was founded last year.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].value, "2021");
}

TEST(Timex, AQuarterNamedInPassingIsNotTheReports) {
  // "after a flat second quarter" describes another quarter; "a year ago" and "the 2021
  // period" still compare the third quarter the report is about
  constexpr std::string_view kReport =
      "Acme posted a 20% gain in third-quarter profit. After a flat second quarter, the gain came "
      "from higher prices. In the 2021 period, costs were higher than a year ago.";
  ExpectNth(kReport, 4, 1, "2022-Q2", "second quarter");
  ExpectNth(kReport, 4, 2, "2021-Q3", "the 2021 period");
  ExpectNth(kReport, 4, 3, "2021-Q3", "a year ago");
  // a quarter that describes the report's own results still is the report's
  ExpectNth("Acme reported a third-quarter loss, against a profit a year earlier.", 2, 1,
            "2021-Q3");
  ExpectNth("Acme posted a strong third quarter. Net rose 20% from a year ago.", 2, 1, "2021-Q3");
}

TEST(Timex, TwoQuartersAndHalvesOfADecade) {
  // the first two quarters are the first half; "the last two quarters" alone is the duration
  ExpectOne("Demand should stay weak through the first two quarters of 2023.",
            "the first two quarters of 2023", "DATE", "2023-H1");
  ExpectOne("Margins widened in the last two quarters of 2021.", "the last two quarters of 2021",
            "DATE", "2021-H2");
  ExpectOne("Margins widened in the last two quarters.", "the last two quarters", "DURATION",
            "P2Q");
  // TimeML has no half of a decade: the decade
  ExpectOne("Housing starts fell through the last half of the 1970s.", "the last half of the 1970s",
            "DATE", "197");
  ExpectOne("Exports grew in the first half of the '90s.", "the first half of the '90s", "DATE",
            "199");
}

TEST(Timex, RangesAndApproximations) {
  ExpectOne("Shipments resume within two to three weeks.", "two to three weeks", "DURATION", "P2W");
  ExpectOne("Talks resumed a week or so ago.", "a week or so ago", "DATE", "2022-W38");
  ExpectOne("Three days later, the troops left.", "Three days", "DURATION", "P3D");
  ExpectOne("He was shot last Oct. 23 at home.", "last Oct. 23", "DATE", "2021-10-23");
  ExpectOne("The Times said in an editorial on Monday, Sept. 19: the vote was fair.",
            "Monday, Sept. 19", "DATE", "2022-09-19");
}

TEST(Timex, TimesAndPartsOfDay) {
  ExpectOne("The blast came at 10:30 a.m. in the capital.", "10:30 a.m.", "TIME",
            "2022-09-26T10:30");
  ExpectOne("Polls close at 8 p.m. Wednesday, officials said.", "8 p.m. Wednesday", "TIME",
            "2022-09-21T20:00");
  ExpectOne("He spoke this morning.", "this morning", "TIME", "2022-09-26TMO");
  ExpectOne("Shelling resumed last night.", "last night", "TIME", "2022-09-25TNI");
  ExpectOne("They met Friday evening.", "Friday evening", "TIME", "2022-09-23TEV");
  ExpectOne("The curfew starts at noon.", "noon", "TIME", "2022-09-26T12:00");
  ExpectOne("Voting ends at 17:30 local time.", "17:30", "TIME", "2022-09-26T17:30");
  EXPECT_TRUE(Tag("The score was 17:30 in the end.").empty());
}

TEST(Timex, Durations) {
  ExpectOne("He served three years in prison.", "three years", "DURATION", "P3Y");
  ExpectOne("The siege lasted six months.", "six months", "DURATION", "P6M");
  ExpectOne("It took a decade to rebuild.", "a decade", "DURATION", "P10Y");
  ExpectOne("The talks lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M");
  ExpectOne("Prices rose over the past two weeks.", "the past two weeks", "DURATION", "P2W");
  ExpectOne("The search went on for nearly five hours.", "nearly five hours", "DURATION", "PT5H");
  ExpectOne("A two-year extension was agreed.", "two-year", "DURATION", "P2Y");
  ExpectOne("They have waited for years.", "years", "DURATION", "PXY");
  ExpectOne("The next few days will be decisive.", "The next few days", "DURATION", "PXD");
  ExpectOne("It lasted half an hour.", "half an hour", "DURATION", "PT30M");
  ExpectOne("It lasted twenty-five days.", "twenty-five days", "DURATION", "P25D");
  ExpectOne("Markets fell in the last twenty four hours.", "the last twenty four hours", "DURATION",
            "PT24H");
  ExpectOne("Inflation has doubled over the past decade.", "the past decade", "DURATION", "P10Y");
}

TEST(Timex, Sets) {
  ExpectOne("The council meets every week.", "every week", "SET", "P1W");
  ExpectOne("The report is published annually.", "annually", "SET", "P1Y");
  ExpectOne("Convoys leave daily.", "daily", "SET", "P1D");
  ExpectOne("They march each July.", "each July", "SET", "XXXX-07");
  ExpectOne("Rallies are held every Friday.", "every Friday", "SET", "XXXX-WXX-5");
  ExpectOne("He earns $50,000 a year.", "a year", "SET", "P1Y");
}

TEST(Timex, WithoutAnAnchorRelativeValuesStayOpen) {
  ExpectOne("Protests began last week.", "last week", "DATE", "", "");
  ExpectOne("Xi arrived on September 26.", "September 26", "DATE", "XXXX-09-26", "");
  ExpectOne("The minister resigned on Saturday.", "Saturday", "DATE", "XXXX-WXX-6", "");
  ExpectOne("In 2008 Moscow recognised Abkhazia.", "2008", "DATE", "2008", "");
  ExpectOne("He served three years in prison.", "three years", "DURATION", "P3Y", "");
}

TEST(Timex, NumbersThatAreNotDates) {
  EXPECT_TRUE(Tag("Some 1,500 troops and 2000 tons of aid arrived.").empty());
  EXPECT_TRUE(Tag("The fund paid $2008 to 1990 people.").empty());
  EXPECT_TRUE(Tag("May I ask a question? March on, they said.").empty());
  EXPECT_TRUE(Tag("The 6-year-old boy was rescued.").empty());
  EXPECT_TRUE(Tag("About three-quarters of voters agreed.").empty());
  EXPECT_TRUE(Tag("He said it was 12.5 percent.").empty());
}

TEST(Timex, EdgesOfTheTextAndOddBytes) {
  for (std::string_view t :
       {"", "the", "in the", "last", "10:", "'", "Sept.", "the end of", "a year and a", "nineteen",
        "every", "3 1/", "\xff\xfe 2022-", "12/31/", "New Year's"}) {
    auto r = TagTimexes(t, kAnchor);
    ASSERT_TRUE(r.ok()) << t;
    for (const auto& x : *r) EXPECT_LE(x.end, t.size()) << t;
  }
  ExpectOne("Sept.", "Sept", "DATE", "2022-09");  // the period ends the sentence
}

TEST(Timex, UnicodeDashesQuotesAndSpacesInRawText) {
  auto found =
      Tag("From 2014\u20132015 until Sept.\u00a026, 2022, in the \u201980s and mid\u20111990s.");
  ASSERT_EQ(found.size(), 5u);
  EXPECT_EQ(found[0].value, "2014");
  EXPECT_EQ(found[1].value, "2015");
  EXPECT_EQ(found[2].text, "Sept.\u00a026, 2022");
  EXPECT_EQ(found[2].value, "2022-09-26");
  EXPECT_EQ(found[3].value, "198");
  EXPECT_EQ(found[4].value, "199");
}

TEST(Timex, SeveralInOneSentenceWithByteSpans) {
  std::string text = "On Tuesday, 10 days after the vote on Sept. 16, he left for three weeks.";
  auto r = TagTimexes(text, kAnchor);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[0].in(text), "Tuesday");
  EXPECT_EQ((*r)[1].in(text), "10 days");
  EXPECT_EQ((*r)[2].in(text), "Sept. 16");
  EXPECT_EQ((*r)[3].in(text), "three weeks");
  EXPECT_EQ((*r)[2].begin, text.find("Sept."));
  EXPECT_EQ((*r)[2].value, "2022-09-16");
}

// ---- event dates ----

EventDateInput Sentence(std::string_view s, uint32_t clause_begin, uint32_t clause_end) {
  EventDateInput in;
  in.sentence = s;
  in.clause_begin = clause_begin;
  in.clause_end = clause_end;
  in.article_date = kAnchor;
  auto t = TagTimexes(s, kAnchor);
  if (t.ok()) in.timexes = *t;
  return in;
}

TEST(TimexEval, ValueErrorsAreClassifiedByCause) {
  auto cls = [](std::string gt, std::string gv, std::string st, std::string sv,
                std::string text = "x") {
    TimexError e;
    e.kind = "value";
    e.gold_text = e.system_text = text;
    e.gold_type = gt;
    e.gold_value = gv;
    e.system_type = st;
    e.system_value = sv;
    return TimexValueErrorClass(e);
  };
  EXPECT_EQ(cls("SET", "XXXX", "SET", "P1Y"), "set");
  EXPECT_EQ(cls("TIME", "1989-11-06T17", "TIME", "1989-11-06T17:00"), "time format");
  EXPECT_EQ(cls("DATE", "PAST_REF", "DURATION", "PXY"), "PRESENT/PAST/FUTURE_REF");
  EXPECT_EQ(cls("DURATION", "P2Y", "DATE", "1996"), "duration vs date");
  EXPECT_EQ(cls("DURATION", "P1E", "DURATION", "P10Y"), "duration amount or unit");
  EXPECT_EQ(cls("DATE", "1989-WXX", "DATE", "1989-W43"), "underspecified (X)");
  EXPECT_EQ(cls("DATE", "1988", "DATE", "1988-Q3"), "quarter, half or fiscal period");
  EXPECT_EQ(cls("DATE", "198", "DATE", "1989"), "decade or century");
  EXPECT_EQ(cls("DATE", "1989-12-31", "DATE", "1989"), "granularity");
  EXPECT_EQ(cls("DATE", "1990-02", "DATE", "1989-02", "February"),
            "direction of a named day, month or season");
  // against the creation date: either side of it is tense, the same side another anchor
  TimexError e{"f",       "value", "Tuesday",    "DATE", "1990-08-07",
               "Tuesday", "DATE",  "1990-08-14", "",     "1990-08-15"};
  EXPECT_EQ(TimexValueErrorClass(e), "anchor of a named day, month or season");
  e.system_value = "1990-08-21";
  EXPECT_EQ(TimexValueErrorClass(e), "direction of a named day, month or season");
  EXPECT_EQ(cls("DATE", "1998-W02", "DATE", "1998-W03", "six weeks ago"),
            "relative offset or anchor");
}

TEST(EventDate, ClauseDateWinsAndOldEventsAreHistorical) {
  std::string s = "In 2008 Medvedev attended the SCO summit, and on Monday Xi arrived.";
  auto in = Sentence(s, 0, static_cast<uint32_t>(s.find(',')));
  EventDate d = AssignEventDate(in);
  EXPECT_EQ(d.value, "2008");
  EXPECT_EQ(d.rule, EventDateRule::kClause);
  EXPECT_TRUE(d.historical);
  EXPECT_FALSE(d.future);
  auto in2 = Sentence(s, static_cast<uint32_t>(s.find("and")), static_cast<uint32_t>(s.size()));
  EventDate d2 = AssignEventDate(in2);
  EXPECT_EQ(d2.value, "2022-09-26");
  EXPECT_EQ(d2.rule, EventDateRule::kClause);
  EXPECT_FALSE(d2.historical);
}

TEST(EventDate, SentenceCarriedOverAndArticle) {
  std::string s = "Protests spread across Kazakhstan in January, and the CSTO sent troops.";
  auto in = Sentence(s, static_cast<uint32_t>(s.find("the CSTO")), static_cast<uint32_t>(s.size()));
  EventDate d = AssignEventDate(in);
  EXPECT_EQ(d.value, "2022-01");
  EXPECT_EQ(d.rule, EventDateRule::kSentence);
  EXPECT_TRUE(d.historical);

  std::string t = "At the time, Russia recognised Abkhazia.";
  auto in2 = Sentence(t, 0, static_cast<uint32_t>(t.size()));
  in2.previous_dates = {"2022-09", "2008-08"};
  EventDate d2 = AssignEventDate(in2);
  EXPECT_EQ(d2.value, "2008-08");
  EXPECT_EQ(d2.rule, EventDateRule::kCarried);
  EXPECT_TRUE(d2.historical);

  std::string u = "Russia and Kazakhstan signed an energy accord.";
  auto in3 = Sentence(u, 0, static_cast<uint32_t>(u.size()));
  in3.previous_dates = {"2008"};
  EventDate d3 = AssignEventDate(in3);
  EXPECT_EQ(d3.value, "2022-09-26");
  EXPECT_EQ(d3.rule, EventDateRule::kArticle);
  EXPECT_FALSE(d3.historical);
  EXPECT_EQ(EventDateRuleName(d3.rule), "article");
}

TEST(EventDate, OnlyReferringBackCarriesADateOver) {
  for (std::string_view t :
       {"Back then, Russia recognised Abkhazia.", "Russia recognised Abkhazia that year.",
        "Medvedev was president then."}) {
    auto in = Sentence(t, 0, static_cast<uint32_t>(t.size()));
    in.previous_dates = {"2008"};
    EXPECT_EQ(AssignEventDate(in).rule, EventDateRule::kCarried) << t;
  }
  for (std::string_view t : {"Since then, Russia has recognised Abkhazia.",
                             "Troops arrived and then left.", "Then the troops left."}) {
    auto in = Sentence(t, 0, static_cast<uint32_t>(t.size()));
    in.previous_dates = {"2008"};
    EXPECT_EQ(AssignEventDate(in).rule, EventDateRule::kArticle) << t;
  }
}

TEST(EventDate, FutureWhenAnnouncedOrLater) {
  std::string s = "Tokayev will visit Beijing in November.";
  auto in = Sentence(s, 0, static_cast<uint32_t>(s.size()));
  EventDate d = AssignEventDate(in);
  EXPECT_EQ(d.value, "2022-11");
  EXPECT_TRUE(d.future);
  EXPECT_FALSE(d.historical);
  std::string t = "Tokayev plans to visit Beijing.";
  auto in2 = Sentence(t, 0, static_cast<uint32_t>(t.size()));
  in2.announced = true;
  EventDate d2 = AssignEventDate(in2);
  EXPECT_EQ(d2.rule, EventDateRule::kArticle);
  EXPECT_TRUE(d2.future);
  EventDateInput none;
  none.sentence = "Nothing dated.";
  EXPECT_EQ(AssignEventDate(none).rule, EventDateRule::kNone);
}

}  // namespace
}  // namespace dyad
