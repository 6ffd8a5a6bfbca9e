// The TIMEX3 tagger: a hand-written scanner over light tokens (time/lexicon.h).
//
// Each word token carries its lexicon category and code (month, weekday, number, unit,
// modifier ...); the rules work on those codes. At every token that can start a temporal
// expression, each rule family (dates, durations and "ago" expressions, sets, clock times)
// proposes a match and the longest wins. Values are resolved against the anchor while
// matching; a few depend on the discourse (the quarter or date last named) and are resolved
// in text order by Scanner::Run.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "dyad/timex.h"
#include "time/calendar.h"
#include "time/lexicon.h"

namespace dyad {

std::string_view TimexTypeName(TimexType t) {
  switch (t) {
    case TimexType::kDate:
      return "DATE";
    case TimexType::kTime:
      return "TIME";
    case TimexType::kDuration:
      return "DURATION";
    case TimexType::kSet:
      return "SET";
  }
  return "DATE";
}

Result<CivilDate> ParseIsoDate(std::string_view s) {
  if (s.empty()) return CivilDate{};
  auto digits = [&](size_t pos, size_t n, int* out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t k = pos; k < pos + n; ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
      v = v * 10 + (s[k] - '0');
    }
    *out = v;
    return true;
  };
  CivilDate d;
  if (!digits(0, 4, &d.year) || s.size() < 10 || s[4] != '-' || !digits(5, 2, &d.month) ||
      s[7] != '-' || !digits(8, 2, &d.day) || (s.size() > 10 && s[10] != 'T') || d.year == 0 ||
      d.month < 1 || d.month > 12 || d.day < 1 || d.day > cal::DaysInMonth(d.year, d.month)) {
    return Status::InvalidArgument("not a YYYY-MM-DD date: '" + std::string(s) + "'");
  }
  return d;
}

std::string FormatIsoDate(const CivilDate& d) { return d.valid() ? cal::Ymd(d) : std::string(); }

int64_t DaysBetween(const CivilDate& a, const CivilDate& b) {
  return cal::DayNumber(b) - cal::DayNumber(a);
}

namespace {

using namespace timex;  // NOLINT: the lexicon codes read as words in the rules

// ---- matches --------------------------------------------------------------------------

// Values that depend on the discourse: the quarter a financial report is about.
enum class Ref : uint8_t {
  kNone,
  kQuarter,         // "the quarter", "the latest period": the quarter last named
  kQuarterYearAgo,  // "a year ago", "the year-earlier period": that quarter a year before
  kLastYear,        // "that year", "the following year": the year last named (+ shift)
  kLastMonth,       // "that month", "the following month"
  kLastDay,         // "that day", "the same day"
  kLastDate,        // "until then": the date last named, as named
  kQuarterInYear,   // "the 1988 quarter": the quarter last named, in the year given
  kLastWeekday,     // "the previous Friday": shift = ±weekday, from the day last named
};

struct Match {
  size_t end = 0;  // one past the last token
  TimexType type = TimexType::kDate;
  std::string value;
  Ref ref = Ref::kNone;
  int8_t shift = 0;
  int8_t part = -1;  // kLastDay: a part of that day ("in the morning")
};

bool IsQuarterValue(std::string_view v) {
  return v.size() == 7 && v[4] == '-' && v[5] == 'Q' && v[6] >= '1' && v[6] <= '4';
}

// How far a vague or numeric quantity reaches: "three", "2 1/2", "a few", "several".
struct Quantity {
  double value = 0;
  bool vague = false;
  size_t end = 0;
};

const char* UnitCode(int unit) {
  switch (unit) {
    case kSecond:
      return "S";
    case kMinute:
      return "M";
    case kHour:
      return "H";
    case kDay:
      return "D";
    case kWeek:
    case kFortnight:
      return "W";
    case kWeekend:
      return "WE";
    case kMonthU:
      return "M";
    case kQuarter:
      return "Q";
    case kYear:
    case kDecade:
    case kCentury:
      return "Y";
  }
  return "Y";
}

bool IsClockUnit(int unit) { return unit == kSecond || unit == kMinute || unit == kHour; }

std::string Trim0(double v) {
  // Whole numbers print without a fraction; beyond int64_t (a fuzzer's "22222...2 years") the
  // cast would be undefined, so they print in floating-point form.
  if (std::fabs(v) < 1e15 && std::fabs(v - std::round(v)) < 1e-9)
    return fmt::format("{}", static_cast<int64_t>(std::round(v)));
  return fmt::format("{:g}", v);
}

// P3Y, P18M, PT2H30M, PXY ...
std::string DurationValue(double n, int unit, bool vague) {
  std::string p = IsClockUnit(unit) ? "PT" : "P";
  if (vague) {
    if (unit == kDecade) return "PXDE";
    if (unit == kCentury) return "PXCE";
    return p + "X" + UnitCode(unit);
  }
  if (unit == kDecade) return fmt::format("P{}Y", Trim0(n * 10));
  if (unit == kCentury) return fmt::format("P{}Y", Trim0(n * 100));
  if (unit == kFortnight) return fmt::format("P{}W", Trim0(n * 2));
  if (unit == kWeekend) return "P2D";
  double whole = std::floor(n + 1e-9), frac = n - whole;
  if (frac < 1e-9) return p + Trim0(n) + UnitCode(unit);
  // fractions in the next smaller unit: 2 1/2 years P2Y6M, half an hour PT30M
  std::string out = p;
  if (whole >= 1) out += Trim0(whole) + UnitCode(unit);
  switch (unit) {
    case kYear:
      return out + Trim0(frac * 12) + "M";
    case kMonthU:
      return out + Trim0(frac * 30) + "D";
    case kWeek:
      return out + Trim0(frac * 7) + "D";
    case kDay:
      return out + "T" + Trim0(frac * 24) + "H";
    case kHour:
      return out + Trim0(frac * 60) + "M";
    case kMinute:
      return out + Trim0(frac * 60) + "S";
    default:
      return p + Trim0(n) + UnitCode(unit);
  }
}

const char* SeasonCode(int s) {
  static constexpr const char* kCodes[] = {"SP", "SU", "FA", "WI"};
  return kCodes[s & 3];
}
const char* DayPartCode(int p) {
  static constexpr const char* kCodes[] = {"MO", "AF", "EV", "NI"};
  return kCodes[p & 3];
}

// ---- the scanner ----------------------------------------------------------------------

class Scanner {
 public:
  Scanner(std::string_view text, CivilDate anchor)
      : text_(text), anchor_(anchor), anchor_ymd_(anchor.valid() ? cal::Ymd(anchor) : "") {
    toks_.reserve(text.size() / 5 + 8);
    Tokenise(text, &toks_);
    MarkSentences();
  }

  void Run(std::vector<Timex>* out) {
    size_t n = toks_.size();
    for (size_t i = 0; i < n;) {
      if (!Starter(i)) {
        ++i;
        continue;
      }
      Match best;
      bool found = false;
      auto consider = [&](const std::optional<Match>& m) {
        if (m && m->end > i && (!found || m->end > best.end)) {
          best = *m;
          found = true;
        }
      };
      consider(DateLike(i));
      consider(Durations(i));
      consider(Sets(i));
      consider(Clock(i));
      if (!found) {
        ++i;
        continue;
      }
      if (InTitle(i, best.end)) {  // "ABC's "This Week"", "CBS's "60 Minutes"", "High Noon"
        i = best.end;
        continue;
      }
      if (best.ref == Ref::kLastYear || best.ref == Ref::kLastMonth || best.ref == Ref::kLastDay ||
          best.ref == Ref::kLastWeekday || best.ref == Ref::kLastDate) {
        Resolve(&best);
        // "in the morning": of the day last named, else of the anchor's
        if (best.part >= 0) {
          if (best.value.empty()) best.value = anchor_ymd_;
          if (!best.value.empty()) best.value += std::string("T") + DayPartCode(best.part);
        }
        // "trades made that day" with no day named before: nothing to refer to
        if ((best.ref == Ref::kLastDay || best.ref == Ref::kLastDate) && best.value.empty() &&
            HaveAnchor()) {
          i = best.end;
          continue;
        }
      } else if (best.ref == Ref::kQuarterInYear) {
        if (!last_quarter_.empty()) best.value += last_quarter_.substr(4);
      } else if (best.ref == Ref::kQuarterYearAgo && period_sentence_ == sentence_[i] + 1) {
        // "in the nine months, compared with 40% a year earlier": the period of the sentence,
        // not the quarter, is compared; the year stays
      } else if (best.ref != Ref::kNone && !last_quarter_.empty()) {
        best.value = last_quarter_;
        if (best.ref == Ref::kQuarterYearAgo) {
          best.value = fmt::format("{:04d}{}", std::atoi(last_quarter_.substr(0, 4).c_str()) - 1,
                                   last_quarter_.substr(4));
        }
      } else if (IsQuarterValue(best.value) && best.ref == Ref::kNone &&
                 (last_quarter_.empty() || !AsideQuarter(i))) {
        last_quarter_ = best.value;
      }
      if (best.type == TimexType::kDate && best.value.size() >= 4 &&
          std::isdigit(static_cast<unsigned char>(best.value[0])) &&
          std::isdigit(static_cast<unsigned char>(best.value[3]))) {
        last_date_ = best.value;
      }
      if ((best.type == TimexType::kDuration &&
           (best.value == "P6M" || best.value == "P9M" || best.value == "P1Y")) ||
          (best.value.size() == 7 && best.value[5] == 'H')) {
        period_sentence_ = sentence_[i] + 1;  // a half, nine months or a year of results
      }
      Timex x;
      x.begin = toks_[i].b;
      x.end = toks_[best.end - 1].e;
      x.type = best.type;
      x.value = std::move(best.value);
      out->push_back(std::move(x));
      i = best.end;
    }
  }

 private:
  // "that year" and "the following month" against the date last named, when there is one.
  void Resolve(Match* m) const {
    if (last_date_.size() < 4) return;
    int y = std::atoi(last_date_.substr(0, 4).c_str());
    if (m->ref == Ref::kLastDate) {
      m->value = last_date_;
    } else if (m->ref == Ref::kLastYear) {
      m->value = cal::Year(y + m->shift);
    } else if (m->ref == Ref::kLastDay) {
      if (last_date_.size() == 10) m->value = last_date_;
    } else if (m->ref == Ref::kLastWeekday) {
      auto d = ParseIsoDate(last_date_);
      if (last_date_.size() != 10 || !d.ok()) return;
      int wd = m->shift < 0 ? -m->shift : m->shift;
      int base = cal::Weekday(*d);
      int64_t off = m->shift < 0 ? -((base - wd + 7) % 7) : (wd - base + 7) % 7;
      if (off == 0) off = m->shift < 0 ? -7 : 7;
      m->value = cal::Ymd(cal::AddDays(*d, off));
    } else if (last_date_.size() >= 7 && last_date_[4] == '-' &&
               std::isdigit(static_cast<unsigned char>(last_date_[5]))) {
      CivilDate d = cal::AddMonths({y, std::atoi(last_date_.substr(5, 2).c_str()), 1}, m->shift);
      m->value = cal::YearMonth(d.year, d.month);
    }
  }

  // A quarter named in passing, not the one the report is about: described after an indefinite
  // article ("after a flat second quarter", "an unusually strong fourth quarter"; but "a
  // third-quarter loss" is the report's) or named as the time before or after another ("after
  // the second quarter"). It does not replace the quarter already named; the first one named
  // is the report's however it is introduced ("Acme posted a strong third quarter").
  bool AsideQuarter(size_t i) const {
    size_t k = i;
    while (k > 0 && i - k < 3 && sentence_[k - 1] == sentence_[i] &&
           toks_[k - 1].kind == TK::kAlpha && !toks_[k - 1].upper && toks_[k - 1].lex < 0) {
      --k;  // adjectives and adverbs before the quarter: "flat", "unusually strong"
    }
    if (k == 0 || sentence_[k - 1] != sentence_[i]) return false;
    if (k < i) return Is(k - 1, kA) || Is(k - 1, kAn);  // not "a third-quarter loss"
    return Is(k - 1, kAfter) || Is(k - 1, kBefore);
  }

