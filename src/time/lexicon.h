// The tagger's lexicon (month and weekday names, number words, units, modifiers) and its
// light tokens. Internal to src/time.
#ifndef DYAD_TIME_LEXICON_H_
#define DYAD_TIME_LEXICON_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace dyad::timex {

enum class Cat : uint8_t {
  kMonth,
  kWeekday,
  kNumber,
  kOrdinal,
  kUnit,
  kSeason,
  kDayPart,
  kDecadeWord,  // nineties → 9
  kWord,
  kNone,  // not in the lexicon
};

enum Unit : int16_t {
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kWeekend,
  kFortnight,
  kMonthU,
  kQuarter,
  kYear,
  kDecade,
  kCentury,
  kPlural = 0x40,
};

enum Season : int16_t { kSpring, kSummer, kFall, kWinter };
enum DayPart : int16_t { kMorning, kAfternoon, kEvening, kNight };

enum W : int16_t {
  kThe,
  kA,
  kAn,
  kThis,
  kLast,
  kNext,
  kPast,
  kComing,
  kPrevious,
  kFollowing,
  kCurrent,
  kLatest,
  kRecent,
  kEarly,
  kEarlier,
  kLate,
  kLater,
  kMid,
  kMiddle,
  kEnd,
  kBeginning,
  kStart,
  kAgo,
  kFiscal,
  kEvery,
  kEach,
  kPer,
  kOf,
  kAnd,
  kOr,
  kHalf,
  kSeveral,
  kFew,
  kCouple,
  kSome,
  kMany,
  kNearly,
  kAlmost,
  kAbout,
  kAround,
  kApproximately,
  kRoughly,
  kMore,
  kLess,
  kThan,
  kOver,
  kAt,
  kLeast,
  kMost,
  kNo,
  kUp,
  kTo,
  kToday,
  kTonight,
  kYesterday,
  kTomorrow,
  kNow,
  kCurrently,
  kNowadays,
  kPresently,
  kRecently,
  kLately,
  kPreviously,
  kFormerly,
  kFuture,
  kSoon,
  kThen,
  kNoon,
  kMidnight,
  kDaily,
  kWeekly,
  kMonthly,
  kAnnually,
  kYearly,
  kQuarterly,
  kHourly,
  kNightly,
  kOvernight,
  kWill,
  kShall,
  kGoing,
  kExpected,
  kScheduled,
  kPlans,
  kUpcoming,
  kOther,
  kHundred,
  kDozen,
  kTimes,
  kOnce,
  kTwice,
  kFinal,
  kFull,
  kEntire,
  kWhole,
  kAhead,
  kFrom,
  kIn,
  kSince,
  kFor,
  kBy,
  kUntil,
  kDuring,
  kBefore,
  kAfter,
  kOn,
  kWithin,
  kThrough,
  kBetween,
  kNear,
  kPresent,
  kWould,
  kAs,
  kRight,
  kMidday,
  kThanksgiving,
  kChristmas,
  kEve,
  kNew,
  kThousand,
  kThat,
  kSame,
  kComparable,  // "comparable", "corresponding"
  kThese,
  kTerm,
  kShort,
  kLong,
  kWhile,
  kElection,
};

struct Lex {
  std::string_view word;
  Cat cat;
  int16_t val;
};

// The lexicon entry of index `k` (0 <= k < LexiconSize()).
const Lex& LexEntry(int16_t k);
// The lexicon index of `word` (any case), or -1.
int16_t LookUp(std::string_view word);

enum class TK : uint8_t { kAlpha, kDigit, kPunct };

struct Tok {
  uint32_t b = 0, e = 0;
  TK kind = TK::kPunct;
  bool space = true;     // whitespace (or the start of the text) before the token
  bool newline = true;   // a line break before it
  bool upper = false;    // starts with an upper-case ASCII letter
  bool plain = false;    // digits only
  int16_t lex = -1;      // lexicon index
  uint8_t ndigits = 0;   // leading digits
  int32_t num = -1;      // value of the leading digits (up to 9)
  uint32_t suffix = 0;   // byte offset of trailing letters ("s" of 1980s), or e
  char punct = 0;        // the punctuation (Unicode dashes and quotes as their ASCII forms)
  Cat cat = Cat::kNone;  // the lexicon entry's category and value, copied for speed
  int16_t val = -1;
  std::string_view in(std::string_view text) const { return text.substr(b, e - b); }
};

bool IsAlphaByte(unsigned char c);
// Splits text into tokens: runs of letters (bytes >= 0x80 count as letters, except Unicode
// spaces, dashes and quotes), runs of digits with inner ',' or '.' and trailing letters
// ("1980s", "26th"), and single punctuation characters. Each word is looked up once.
void Tokenise(std::string_view text, std::vector<Tok>* out);

}  // namespace dyad::timex

#endif  // DYAD_TIME_LEXICON_H_
