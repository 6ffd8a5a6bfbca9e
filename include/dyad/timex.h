// Temporal expressions: a rule-based TIMEX3 tagger and normaliser, its TempEval-3 evaluation,
// and event-date assignment.
//
// The tagger scans raw English text (tokens and lexicon tables, no regular expressions) and
// returns each temporal expression with its byte span, its TIMEX3 type and a TimeML value
// normalised against an anchor date (the document's publication date): "last week" in a
// document of 2022-09-26 is 2022-W37, "three years" P3Y, "every week" a SET P1W. See
// docs/time.md for what is recognised and the value conventions.
#ifndef DYAD_TIMEX_H_
#define DYAD_TIMEX_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

enum class TimexType : uint8_t { kDate, kTime, kDuration, kSet };

// "DATE", "TIME", "DURATION", "SET".
std::string_view TimexTypeName(TimexType t);

struct Timex {
  uint32_t begin = 0;  // byte span [begin, end) in the tagged text
  uint32_t end = 0;
  TimexType type = TimexType::kDate;
  // TimeML value: 2022-09-26, 2022-09, 2022, 199 (a decade), 2022-W38, 2022-Q3, 2022-SU,
  // 2022-09-26T10:30, 2022-09-26TMO, P3Y, PT2H, PXY, PRESENT_REF, PAST_REF, FUTURE_REF.
  // Empty when the expression is relative and there is no anchor to resolve it against;
  // partial (XXXX-09-26) when only the year is missing.
  std::string value;
  std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
};

// A calendar date. year 0 means unknown.
struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  bool valid() const { return year != 0; }
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Parses "YYYY-MM-DD" (trailing "T..." and anything after the date ignored). An empty string
// gives an invalid (unknown) date; anything else malformed is InvalidArgument.
Result<CivilDate> ParseIsoDate(std::string_view s);
std::string FormatIsoDate(const CivilDate& d);
// Days between two valid dates (b - a).
int64_t DaysBetween(const CivilDate& a, const CivilDate& b);

// Finds the temporal expressions of `text` (UTF-8 English), in text order, non-overlapping.
// `anchor` is the document creation date as YYYY-MM-DD (or empty). InvalidArgument when the
// anchor is not a date. Thread-safe (no shared mutable state); per call it allocates a token
// array and the output.
Result<std::vector<Timex>> TagTimexes(std::string_view text, std::string_view anchor);

// ---- TempEval-3 evaluation (dyad eval timex) -------------------------------------------

// Counts for one TempEval-3 score table row.
struct TimexCounts {
  size_t gold = 0, system = 0;
  size_t strict = 0;   // system timexes whose span equals a gold span
  size_t relaxed = 0;  // one-to-one pairs whose spans overlap
  size_t value = 0;    // relaxed pairs whose values are equal
  size_t type = 0;     // relaxed pairs whose types are equal
  static double F1(double p, double r) { return p + r == 0 ? 0 : 2 * p * r / (p + r); }
  double P(size_t n) const { return system == 0 ? 0 : static_cast<double>(n) / system; }
  double R(size_t n) const { return gold == 0 ? 0 : static_cast<double>(n) / gold; }
  double StrictF1() const { return F1(P(strict), R(strict)); }
  double RelaxedF1() const { return F1(P(relaxed), R(relaxed)); }
  double ValueF1() const { return F1(P(value), R(value)); }
  double TypeAccuracy() const { return relaxed == 0 ? 0 : static_cast<double>(type) / relaxed; }
  void Add(const TimexCounts& o);
};

// One disagreement between the tagger and the gold annotation.
struct TimexError {
  std::string file;
  std::string kind;  // "missed", "spurious", "extent", "value", "type"
  std::string gold_text, gold_type, gold_value;
  std::string system_text, system_type, system_value;
  std::string context;  // the surrounding text
  std::string anchor;   // the document's creation date (YYYY-MM-DD), if any
};