  // Is the expression [i, end) part of a title or name? A unit or deictic word capitalised
  // inside it ("This Week", "60 Minutes"), or one capitalised after a capitalised word in
  // mid-sentence ("High Noon", "VOA Today"). Holidays ("Christmas Day") are names of days.
  bool InTitle(size_t i, size_t end) const {
    auto title_word = [&](size_t k) {
      return toks_[k].upper && toks_[k].kind == TK::kAlpha &&
             (UnitAt(k) >= 0 || Is(k, kToday) || Is(k, kTonight) || Is(k, kNoon) ||
              Is(k, kMidnight) || Is(k, kNow));
    };
    if (Is(i, kChristmas) || Is(i, kNew) || Is(i, kThanksgiving) || Is(i, kElection)) return false;
    for (size_t k = i + 1; k < end; ++k) {
      if (title_word(k)) return true;
    }
    return title_word(i) && i > 0 && sentence_[i - 1] == sentence_[i] && toks_[i - 1].upper &&
           toks_[i - 1].kind == TK::kAlpha && toks_[i].space && !toks_[i].newline;
  }

  // -- token tests --
  size_t n() const { return toks_.size(); }
  const Lex* L(size_t i) const {
    return i < n() && toks_[i].lex >= 0 ? &LexEntry(toks_[i].lex) : nullptr;
  }
  bool Is(size_t i, W w) const {
    return i < n() && toks_[i].cat == Cat::kWord && toks_[i].val == w;
  }
  int CatVal(size_t i, Cat c) const { return i < n() && toks_[i].cat == c ? toks_[i].val : -1; }
  std::string_view Text(size_t i) const { return toks_[i].in(text_); }
  bool Punct(size_t i, char c) const {
    return i < n() && toks_[i].kind == TK::kPunct && toks_[i].punct == c;
  }
  // Token i directly follows token i-1 (no space).
  bool Glued(size_t i) const { return i < n() && !toks_[i].space; }
  bool Apostrophe(size_t i) const {
    return Punct(i, '\'') && i + 1 < n() && toks_[i + 1].kind == TK::kDigit && Glued(i + 1);
  }
  // Can a temporal expression start at token i? Function words never start one; modifiers
  // ("the", "last", "about") only before a lexicon word or a number. This keeps the rules
  // from running at most tokens.
  bool Starter(size_t i) const {
    const Tok& t = toks_[i];
    if (t.kind == TK::kDigit) return true;
    if (t.lex < 0) return Apostrophe(i) || QuarterToken(i) > 0;
    const Lex& l = LexEntry(t.lex);
    if (l.cat != Cat::kWord) return true;
    switch (l.val) {
      case kToday:
      case kTonight:
      case kYesterday:
      case kTomorrow:
      case kNow:
      case kCurrently:
      case kNowadays:
      case kPresently:
      case kRecently:
      case kLately:
      case kCurrent:
      case kNoon:
      case kMidnight:
      case kMidday:
      case kDaily:
      case kWeekly:
      case kMonthly:
      case kAnnually:
      case kYearly:
      case kHourly:
      case kNightly:
      case kOvernight:
      case kThanksgiving:
      case kChristmas:
        return true;
      case kOf:
      case kAnd:
      case kOr:
      case kTo:
      case kIn:
      case kSince:
      case kFor:
      case kBy:
      case kUntil:
      case kDuring:
      case kBefore:
      case kAfter:
      case kOn:
      case kWithin:
      case kThrough:
      case kBetween:
      case kWill:
      case kShall:
      case kGoing:
      case kExpected:
      case kScheduled:
      case kPlans:
      case kWould:
      case kAs:
      case kThan:
      case kLeast:
      case kMost:
      case kTimes:
      case kOnce:
      case kTwice:
      case kAgo:
      case kAhead:
      case kEve:
      case kOther:
      case kThousand:
      case kHundred:
        return false;
      case kElection:
        return toks_[i].upper && UnitAt(i + 1) == kDay;
      case kThen:  // "until then", "the then current price"
        return (i > 0 && (Is(i - 1, kUntil) || Is(i - 1, kBy))) || Is(i + 1, kCurrent);
      case kThese:  // "these days"
        return UnitAt(i + 1) == (kDay | kPlural);
      case kWhile:
      case kTerm:
      case kShort:
      case kLong:
        return false;  // only inside "a while", "the short term"
      case kA:
      case kAn: {  // "an additional year", "a further two weeks"
        size_t k = i + 1;
        if (k < n() && toks_[k].lex < 0 && toks_[k].kind == TK::kAlpha &&
            (Text(k) == "additional" || Text(k) == "extra" || Text(k) == "further")) {
          return true;
        }
        return k < n() && (toks_[k].lex >= 0 || toks_[k].kind == TK::kDigit);
      }
      default: {
        size_t k = Nx(i + 1);
        return k < n() && (toks_[k].lex >= 0 || toks_[k].kind == TK::kDigit || Apostrophe(k));
      }
    }
  }

  // "Q3" → 3, "H1" → 11 (halves), else 0.
  int QuarterToken(size_t i) const {
    if (i >= n() || toks_[i].kind != TK::kAlpha || toks_[i].e - toks_[i].b != 2) return 0;
    char a = text_[toks_[i].b], d = text_[toks_[i].b + 1];
    if (a == 'Q' && d >= '1' && d <= '4') return d - '0';
    if (a == 'H' && (d == '1' || d == '2')) return 10 + (d - '0');
    return 0;
  }

  // Skips a hyphen joining two words ("third-quarter", "two-year", "mid-1990s").
  size_t Nx(size_t j) const {
    if (Punct(j, '-') && Glued(j) && Glued(j + 1) && j + 1 < n()) return j + 1;
    return j;
  }
  // After a month or weekday abbreviation, its period.
  size_t AfterAbbrev(size_t j) const {
    if (IsAbbrev(j) && Punct(j + 1, '.') && Glued(j + 1)) return j + 2;
    return j + 1;
  }
  // "Sept", "Oct", "Tues" (not "May", "June", "July": whole names).
  bool IsAbbrev(size_t j) const {
    size_t len = toks_[j].e - toks_[j].b;
    if (len > 4) return false;
    const Lex* l = L(j);
    return l == nullptr || !(l->cat == Cat::kMonth && (l->val == 5 || l->val == 6 || l->val == 7));
  }
  bool Future(size_t i) const { return Tense(i) > 0; }

  // The tense around token i: +1 future, -1 past, 0 unknown. The nearest marker wins,
  // looking back up to 10 tokens in the sentence, then ahead up to 6: "will", "'ll", "next",
  // "expected", "until" mean future; "-ed" forms and common irregular past forms mean past.
  int Tense(size_t i) const {
    // "had been scheduled to", "had been due to": a plan reported as past
    auto had_been = [&](size_t k) {
      return k >= 2 && toks_[k - 1].kind == TK::kAlpha && Text(k - 1) == "been" &&
             toks_[k - 2].kind == TK::kAlpha && Text(k - 2) == "had";
    };
    auto verdict = [&](size_t k) -> int {
      if ((Is(k, kScheduled) || (toks_[k].kind == TK::kAlpha && Text(k) == "due")) && had_been(k)) {
        return -1;
      }
      if (Is(k, kWill) || Is(k, kShall) || Is(k, kUpcoming) || Is(k, kScheduled) || Is(k, kPlans) ||
          Is(k, kExpected) || Is(k, kNext) || Is(k, kTomorrow) || Is(k, kAhead) ||
          (Is(k, kSoon) && Is(k + 1, kAs)) || (Is(k, kGoing) && Is(k + 1, kTo)) ||
          (Punct(k, '\'') && k + 1 < n() && Text(k + 1) == "ll")) {
        return 1;
      }
      if (Is(k, kEarly) && Is(k + 1, kAs)) return 1;  // "as early as Tuesday"
      if (Is(k, kWould) && k + 1 < n() && Text(k + 1) == "be") return 1;
      if (toks_[k].kind != TK::kAlpha || toks_[k].upper || toks_[k].lex >= 0) return 0;
      std::string_view w = Text(k);
      // intentions and schedules: "planned to", "planning", "set to", "due to", "is to"
      if (w == "planning" || w == "intends" || w == "intend" || w == "likely") return 1;
      if ((w == "planned" || w == "set" || w == "due" || w == "is" || w == "are") &&
          Is(k + 1, kTo)) {
        return 1;
      }
      // "protesters planned a rally on Saturday": what was planned lies ahead
      if (w == "planned" && (Is(k + 1, kA) || Is(k + 1, kAn))) return 1;
      static constexpr std::string_view kPast[] = {
          "said",    "told",   "met",     "was",    "were",  "had",  "did",    "began",
          "came",    "went",   "took",    "made",   "gave",  "held", "left",   "sent",
          "saw",     "got",    "rose",    "fell",   "won",   "lost", "led",    "ran",
          "spoke",   "struck", "brought", "bought", "sold",  "paid", "became", "found",
          "thought", "knew",   "wrote",   "broke",  "chose", "flew", "fled",   "fought",
          "kept",    "stood",  "heard",   "felt",   "died",  "shot"};
      bool past = w.size() > 4 && w.ends_with("ed");
      for (auto p : kPast) past = past || w == p;
      if (!past) return 0;
      // a participle used as an adjective ("on a still unspecified date", "the proposed
      // merger", "its revised plan") is not a verb
      auto determiner = [&](size_t j) {
        if (toks_[j].kind != TK::kAlpha) return false;
        std::string_view d = Text(j);
        return d == "a" || d == "an" || d == "the" || d == "its" || d == "their" || d == "his" ||
               d == "her" || d == "our";
      };
      if (k > 0 && determiner(k - 1)) return 0;
      if (k > 1 && determiner(k - 2) && toks_[k - 1].kind == TK::kAlpha && !toks_[k - 1].upper &&
          (Text(k - 1).ends_with("ly") || Text(k - 1) == "still" || Text(k - 1) == "yet")) {
        return 0;
      }
      // a participle after a form of "be" ("will be held") is not a past tense by itself
      if (k > 0 && toks_[k - 1].kind == TK::kAlpha) {
        std::string_view b = Text(k - 1);
        if (b == "be" || b == "been" || b == "being" || b == "is" || b == "are") return 0;
      }
      return -1;
    };
    uint32_t s = sentence_[i];
    for (size_t k = i, steps = 0; k > 0 && steps < 10; ++steps) {
      --k;
      if (sentence_[k] != s) break;
      if (int v = verdict(k)) return v;
    }
    for (size_t k = i + 1; k < n() && k < i + 7 && sentence_[k] == s; ++k) {
      if (int v = verdict(k)) return v;
    }
    return 0;
  }

  // Month at token j (capitalised; "May" and "March" alone need context). 0 if none.
  int MonthAt(size_t j) const {
    int m = CatVal(j, Cat::kMonth);
    if (m < 0 || !toks_[j].upper) return 0;
    return m;
  }
  int WeekdayAt(size_t j) const {
    int w = CatVal(j, Cat::kWeekday);
    if (w < 0 || !toks_[j].upper) return 0;
    return w;
  }
  int UnitAt(size_t j) const { return CatVal(j, Cat::kUnit); }

  // A 4-digit year 1000..2199 at j ("'87" too); 0 if none.
  int YearAt(size_t j, size_t* end) const {
    if (j >= n()) return 0;
    const Tok& t = toks_[j];
    if (t.kind == TK::kDigit && t.plain && t.ndigits == 4 && t.num >= 1000 && t.num <= 2199) {
      *end = j + 1;
      return static_cast<int>(t.num);
    }
    if (Apostrophe(j) && toks_[j + 1].plain && toks_[j + 1].ndigits == 2 &&
        !(j + 2 < n() && toks_[j + 2].upper && toks_[j + 2].kind == TK::kAlpha)) {  // '60 Minutes
      *end = j + 2;
      return TwoDigitYear(static_cast<int>(toks_[j + 1].num));
    }
    return 0;
  }
  int TwoDigitYear(int yy) const {
    int base = anchor_.valid() ? anchor_.year : 2000;
    int y = (base / 100) * 100 + yy;
    if (y > base + 10) y -= 100;
    return y;
  }
  // Day of month 1..31 at j: "26", "26th". 0 if none.
  int DayAt(size_t j) const {
    if (j >= n() || toks_[j].kind != TK::kDigit || toks_[j].ndigits > 2) return 0;
    const Tok& t = toks_[j];
    if (!t.plain) {
      std::string_view suf = text_.substr(t.suffix, t.e - t.suffix);
      if (suf != "st" && suf != "nd" && suf != "rd" && suf != "th") return 0;
      if (t.suffix != t.b + t.ndigits) return 0;
    }
    if (t.num < 1 || t.num > 31) return 0;
    return static_cast<int>(t.num);
  }

