// The tagger's lexicon, sorted and hashed at compile time, and its tokenizer.
#include "time/lexicon.h"

#include <algorithm>
#include <array>

namespace dyad::timex {

namespace {

constexpr Lex kRawLexicon[] = {
    // months (abbreviations share the code; the rules know which are abbreviations)
    {"january", Cat::kMonth, 1},
    {"february", Cat::kMonth, 2},
    {"march", Cat::kMonth, 3},
    {"april", Cat::kMonth, 4},
    {"may", Cat::kMonth, 5},
    {"june", Cat::kMonth, 6},
    {"july", Cat::kMonth, 7},
    {"august", Cat::kMonth, 8},
    {"september", Cat::kMonth, 9},
    {"october", Cat::kMonth, 10},
    {"november", Cat::kMonth, 11},
    {"december", Cat::kMonth, 12},
    {"jan", Cat::kMonth, 1},
    {"feb", Cat::kMonth, 2},
    {"mar", Cat::kMonth, 3},
    {"apr", Cat::kMonth, 4},
    {"jun", Cat::kMonth, 6},
    {"jul", Cat::kMonth, 7},
    {"aug", Cat::kMonth, 8},
    {"sep", Cat::kMonth, 9},
    {"sept", Cat::kMonth, 9},
    {"oct", Cat::kMonth, 10},
    {"nov", Cat::kMonth, 11},
    {"dec", Cat::kMonth, 12},
    {"monday", Cat::kWeekday, 1},
    {"tuesday", Cat::kWeekday, 2},
    {"wednesday", Cat::kWeekday, 3},
    {"thursday", Cat::kWeekday, 4},
    {"friday", Cat::kWeekday, 5},
    {"saturday", Cat::kWeekday, 6},
    {"sunday", Cat::kWeekday, 7},
    {"one", Cat::kNumber, 1},
    {"two", Cat::kNumber, 2},
    {"three", Cat::kNumber, 3},
    {"four", Cat::kNumber, 4},
    {"five", Cat::kNumber, 5},
    {"six", Cat::kNumber, 6},
    {"seven", Cat::kNumber, 7},
    {"eight", Cat::kNumber, 8},
    {"nine", Cat::kNumber, 9},
    {"ten", Cat::kNumber, 10},
    {"eleven", Cat::kNumber, 11},
    {"twelve", Cat::kNumber, 12},
    {"thirteen", Cat::kNumber, 13},
    {"fourteen", Cat::kNumber, 14},
    {"fifteen", Cat::kNumber, 15},
    {"sixteen", Cat::kNumber, 16},
    {"seventeen", Cat::kNumber, 17},
    {"eighteen", Cat::kNumber, 18},
    {"nineteen", Cat::kNumber, 19},
    {"twenty", Cat::kNumber, 20},
    {"thirty", Cat::kNumber, 30},
    {"forty", Cat::kNumber, 40},
    {"fifty", Cat::kNumber, 50},
    {"sixty", Cat::kNumber, 60},
    {"seventy", Cat::kNumber, 70},
    {"eighty", Cat::kNumber, 80},
    {"ninety", Cat::kNumber, 90},
    {"first", Cat::kOrdinal, 1},
    {"second", Cat::kOrdinal, 2},
    {"third", Cat::kOrdinal, 3},
    {"fourth", Cat::kOrdinal, 4},
    {"fifth", Cat::kOrdinal, 5},
    {"sixth", Cat::kOrdinal, 6},
    {"seventh", Cat::kOrdinal, 7},
    {"eighth", Cat::kOrdinal, 8},
    {"ninth", Cat::kOrdinal, 9},
    {"tenth", Cat::kOrdinal, 10},
    {"eleventh", Cat::kOrdinal, 11},
    {"twelfth", Cat::kOrdinal, 12},
    {"fifteenth", Cat::kOrdinal, 15},
    {"sixteenth", Cat::kOrdinal, 16},
    {"seventeenth", Cat::kOrdinal, 17},
    {"eighteenth", Cat::kOrdinal, 18},
    {"nineteenth", Cat::kOrdinal, 19},
    {"twentieth", Cat::kOrdinal, 20},
    {"twenty-first", Cat::kOrdinal, 21},
    {"seconds", Cat::kUnit, kSecond | kPlural},
    {"minute", Cat::kUnit, kMinute},
    {"minutes", Cat::kUnit, kMinute | kPlural},
    {"hour", Cat::kUnit, kHour},
    {"hours", Cat::kUnit, kHour | kPlural},
    {"day", Cat::kUnit, kDay},
    {"days", Cat::kUnit, kDay | kPlural},
    {"week", Cat::kUnit, kWeek},
    {"weeks", Cat::kUnit, kWeek | kPlural},
    {"weekend", Cat::kUnit, kWeekend},
    {"weekends", Cat::kUnit, kWeekend | kPlural},
    {"fortnight", Cat::kUnit, kFortnight},
    {"month", Cat::kUnit, kMonthU},
    {"months", Cat::kUnit, kMonthU | kPlural},
    {"quarter", Cat::kUnit, kQuarter},
    {"quarters", Cat::kUnit, kQuarter | kPlural},
    {"year", Cat::kUnit, kYear},
    {"years", Cat::kUnit, kYear | kPlural},
    {"decade", Cat::kUnit, kDecade},
    {"decades", Cat::kUnit, kDecade | kPlural},
    {"century", Cat::kUnit, kCentury},
    {"centuries", Cat::kUnit, kCentury | kPlural},
    {"spring", Cat::kSeason, kSpring},
    {"summer", Cat::kSeason, kSummer},
    {"fall", Cat::kSeason, kFall},
    {"autumn", Cat::kSeason, kFall},
    {"winter", Cat::kSeason, kWinter},
    {"morning", Cat::kDayPart, kMorning},
    {"afternoon", Cat::kDayPart, kAfternoon},
    {"evening", Cat::kDayPart, kEvening},
    {"night", Cat::kDayPart, kNight},
    {"the", Cat::kWord, kThe},
    {"a", Cat::kWord, kA},
    {"an", Cat::kWord, kAn},
    {"this", Cat::kWord, kThis},
    {"last", Cat::kWord, kLast},
    {"next", Cat::kWord, kNext},
    {"past", Cat::kWord, kPast},
    {"coming", Cat::kWord, kComing},
    {"previous", Cat::kWord, kPrevious},
    {"prior", Cat::kWord, kPrevious},
    {"following", Cat::kWord, kFollowing},
    {"current", Cat::kWord, kCurrent},
    {"latest", Cat::kWord, kLatest},
    {"recent", Cat::kWord, kRecent},
    {"early", Cat::kWord, kEarly},
    {"earlier", Cat::kWord, kEarlier},
    {"late", Cat::kWord, kLate},
    {"later", Cat::kWord, kLater},
    {"mid", Cat::kWord, kMid},
    {"middle", Cat::kWord, kMiddle},
    {"end", Cat::kWord, kEnd},
    {"beginning", Cat::kWord, kBeginning},
    {"start", Cat::kWord, kStart},
    {"ago", Cat::kWord, kAgo},
    {"fiscal", Cat::kWord, kFiscal},
    {"every", Cat::kWord, kEvery},
    {"each", Cat::kWord, kEach},
    {"per", Cat::kWord, kPer},
    {"of", Cat::kWord, kOf},
    {"and", Cat::kWord, kAnd},
    {"or", Cat::kWord, kOr},
    {"half", Cat::kWord, kHalf},
    {"several", Cat::kWord, kSeveral},
    {"few", Cat::kWord, kFew},
    {"couple", Cat::kWord, kCouple},
    {"some", Cat::kWord, kSome},
    {"many", Cat::kWord, kMany},
    {"nearly", Cat::kWord, kNearly},
    {"almost", Cat::kWord, kAlmost},
    {"about", Cat::kWord, kAbout},
    {"around", Cat::kWord, kAround},
    {"approximately", Cat::kWord, kApproximately},
    {"roughly", Cat::kWord, kRoughly},
    {"more", Cat::kWord, kMore},
    {"less", Cat::kWord, kLess},
    {"than", Cat::kWord, kThan},
    {"over", Cat::kWord, kOver},
    {"at", Cat::kWord, kAt},
    {"least", Cat::kWord, kLeast},
    {"most", Cat::kWord, kMost},
    {"no", Cat::kWord, kNo},
    {"up", Cat::kWord, kUp},
    {"to", Cat::kWord, kTo},
    {"today", Cat::kWord, kToday},
    {"tonight", Cat::kWord, kTonight},
    {"yesterday", Cat::kWord, kYesterday},
    {"tomorrow", Cat::kWord, kTomorrow},
    {"now", Cat::kWord, kNow},
    {"currently", Cat::kWord, kCurrently},
    {"nowadays", Cat::kWord, kNowadays},
    {"presently", Cat::kWord, kPresently},
    {"recently", Cat::kWord, kRecently},
    {"lately", Cat::kWord, kLately},
    {"previously", Cat::kWord, kPreviously},
    {"formerly", Cat::kWord, kFormerly},
    {"future", Cat::kWord, kFuture},
    {"soon", Cat::kWord, kSoon},
    {"then", Cat::kWord, kThen},
    {"noon", Cat::kWord, kNoon},
    {"midnight", Cat::kWord, kMidnight},
    {"daily", Cat::kWord, kDaily},
    {"weekly", Cat::kWord, kWeekly},
    {"monthly", Cat::kWord, kMonthly},
    {"annually", Cat::kWord, kAnnually},
    {"yearly", Cat::kWord, kYearly},
    {"quarterly", Cat::kWord, kQuarterly},
    {"hourly", Cat::kWord, kHourly},
    {"nightly", Cat::kWord, kNightly},
    {"overnight", Cat::kWord, kOvernight},
    {"will", Cat::kWord, kWill},
    {"shall", Cat::kWord, kShall},
    {"going", Cat::kWord, kGoing},
    {"expected", Cat::kWord, kExpected},
    {"expects", Cat::kWord, kExpected},
    {"scheduled", Cat::kWord, kScheduled},
    {"plans", Cat::kWord, kPlans},
    {"plan", Cat::kWord, kPlans},
    {"upcoming", Cat::kWord, kUpcoming},
    {"other", Cat::kWord, kOther},
    {"hundred", Cat::kWord, kHundred},
    {"dozen", Cat::kWord, kDozen},
    {"times", Cat::kWord, kTimes},
    {"once", Cat::kWord, kOnce},
    {"twice", Cat::kWord, kTwice},
    {"final", Cat::kWord, kFinal},
    {"full", Cat::kWord, kFull},
    {"entire", Cat::kWord, kEntire},
    {"whole", Cat::kWord, kWhole},
    {"ahead", Cat::kWord, kAhead},
    {"from", Cat::kWord, kFrom},
    {"in", Cat::kWord, kIn},
    {"since", Cat::kWord, kSince},
    {"for", Cat::kWord, kFor},
    {"by", Cat::kWord, kBy},
    {"until", Cat::kWord, kUntil},
    {"till", Cat::kWord, kUntil},
    {"during", Cat::kWord, kDuring},
    {"before", Cat::kWord, kBefore},
    {"after", Cat::kWord, kAfter},
    {"on", Cat::kWord, kOn},
    {"within", Cat::kWord, kWithin},
    {"through", Cat::kWord, kThrough},
    {"between", Cat::kWord, kBetween},
    {"near", Cat::kWord, kNear},
    {"present", Cat::kWord, kPresent},
    {"would", Cat::kWord, kWould},
    {"right", Cat::kWord, kRight},
    {"midday", Cat::kWord, kMidday},
    {"thanksgiving", Cat::kWord, kThanksgiving},
    {"christmas", Cat::kWord, kChristmas},
    {"eve", Cat::kWord, kEve},
    {"new", Cat::kWord, kNew},
    {"thousand", Cat::kWord, kThousand},
    {"that", Cat::kWord, kThat},
    {"same", Cat::kWord, kSame},
    {"comparable", Cat::kWord, kComparable},
    {"corresponding", Cat::kWord, kComparable},
    {"these", Cat::kWord, kThese},
    {"term", Cat::kWord, kTerm},
    {"short", Cat::kWord, kShort},
    {"long", Cat::kWord, kLong},
    {"while", Cat::kWord, kWhile},
    {"election", Cat::kWord, kElection},
    {"twenties", Cat::kDecadeWord, 2},
    {"thirties", Cat::kDecadeWord, 3},
    {"forties", Cat::kDecadeWord, 4},
    {"fifties", Cat::kDecadeWord, 5},
    {"sixties", Cat::kDecadeWord, 6},
    {"seventies", Cat::kDecadeWord, 7},
    {"eighties", Cat::kDecadeWord, 8},
    {"nineties", Cat::kDecadeWord, 9},
    {"as", Cat::kWord, kAs},
};

constexpr size_t kLexiconSize = std::size(kRawLexicon);

constexpr std::array<Lex, kLexiconSize> kLexicon = [] {
  std::array<Lex, kLexiconSize> a{};
  for (size_t k = 0; k < kLexiconSize; ++k) a[k] = kRawLexicon[k];
  std::sort(a.begin(), a.end(), [](const Lex& x, const Lex& y) { return x.word < y.word; });
  return a;
}();

constexpr size_t kMaxLexWord = 16;

// FNV-1a over the lower-cased word.
constexpr uint32_t HashWord(std::string_view w) {
  uint32_t h = 2166136261u;
  for (char c : w) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

// An open-addressing table from word hash to lexicon index, built at compile time.
constexpr size_t kTableSize = 2048;
constexpr std::array<int16_t, kTableSize> kTable = [] {
  std::array<int16_t, kTableSize> t{};
  for (auto& x : t) x = -1;
  for (size_t k = 0; k < kLexiconSize; ++k) {
    size_t h = HashWord(kLexicon[k].word) & (kTableSize - 1);
    while (t[h] >= 0) h = (h + 1) & (kTableSize - 1);
    t[h] = static_cast<int16_t>(k);
  }
  return t;
}();

}  // namespace

const Lex& LexEntry(int16_t k) { return kLexicon[static_cast<size_t>(k)]; }

int16_t LookUp(std::string_view word) {
  if (word.size() > kMaxLexWord) return -1;
  char buf[kMaxLexWord];
  uint32_t h = 2166136261u;
  for (size_t k = 0; k < word.size(); ++k) {
    char c = word[k];
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    buf[k] = c;
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  std::string_view w(buf, word.size());
  for (size_t p = h & (kTableSize - 1);; p = (p + 1) & (kTableSize - 1)) {
    int16_t e = kTable[p];
    if (e < 0) return -1;
    if (kLexicon[static_cast<size_t>(e)].word == w) return e;
  }
}

bool IsAlphaByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}
namespace {

bool IsDigitByte(unsigned char c) { return c >= '0' && c <= '9'; }

// Unicode spaces and punctuation that raw (uncleaned) text uses: its length in bytes and
// the ASCII character it stands for (' ' for spaces), or 0.
size_t UnicodePunct(std::string_view text, size_t i, char* ascii) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  if (at(i) == 0xC2 && i + 1 < text.size() && at(i + 1) == 0xA0) {  // no-break space
    *ascii = ' ';
    return 2;
  }
  if (at(i) != 0xE2 || i + 2 >= text.size() || at(i + 1) != 0x80) return 0;
  unsigned char c = at(i + 2);
  if (c >= 0x80 && c <= 0x8B)
    *ascii = ' ';  // en/em/thin spaces
  else if (c >= 0x90 && c <= 0x95)
    *ascii = '-';  // hyphens and dashes
  else if (c >= 0x98 && c <= 0x9B)
    *ascii = '\'';
  else if (c >= 0x9C && c <= 0x9F)
    *ascii = '"';
  else if (c == 0xA6)
    *ascii = '.';
  else if (c == 0xAF)
    *ascii = ' ';
  else
    return 0;
  return 3;
}

}  // namespace

void Tokenise(std::string_view text, std::vector<Tok>* out) {
  size_t i = 0, n = text.size();
  bool space = true, newline = true;
  auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  while (i < n) {
    unsigned char c = at(i);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      space = true;
      if (c == '\n') newline = true;
      ++i;
      continue;
    }
    char ascii = 0;
    size_t ulen = c >= 0x80 ? UnicodePunct(text, i, &ascii) : 0;
    if (ulen > 0 && ascii == ' ') {
      space = true;
      i += ulen;
      continue;
    }
    Tok t;
    t.b = static_cast<uint32_t>(i);
    t.space = space;
    t.newline = newline;
    if (IsDigitByte(c)) {
      t.kind = TK::kDigit;
      size_t j = i;
      int32_t v = 0;
      while (j < n && IsDigitByte(at(j))) {
        if (j - i < 9) v = v * 10 + (at(j) - '0');  // at most 999,999,999
        ++j;
      }
      t.ndigits = static_cast<uint8_t>(std::min<size_t>(j - i, 255));
      t.num = j - i <= 9 ? v : -1;
      bool plain = true;
      while (j + 1 < n && (at(j) == ',' || at(j) == '.') && IsDigitByte(at(j + 1))) {
        plain = false;
        j += 2;
        while (j < n && IsDigitByte(at(j))) ++j;
      }
      t.suffix = static_cast<uint32_t>(j);
      char unused = 0;
      while (j < n && IsAlphaByte(at(j)) && (at(j) < 0x80 || UnicodePunct(text, j, &unused) == 0)) {
        ++j;
      }
      t.plain = plain && t.suffix == j;
      i = j;
    } else if (IsAlphaByte(c) && ulen == 0) {
      t.kind = TK::kAlpha;
      t.upper = c >= 'A' && c <= 'Z';
      size_t j = i + 1;
      char unused = 0;
      while (j < n) {
        unsigned char d = at(j);
        if (d < 0x80) {
          if (!((d | 0x20) >= 'a' && (d | 0x20) <= 'z') && !IsDigitByte(d)) break;
        } else if (UnicodePunct(text, j, &unused) != 0) {
          break;
        }
        ++j;
      }
      i = j;
    } else {
      t.kind = TK::kPunct;
      t.punct = ulen > 0 ? ascii : static_cast<char>(c);
      i += ulen > 0 ? ulen : 1;
    }
    t.e = static_cast<uint32_t>(i);
    if (t.suffix == 0) t.suffix = t.e;
    if (t.kind == TK::kAlpha) {
      t.lex = LookUp(text.substr(t.b, t.e - t.b));
      if (t.lex >= 0) {
        t.cat = kLexicon[static_cast<size_t>(t.lex)].cat;
        t.val = kLexicon[static_cast<size_t>(t.lex)].val;
      }
    }
    out->push_back(t);
    space = newline = false;
  }
}

}  // namespace dyad::timex