struct TimexTable {
  std::string name;  // sub-folder ("TimeBank", "TE3-platinum-sample") or a union of them
  size_t documents = 0;
  TimexCounts all, date;  // every TIMEX3; DATE gold against DATE system timexes only
  // value errors (relaxed matches with another value) by cause (TimexValueErrorClass);
  // left empty for held-out folders, whose errors are not looked at
  std::map<std::string, size_t> value_errors;
};

struct TimexEvaluation {
  std::vector<TimexTable> tables;
  std::vector<TimexError> errors;  // filled when asked for
};

// The likely cause of a value error (a relaxed match whose value differs from gold), one of
// "set", "time format", "PRESENT/PAST/FUTURE_REF", "duration vs date", "duration amount or
// unit", "underspecified (X)", "quarter, half or fiscal period", "decade or century",
// "granularity", "direction of a named day, month or season" (gold and dyad on either side of
// the creation date: tense), "anchor of a named day, month or season" (both on the same side:
// another reference time), "relative offset or anchor", "other". `e.kind` must be "value" or
// "extent+value".
std::string TimexValueErrorClass(const TimexError& e);

// Reads every .tml file under `dir` (recursively), tags the text of its <TEXT> element
// anchored on its creation-time TIMEX3 and scores the tagger as TempEval-3 does. When `dir`
// holds sub-folders, there is one table per sub-folder, plus "TimeBank+AQUAINT" when both are
// present; else one table named after `dir`. The disagreements of a held-out folder (its name
// contains "platinum") are never collected: only its aggregate scores are reported.
Result<TimexEvaluation> EvaluateTimex(const std::string& dir, bool collect_errors);

// ---- event dates ---------------------------------------------------------------------

enum class EventDateRule : uint8_t {
  kClause,    // a date expression inside the event's clause
  kSentence,  // a date expression elsewhere in the event's sentence
  kCarried,   // the sentence refers back ("at the time", "that year", "then") to a date of an
              // earlier sentence
  kArticle,   // the article's publication date
  kNone,      // nothing known
};
std::string_view EventDateRuleName(EventDateRule r);

struct EventDateInput {
  std::string_view sentence;                  // the sentence text
  std::vector<Timex> timexes;                 // its timexes, spans relative to `sentence`
  uint32_t clause_begin = 0, clause_end = 0;  // the event's clause, relative to `sentence`
  std::string_view article_date;              // YYYY-MM-DD or empty
  // Dates (TimeML values) of the previous sentences, most recent last.
  std::vector<std::string> previous_dates;
  bool announced = false;  // the event is announced or intended (future modality)
};

struct EventDate {
  std::string value;  // TimeML value (2008, 2022-01, 2022-09-26) or empty
  EventDateRule rule = EventDateRule::kNone;
  bool historical = false;  // ends more than 30 days before the article date
  bool future = false;      // announced/intended, or dated after the article date
  int timex = -1;           // the index in `timexes` of the expression used (rules 1 and 2)
};

EventDate AssignEventDate(const EventDateInput& in);

// ---- publication dates ----------------------------------------------------------------

// What an undated article's text says about when it was published: no earlier than the
// latest date it reports as past (`earliest`, with the expression as `evidence`; deadlines
// such as "by 2030" and sentences about what will happen are not counted), and, when that
// date is known to the day and the text calls it recent ("last week", "yesterday", "on
// Friday": `cue`), no later than a few days to two months after it (`latest`; empty when
// the text gives no upper bound). A well-known event the text refers to as past ("the
// full-scale invasion of Ukraine", "the coronavirus pandemic") bounds it from below like a
// dated one. A day named without a year ("September 30") counts, under a recency cue, as the
// first such day after that lower bound; `year_evidence` then names what gave the year. A day
// named by its date lies before publication, so `earliest` is the day after it unless the cue
// allows the same day ("today", "this week").
struct PublicationEstimate {
  std::string earliest, latest;  // YYYY-MM-DD
  std::string evidence, cue;
  std::string year_evidence;  // what gave the year of a date named without one, or empty
};
std::optional<PublicationEstimate> InferPublicationDate(std::string_view text);

}  // namespace dyad

#endif  // DYAD_TIMEX_H_