  // Number words and digits: "three", "twenty-five", "2", "2 1/2", "1.5", "a", "a few".
  std::optional<Quantity> QuantityAt(size_t j, bool allow_article) const {
    if (j >= n()) return std::nullopt;
    Quantity q;
    const Tok& t = toks_[j];
    if (t.kind == TK::kDigit) {
      if (t.suffix != t.e) return std::nullopt;
      std::string_view s = Text(j);
      double v = 0;
      bool ok = true;
      double scale = 0;
      for (char c : s) {
        if (c == ',') continue;
        if (c == '.') {
          scale = 1;
          continue;
        }
        if (c < '0' || c > '9') {
          ok = false;
          break;
        }
        if (scale > 0) {
          scale /= 10;
          v += (c - '0') * scale;
        } else {
          v = v * 10 + (c - '0');
        }
      }
      if (!ok) return std::nullopt;
      q.value = v;
      q.end = j + 1;
      // "2 1/2"
      if (q.end + 2 < n() && toks_[q.end].kind == TK::kDigit && Punct(q.end + 1, '/') &&
          Glued(q.end + 1) && Glued(q.end + 2) && toks_[q.end].num == 1 &&
          toks_[q.end + 2].num == 2) {
        q.value += 0.5;
        q.end += 3;
      }
      return q;
    }
    int num = CatVal(j, Cat::kNumber);
    if (num > 0) {
      q.value = num;
      q.end = j + 1;
      if (num >= 20 && num % 10 == 0) {
        size_t k = Nx(q.end);  // "twenty-four", "twenty four"
        int unit = CatVal(k, Cat::kNumber);
        if (unit > 0 && unit < 10) {
          q.value += unit;
          q.end = k + 1;
        }
      }
      if (Is(q.end, kHundred)) {
        q.value *= 100;
        q.end += 1;
      }
      return q;
    }
    if (Is(j, kDozen)) {
      q.value = 12;
      q.end = j + 1;
      return q;
    }
    if (Is(j, kSeveral) || Is(j, kMany)) {
      q.vague = true;
      q.end = j + 1;
      return q;
    }
    if (Is(j, kHalf) && (Is(j + 1, kA) || Is(j + 1, kAn))) {  // half a year
      q.value = 0.5;
      q.end = j + 2;
      return q;
    }
    if (allow_article && (Is(j, kA) || Is(j, kAn))) {
      if (Is(j + 1, kFew)) {
        q.vague = true;
        q.end = j + 2;
        return q;
      }
      if (Is(j + 1, kCouple)) {
        q.value = 2;
        q.end = Is(j + 2, kOf) ? j + 3 : j + 2;
        return q;
      }
      if (Is(j + 1, kDozen)) {
        q.value = 12;
        q.end = j + 2;
        return q;
      }
      if (Is(j + 1, kHundred)) {
        q.value = 100;
        q.end = j + 2;
        return q;
      }
      q.value = 1;
      q.end = j + 1;
      return q;
    }
    if (Is(j, kFew)) {
      q.vague = true;
      q.end = j + 1;
      return q;
    }
    return std::nullopt;
  }

  // -- sentences and tense --
  void MarkSentences() {
    sentence_.resize(n());
    uint32_t s = 0;
    for (size_t i = 0; i < n(); ++i) {
      const Tok& t = toks_[i];
      if (i > 0 && t.newline) ++s;
      sentence_[i] = s;
      bool end = (Punct(i, '.') || Punct(i, '!') || Punct(i, '?')) && i + 1 < n() &&
                 toks_[i + 1].space && (toks_[i + 1].upper || !IsAlphaByte(text_[toks_[i + 1].b]));
      if (end && i > 0 && toks_[i - 1].kind == TK::kAlpha && toks_[i - 1].e - toks_[i - 1].b <= 4 &&
          toks_[i - 1].upper && L(i - 1) != nullptr) {
        end = false;  // "Sept. 26", "Jan. Smith"
      }
      // "at 9 a.m. Tuesday", "5 p.m. EST": the day or zone of the time goes on the sentence
      if (end && i >= 3 && toks_[i - 1].kind == TK::kAlpha && Text(i - 1) == "m" &&
          Punct(i - 2, '.') && (CatVal(i + 1, Cat::kWeekday) > 0 || TimeZoneAt(i + 1))) {
        end = false;
      }
      if (end) ++s;
    }
  }

  // -- resolution against the anchor --
  bool HaveAnchor() const { return anchor_.valid(); }

  // The year of a month (and day) without a year: the nearest occurrence, where occurrences
  // against the sentence's tense count four times as far.
  int ResolveYear(int month, int day, size_t at) const {
    int tense = Tense(at);
    // a deadline with no tense of its own ("to pay down the loan by February") lies ahead
    if (tense == 0 && at > 0 && (Is(at - 1, kBy) || Is(at - 1, kUntil))) tense = 1;
    bool fut = tense > 0;
    int best_year = anchor_.year;
    double best = 1e18;
    int64_t a = cal::DayNumber(anchor_);
    for (int y = anchor_.year - 1; y <= anchor_.year + 1; ++y) {
      int d = day > 0 ? std::min(day, cal::DaysInMonth(y, month)) : 15;
      int64_t z = cal::DayNumber(y, month, d);
      double dist = static_cast<double>(z - a);
      if (day == 0 && month == anchor_.month && y == anchor_.year) dist = 0;
      double cost = std::fabs(dist);
      if (dist > 7 && !fut) cost *= tense < 0 ? 4 : 2.5;
      if (dist < 0 && fut) cost *= 4;
      if (cost < best) {
        best = cost;
        best_year = y;
      }
    }
    return best_year;
  }

  // A deadline put off or granted: "postponed until Tuesday", "has given them until 9 a.m.
  // Tuesday", "extended its deadline until Friday" lies ahead whatever the verb's tense.
  bool DeferredUntil(size_t at) const {
    uint32_t s = sentence_[at];
    size_t until = n();
    for (size_t k = at, steps = 0; k > 0 && steps < 9; ++steps) {  // "until 9 a.m. EST Tuesday"
      --k;
      if (sentence_[k] != s) return false;
      if (Is(k, kUntil)) {
        until = k;
        break;
      }
    }
    if (until == n()) return false;
    for (size_t k = until, steps = 0; k > 0 && steps < 8; ++steps) {
      --k;
      if (sentence_[k] != s) break;
      if (toks_[k].kind != TK::kAlpha) continue;
      std::string_view w = Text(k);
      if (w == "given" || w == "gave" || w == "postponed" || w == "extended" || w == "delayed" ||
          w == "deferred" || w == "adjourned" || w == "deadline" || w == "extends" ||
          w == "postpones") {
        return true;
      }
    }
    return false;
  }

  // A weekday relative to the anchor: past by default, future when the sentence is.
  std::string ResolveWeekday(int wd, int dir, size_t at) const {
    if (!HaveAnchor()) return fmt::format("XXXX-WXX-{}", wd);
    int aw = cal::Weekday(anchor_);
    int64_t off;
    bool fut = dir > 0 || (dir == 0 && (Future(at) || DeferredUntil(at)));
    if (fut) {
      off = (wd - aw + 7) % 7;
      if (dir > 0 && off == 0) off = 7;
    } else {
      off = -((aw - wd + 7) % 7);
      if (dir < 0 && off == 0) off = -7;
    }
    return cal::Ymd(cal::AddDays(anchor_, off));
  }

  // The value of "this/last/next UNIT" (shift -1, 0, +1).
  std::string UnitRelative(int unit, int shift) const {
    if (!HaveAnchor()) return "";
    switch (unit) {
      case kYear:
        return cal::Year(anchor_.year + shift);
      case kMonthU: {
        CivilDate d = cal::AddMonths({anchor_.year, anchor_.month, 1}, shift);
        return cal::YearMonth(d.year, d.month);
      }
      case kWeek:
        return cal::WeekOf(cal::AddDays(anchor_, 7 * shift));
      case kWeekend:
        return cal::WeekOf(cal::AddDays(anchor_, 7 * shift)) + "-WE";
      case kDay:
        return cal::Ymd(cal::AddDays(anchor_, shift));
      case kQuarter: {
        int q = (anchor_.month - 1) / 3 + shift;
        int y = anchor_.year;
        while (q < 0) {
          q += 4;
          --y;
        }
        while (q > 3) {
          q -= 4;
          ++y;
        }
        return fmt::format("{:04d}-Q{}", y, q + 1);
      }
      case kDecade:
        return fmt::format("{:03d}", anchor_.year / 10 + shift);
      case kCentury:
        return fmt::format("{:02d}", anchor_.year / 100 + shift);
      default:
        return "";
    }
  }

  // "three years ago": the anchor moved back n units, at the unit's granularity.
  std::string Shifted(double n, int unit, int sign) const {
    if (!HaveAnchor()) return "";
    int k = static_cast<int>(std::lround(n)) * sign;
    switch (unit) {
      case kYear:
        return cal::Year(anchor_.year + k);
      case kDecade:
        return cal::Year(anchor_.year + 10 * k);
      case kCentury:
        return fmt::format("{:02d}", (anchor_.year + 100 * k) / 100);
      case kMonthU: {
        CivilDate d = cal::AddMonths(anchor_, k);
        return cal::YearMonth(d.year, d.month);
      }
      case kQuarter: {
        CivilDate d = cal::AddMonths(anchor_, 3 * k);
        return fmt::format("{:04d}-Q{}", d.year, (d.month - 1) / 3 + 1);
      }
      case kWeek:
      case kWeekend:
        return cal::WeekOf(cal::AddDays(anchor_, 7 * k));
      case kFortnight:
        return cal::WeekOf(cal::AddDays(anchor_, 14 * k));
      case kDay:
        return cal::Ymd(cal::AddDays(anchor_, k));
      default:
        return cal::Ymd(anchor_);
    }
  }

  // -- dates --

  // Modifiers before a date: "the end of", "early", "late", "mid-", "earlier", "later".
  std::optional<Match> DateLike(size_t i) const {
    if (i >= n()) return std::nullopt;
    size_t j = i;
    bool the = Is(j, kThe);
    size_t k = the ? j + 1 : j;
    if ((Is(k, kEnd) || Is(k, kBeginning) || Is(k, kStart) || Is(k, kMiddle)) && Is(k + 1, kOf)) {
      auto core = DateCore(k + 2, true);
      if (core && (core->type == TimexType::kDate || core->type == TimexType::kTime)) return core;
    }
    if (Is(i, kEarly) || Is(i, kLate) || Is(i, kMid) || Is(i, kEarlier) || Is(i, kLater)) {
      size_t c = Nx(i + 1);
      // "mid-afternoon", "late morning yesterday": a part of the day named after it, or of
      // the anchor's day
      if (int part = CatVal(c, Cat::kDayPart);
          part >= 0 && (Is(i, kEarly) || Is(i, kLate) || Is(i, kMid))) {
        Match m;
        m.end = c + 1;
        m.type = TimexType::kTime;
        std::string day = anchor_ymd_;
        if (auto d = Deictic(m.end); d && d->value.size() == 10) {
          day = d->value;
          m.end = d->end;
        } else if (int wd = WeekdayAt(m.end); wd > 0) {
          day = ResolveWeekday(wd, 0, m.end);
          m.end = AfterAbbrev(m.end);
        }
        m.value = day.empty() ? "" : day + "T" + DayPartCode(part);
        return m;
      }
      // "earlier Sunday", "later today": the day alone is the expression
      if ((Is(i, kEarlier) || Is(i, kLater)) &&
          (WeekdayAt(c) > 0 || Is(c, kToday) || Is(c, kYesterday) || Is(c, kTomorrow))) {
        return std::nullopt;
      }
      auto core = DateCore(c, false);
      if (core && (core->type == TimexType::kDate || core->type == TimexType::kTime)) return core;
      // "earlier in the year": the year of the report
      if ((Is(i, kEarlier) || Is(i, kLater)) && Is(i + 1, kIn) && Is(i + 2, kThe) &&
          UnitAt(i + 3) == kYear) {
        if (auto y = DateCore(i + 2, false); y && y->end == i + 4) return y;
      }
    }
    // "the week of March 6": the ISO week holding that day
    if (Is(i, kThe) && UnitAt(i + 1) == kWeek && Is(i + 2, kOf)) {
      if (auto d = DateCore(i + 3, true);
          d && d->type == TimexType::kDate && d->value.size() == 10 && d->value[0] != 'X') {
        if (auto day = ParseIsoDate(d->value); day.ok()) {
          d->value = cal::WeekOf(*day);
          return d;
        }
      }
    }
    return DateCore(i, false);
  }

  // "the 1990s", "Sept. 26, 2022", "last week", "Friday", "yesterday", "now", "the third
  // quarter" ...
  std::optional<Match> DateCore(size_t i, bool after_of) const {
    if (i >= n()) return std::nullopt;
    std::optional<Match> best;
    auto take = [&](std::optional<Match> m) {
      if (m && (!best || m->end > best->end)) best = std::move(m);
    };
    take(Absolute(i, after_of));
    take(Deictic(i));
    take(Relative(i));
    take(Periods(i));
    return best;
  }

