// Publication dates inferred from the text of an undated article.

#include <algorithm>
#include <cctype>
#include <string>

#include "dyad/timex.h"
#include "time/calendar.h"

namespace dyad {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The first day of a value with a four-digit year (2022, 2022-09, 2022-09-30), and whether
// it is known to the day.
bool StartOf(std::string_view v, CivilDate* start, bool* day) {
  if (v.size() < 4 || !Digits(v.substr(0, 4))) return false;
  int y = std::stoi(std::string(v.substr(0, 4)));
  if (v.size() == 4) {
    *start = {y, 1, 1};
    *day = false;
    return true;
  }
  if (v.size() >= 7 && v[4] == '-' && Digits(v.substr(5, 2))) {
    int m = std::stoi(std::string(v.substr(5, 2)));
    if (m < 1 || m > 12) return false;
    if (v.size() >= 10 && v[7] == '-' && Digits(v.substr(8, 2))) {
      int d = std::stoi(std::string(v.substr(8, 2)));
      if (d < 1 || d > cal::DaysInMonth(y, m)) return false;
      *start = {y, m, d};
      *day = true;
      return true;
    }
    *start = {y, m, 1};
    *day = false;
    return true;
  }
  return false;
}

// The sentence around byte `at` (between the nearest '.', '!', '?' or newline on each side).
std::string_view SentenceAround(std::string_view text, size_t at) {
  size_t b = at;
  while (b > 0 && text[b - 1] != '.' && text[b - 1] != '!' && text[b - 1] != '?' &&
         text[b - 1] != '\n') {
    --b;
  }
  size_t e = at;
  while (e < text.size() && text[e] != '.' && text[e] != '!' && text[e] != '?' && text[e] != '\n') {
    ++e;
  }
  return text.substr(b, e - b);
}

// A date that may lie after publication: a deadline ("by 2030", "until 2025"), or a sentence
// about what will happen.
bool ForwardLooking(std::string_view text, const Timex& t) {
  size_t from = t.begin >= 10 ? t.begin - 10 : 0;
  std::string before = Lower(text.substr(from, t.begin - from));
  for (const char* w : {"by ", "until ", "till ", "through ", "before ", "next "}) {
    std::string_view bw(before);
    std::string_view ww(w);
    if (bw.size() >= ww.size() && bw.substr(bw.size() - ww.size()) == ww) return true;
  }
  std::string s = " " + Lower(SentenceAround(text, t.begin)) + " ";
  for (const char* w : {" will ", " would ", " plans ", " planned ", " plan to ", " expected to ",
                        " scheduled ", " due to ", " set to ", " next ", "'ll "}) {
    if (s.find(w) != std::string::npos) return true;
  }
  return false;
}

// Words saying the latest dated event was recent, and how recent at most (days).
int RecencyWindow(std::string_view expression) {
  std::string e = Lower(expression);
  if (e == "yesterday" || e == "last night" || e == "this morning" || e == "today" ||
      e == "tonight") {
    return 2;
  }
  if (e.find("last week") != std::string::npos || e.find("this week") != std::string::npos ||
      e.find("days ago") != std::string::npos) {
    return 14;
  }
  for (const char* d :
       {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
    if (e.find(d) != std::string::npos) return 8;
  }
  if (e.find("this month") != std::string::npos || e.find("last month") != std::string::npos ||
      e.find("weeks ago") != std::string::npos) {
    return 62;
  }
  return 0;
}

}  // namespace

std::optional<PublicationEstimate> InferPublicationDate(std::string_view text) {
  auto tagged = TagTimexes(text, "");
  if (!tagged.ok()) return std::nullopt;
  PublicationEstimate est;
  CivilDate latest{};
  bool latest_day = false;
  int window = 0;
  std::string cue;
  for (const Timex& t : *tagged) {
    if (t.type != TimexType::kDate) continue;
    CivilDate start;
    bool day = false;
    if (StartOf(t.value, &start, &day)) {
      if (ForwardLooking(text, t)) continue;
      if (!latest.valid() || cal::DayNumber(start) > cal::DayNumber(latest)) {
        latest = start;
        latest_day = day;
        est.evidence = std::string(t.in(text));
      }
      continue;
    }
    int w = RecencyWindow(t.in(text));
    if (w > 0 && (window == 0 || w < window)) {
      window = w;
      cue = std::string(t.in(text));
    }
  }
  if (!latest.valid()) return std::nullopt;
  est.earliest = cal::Ymd(latest);
  est.cue = cue;
  // Bounded only when the latest event is known to the day and the text says it was recent;
  // otherwise the article may be any time after it (a retrospective).
  if (latest_day && window > 0) est.latest = cal::Ymd(cal::AddDays(latest, window));
  return est;
}

}  // namespace dyad
