#include <gtest/gtest.h>

#include "dyad/analysis.h"

namespace dyad {
namespace {

std::string Key(const std::string& date, Period by) {
  std::string k;
  return PeriodOf(date, by, &k) ? k : "<none>";
}

TEST(Period, KeysForEveryGranularity) {
  EXPECT_EQ(Key("2022-09-26", Period::kDay), "2022-09-26");
  EXPECT_EQ(Key("2022-09-26", Period::kMonth), "2022-09");
  EXPECT_EQ(Key("2022-09-26", Period::kYear), "2022");
  EXPECT_EQ(Key("2022-09-26", Period::kWeek), "2022-W39");
  // ISO weeks: the first days of a year can belong to the last week of the previous one.
  EXPECT_EQ(Key("2021-01-01", Period::kWeek), "2020-W53");
  EXPECT_EQ(Key("2022-01-02", Period::kWeek), "2021-W52");
  EXPECT_EQ(Key("2022-01-03", Period::kWeek), "2022-W01");
  EXPECT_EQ(Key("2024-12-30", Period::kWeek), "2025-W01");
  // Coarse dates have no finer period; malformed ones none at all.
  EXPECT_EQ(Key("2022", Period::kMonth), "<none>");
  EXPECT_EQ(Key("2022-09", Period::kMonth), "2022-09");
  EXPECT_EQ(Key("2022-09", Period::kDay), "<none>");
  EXPECT_EQ(Key("2022-02-30", Period::kDay), "<none>");
  EXPECT_EQ(Key("2022-13", Period::kMonth), "<none>");
  EXPECT_EQ(Key("", Period::kYear), "<none>");
  EXPECT_EQ(Key("20x2", Period::kYear), "<none>");
  // Years whose periods would not keep four digits (found by fuzzing).
  EXPECT_EQ(Key("9999-12-31", Period::kWeek), "<none>");
  EXPECT_EQ(Key("0000-01-01", Period::kDay), "<none>");
  // A time after the date is ignored.
  EXPECT_EQ(Key("2022-09-26T10:00:00Z", Period::kDay), "2022-09-26");
}

TEST(Period, BoundsAndNext) {
  std::string first, last;
  ASSERT_TRUE(PeriodBounds("2024-02", Period::kMonth, &first, &last));
  EXPECT_EQ(first, "2024-02-01");
  EXPECT_EQ(last, "2024-02-29");
  ASSERT_TRUE(PeriodBounds("2020-W53", Period::kWeek, &first, &last));
  EXPECT_EQ(first, "2020-12-28");
  EXPECT_EQ(last, "2021-01-03");
  EXPECT_FALSE(PeriodBounds("2022-W60", Period::kWeek, &first, &last));
  EXPECT_EQ(NextPeriod("2022-12", Period::kMonth), "2023-01");
  EXPECT_EQ(NextPeriod("2020-W53", Period::kWeek), "2021-W01");
  EXPECT_EQ(NextPeriod("2024-02-28", Period::kDay), "2024-02-29");
  EXPECT_EQ(NextPeriod("1999", Period::kYear), "2000");
  EXPECT_EQ(NextPeriod("garbage", Period::kMonth), "");
  EXPECT_FALSE(ParsePeriod("fortnight").ok());
  EXPECT_EQ(*ParsePeriod("week"), Period::kWeek);
}

TEST(Actors, RollUpToCountryOrOrganisation) {
  EXPECT_EQ(RollUpActor("KAZGOVMIL"), "KAZ");
  EXPECT_EQ(RollUpActor("RUS"), "RUS");
  EXPECT_EQ(RollUpActor("IGOCSTMIL"), "IGOCST");
  EXPECT_EQ(RollUpActor("NGOAMN"), "NGOAMN");
  EXPECT_EQ(RollUpActor("KZ"), "KZ");
}

SeriesPoint Point(const std::string& period, int events, double mean) {
  SeriesPoint p;
  p.period = period;
  p.events = events;
  p.goldstein_events = events;
  p.goldstein_sum = mean * events;
  return p;
}

TEST(Changes, FindsOneShiftAtTheBoundary) {
  // Cooperative for six months, conflictual for six.
  std::vector<SeriesPoint> pts;
  for (int m = 1; m <= 6; ++m) pts.push_back(Point("2022-0" + std::to_string(m), 2, 3.0));
  for (int m = 7; m <= 12; ++m) pts.push_back(Point(std::to_string(m), 2, -4.0));
  auto changes = DetectChanges(pts, {});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].period, "7");
  EXPECT_FALSE(changes[0].better());
  EXPECT_DOUBLE_EQ(changes[0].before, 3.0);
  EXPECT_DOUBLE_EQ(changes[0].after, -4.0);
}

TEST(Changes, QuietOnAFlatOrThinSeries) {
  std::vector<SeriesPoint> flat;
  for (int m = 0; m < 12; ++m) flat.push_back(Point(std::to_string(m), 3, m % 2 ? 1.0 : 1.5));
  EXPECT_TRUE(DetectChanges(flat, {}).empty());
  // A big jump with too few events on one side is not a shift.
  std::vector<SeriesPoint> thin = {Point("a", 1, 5),  Point("b", 0, 0),  Point("c", 0, 0),
                                   Point("d", 5, -8), Point("e", 5, -8), Point("f", 5, -8)};
  EXPECT_TRUE(DetectChanges(thin, {}).empty());
}

}  // namespace
}  // namespace dyad