  // Weekday, month and day, year; ISO dates; years; decades; centuries.
  std::optional<Match> Absolute(size_t i, bool after_of) const {
    if (i >= n()) return std::nullopt;
    size_t j = i;
    int wd = WeekdayAt(j);
    if (wd > 0) {
      size_t k = AfterAbbrev(j);
      if (Punct(k, ',')) ++k;
      if (auto m = MonthDate(k, after_of); m && m->value.size() >= 10) return m;
      // a weekday on its own, maybe with a part of the day
      Match m;
      m.end = k == j + 1 || !Punct(k - 1, ',') ? k : k - 1;
      if (IsAbbrev(j) && toks_[j].e - toks_[j].b < 6) {
        // "Sun", "Sat" alone are too ambiguous; only full names stand alone
        if (toks_[j].e - toks_[j].b <= 3) return std::nullopt;
      }
      // "Wednesday's ruling": a day named as the owner of an event reported is past
      bool possessive = Punct(m.end, '\'') && Glued(m.end) && m.end + 1 < n() &&
                        Text(m.end + 1) == "s" && Glued(m.end + 1);
      m.value = possessive ? ResolveWeekday(wd, -1, i) : ResolveWeekday(wd, 0, i);
      if (possessive && HaveAnchor() && m.value == cal::Ymd(cal::AddDays(anchor_, -7))) {
        m.value = cal::Ymd(anchor_);  // "Monday's meeting" written on Monday
      }
      AddDayPart(&m);
      return m;
    }
    if (auto m = MonthDate(i, after_of)) return m;
    // Day Month Year: "26 September 2022", "26-FEB-1987", "26th of September"
    if (int d = DayAt(i); d > 0) {
      size_t k = Nx(i + 1);
      if (Is(k, kOf)) ++k;
      int mo = MonthAt(k);
      if (mo > 0) {
        size_t e = AfterAbbrev(k);
        size_t ye = 0;
        size_t y0 = Nx(e);
        if (Punct(y0, ',')) ++y0;
        int y = YearAt(y0, &ye);
        Match m;
        if (y > 0) {
          m.end = ye;
        } else {
          m.end = e;
          y = HaveAnchor() ? ResolveYear(mo, d, i) : 0;
        }
        m.value = cal::Ymd({y, mo, d});
        return m;
      }
    }
    const Tok& t = toks_[i];
    if (t.kind == TK::kDigit) {
      // ISO 2022-09-26 and US 9/26/2022
      if (t.plain && t.ndigits == 4 && Punct(i + 1, '-') && Glued(i + 1) && Glued(i + 2) &&
          i + 4 < n() && toks_[i + 2].plain && toks_[i + 2].ndigits == 2 && Punct(i + 3, '-') &&
          Glued(i + 3) && Glued(i + 4) && toks_[i + 4].plain && toks_[i + 4].ndigits == 2) {
        int y = static_cast<int>(t.num), mo = static_cast<int>(toks_[i + 2].num),
            d = static_cast<int>(toks_[i + 4].num);
        if (mo >= 1 && mo <= 12 && d >= 1 && d <= cal::DaysInMonth(y, mo)) {
          Match m;
          m.end = i + 5;
          m.value = cal::Ymd({y, mo, d});
          return m;
        }
      }
      if (t.plain && t.ndigits <= 2 && Punct(i + 1, '/') && Glued(i + 1) && Glued(i + 2) &&
          i + 4 < n() && toks_[i + 2].plain && toks_[i + 2].ndigits <= 2 && Punct(i + 3, '/') &&
          Glued(i + 3) && Glued(i + 4) && toks_[i + 4].plain &&
          (toks_[i + 4].ndigits == 4 || toks_[i + 4].ndigits == 2)) {
        int mo = static_cast<int>(t.num), d = static_cast<int>(toks_[i + 2].num);
        int y = static_cast<int>(toks_[i + 4].num);
        if (toks_[i + 4].ndigits == 2) y = TwoDigitYear(y);
        if (mo >= 1 && mo <= 12 && d >= 1 && d <= cal::DaysInMonth(y, mo)) {
          Match m;
          m.end = i + 5;
          m.value = cal::Ymd({y, mo, d});
          return m;
        }
      }
      // decades: 1990s, mid-1980s
      if (t.ndigits == 4 && t.suffix == t.b + 4 && t.e == t.suffix + 1 && text_[t.suffix] == 's' &&
          t.num % 10 == 0 && t.num >= 1000 && t.num <= 2190) {
        Match m;
        m.end = i + 1;
        m.value = fmt::format("{:03d}", t.num / 10);
        return m;
      }
      // centuries: 20th century
      if (t.ndigits <= 2 && t.suffix == t.b + t.ndigits && t.e == t.suffix + 2 && t.num > 0 &&
          UnitAt(i + 1) == kCentury) {
        Match m;
        m.end = i + 2;
        m.value = fmt::format("{:02d}", t.num - 1);
        return m;
      }
    }
    if (Apostrophe(i)) {  // '80s, '87
      const Tok& d = toks_[i + 1];
      if (d.ndigits == 2 && d.suffix == d.b + 2 && d.e == d.suffix + 1 && text_[d.suffix] == 's' &&
          d.num % 10 == 0) {
        Match m;
        m.end = i + 2;
        m.value = fmt::format("{:03d}", TwoDigitYear(static_cast<int>(d.num)) / 10);
        return m;
      }
    }
    // "the year 2000", "the year two thousand (and five)"
    if (Is(i, kThe) && UnitAt(i + 1) == kYear) {
      size_t ye = 0;
      int y = YearOrSpelledAt(i + 2, &ye);
      if (y == 0 && CatVal(i + 2, Cat::kNumber) == 2 && Is(i + 3, kThousand)) {
        y = 2000;
        ye = i + 4;
        size_t k = Is(ye, kAnd) ? ye + 1 : ye;
        if (auto q = QuantityAt(k, false);
            q && !q->vague && q->value >= 1 && q->value < 100 && toks_[k].kind != TK::kDigit) {
          y += static_cast<int>(q->value);
          ye = q->end;
        }
      }
      if (y > 0) {
        Match m;
        m.end = ye;
        m.value = cal::Year(y);
        return m;
      }
    }
    if (Is(i, kThe)) {  // the 1990s, the '80s, the 20th century, the late 1970s
      size_t k = i + 1;
      if (Is(k, kEarly) || Is(k, kLate) || Is(k, kMid)) k = Nx(k + 1);
      if (auto m = Absolute(k, false); m && (m->value.size() == 3 || m->value.size() == 2)) {
        return m;
      }
      if (auto m = CenturyWords(k)) return m;
    }
    if (auto m = CenturyWords(i)) return m;
    if (auto m = SpelledYear(i)) return m;
    if (auto m = Holiday(i)) return m;
    if (auto m = YearEnd(i)) return m;
    if (Is(i, kThe) && CatVal(i + 1, Cat::kDecadeWord) > 0) {  // the nineties
      Match m;
      m.end = i + 2;
      m.value = fmt::format("19{}", CatVal(i + 1, Cat::kDecadeWord));
      return m;
    }
    // fiscal 1989, fiscal year 1989
    size_t k = i;
    bool fiscal = false;
    if (Is(k, kFiscal)) {
      fiscal = true;
      ++k;
      if (CatVal(k, Cat::kUnit) == kYear) ++k;
    }
    size_t ye = 0;
    if (int y = YearAt(k, &ye); y > 0) {
      if (!YearContextOk(k, ye, fiscal || after_of)) return std::nullopt;
      Match m;
      m.end = ye;
      m.value = cal::Year(y);
      return m;
    }
    return std::nullopt;
  }

  // A year in digits or read aloud ("nineteen ninety-four"); 0 if none.
  int YearOrSpelledAt(size_t j, size_t* end) const {
    if (int y = YearAt(j, end); y > 0) return y;
    if (auto m = SpelledYear(j)) {
      *end = m->end;
      return std::atoi(m->value.c_str());
    }
    return 0;
  }

  // "nineteen ninety-six", "nineteen eighty": a year read aloud.
  std::optional<Match> SpelledYear(size_t i) const {
    if (i >= n()) return std::nullopt;
    int hi = CatVal(i, Cat::kNumber);
    if (hi < 11 || hi > 20 || i + 1 >= n()) return std::nullopt;
    auto lo = QuantityAt(i + 1, false);
    if (!lo || lo->vague || lo->value < 10 || lo->value > 99 || toks_[i + 1].kind == TK::kDigit) {
      return std::nullopt;
    }
    Match m;
    m.end = lo->end;
    m.value = cal::Year(hi * 100 + static_cast<int>(lo->value));
    return m;
  }

  // Thanksgiving (Day), Christmas (Day, Eve), New Year's Day / Eve, in the nearest year.
  std::optional<Match> Holiday(size_t i) const {
    if (i >= n()) return std::nullopt;
    int month = 0, day = 0;
    size_t e = i + 1;
    bool thanksgiving = false, election = false;
    if (Is(i, kElection) && toks_[i].upper && UnitAt(i + 1) == kDay && toks_[i + 1].upper) {
      month = 11;  // US Election Day: the Tuesday after the first Monday of November
      day = 5;
      election = true;
      e = i + 2;
    } else if (Is(i, kThanksgiving) && toks_[i].upper) {
      month = 11;
      day = 25;
      thanksgiving = true;
    } else if (Is(i, kChristmas) && toks_[i].upper) {
      month = 12;
      day = 25;
      if (Is(e, kEve)) {
        day = 24;
        ++e;
      }
    } else if (Is(i, kNew) && toks_[i].upper && UnitAt(i + 1) == kYear && Punct(i + 2, '\'') &&
               i + 3 < n() && Text(i + 3) == "s" && (Is(i + 4, kEve) || UnitAt(i + 4) == kDay)) {
      month = Is(i + 4, kEve) ? 12 : 1;
      day = Is(i + 4, kEve) ? 31 : 1;
      e = i + 5;
    } else {
      return std::nullopt;
    }
    if (UnitAt(e) == kDay && month != 1 && !election) ++e;  // "Christmas Day", "Thanksgiving Day"
    Match m;
    m.end = e;
    int y = HaveAnchor() ? ResolveYear(month, day, i) : 0;
    if (thanksgiving && y != 0) {  // the fourth Thursday of November
      CivilDate first{y, 11, 1};
      int offset = (4 - cal::Weekday(first) + 7) % 7;
      day = 1 + offset + 21;
    }
    if (election && y != 0) {
      CivilDate first{y, 11, 1};
      day = 1 + (1 - cal::Weekday(first) + 7) % 7 + 1;
    }
    m.value = y == 0 ? fmt::format("XXXX-{:02d}-{:02d}", month, day) : cal::Ymd({y, month, day});
    return m;
  }

  // "year-end", "year end", "year's end", "the end of the year": the anchor's year.
  std::optional<Match> YearEnd(size_t i) const {
    if (i >= n()) return std::nullopt;
    size_t e = 0;
    if (UnitAt(i) == kYear) {
      size_t k = Nx(i + 1);
      if (Punct(k, '\'') && k + 1 < n() && Text(k + 1) == "s") k += 2;
      if (Is(k, kEnd)) e = k + 1;
    } else if (Is(i, kThe) && Is(i + 1, kEnd) && Is(i + 2, kOf) && Is(i + 3, kThe) &&
               UnitAt(i + 4) == kYear) {
      e = i + 5;
    } else if (Is(i, kThe) && Is(i + 1, kEnd) && Is(i + 2, kOf) && Is(i + 3, kThe) &&
               UnitAt(i + 4) == kMonthU) {
      Match m;
      m.end = i + 5;
      m.value = HaveAnchor() ? cal::YearMonth(anchor_.year, anchor_.month) : "";
      return m;
    }
    if (e == 0) return std::nullopt;
    Match m;
    m.end = e;
    m.value = HaveAnchor() ? cal::Year(anchor_.year) : "";
    return m;
  }

  // "the twentieth century": ordinal + century.
  std::optional<Match> CenturyWords(size_t i) const {
    if (i >= n()) return std::nullopt;
    int ord = CatVal(i, Cat::kOrdinal);
    size_t k = i + 1;
    if (ord <= 0 && i < n() && toks_[i].kind == TK::kDigit && toks_[i].ndigits <= 2 &&
        toks_[i].suffix == toks_[i].b + toks_[i].ndigits && toks_[i].e == toks_[i].suffix + 2) {
      ord = static_cast<int>(toks_[i].num);
    }
    if (ord <= 0) return std::nullopt;
    k = Nx(k);
    if (UnitAt(k) != kCentury) return std::nullopt;
    Match m;
    m.end = k + 1;
    m.value = fmt::format("{:02d}", ord - 1);
    return m;
  }

