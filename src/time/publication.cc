// Publication dates inferred from the text of an undated article.

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

// Events every news reader can date, named the way news stories name them. An article that
// refers to one as past was written after it began. Phrases are lower case and matched at word
// boundaries; a phrase in a hypothetical or future context ("a possible invasion of Ukraine",
// "if the pandemic") does not count.
struct Landmark {
  const char* phrase;
  CivilDate began;
};
constexpr Landmark kLandmarks[] = {
    {"tiananmen square massacre", {1989, 6, 4}},
    {"fall of the berlin wall", {1989, 11, 9}},
    {"gulf war", {1991, 1, 17}},
    {"collapse of the soviet union", {1991, 12, 26}},
    {"dissolution of the soviet union", {1991, 12, 26}},
    {"breakup of the soviet union", {1991, 12, 26}},
    {"september 11 attacks", {2001, 9, 11}},
    {"9/11 attacks", {2001, 9, 11}},
    {"invasion of iraq", {2003, 3, 20}},
    {"indian ocean tsunami", {2004, 12, 26}},
    {"hurricane katrina", {2005, 8, 29}},
    {"collapse of lehman brothers", {2008, 9, 15}},
    {"arab spring", {2010, 12, 17}},
    {"fukushima nuclear disaster", {2011, 3, 11}},
    {"killing of osama bin laden", {2011, 5, 2}},
    {"annexation of crimea", {2014, 3, 18}},
    {"annexed crimea", {2014, 3, 18}},
    {"brexit referendum", {2016, 6, 23}},
    {"coronavirus pandemic", {2020, 3, 11}},
    {"covid-19 pandemic", {2020, 3, 11}},
    {"covid pandemic", {2020, 3, 11}},
    {"storming of the capitol", {2021, 1, 6}},
    {"taliban takeover", {2021, 8, 15}},
    {"fall of kabul", {2021, 8, 15}},
    {"invasion of ukraine", {2022, 2, 24}},
    {"invaded ukraine", {2022, 2, 24}},
    {"full-scale invasion", {2022, 2, 24}},
    {"death of queen elizabeth", {2022, 9, 8}},
    {"wagner mutiny", {2023, 6, 24}},
    {"october 7 attack", {2023, 10, 7}},
};

bool WordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Words before a landmark that make it hypothetical or still to come.
bool Hypothetical(std::string_view lower_text, size_t at, std::string_view original) {
  size_t from = at >= 40 ? at - 40 : 0;
  std::string before = " " + std::string(lower_text.substr(from, at - from));
  for (const char* w : {" possible ", " potential ", " threat of ", " threatened ", " imminent ",
                        " looming ", " feared ", " prevent ", " deter ", " avert ", " if ", " any ",
                        " new ", " another ", " second "}) {
    if (before.find(w) != std::string::npos) return true;
  }
  Timex t;
  t.begin = static_cast<uint32_t>(at);
  t.end = static_cast<uint32_t>(at);
  return ForwardLooking(original, t);
}

// The latest landmark the text refers to as past, or nullopt.
std::optional<std::pair<CivilDate, std::string>> LatestLandmark(std::string_view text) {
  std::string lower = Lower(text);
  for (char& c : lower) {
    if (c == '\n') c = ' ';
  }
  std::optional<std::pair<CivilDate, std::string>> best;
  for (const Landmark& l : kLandmarks) {
    if (best && cal::DayNumber(l.began) <= cal::DayNumber(best->first)) continue;
    std::string_view phrase(l.phrase);
    for (size_t at = lower.find(phrase); at != std::string::npos; at = lower.find(phrase, at + 1)) {
      size_t end = at + phrase.size();
      if ((at > 0 && WordByte(lower[at - 1])) || (end < lower.size() && WordByte(lower[end]))) {
        continue;
      }
      if (Hypothetical(lower, at, text)) continue;
      best = {l.began, std::string(text.substr(at, phrase.size()))};
      break;
    }
  }
  return best;
}

