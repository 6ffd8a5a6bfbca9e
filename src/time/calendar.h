// Proleptic Gregorian calendar arithmetic on CivilDate: day numbers, weekdays, ISO weeks.
#ifndef DYAD_TIME_CALENDAR_H_
#define DYAD_TIME_CALENDAR_H_

#include <cstdint>
#include <string>

#include "dyad/timex.h"

namespace dyad::cal {

// Days since 1970-01-01 (negative before).
int64_t DayNumber(int y, int m, int d);
inline int64_t DayNumber(const CivilDate& c) { return DayNumber(c.year, c.month, c.day); }
CivilDate FromDayNumber(int64_t z);
inline CivilDate AddDays(const CivilDate& c, int64_t n) { return FromDayNumber(DayNumber(c) + n); }
// Adds n months, clamping the day to the month's length.
CivilDate AddMonths(const CivilDate& c, int n);
int DaysInMonth(int y, int m);
// 1 = Monday ... 7 = Sunday.
int Weekday(const CivilDate& c);
// ISO-8601 week-numbering year and week of `c`.
void IsoWeek(const CivilDate& c, int* iso_year, int* week);

// TimeML value strings.
std::string Year(int y);                 // 2022 (0 -> XXXX)
std::string YearMonth(int y, int m);     // 2022-09
std::string Ymd(const CivilDate& c);     // 2022-09-26
std::string WeekOf(const CivilDate& c);  // 2022-W39

}  // namespace dyad::cal

#endif  // DYAD_TIME_CALENDAR_H_