  // A year number standing alone must look like one: not money, not a percentage, not part
  // of a larger number; 1000..1899 only after a preposition.
  bool YearContextOk(size_t k, size_t end, bool strong) const {
    if (k > 0 && (Punct(k - 1, '$') ||
                  (Punct(k - 1, ',') && Glued(k) && k >= 2 && toks_[k - 2].kind == TK::kDigit))) {
      return false;
    }
    if (end < n() &&
        (Punct(end, '%') ||
         (Punct(end, '-') && Glued(end) && end + 1 < n() && toks_[end + 1].kind == TK::kDigit &&
          Glued(end + 1) && toks_[end + 1].ndigits != 2 && toks_[end + 1].ndigits != 4))) {
      return false;
    }
    if (end < n() && toks_[end].kind == TK::kAlpha && !toks_[end].upper && L(end) == nullptr) {
      std::string_view w = Text(end);
      if (w == "percent" || w == "shares" || w == "people" || w == "points" || w == "tons" ||
          w == "troops" || w == "miles" || w == "feet" || w == "meters" || w == "metres") {
        return false;
      }
    }
    int y = static_cast<int>(toks_[k].kind == TK::kDigit ? toks_[k].num : 1950);
    if (y >= 1900 && y <= 2099) return true;
    if (strong) return true;
    if (k == 0) return false;
    return Is(k - 1, kIn) || Is(k - 1, kSince) || Is(k - 1, kOf) || Is(k - 1, kBy) ||
           Is(k - 1, kUntil) || Is(k - 1, kFrom) || Is(k - 1, kBefore) || Is(k - 1, kAfter) ||
           Is(k - 1, kDuring) || Is(k - 1, kTo) || Is(k - 1, kThrough) || Is(k - 1, kBetween);
  }

  // Month [day] [,] [year]; "June 2022"; "January this year"; a month alone.
  std::optional<Match> MonthDate(size_t i, bool after_of) const {
    if (i >= n()) return std::nullopt;
    int mo = MonthAt(i);
    if (mo <= 0) return std::nullopt;
    bool abbrev = IsAbbrev(i) && Text(i).size() < 5 && mo != 5 && mo != 6 && mo != 7;
    size_t k = AfterAbbrev(i);
    Match m;
    int d = DayAt(k);
    if (d > 0 && !(Punct(k + 1, ':') && Glued(k + 1) && Glued(k + 2) && k + 2 < n() &&
                   toks_[k + 2].kind == TK::kDigit)) {  // not "May 10:30"
      size_t e = k + 1;
      size_t y0 = e;
      if (Punct(y0, ',')) ++y0;
      size_t ye = 0;
      int y = YearAt(y0, &ye);
      if (y > 0 && !(toks_[y0].kind == TK::kDigit && Punct(ye, ','))) {
        m.end = ye;
      } else if (y > 0) {
        m.end = ye;  // "Sept. 26, 2022," is still the year
      } else {
        m.end = e;
        y = HaveAnchor() ? ResolveYear(mo, d, i) : 0;
      }
      if (d > cal::DaysInMonth(y == 0 ? 2000 : y, mo)) return std::nullopt;
      m.value = cal::Ymd({y, mo, d});
      return m;
    }
    size_t y0 = k;
    if (Punct(y0, ',') || Is(y0, kOf)) ++y0;
    size_t ye = 0;
    if (int y = YearOrSpelledAt(y0, &ye); y > 0) {
      m.end = ye;
      m.value = cal::YearMonth(y, mo);
      return m;
    }
    // January this year, June last year
    if ((Is(k, kThis) || Is(k, kLast) || Is(k, kNext)) && UnitAt(k + 1) == kYear) {
      int shift = Is(k, kThis) ? 0 : Is(k, kLast) ? -1 : 1;
      m.end = k + 2;
      m.value = HaveAnchor() ? cal::YearMonth(anchor_.year + shift, mo) : "";
      return m;
    }
    if (abbrev && !(Punct(k - 1, '.'))) return std::nullopt;  // "Jan" alone may be a name
    if (abbrev && i > 0 && !PrepositionBefore(i)) return std::nullopt;
    if ((mo == 5 || mo == 3) && !after_of && !PrepositionBefore(i)) return std::nullopt;
    m.end = k;
    if (abbrev && Punct(k - 1, '.') && SentenceEndsAt(k - 1)) m.end = k - 1;
    m.value = HaveAnchor() ? cal::YearMonth(ResolveYear(mo, 0, i), mo) : cal::YearMonth(0, mo);
    return m;
  }

  bool SentenceEndsAt(size_t dot) const {
    return dot + 1 >= n() || toks_[dot + 1].newline ||
           (toks_[dot + 1].space && toks_[dot + 1].upper);
  }

  bool PrepositionBefore(size_t i) const {
    if (i == 0) return false;
    size_t p = i - 1;
    if (Punct(p, '-') && p > 0) --p;  // mid-March
    return Is(p, kIn) || Is(p, kSince) || Is(p, kOf) || Is(p, kBy) || Is(p, kUntil) ||
           Is(p, kFrom) || Is(p, kBefore) || Is(p, kAfter) || Is(p, kDuring) || Is(p, kTo) ||
           Is(p, kThrough) || Is(p, kEarly) || Is(p, kLate) || Is(p, kMid) || Is(p, kLast) ||
           Is(p, kNext) || Is(p, kThis) || Is(p, kOn) || Is(p, kBetween) || Is(p, kAnd) ||
           Is(p, kMiddle) || Is(p, kEnd) || Is(p, kBeginning) || Is(p, kStart);
  }

  // "Friday morning", "yesterday afternoon" → TIME with a part of the day.
  void AddDayPart(Match* m) const {
    int part = CatVal(m->end, Cat::kDayPart);
    if (part < 0) return;
    m->end += 1;
    m->type = TimexType::kTime;
    if (!m->value.empty()) m->value += "T" + std::string(DayPartCode(part));
  }

  // today, yesterday, tomorrow, tonight, now, recently, the future, the past ...
  std::optional<Match> Deictic(size_t i) const {
    if (i >= n()) return std::nullopt;
    Match m;
    m.end = i + 1;
    const std::string& anchor = anchor_ymd_;
    auto day = [&](int shift) {
      return HaveAnchor() ? cal::Ymd(cal::AddDays(anchor_, shift)) : std::string();
    };
    if (Is(i, kToday)) {
      m.value = anchor;
      AddDayPart(&m);
      return m;
    }
    if (Is(i, kYesterday)) {
      m.value = day(-1);
      AddDayPart(&m);
      return m;
    }
    if (Is(i, kTomorrow)) {
      m.value = day(1);
      AddDayPart(&m);
      return m;
    }
    if (Is(i, kTonight)) {
      m.type = TimexType::kTime;
      m.value = anchor.empty() ? "" : anchor + "TNI";
      return m;
    }
    if (Is(i, kOvernight)) {
      m.type = TimexType::kTime;
      m.value = anchor.empty() ? "" : anchor + "TNI";
      return m;
    }
    // "Now, he says, ...", "Currently, organs are ...": a discourse marker opening the
    // sentence, not a time
    if ((Is(i, kNow) || Is(i, kCurrently)) && toks_[i].upper && Punct(i + 1, ',') &&
        (i == 0 || sentence_[i - 1] != sentence_[i] || toks_[i - 1].kind == TK::kPunct)) {
      return std::nullopt;
    }
    if (Is(i, kRight) && Is(i + 1, kNow)) m.end = i + 2;
    if (Is(i, kNow) || Is(i, kCurrently) || Is(i, kNowadays) || Is(i, kPresently) ||
        m.end == i + 2) {
      m.value = "PRESENT_REF";
      return m;
    }
    if (Is(i, kRecently) || Is(i, kLately)) {
      m.value = "PAST_REF";
      return m;
    }
    // "current" as an adjective ("the current weakness", "his current wife") is the present;
    // "the current year" is a date of its own (Relative)
    if (Is(i, kCurrent) && UnitAt(i + 1) < 0 && !Is(i + 1, kFiscal)) {
      m.value = "PRESENT_REF";
      return m;
    }
    if (Is(i, kThen) && Is(i + 1, kCurrent) && UnitAt(i + 2) < 0) {  // "the then current price"
      m.end = i + 2;
      m.value = "PAST_REF";
      return m;
    }
    // recent years → PAST_REF (recent weeks/months are durations, see Durations)
    if (Is(i, kRecent) && UnitAt(i + 1) == (kYear | kPlural)) {
      m.end = i + 2;
      m.value = "PAST_REF";
      return m;
    }
    // "Islam will one day be", "he may one day return": some day ahead
    if (CatVal(i, Cat::kNumber) == 1 && UnitAt(i + 1) == kDay && i > 0 &&
        (Is(i - 1, kWill) || Is(i - 1, kWould) ||
         (toks_[i - 1].kind == TK::kAlpha && (Text(i - 1) == "may" || Text(i - 1) == "might" ||
                                              Text(i - 1) == "could" || Text(i - 1) == "can")))) {
      m.end = i + 2;
      m.value = "FUTURE_REF";
      return m;
    }
    // "these days": the present
    if (Is(i, kThese) && UnitAt(i + 1) == (kDay | kPlural)) {
      m.end = i + 2;
      m.value = "PRESENT_REF";
      return m;
    }
    // "a later date", "a future date": ahead
    if ((Is(i, kA) || Is(i, kAn)) && (Is(i + 1, kLater) || Is(i + 1, kFuture)) && i + 2 < n() &&
        Text(i + 2) == "date") {
      m.end = i + 3;
      m.value = "FUTURE_REF";
      return m;
    }
    // "for a while" (a vague duration), "a while ago"
    if (Is(i, kA) && Is(i + 1, kWhile) && (Is(i + 2, kAgo) || (i > 0 && Is(i - 1, kFor)))) {
      if (Is(i + 2, kAgo)) {
        m.end = i + 3;
        m.value = "PAST_REF";
      } else {
        m.end = i + 2;
        m.type = TimexType::kDuration;
        m.value = "PXX";
      }
      return m;
    }
    if (Is(i, kThe)) {
      size_t k = i + 1;
      // "the near term", "the short term", "the long term": ahead
      if ((Is(k, kNear) || Is(k, kShort) || Is(k, kLong)) && Is(k + 1, kTerm)) {
        m.end = k + 2;
        m.value = "FUTURE_REF";
        return m;
      }
      if (Is(k, kNear)) ++k;
      if (Is(k, kFuture)) {
        m.end = k + 1;
        m.value = "FUTURE_REF";
        return m;
      }
      if (Is(i + 1, kPast) && !QuantityAt(i + 2, true) && UnitAt(i + 2) < 0 &&
          CatVal(i + 2, Cat::kWord) != kFew) {
        m.end = i + 2;
        m.value = "PAST_REF";
        return m;
      }
      if (Is(i + 1, kPresent) && !toks_[i + 1].upper) {
        m.end = i + 2;
        m.value = "PRESENT_REF";
        return m;
      }
    }
    // "in the morning", "during the afternoon": a part of the day last named
    if (Is(i, kThe) && i > 0 && (Is(i - 1, kIn) || Is(i - 1, kDuring)) &&
        CatVal(i + 1, Cat::kDayPart) >= 0 && CatVal(i + 1, Cat::kDayPart) != kNight &&
        !Is(i + 2, kOf) && !(i > 1 && toks_[i - 2].kind == TK::kDigit)) {
      m.end = i + 2;
      m.type = TimexType::kTime;
      m.ref = Ref::kLastDay;
      m.part = static_cast<int8_t>(CatVal(i + 1, Cat::kDayPart));
      return m;
    }
    // "until then", "by then": the date last named
    if (Is(i, kThen) && i > 0 && (Is(i - 1, kUntil) || Is(i - 1, kBy)) && !Is(i + 1, kCurrent)) {
      m.ref = Ref::kLastDate;
      m.value = "";
      return m;
    }
    // "that quarter": the quarter last named (resolved in Run)
    if (Is(i, kThat) && UnitAt(i + 1) == kQuarter) {
      m.end = i + 2;
      m.ref = Ref::kQuarter;
      m.value = UnitRelative(kQuarter, -1);
      return m;
    }
    // "that year", "the same year", "that month": the date last named (resolved in Run)
    if ((Is(i, kThat) || (Is(i, kThe) && Is(i + 1, kSame))) &&
        (UnitAt(Is(i, kThat) ? i + 1 : i + 2) == kYear ||
         UnitAt(Is(i, kThat) ? i + 1 : i + 2) == kMonthU ||
         UnitAt(Is(i, kThat) ? i + 1 : i + 2) == kDay)) {
      size_t u = Is(i, kThat) ? i + 1 : i + 2;
      m.end = u + 1;
      m.ref = UnitAt(u) == kYear     ? Ref::kLastYear
              : UnitAt(u) == kMonthU ? Ref::kLastMonth
                                     : Ref::kLastDay;
      m.value = "";
      return m;
    }
    // this morning, last night, this afternoon
    int part = CatVal(i + 1, Cat::kDayPart);
    if (part >= 0 && (Is(i, kThis) || Is(i, kLast))) {
      m.end = i + 2;
      m.type = TimexType::kTime;
      int shift = Is(i, kLast) ? -1 : 0;
      if (Is(i, kLast) && part != kNight) return std::nullopt;
      m.value = HaveAnchor() ? day(shift) + "T" + DayPartCode(part) : "";
      return m;
    }
    return std::nullopt;
  }

