// Event dates: which date an event gets, by which rule, and whether it is historical or future.
#include <cctype>
#include <optional>

#include "dyad/timex.h"
#include "time/calendar.h"

namespace dyad {

std::string_view EventDateRuleName(EventDateRule r) {
  switch (r) {
    case EventDateRule::kClause:
      return "clause";
    case EventDateRule::kSentence:
      return "sentence";
    case EventDateRule::kCarried:
      return "carried";
    case EventDateRule::kArticle:
      return "article";
    case EventDateRule::kNone:
      return "none";
  }
  return "none";
}

namespace {

// A value that names a calendar period (2008, 2022-01, 2022-09-26, 2022-W38, 2022-Q3, 199).
bool IsCalendarValue(std::string_view v) {
  return v.size() >= 3 && std::isdigit(static_cast<unsigned char>(v[0])) &&
         std::isdigit(static_cast<unsigned char>(v[1])) &&
         std::isdigit(static_cast<unsigned char>(v[2]));
}

int Digits(std::string_view v, size_t pos, size_t n) {
  int x = 0;
  for (size_t k = pos; k < pos + n && k < v.size(); ++k) {
    if (!std::isdigit(static_cast<unsigned char>(v[k]))) return -1;
    x = x * 10 + (v[k] - '0');
  }
  return x;
}

// The first and last day of the period a calendar value names.
std::optional<std::pair<CivilDate, CivilDate>> PeriodOf(std::string_view v) {
  if (!IsCalendarValue(v)) return std::nullopt;
  if (v.size() == 3) {  // a decade
    int y = Digits(v, 0, 3) * 10;
    return std::make_pair(CivilDate{y, 1, 1}, CivilDate{y + 9, 12, 31});
  }
  int y = Digits(v, 0, 4);
  if (y <= 0) return std::nullopt;
  if (v.size() == 4) return std::make_pair(CivilDate{y, 1, 1}, CivilDate{y, 12, 31});
  if (v.size() < 7 || v[4] != '-') return std::nullopt;
  if (v[5] == 'W') {
    int w = Digits(v, 6, 2);
    if (w <= 0) return std::nullopt;
    // the Monday of ISO week 1 is the Monday on or before January 4
    CivilDate jan4{y, 1, 4};
    CivilDate monday = cal::AddDays(jan4, 1 - cal::Weekday(jan4) + 7 * (w - 1));
    return std::make_pair(monday, cal::AddDays(monday, 6));
  }
  if (v[5] == 'Q' || v[5] == 'H') {
    int q = Digits(v, 6, 1);
    int months = v[5] == 'Q' ? 3 : 6;
    if (q <= 0) return std::nullopt;
    int m0 = (q - 1) * months + 1, m1 = q * months;
    return std::make_pair(CivilDate{y, m0, 1}, CivilDate{y, m1, cal::DaysInMonth(y, m1)});
  }
  if (std::isalpha(static_cast<unsigned char>(v[5]))) {  // seasons: SP SU FA WI
    std::string_view s = v.substr(5, 2);
    int m0 = s == "SP" ? 3 : s == "SU" ? 6 : s == "FA" ? 9 : 12;
    CivilDate end = cal::AddMonths({y, m0, 1}, 3);
    return std::make_pair(CivilDate{y, m0, 1}, cal::AddDays(end, -1));
  }
  int m = Digits(v, 5, 2);
  if (m < 1 || m > 12) return std::nullopt;
  if (v.size() < 10 || v[7] != '-') {
    return std::make_pair(CivilDate{y, m, 1}, CivilDate{y, m, cal::DaysInMonth(y, m)});
  }
  int d = Digits(v, 8, 2);
  if (d < 1 || d > cal::DaysInMonth(y, m)) return std::nullopt;
  return std::make_pair(CivilDate{y, m, d}, CivilDate{y, m, d});
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Does `text` contain `phrase` as whole words?
bool HasPhrase(const std::string& text, std::string_view phrase) {
  for (size_t pos = 0; (pos = text.find(phrase, pos)) != std::string::npos; ++pos) {
    bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(text[pos - 1]));
    size_t end = pos + phrase.size();
    bool right = end >= text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (left && right) return true;
  }
  return false;
}

// The sentence refers back to a time named before: "at the time", "that year", "back then".
bool RefersBack(std::string_view sentence) {
  std::string s = LowerAscii(sentence);
  static constexpr std::string_view kPhrases[] = {
      "at the time",   "at that time",   "that year",    "that month", "that week", "that day",
      "the same year", "the same month", "the same day", "back then",  "by then",   "until then",
      "then"};
  for (auto p : kPhrases) {
    if (p == "then") {
      // a bare "then" refers back only at the end of a clause ("was president then"), not
      // after "since" (a later time) or "and"/"but" (a sequence)
      for (size_t pos = 0; (pos = s.find("then", pos)) != std::string::npos; ++pos) {
        bool left = pos > 0 && s[pos - 1] == ' ';
        size_t end = pos + 4;
        bool closes = end >= s.size() || s[end] == ',' || s[end] == '.' || s[end] == ';';
        std::string_view before = std::string_view(s).substr(0, pos);
        bool sequence = before.ends_with("since ") || before.ends_with("and ") ||
                        before.ends_with("but ") || before.ends_with("even ");
        if (left && closes && !sequence) return true;
      }
      continue;
    }
    if (HasPhrase(s, p)) return true;
  }
  return false;
}

}  // namespace

EventDate AssignEventDate(const EventDateInput& in) {
  EventDate out;
  auto article =
      ParseIsoDate(in.article_date.size() > 10 ? in.article_date.substr(0, 10) : in.article_date);
  CivilDate pub = article.ok() ? *article : CivilDate{};
  auto dated = [&](const Timex& t) {
    if (t.type != TimexType::kDate && t.type != TimexType::kTime) return false;
    return IsCalendarValue(t.value) || (t.value == "PRESENT_REF" && pub.valid());
  };
  auto value_of = [&](const Timex& t) {
    return t.value == "PRESENT_REF" ? cal::Ymd(pub) : t.value.substr(0, 10);
  };
  // 1. a date inside the event's clause (the first)
  for (const auto& t : in.timexes) {
    if (dated(t) && t.begin < in.clause_end && in.clause_begin < t.end) {
      out.value = value_of(t);
      out.rule = EventDateRule::kClause;
      out.timex = static_cast<int>(&t - in.timexes.data());
      break;
    }
  }
  // 2. the sentence's date nearest the clause
  if (out.rule == EventDateRule::kNone) {
    int64_t best = -1;
    for (const auto& t : in.timexes) {
      if (!dated(t)) continue;
      int64_t dist = t.end <= in.clause_begin ? in.clause_begin - t.end : t.begin - in.clause_end;
      if (best < 0 || dist < best) {
        best = dist;
        out.value = value_of(t);
        out.rule = EventDateRule::kSentence;
        out.timex = static_cast<int>(&t - in.timexes.data());
      }
    }
  }
  // 3. a date carried over from earlier sentences when this one refers back to it
  if (out.rule == EventDateRule::kNone && !in.previous_dates.empty() && RefersBack(in.sentence)) {
    for (auto it = in.previous_dates.rbegin(); it != in.previous_dates.rend(); ++it) {
      if (IsCalendarValue(*it)) {
        out.value = *it;
        out.rule = EventDateRule::kCarried;
        break;
      }
    }
  }
  // 4. the article's date
  if (out.rule == EventDateRule::kNone && pub.valid()) {
    out.value = cal::Ymd(pub);
    out.rule = EventDateRule::kArticle;
  }
  if (auto period = PeriodOf(out.value); period && pub.valid()) {
    out.historical = DaysBetween(period->second, pub) > 30;
    out.future = DaysBetween(pub, period->first) > 0;
  }
  if (in.announced) {
    out.future = true;
    out.historical = false;
  }
  return out;
}

}  // namespace dyad