// The first occurrence of month-day `md` (a "XXXX-MM-DD" value) on or after `from`.
std::optional<CivilDate> FirstOnOrAfter(std::string_view md, const CivilDate& from) {
  if (md.size() != 10 || md.substr(0, 5) != "XXXX-" || !Digits(md.substr(5, 2)) ||
      !Digits(md.substr(8, 2))) {
    return std::nullopt;
  }
  int m = std::stoi(std::string(md.substr(5, 2)));
  int d = std::stoi(std::string(md.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  for (int y = from.year; y <= from.year + 4; ++y) {
    if (d > cal::DaysInMonth(y, m)) continue;
    CivilDate c{y, m, d};
    if (cal::DayNumber(c) >= cal::DayNumber(from)) return c;
  }
  return std::nullopt;
}

// Is byte `at` inside a quotation (an odd number of quotation marks before it on its line)?
bool InsideQuote(std::string_view text, size_t at) {
  size_t b = text.rfind('\n', at);
  b = b == std::string_view::npos ? 0 : b + 1;
  int marks = 0;
  for (size_t i = b; i < at; ++i) {
    if (text[i] == '"') {
      ++marks;
    } else if (i + 2 < at && static_cast<unsigned char>(text[i]) == 0xE2 &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0x9C ||
                static_cast<unsigned char>(text[i + 2]) == 0x9D)) {
      ++marks;
      i += 2;
    }
  }
  return marks % 2 == 1;
}

// Cues under which the latest dated event may be on the day of publication itself.
bool SameDayCue(std::string_view cue) {
  std::string e = Lower(cue);
  return e == "today" || e == "tonight" || e == "this morning" ||
         e.find("this week") != std::string::npos || e.find("this month") != std::string::npos;
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
  // Dates named by month and day without a year ("September 30"), as past, latest last.
  std::vector<std::pair<std::string, std::string>> yearless;
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
    if (t.value.size() == 10 && t.value.starts_with("XXXX-") && !ForwardLooking(text, t)) {
      yearless.emplace_back(t.value, std::string(t.in(text)));
      continue;
    }
    int w = RecencyWindow(t.in(text));
    // "Today, it is Russia that intervenes": in a quotation, today is the speaker's present
    if (w > 0 && SameDayCue(t.in(text)) && InsideQuote(text, t.begin)) w = 0;
    if (w > 0 && (window == 0 || w < window)) {
      window = w;
      cue = std::string(t.in(text));
    }
  }
  // A well-known event the text refers to as past bounds publication from below too.
  if (auto landmark = LatestLandmark(text);
      landmark && (!latest.valid() || cal::DayNumber(landmark->first) > cal::DayNumber(latest))) {
    latest = landmark->first;
    latest_day = false;  // the article is about its consequences, not necessarily recent
    est.evidence = landmark->second + " (" + cal::Ymd(landmark->first) + ")";
  }
  if (!latest.valid()) return std::nullopt;
  // A date without a year, named as past, is the first such day after everything else the
  // article dates: news names the current year's days without the year. Only the latest such
  // day that comes after the lower bound counts.
  if (window > 0) {
    std::optional<CivilDate> newest;
    std::string newest_text;
    for (const auto& [value, words] : yearless) {
      auto d = FirstOnOrAfter(value, latest);
      if (d && (!newest || cal::DayNumber(*d) > cal::DayNumber(*newest))) {
        newest = d;
        newest_text = words;
      }
    }
    if (newest && cal::DayNumber(*newest) > cal::DayNumber(latest)) {
      est.year_evidence = est.evidence;
      est.evidence = newest_text;
      latest = *newest;
      latest_day = true;
    }
  }
  est.earliest = cal::Ymd(latest);
  est.cue = cue;
  // Bounded only when the latest event is known to the day and the text says it was recent;
  // otherwise the article may be any time after it (a retrospective). A day named by its
  // date, not "today", lies before the day of publication.
  if (latest_day && window > 0) {
    est.latest = cal::Ymd(cal::AddDays(latest, window));
    if (!SameDayCue(cue)) est.earliest = cal::Ymd(cal::AddDays(latest, 1));
  }
  return est;
}

}  // namespace dyad