  // this/last/next/past/coming + unit, weekday, month or season; "earlier this month".
  std::optional<Match> Relative(size_t i) const {
    if (i >= n()) return std::nullopt;
    size_t j = i;
    bool the = Is(j, kThe);
    if (the) ++j;
    int shift;
    bool this_past = false;
    if (Is(j, kThis) && Is(j + 1, kPast) && !the) {  // "this past spring"
      ++j;
      shift = -1;
      this_past = true;
    } else if (Is(j, kThis) || Is(j, kCurrent)) {
      shift = 0;
    } else if (Is(j, kLast) || Is(j, kPast) || Is(j, kPrevious) || Is(j, kLatest)) {
      shift = -1;
    } else if (Is(j, kNext) || Is(j, kComing) || Is(j, kFollowing)) {
      shift = 1;
    } else {
      return std::nullopt;
    }
    if (the && Is(j, kThis)) return std::nullopt;
    bool this_word = Is(j, kThis);
    size_t k = j + 1;
    if (Is(k, kFiscal)) ++k;
    Match m;
    int unit = UnitAt(k);
    if (unit >= 0 && !(unit & kPlural)) {
      if (unit == kFortnight || unit == kHour || unit == kMinute || unit == kSecond) {
        return std::nullopt;
      }
      if (unit == kDay && !this_word) return std::nullopt;
      if ((unit == kDecade || unit == kCentury) && shift < 0) return std::nullopt;  // a duration
      m.end = k + 1;
      // "the following year", "the previous year": relative to the year last named
      if (the && (Is(j, kNext) || Is(j, kFollowing) || Is(j, kPrevious)) &&
          (unit == kYear || unit == kMonthU)) {
        m.ref = unit == kYear ? Ref::kLastYear : Ref::kLastMonth;
        m.shift = static_cast<int8_t>(shift);
        m.value = UnitRelative(unit, shift);
        return m;
      }
      if (the && (Is(j, kNext) || Is(j, kComing) || Is(j, kFollowing)) && unit != kQuarter) {
        return std::nullopt;  // "the next week" is relative to another event
      }
      if (unit == kQuarter && Is(j, kLatest)) shift = -1;
      m.value = UnitRelative(unit, shift);
      // In results, "compared with $3 million last year" and "last year's $1.55 billion"
      // compare with the same quarter a year back (resolved in Run when a quarter was named).
      if (unit == kYear && shift < 0 && !the && !Is(j, kPast) &&
          ((Punct(m.end, '\'') && Glued(m.end) && m.end + 2 < n() && Text(m.end + 1) == "s" &&
            (Punct(m.end + 2, '$') || Text(m.end + 2) == "results")) ||
           AmountBefore(i))) {
        m.ref = Ref::kQuarterYearAgo;
      }
      if (m.value.empty() && HaveAnchor()) return std::nullopt;
      return m;
    }
    // "the previous Friday", "the following Monday": relative to the day last named
    if (int wd = WeekdayAt(k); wd > 0 && the && (Is(j, kPrevious) || Is(j, kFollowing))) {
      m.end = AfterAbbrev(k);
      m.ref = Ref::kLastWeekday;
      m.shift = static_cast<int8_t>(shift * wd);
      m.value = ResolveWeekday(wd, shift, i);
      return m;
    }
    if (the) return std::nullopt;
    if (int wd = WeekdayAt(k);
        wd > 0 && !Is(j, kPast) && !Is(j, kPrevious) && !Is(j, kLatest) && !Is(j, kCurrent)) {
      m.end = AfterAbbrev(k);
      m.value = ResolveWeekday(wd, this_word ? 0 : shift, i);
      AddDayPart(&m);
      return m;
    }
    if (int mo = MonthAt(k); mo > 0 && (Is(j, kThis) || Is(j, kLast) || Is(j, kNext))) {
      m.end = AfterAbbrev(k);
      int day = DayAt(m.end);  // "last Oct. 23"
      if (day > 0) ++m.end;
      if (!HaveAnchor()) return m;
      int y = anchor_.year;
      if (shift < 0) y = mo < anchor_.month ? y : y - 1;
      if (shift > 0) y = mo > anchor_.month ? y : y + 1;
      m.value = day > 0 && day <= cal::DaysInMonth(y, mo) ? cal::Ymd({y, mo, day})
                                                          : cal::YearMonth(y, mo);
      return m;
    }
    if (int s = CatVal(k, Cat::kSeason);
        s >= 0 && (Is(j, kThis) || Is(j, kLast) || Is(j, kNext) || this_past)) {
      m.end = k + 1;
      if (!HaveAnchor()) return m;
      int y = anchor_.year + shift;
      if (shift < 0 && SeasonOver(s)) y = anchor_.year;
      if (shift > 0 && !SeasonStarted(s)) y = anchor_.year;
      m.value = fmt::format("{:04d}-{}", y, SeasonCode(s));
      return m;
    }
    return std::nullopt;
  }
  bool SeasonOver(int s) const {
    static constexpr int kLastMonth[] = {5, 8, 11, 13};
    return anchor_.month > kLastMonth[s & 3];
  }
  bool SeasonStarted(int s) const {
    static constexpr int kFirstMonth[] = {3, 6, 9, 12};
    return anchor_.month >= kFirstMonth[s & 3];
  }

  // Quarters, halves, seasons, weekends: "the third quarter", "third-quarter", "the first
  // half of 1989", "the summer", "the winter of 1994", "the weekend".
  // "year-ago", "year-earlier": the end of the pair, or 0.
  size_t YearAgoAt(size_t j) const {
    if (UnitAt(j) != kYear) return 0;
    size_t k = Nx(j + 1);
    if (k == j + 1 || !(Is(k, kAgo) || Is(k, kEarlier))) return 0;
    return k + 1;
  }
  bool PeriodWord(size_t j) const {
    return j < n() && toks_[j].kind == TK::kAlpha && Text(j) == "period";
  }

  std::optional<Match> Periods(size_t i) const {
    if (i >= n()) return std::nullopt;
    size_t j = i;
    bool the = Is(j, kThe);
    if (the) ++j;
    if (Is(j, kFiscal)) ++j;
    Match m;
    int year_given = 0;  // "the 1988 third quarter", "this year's third quarter"
    // "the comparable period last year", "the same quarter a year ago"
    if (the && j < n() && (Is(j, kComparable) || Is(j, kSame)) &&
        (UnitAt(j + 1) == kQuarter || PeriodWord(j + 1))) {
      size_t e = j + 2;
      if (Is(e, kLast) && UnitAt(e + 1) == kYear) {
        e += 2;
      } else if (Is(e, kA) && UnitAt(e + 1) == kYear && (Is(e + 2, kAgo) || Is(e + 2, kEarlier))) {
        e += 3;
      } else {
        e = 0;
      }
      if (e > 0) {
        m.end = e;
        m.ref = Ref::kQuarterYearAgo;
        m.value = HaveAnchor() ? cal::Year(anchor_.year - 1) : "";
        return m;
      }
    }
    if (the && j < n() && Is(j, kComparable) && YearAgoAt(j + 1) > 0) {
      ++j;  // "the comparable year-ago quarter"
    }
    if (size_t ye = 0; j < n() && toks_[j].kind == TK::kDigit && YearAt(j, &ye) > 0) {
      int y = YearAt(j, &ye);
      if (CatVal(ye, Cat::kOrdinal) > 0) {
        year_given = y;
        j = ye;
      } else if (the && (UnitAt(ye) == kQuarter || PeriodWord(ye))) {
        // "the 1988 quarter", "the 1989 period": that year's quarter of the report
        m.end = ye + 1;
        m.ref = Ref::kQuarterInYear;
        m.value = cal::Year(y);
        return m;
      }
    } else if ((Is(j, kThis) || Is(j, kLast) || Is(j, kNext)) && UnitAt(j + 1) == kYear &&
               Punct(j + 2, '\'') && Glued(j + 2) && j + 3 < n() && Text(j + 3) == "s" &&
               HaveAnchor()) {
      int y = anchor_.year + (Is(j, kLast) ? -1 : Is(j, kNext) ? 1 : 0);
      if (CatVal(j + 4, Cat::kOrdinal) > 0) {
        year_given = y;
        j += 4;
      } else if (!the && (UnitAt(j + 4) == kQuarter || PeriodWord(j + 4))) {
        // "last year's quarter", "this year's period": that year's quarter of the report
        m.end = j + 5;
        m.ref = Ref::kQuarterInYear;
        m.value = cal::Year(y);
        return m;
      }
    }
    // "the year-ago quarter", "the year-earlier period", "year-earlier" (results)
    if (size_t e = YearAgoAt(j); e > 0 && year_given == 0) {
      int ord2 = CatVal(e, Cat::kOrdinal);
      if (ord2 >= 1 && ord2 <= 4 && UnitAt(Nx(e + 1)) == kQuarter) {
        m.end = Nx(e + 1) + 1;
        m.value = fmt::format("{}-Q{}", cal::Year(HaveAnchor() ? anchor_.year - 1 : 0), ord2);
        return m;
      }
      m.end = e;
      // "the year-earlier nine months": the months of results, a duration as "the nine months"
      if (auto q = QuantityAt(e, false);
          q && !q->vague && q->value > 1 && UnitAt(q->end) == (kMonthU | kPlural)) {
        m.end = q->end + 1;
        m.type = TimexType::kDuration;
        m.value = DurationValue(q->value, kMonthU, false);
        return m;
      }
      if (UnitAt(e) == kQuarter || PeriodWord(e)) {
        m.end = e + 1;
      } else if (the) {
        return std::nullopt;
      }
      m.ref = Ref::kQuarterYearAgo;
      m.value = HaveAnchor() ? cal::Year(anchor_.year - 1) : "";
      return m;
    }
    // "the year ended Sept. 30", "the fiscal year ending June 30": a year's results, a
    // duration (the date is an expression of its own); "the full year": this year
    if (the && year_given == 0 && UnitAt(j) == kYear && j + 2 < n() &&
        (Text(j + 1) == "ended" || Text(j + 1) == "ending") &&
        (MonthDate(j + 2, true) || Is(j + 2, kTomorrow) || Is(j + 2, kToday))) {
      m.end = j + 1;
      m.type = TimexType::kDuration;
      m.value = "P1Y";
      return m;
    }
    if (the && year_given == 0 && j + 1 < n() && Text(j) == "full" && UnitAt(j + 1) == kYear &&
        !Is(j + 2, kOf)) {
      m.end = j + 2;
      m.value = UnitRelative(kYear, 0);
      if (m.value.empty() && HaveAnchor()) return std::nullopt;
      return m;
    }
    // "for the year", "the first nine months of the year", "earlier in the year": a report's
    // year, the anchor's ("the year before", "the year-ago period" are not)
    // ("for the fiscal year" too, unless a date says which one: "the fiscal year ended")
    bool fiscal = j == i + 2 && Is(i + 1, kFiscal) && j + 1 < n() && Text(j + 1) != "ended" &&
                  Text(j + 1) != "ending";
    if (the && year_given == 0 && (j == i + 1 || fiscal) && UnitAt(j) == kYear &&
        !Punct(j + 1, '-') && !Is(j + 1, kBefore) && !Is(j + 1, kAfter) &&
        !(Is(j + 1, kOf) && !Punct(j + 2, '$')) && !Is(j + 1, kEarlier) && !Is(j + 1, kAgo) &&
        !Is(j + 1, kLater) && HaveAnchor()) {
      m.end = j + 1;
      m.value = UnitRelative(kYear, 0);
      return m;
    }
    // "the quarter", "the latest quarter", "the latest period"
    if (the && year_given == 0) {
      size_t k = j;
      bool latest = Is(k, kLatest) || Is(k, kRecent) || Is(k, kCurrent);
      if (latest) ++k;
      if ((UnitAt(k) == kQuarter && !Is(k + 1, kOf) && !Punct(k + 1, '-')) ||
          (latest && PeriodWord(k))) {
        m.end = k + 1;
        m.ref = Ref::kQuarter;
        m.value = UnitRelative(kQuarter, Is(j, kCurrent) ? 0 : -1);
        // "the quarter a year ago": the report's quarter, a year back
        if (!latest && (Is(m.end, kA) || Is(m.end, kAn)) && UnitAt(m.end + 1) == kYear &&
            (Is(m.end + 2, kAgo) || Is(m.end + 2, kEarlier))) {
          m.end += 3;
          m.ref = Ref::kQuarterYearAgo;
          m.value = UnitRelative(kQuarter, -4);
          return m;
        }
        // "the quarter ended Sept. 30": the quarter holding that date
        size_t e = m.end;
        if (e < n() && (Text(e) == "ended" || Text(e) == "ending")) {
          if (auto d = MonthDate(e + 1, true); d && d->value.size() == 10 && d->value[0] != 'X') {
            m.ref = Ref::kNone;
            m.value = fmt::format("{}-Q{}", d->value.substr(0, 4),
                                  (std::atoi(d->value.substr(5, 2).c_str()) - 1) / 3 + 1);
          }
        }
        return m;
      }
    }
    if (int qt = QuarterToken(j); qt > 0 && year_given == 0) {  // "Q3 2022", "H1"
      m.end = j + 1;
      int y = HaveAnchor() ? anchor_.year : 0;
      size_t ye = 0;
      if (int yy = YearAt(m.end, &ye); yy > 0) {
        y = yy;
        m.end = ye;
      }
      m.value = fmt::format("{}-{}{}", cal::Year(y), qt > 10 ? "H" : "Q", qt % 10);
      return m;
    }
    int ord = CatVal(j, Cat::kOrdinal);
    if (ord < 0 && Is(j, kLast) && Is(j + 1, kHalf)) ord = 2;  // "the last half of 1989"
    if (ord < 0 && j < n() && toks_[j].kind == TK::kDigit && toks_[j].ndigits == 1 &&
        toks_[j].e == toks_[j].suffix + 2) {
      ord = static_cast<int>(toks_[j].num);
    }
    // "the first two quarters (of 1990)", "the last two quarters of 1989": a half of the year
    // ("the last two quarters" alone is the duration up to now)
    bool two_quarters = CatVal(j + 1, Cat::kNumber) == 2 && UnitAt(j + 2) == (kQuarter | kPlural) &&
                        (ord == 1 || ((ord == 2 || Is(j, kLast)) && Is(j + 3, kOf)));
    if (two_quarters && ord < 0) ord = 2;
    if (ord >= 1 && ord <= 4) {
      size_t k = two_quarters ? j + 2 : Nx(j + 1);
      if (Is(k, kFiscal)) ++k;
      bool quarter = UnitAt(k) == kQuarter;
      bool half = (Is(k, kHalf) && ord <= 2) || two_quarters;
      if (two_quarters) quarter = false;
      if ((quarter || half) && the && k != j + 1 && year_given == 0 && !two_quarters) {
        return std::nullopt;  // "the third-quarter results": the adjective alone
      }
      if (quarter || half) {
        m.end = k + 1;
        int y = year_given != 0 ? year_given : HaveAnchor() ? anchor_.year : 0;
        size_t y0 = m.end;
        // "the last half of the '80s": TimeML has no half of a decade; the decade
        if (half && Is(y0, kOf) && Is(y0 + 1, kThe)) {
          if (auto d = Absolute(y0 + 1, true); d && d->value.size() == 3) {
            m.end = d->end;
            m.value = d->value;
            return m;
          }
        }
        if (Is(y0, kOf)) ++y0;
        if (Is(y0, kFiscal)) ++y0;
        size_t ye = 0;
        if (int yy = YearAt(y0, &ye); yy > 0) {
          y = yy;
          m.end = ye;
        } else if ((Is(y0, kThis) || Is(y0, kLast) || Is(y0, kNext)) && UnitAt(y0 + 1) == kYear &&
                   y0 > m.end) {
          y += Is(y0, kLast) ? -1 : Is(y0, kNext) ? 1 : 0;
          m.end = y0 + 2;
        } else if (year_given == 0 && HaveAnchor() &&
                   (quarter ? ord > (anchor_.month - 1) / 3 + 1
                            : ord > (anchor_.month - 1) / 6 + 1) &&
                   !Future(i)) {
          --y;  // "profits fell in the fourth quarter", written in January: last year's
        }
        m.value = fmt::format("{}-{}{}", cal::Year(y), quarter ? "Q" : "H", ord);
        return m;
      }
    }
    size_t season_at = j;
    if (the && (Is(j, kEarly) || Is(j, kLate) || Is(j, kMid)))
      season_at = Nx(j + 1);  // "the early summer"
    int s = CatVal(season_at, Cat::kSeason);
    if (s >= 0) j = season_at;
    if (s >= 0 && (the || j > i)) {
      m.end = j + 1;
      int y = HaveAnchor() ? anchor_.year : 0;
      size_t y0 = m.end;
      if (Is(y0, kOf)) ++y0;
      size_t ye = 0;
      if (int yy = YearOrSpelledAt(y0, &ye); yy > 0) {
        y = yy;
        m.end = ye;
      }
      m.value = fmt::format("{}-{}", cal::Year(y), SeasonCode(s));
      return m;
    }
    if (s >= 0 && toks_[j].upper) {  // "Spring 2022"
      size_t ye = 0;
      if (int yy = YearAt(j + 1, &ye); yy > 0) {
        m.end = ye;
        m.value = fmt::format("{}-{}", cal::Year(yy), SeasonCode(s));
        return m;
      }
    }
    if (the && UnitAt(j) == kWeekend && j == i + 1) {
      m.end = j + 1;
      m.value = UnitRelative(kWeekend, 0);  // ahead: this week's, even on a Friday
      if (HaveAnchor() && !Future(i) && cal::Weekday(anchor_) < 6) {
        m.value = UnitRelative(kWeekend, -1);
      }
      return m;
    }
    return std::nullopt;
  }

