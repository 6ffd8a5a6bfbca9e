#include "time/calendar.h"

#include <fmt/format.h>

#include <algorithm>

namespace dyad::cal {

// Day numbers count 400-year eras of 146097 days, with years starting on March 1 so that the
// leap day falls at the end of a year.
int64_t DayNumber(int y, int m, int d) {
  int64_t yy = y - (m <= 2 ? 1 : 0);
  int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
  int64_t year_of_era = yy - era * 400;                                   // 0..399
  int64_t day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // 0..365
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate FromDayNumber(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t day_of_era = z - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t mp = (5 * day_of_year + 2) / 153;
  int d = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int y = static_cast<int>(year_of_era + era * 400 + (m <= 2 ? 1 : 0));
  return {y, m, d};
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[(m - 1) % 12];
}

CivilDate AddMonths(const CivilDate& c, int n) {
  int total = c.year * 12 + (c.month - 1) + n;
  int y = total / 12, m = total % 12 + 1;
  int d = std::min(c.day, DaysInMonth(y, m));
  return {y, m, d == 0 ? 1 : d};
}

int Weekday(const CivilDate& c) {
  int64_t z = DayNumber(c);  // 1970-01-01 was a Thursday (4)
  return static_cast<int>(((z % 7) + 7 + 3) % 7) + 1;
}

void IsoWeek(const CivilDate& c, int* iso_year, int* week) {
  int64_t z = DayNumber(c);
  int64_t thursday = z + (4 - Weekday(c));  // the week's Thursday decides its year
  *iso_year = FromDayNumber(thursday).year;
  *week = static_cast<int>((thursday - DayNumber(*iso_year, 1, 1)) / 7 + 1);
}

std::string Year(int y) { return y == 0 ? "XXXX" : fmt::format("{:04d}", y); }
std::string YearMonth(int y, int m) { return fmt::format("{}-{:02d}", Year(y), m); }
std::string Ymd(const CivilDate& c) {
  return fmt::format("{}-{:02d}-{:02d}", Year(c.year), c.month, c.day);
}
std::string WeekOf(const CivilDate& c) {
  int y = 0, w = 0;
  IsoWeek(c, &y, &w);
  return fmt::format("{:04d}-W{:02d}", y, w);
}

}  // namespace dyad::cal