  // -- durations and "ago" --

  std::optional<Match> Durations(size_t i) const {
    if (i >= n()) return std::nullopt;
    // approximators belong to the expression: "about", "nearly", "more than", "at least"
    size_t j = i;
    for (int guard = 0; guard < 3; ++guard) {
      if (Is(j, kAbout) || Is(j, kAround) || Is(j, kNearly) || Is(j, kAlmost) ||
          Is(j, kApproximately) || Is(j, kRoughly) || Is(j, kSome)) {
        ++j;
      } else if ((Is(j, kMore) || Is(j, kLess)) && Is(j + 1, kThan)) {
        j += 2;
      } else if (Is(j, kAt) && (Is(j + 1, kLeast) || Is(j + 1, kMost))) {
        j += 2;
      } else if (Is(j, kUp) && Is(j + 1, kTo)) {
        j += 2;
      } else if (Is(j, kNo) && (Is(j + 1, kMore) || Is(j + 1, kLess)) && Is(j + 2, kThan)) {
        j += 3;
      } else if (Is(j, kOver) && QuantityAt(j + 1, true)) {
        ++j;
      } else {
        break;
      }
    }
    auto core = DurationCore(j);
    if (!core && j > i) return std::nullopt;
    return core;
  }

  std::optional<Match> DurationCore(size_t i) const {
    if (i >= n()) return std::nullopt;
    size_t j = i;
    bool the = Is(j, kThe);
    if (the) ++j;
    bool mod = false;
    if (Is(j, kPast) || Is(j, kLast) || Is(j, kPrevious) || Is(j, kNext) || Is(j, kComing) ||
        Is(j, kFinal) || Is(j, kFollowing) || Is(j, kLatest) || Is(j, kRecent) ||
        CatVal(j, Cat::kOrdinal) == 1) {
      mod = true;
      ++j;
    }
    if (!the && mod && !Is(i, kRecent) && !Is(i, kComing) && !Is(i, kPast) && !Is(i, kNext) &&
        !Is(i, kLast)) {
      return std::nullopt;
    }
    std::optional<Quantity> q = QuantityAt(j, !the && !mod);
    if (!q && (mod || the) && Is(j, kFew)) q = Quantity{0, true, j + 1};
    if (!q && mod && Is(j, kCouple)) {  // "the next couple of years"
      q = Quantity{2, false, Is(j + 1, kOf) ? j + 2 : j + 1};
    }
    size_t k;
    double value = 1;
    bool vague = false;
    if (q && !q->vague && (Is(q->end, kTo) || Is(q->end, kOr) || Punct(q->end, '-'))) {
      // ranges: "two to three weeks", "12 to 18 months", "10-15 days": the first bound
      if (auto q2 = QuantityAt(q->end + 1, false);
          q2 && !q2->vague && q2->value > q->value && UnitAt(q2->end) >= 0) {
        q->end = q2->end;
      }
    }
    if (q) {
      k = Nx(q->end);
      // "two more weeks", "an additional year"
      if (Is(k, kMore) ||
          (k < n() && (Text(k) == "additional" || Text(k) == "extra" || Text(k) == "further"))) {
        ++k;
      }
      value = q->value;
      vague = q->vague;
    } else {
      k = j;
      vague = true;
    }
    int unit = UnitAt(k);
    if (unit < 0) return std::nullopt;
    if (Punct(k + 1, '-') && Glued(k + 1) && (Is(k + 2, kEarlier) || Is(k + 2, kAgo))) {
      return std::nullopt;  // "a year-earlier loss": the adjective is the expression
    }
    // "the past decade", "the last century": durations without a number
    if (!q && (mod || the) && !(unit & kPlural) && (unit == kDecade || unit == kCentury) &&
        (Is(j - 1, kPast) || Is(j - 1, kLast))) {
      Match d;
      d.end = k + 1;
      d.type = TimexType::kDuration;
      d.value = DurationValue(1, unit, false);
      return d;
    }
    bool plural = (unit & kPlural) != 0;
    unit &= ~kPlural;
    Match m;
    m.end = k + 1;
    m.type = TimexType::kDuration;
    // "day-long", "decades-long"
    if (!q && !the && !mod && Punct(k + 1, '-') && Glued(k + 1) && k + 2 < n() &&
        Text(k + 2) == "long") {
      m.end = k + 3;
      m.value = DurationValue(1, unit, plural);
      return m;
    }
    bool hyphen = q && k != q->end;                  // "two-year"
    if (hyphen && the && !mod) return std::nullopt;  // "the two-week talks": the adjective alone
    if (hyphen && Punct(m.end, '-') && Glued(m.end) && m.end + 1 < n() &&
        Text(m.end + 1) == "old") {
      return std::nullopt;  // ages ("two-year-old") are not temporal expressions in TimeBank
    }
    if (q && unit == kYear && m.end < n() && Text(m.end) == "old")
      return std::nullopt;  // 52 years old
    // fractions: "three-quarters", "a quarter of"
    if (unit == kQuarter && (hyphen || Is(m.end, kOf)) && !(q && q->vague)) return std::nullopt;
    // "the 1988 quarter" names a year, not 1988 quarters
    if (q && !plural && !hyphen && value >= 1000) return std::nullopt;
    // "France 24 week": a number after a name is part of the name
    if (q && !plural && !hyphen && value > 1 && toks_[j].kind == TK::kDigit && j > 0 &&
        toks_[j - 1].upper) {
      return std::nullopt;
    }
    if (!q) {
      // bare plural units: "years", "recent weeks", "the coming months", "the past few days"
      if (!plural) return std::nullopt;
      // "over the years", "for years", "months ago"
      bool over_the = the && !mod && i > 0 && (Is(i - 1, kOver) || Is(i - 1, kThrough));
      // "the first time in years"
      bool in_years = i > 0 && Is(i - 1, kIn) && !the && !Is(m.end, kPast) && !Is(m.end, kTo);
      // "the weeks ahead", "in the months ahead"
      bool ahead = the && !mod && Is(m.end, kAhead);
      if (!mod && !over_the && !in_years && !ahead && !Is(m.end, kAgo) &&
          !(i > 0 && (Is(i - 1, kFor) || Is(i - 1, kWithin) || Is(i - 1, kAfter)))) {
        return std::nullopt;
      }
      if (ahead) {
        m.end += 1;
        m.value = DurationValue(1, unit, true);
        return m;
      }
      if (over_the) {
        m.value = DurationValue(1, unit, true);
        return m;
      }
      if (mod && CatVal(j - 1, Cat::kOrdinal) == 1) return std::nullopt;
    }
    // "a year and a half", "an hour and a half"
    if (!plural && q && Is(m.end, kAnd) && (Is(m.end + 1, kA) || Is(m.end + 1, kAn)) &&
        Is(m.end + 2, kHalf)) {
      value += 0.5;
      m.end += 3;
    }
    // "a week or so ago", "the next two years or so"
    bool or_so = Is(m.end, kOr) && m.end + 1 < n() && Text(m.end + 1) == "so";
    if (or_so && (Is(m.end + 2, kAgo) || the || mod)) m.end += 2;
    // "ago", "earlier", "from now" → a point in time ("three days later" stays a duration:
    // it counts from another event, not from the anchor)
    if (Is(m.end, kAgo) ||
        (!the && !mod && (Is(m.end, kEarlier) || (Is(m.end, kFrom) && Is(m.end + 1, kNow))))) {
      int sign = Is(m.end, kAgo) || Is(m.end, kEarlier) ? -1 : 1;
      m.end += Is(m.end, kFrom) ? 2 : 1;
      m.type = TimexType::kDate;
      if (vague || !q) {
        m.value = sign < 0 ? "PAST_REF" : "FUTURE_REF";
      } else {
        m.value = Shifted(value, unit, sign);
        if (unit == kYear && value == 1 && sign < 0) m.ref = Ref::kQuarterYearAgo;
      }
      return m;
    }
    if (Is(m.end, kAhead) && (the || mod)) m.end += 1;
    if (the && !mod && !q) return std::nullopt;
    if (!q && !mod && !plural) return std::nullopt;
    // "a year" after an amount is a rate: "$5 a year", "twice a year", "50,000 CDs a year"
    if (q && !vague && value == 1 && !plural && (Is(i, kA) || Is(i, kAn) || Is(i, kPer)) &&
        RateContext(i)) {
      m.type = TimexType::kSet;
      m.value = DurationValue(1, unit, false);
      return m;
    }
    if (unit == kWeekend && !q) return std::nullopt;
    // "in the past few months", "over the last several quarters", "in past years": an
    // unspecified stretch of the past when something happened, PAST_REF; measured with "for"
    // ("for the past few weeks") it is how long, a duration
    size_t mod_at = the ? i + 1 : i;
    if (vague && plural && (Is(mod_at, kPast) || Is(mod_at, kLast) || Is(mod_at, kPrevious)) &&
        !(i > 0 && Is(i - 1, kFor))) {
      m.type = TimexType::kDate;
      m.value = "PAST_REF";
      return m;
    }
    m.value = DurationValue(value, unit, vague);
    return m;
  }

  // An amount of money directly before token i: "$3 million last year", "$1.92 a share".
  bool AmountBefore(size_t i) const {
    if (i < 2) return false;
    size_t p = i - 1;
    if (toks_[p].kind == TK::kAlpha) {
      std::string_view w = Text(p);
      if (w != "million" && w != "billion" && w != "cents") return false;
      --p;
    }
    return toks_[p].kind == TK::kDigit && p > 0 && (Punct(p - 1, '$') || Text(p - 1) == "#");
  }

  // Is the "a" at token i the "a" of a rate ("$33 million a year")? An amount (a number,
  // "million", "%", "$", "times") within the four tokens before it, with no preposition
  // directly before it ("in a year" is a duration).
  bool RateContext(size_t i) const {
    if (i == 0) return false;
    size_t p = i - 1;
    if (Is(p, kIn) || Is(p, kFor) || Is(p, kWithin) || Is(p, kAfter) || Is(p, kOver) ||
        Is(p, kThan) || Is(p, kOf) || Is(p, kBy) || Is(p, kDuring) || Is(p, kAbout) ||
        Is(p, kAround) || Is(p, kNearly) || Is(p, kAlmost) || Is(p, kFrom) || Is(p, kTo) ||
        Is(p, kSince) || Is(p, kBefore) || Is(p, kUntil) || Is(p, kLeast) || Is(p, kOn)) {
      return false;
    }
    for (size_t k = i, steps = 0; k > 0 && steps < 4; ++steps) {
      --k;
      if (sentence_[k] != sentence_[i]) break;
      const Tok& t = toks_[k];
      if (t.kind == TK::kDigit || Punct(k, '%') || Punct(k, '$') || Is(k, kTimes) ||
          Is(k, kTwice) || Is(k, kOnce) || CatVal(k, Cat::kNumber) > 0 || Is(k, kHundred) ||
          Is(k, kThousand)) {
        return true;
      }
      if (t.kind == TK::kAlpha) {
        std::string_view w = Text(k);
        if (w == "million" || w == "billion" || w == "trillion" || w == "percent") return true;
      }
    }
    return false;
  }

  // -- sets --

  std::optional<Match> Sets(size_t i) const {
    if (i >= n()) return std::nullopt;
    Match m;
    m.type = TimexType::kSet;
    m.end = i + 1;
    // "Daily Mail", "Weekly Standard": names
    if (toks_[i].upper && i + 1 < n() && toks_[i + 1].upper && toks_[i + 1].kind == TK::kAlpha) {
      return std::nullopt;
    }
    if (Is(i, kDaily) || Is(i, kNightly)) {
      m.value = "P1D";
      return m;
    }
    if (Is(i, kWeekly)) {
      m.value = "P1W";
      return m;
    }
    if (Is(i, kMonthly)) {
      m.value = "P1M";
      return m;
    }
    if (Is(i, kAnnually) || Is(i, kYearly)) {
      m.value = "P1Y";
      return m;
    }
    if (Is(i, kHourly)) {
      m.value = "PT1H";
      return m;
    }
    if (Is(i, kEvery) || Is(i, kEach)) {
      size_t k = i + 1;
      if (int mo = MonthAt(k); mo > 0) {  // each July
        m.end = AfterAbbrev(k);
        m.value = fmt::format("XXXX-{:02d}", mo);
        return m;
      }
      if (Is(k, kOther)) ++k;
      double value = Is(i + 1, kOther) ? 2 : 1;
      if (auto q = QuantityAt(k, false); q && !q->vague) {
        value = q->value;
        k = q->end;
      }
      int unit = UnitAt(k);
      if (unit >= 0) {
        m.end = k + 1;
        m.value = DurationValue(value, unit & ~kPlural, false);
        return m;
      }
      if (int wd = WeekdayAt(k); wd > 0) {
        m.end = k + 1;
        m.value = fmt::format("XXXX-WXX-{}", wd);
        return m;
      }
      int part = CatVal(k, Cat::kDayPart);
      if (part >= 0) {
        m.end = k + 1;
        m.value = "P1D";  // "every morning": daily
        return m;
      }
    }
    return std::nullopt;
  }

  // -- clock times --

  // a.m. / p.m. / am / pm at j: returns the end (0 if none) and sets *pm.
  size_t Meridian(size_t j, bool* pm) const {
    if (j >= n() || toks_[j].kind != TK::kAlpha) return 0;
    std::string_view w = Text(j);
    auto lower = [](char c) { return static_cast<char>(c | 0x20); };
    if (w.size() == 2 && (lower(w[0]) == 'a' || lower(w[0]) == 'p') && lower(w[1]) == 'm') {
      *pm = lower(w[0]) == 'p';
      return j + 1;
    }
    if (w.size() == 1 && (lower(w[0]) == 'a' || lower(w[0]) == 'p') && Punct(j + 1, '.') &&
        Glued(j + 1) && Glued(j + 2) && j + 2 < n() && Text(j + 2).size() == 1 &&
        lower(Text(j + 2)[0]) == 'm') {
      *pm = lower(w[0]) == 'p';
      size_t e = j + 3;
      if (Punct(e, '.') && Glued(e) && !SentenceEndsAt(e)) ++e;
      return e;
    }
    return 0;
  }

  bool TimeZoneAt(size_t j) const {
    if (j >= n() || toks_[j].kind != TK::kAlpha) return false;
    std::string_view w = Text(j);
    static constexpr std::string_view kZones[] = {"EST", "EDT", "CST",  "CDT", "MST",
                                                  "MDT", "PST", "PDT",  "GMT", "UTC",
                                                  "BST", "CET", "CEST", "ET",  "PT"};
    for (auto z : kZones) {
      if (w == z) return true;
    }
    return false;
  }

  std::optional<Match> Clock(size_t i) const {
    if (i >= n()) return std::nullopt;
    size_t j = i;
    if (Is(j, kAbout) || Is(j, kAround) || Is(j, kApproximately) || Is(j, kRoughly)) ++j;
    Match m;
    m.type = TimexType::kTime;
    int hh = -1, mm = 0;
    size_t k = j;
    if (j < n() && toks_[j].kind == TK::kDigit && toks_[j].plain && toks_[j].ndigits <= 2) {
      hh = static_cast<int>(toks_[j].num);
      k = j + 1;
      bool colon = false;
      if (Punct(k, ':') && Glued(k) && Glued(k + 1) && k + 1 < n() && toks_[k + 1].plain &&
          toks_[k + 1].ndigits == 2) {
        mm = static_cast<int>(toks_[k + 1].num);
        k += 2;
        colon = true;
      }
      bool pm = false;
      size_t e = Meridian(k, &pm);
      // "4 in the morning", "8 in the evening"
      if (e == 0 && !colon && Is(k, kIn) && Is(k + 1, kThe) && CatVal(k + 2, Cat::kDayPart) >= 0 &&
          CatVal(k + 2, Cat::kDayPart) != kNight) {
        pm = CatVal(k + 2, Cat::kDayPart) != kMorning;
        e = k + 3;
      }
      if (e == 0 && !colon) return std::nullopt;
      if (e == 0 && colon && (hh > 23 || mm > 59)) return std::nullopt;
      if (e == 0 && colon) {
        // 10:30 without a.m./p.m.: after "at", "from", "to", "until", "by", "around", or
        // before a time zone or "local time"
        bool before = j > 0 && (Is(j - 1, kAt) || Is(j - 1, kFrom) || Is(j - 1, kTo) ||
                                Is(j - 1, kUntil) || Is(j - 1, kBy) || Is(j - 1, kAround) ||
                                Is(j - 1, kAbout) || Is(j - 1, kBefore) || Is(j - 1, kAfter));
        bool after = TimeZoneAt(k) || (k + 1 < n() && Text(k) == "local" && Text(k + 1) == "time");
        if (!before && !after) return std::nullopt;
      }
      if (e != 0) {
        if (hh < 1 || hh > 12 || mm > 59) return std::nullopt;
        if (pm && hh != 12) hh += 12;
        if (!pm && hh == 12) hh = 0;
        k = e;
      }
    } else if (Is(j, kNoon) || Is(j, kMidnight) || Is(j, kMidday)) {
      hh = Is(j, kMidnight) ? 24 : 12;
      k = j + 1;
    } else {
      return std::nullopt;
    }
    if (Punct(k, '.') && Glued(k) && TimeZoneAt(k + 1)) ++k;  // "9 a.m. EST"
    if (TimeZoneAt(k)) ++k;
    // the day it belongs to: "10 p.m. Wednesday", "5 p.m. EST, Nov. 6", "noon Saturday"
    std::string day = HaveAnchor() ? cal::Ymd(anchor_) : "XXXX-XX-XX";
    size_t d0 = Punct(k, ',') || (Punct(k, '.') && Glued(k)) ? k + 1 : k;
    if (auto dm = DateCore(d0, false);
        dm && dm->value.size() == 10 && dm->type == TimexType::kDate) {
      day = dm->value;
      k = dm->end;
    } else if (Punct(k, '(')) {
      // "10:35 a.m. (0735 GMT) Friday": the day after the other zone's time
      size_t p = k + 1;
      while (p < n() && p < k + 5 && !Punct(p, ')')) ++p;
      if (Punct(p, ')')) {
        if (auto dm2 = DateCore(p + 1, false);
            dm2 && dm2->value.size() == 10 && dm2->type == TimexType::kDate) {
          day = dm2->value;
        }
      }
    }
    m.end = k;
    m.value = fmt::format("{}T{:02d}:{:02d}", day, hh, mm);
    return m;
  }

  std::string_view text_;
  CivilDate anchor_;
  std::string anchor_ymd_;
  std::vector<Tok> toks_;
  std::vector<uint32_t> sentence_;
  std::string last_quarter_;      // the quarter last named ("1989-Q3"), for "a year ago"
  std::string last_date_;         // the calendar date last named, for "that year"
  uint32_t period_sentence_ = 0;  // 1 + the sentence that last named a half or nine months
};

}  // namespace

Result<std::vector<Timex>> TagTimexes(std::string_view text, std::string_view anchor) {
  auto a = ParseIsoDate(anchor.size() > 10 ? anchor.substr(0, 10) : anchor);
  if (!a.ok()) return a.status();
  if (text.size() >= UINT32_MAX) return Status::InvalidArgument("text larger than 4 GB");
  std::vector<Timex> out;
  Scanner scanner(text, *a);
  scanner.Run(&out);
  return out;
}

}  // namespace dyad
