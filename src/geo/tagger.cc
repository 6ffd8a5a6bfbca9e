// Place-name recognition and disambiguation (docs/geo.md).
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "dyad/geo.h"

namespace dyad::geo {
namespace {

struct Token {
  uint32_t begin, end;
  bool cap;      // starts with a capital letter (or a non-ASCII letter)
  bool initial;  // first word of a sentence or a line
};

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsWordByte(char c) {
  return IsAsciiLetter(c) || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

// Curly apostrophe (U+2019) at text[i]?
bool CurlyApostrophe(std::string_view t, size_t i) {
  return i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xE2 &&
         static_cast<unsigned char>(t[i + 1]) == 0x80 &&
         static_cast<unsigned char>(t[i + 2]) == 0x99;
}

std::vector<Token> Tokenize(std::string_view t) {
  std::vector<Token> out;
  size_t i = 0;
  bool initial = true;
  while (i < t.size()) {
    char c = t[i];
    if (!IsWordByte(c)) {
      if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == ';' || c == '"') {
        initial = true;
      }
      ++i;
      continue;
    }
    // Dashes and curly quotes are multi-byte: treat U+2010..U+201F as punctuation.
    if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < t.size() &&
        static_cast<unsigned char>(t[i + 1]) == 0x80) {
      auto b = static_cast<unsigned char>(t[i + 2]);
      if (b == 0x9C || b == 0x9D) initial = true;  // curly double quotes
      i += 3;
      continue;
    }
    size_t b = i;
    while (i < t.size()) {
      char d = t[i];
      if (IsWordByte(d) && !(static_cast<unsigned char>(d) == 0xE2 && !CurlyApostrophe(t, i))) {
        i += CurlyApostrophe(t, i) ? 3 : 1;
        continue;
      }
      // Inner apostrophes, hyphens and abbreviation periods (U.S.) stay in the word.
      if ((d == '\'' || d == '-' || d == '.') && i + 1 < t.size() && IsAsciiLetter(t[i + 1])) {
        if (d == '.' && !(i > b && i - b <= 2)) break;  // "U.S" yes, "end.Next" no
        ++i;
        continue;
      }
      break;
    }
    if (i == b) {  // a lone byte that starts no word (a stray UTF-8 lead byte)
      ++i;
      continue;
    }
    size_t e = i;
    // A possessive "'s" is not part of the name.
    if (e - b > 2 && (t[e - 1] == 's' || t[e - 1] == 'S') && t[e - 2] == '\'') e -= 2;
    if (e - b > 4 && (t[e - 1] == 's') && CurlyApostrophe(t, e - 4)) e -= 4;
    // "U.S." keeps its final period (an abbreviation of single letters).
    if (i < t.size() && t[i] == '.' && e - b >= 3 && t[e - 2] == '.') {
      ++i;
      e = i;
      out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), true, initial});
      initial = false;  // "U.S." does not end the sentence by itself here
      continue;
    }
    // "St." / "Mt." / "Ft." before a name.
    if (i < t.size() && t[i] == '.' && e - b <= 3 && e - b >= 2 && t[b] >= 'A' && t[b] <= 'Z') {
      std::string_view w = t.substr(b, e - b);
      if (w == "St" || w == "Mt" || w == "Ft" || w == "Ste") {
        ++i;
        e = i;
        out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), true, initial});
        initial = false;
        continue;
      }
    }
    auto f = static_cast<unsigned char>(t[b]);
    bool cap = (f >= 'A' && f <= 'Z') || (f >= 0xC3 && f <= 0xC5 && b + 1 < t.size() &&
                                          static_cast<unsigned char>(t[b + 1]) < 0x9F);
    out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), cap, initial});
    initial = false;
  }
  return out;
}

std::string Lower(std::string_view w) {
  std::string s(w);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Capitalised words that are never place names on their own: function words, titles,
// months and days, and the demonyms and news words that share a spelling with a town.
const std::unordered_set<std::string>& StopWords() {
  static const std::unordered_set<std::string> kWords = {"a",
                                                         "an",
                                                         "the",
                                                         "this",
                                                         "that",
                                                         "these",
                                                         "those",
                                                         "he",
                                                         "she",
                                                         "it",
                                                         "we",
                                                         "they",
                                                         "i",
                                                         "you",
                                                         "his",
                                                         "her",
                                                         "its",
                                                         "our",
                                                         "their",
                                                         "my",
                                                         "your",
                                                         "in",
                                                         "on",
                                                         "at",
                                                         "of",
                                                         "for",
                                                         "to",
                                                         "from",
                                                         "by",
                                                         "with",
                                                         "and",
                                                         "but",
                                                         "or",
                                                         "if",
                                                         "as",
                                                         "so",
                                                         "not",
                                                         "no",
                                                         "yes",
                                                         "all",
                                                         "after",
                                                         "before",
                                                         "during",
                                                         "while",
                                                         "when",
                                                         "where",
                                                         "what",
                                                         "who",
                                                         "why",
                                                         "how",
                                                         "there",
                                                         "here",
                                                         "then",
                                                         "now",
                                                         "today",
                                                         "yesterday",
                                                         "tomorrow",
                                                         "some",
                                                         "many",
                                                         "most",
                                                         "more",
                                                         "one",
                                                         "two",
                                                         "three",
                                                         "four",
                                                         "five",
                                                         "six",
                                                         "seven",
                                                         "eight",
                                                         "nine",
                                                         "ten",
                                                         "first",
                                                         "last",
                                                         "next",
                                                         "new",
                                                         "old",
                                                         "also",
                                                         "both",
                                                         "each",
                                                         "every",
                                                         "other",
                                                         "such",
                                                         "only",
                                                         "january",
                                                         "february",
                                                         "march",
                                                         "april",
                                                         "may",
                                                         "june",
                                                         "july",
                                                         "august",
                                                         "september",
                                                         "october",
                                                         "november",
                                                         "december",
                                                         "monday",
                                                         "tuesday",
                                                         "wednesday",
                                                         "thursday",
                                                         "friday",
                                                         "saturday",
                                                         "sunday",
                                                         "mr",
                                                         "mrs",
                                                         "ms",
                                                         "dr",
                                                         "president",
                                                         "minister",
                                                         "prime",
                                                         "king",
                                                         "queen",
                                                         "prince",
                                                         "general",
                                                         "gen",
                                                         "governor",
                                                         "gov",
                                                         "senator",
                                                         "sen",
                                                         "rep",
                                                         "judge",
                                                         "mayor",
                                                         "police",
                                                         "officer",
                                                         "sheriff",
                                                         "county",
                                                         "city",
                                                         "state",
                                                         "university",
                                                         "college",
                                                         "school",
                                                         "church",
                                                         "hospital",
                                                         "department",
                                                         "office",
                                                         "center",
                                                         "centre",
                                                         "district",
                                                         "court",
                                                         "council",
                                                         "party",
                                                         "union",
                                                         "national",
                                                         "international",
                                                         "federal",
                                                         "republic",
                                                         "republican",
                                                         "democrat",
                                                         "democratic",
                                                         "american",
                                                         "americans",
                                                         "british",
                                                         "english",
                                                         "french",
                                                         "german",
                                                         "russian",
                                                         "russians",
                                                         "chinese",
                                                         "kazakh",
                                                         "kazakhs",
                                                         "uzbek",
                                                         "tajik",
                                                         "kyrgyz",
                                                         "turkmen",
                                                         "ukrainian",
                                                         "belarusian",
                                                         "european",
                                                         "african",
                                                         "asian",
                                                         "muslim",
                                                         "christian",
                                                         "catholic",
                                                         "jewish",
                                                         "arab",
                                                         "islamic",
                                                         "western",
                                                         "eastern",
                                                         "northern",
                                                         "southern",
                                                         "north",
                                                         "south",
                                                         "east",
                                                         "west",
                                                         "central",
                                                         "street",
                                                         "road",
                                                         "avenue",
                                                         "river",
                                                         "lake",
                                                         "mount",
                                                         "park",
                                                         "bridge",
                                                         "airport",
                                                         "station",
                                                         "club",
                                                         "team",
                                                         "news",
                                                         "times",
                                                         "post",
                                                         "press",
                                                         "radio",
                                                         "tv",
                                                         "online",
                                                         "internet",
                                                         "web",
                                                         "world",
                                                         "government",
                                                         "army",
                                                         "navy",
                                                         "military",
                                                         "company",
                                                         "inc",
                                                         "corp",
                                                         "group",
                                                         "association",
                                                         "mission",
                                                         "summit",
                                                         "day",
                                                         "week",
                                                         "year",
                                                         "god",
                                                         "lord",
                                                         "christmas",
                                                         "easter",
                                                         "sun",
                                                         "star",
                                                         "home",
                                                         "man",
                                                         "woman",
                                                         "people",
                                                         "police",
                                                         "fire",
                                                         "money",
                                                         "business",
                                                         "health",
                                                         "education",
                                                         "art",
                                                         "arts",
                                                         "music",
                                                         "bank",
                                                         "energy",
                                                         "oil",
                                                         "gas",
                                                         "media",
                                                         "security",
                                                         "defense",
                                                         "defence",
                                                         "foreign",
                                                         "affairs",
                                                         "service",
                                                         "services",
                                                         "public",
                                                         "free",
                                                         "best",
                                                         "early",
                                                         "late",
                                                         "high",
                                                         "low",
                                                         "big",
                                                         "little",
                                                         "great",
                                                         "good",
                                                         "long",
                                                         "say",
                                                         "says",
                                                         "said",
                                                         "according",
                                                         "please",
                                                         "however",
                                                         "meanwhile",
                                                         "although",
                                                         "because",
                                                         "since",
                                                         "until",
                                                         "though",
                                                         "under",
                                                         "over",
                                                         "about",
                                                         "against",
                                                         "between",
                                                         "through",
                                                         "without",
                                                         "within",
                                                         "across",
                                                         "around",
                                                         "near",
                                                         "outside",
                                                         "inside",
                                                         "into",
                                                         "onto",
                                                         "up",
                                                         "down",
                                                         "out",
                                                         "off",
                                                         "again",
                                                         "still",
                                                         "even",
                                                         "just",
                                                         "well",
                                                         "very",
                                                         "much",
                                                         "photo",
                                                         "video",
                                                         "image",
                                                         "read",
                                                         "more",
                                                         "click",
                                                         "share",
                                                         "email",
                                                         "comment",
                                                         "comments",
                                                         "update",
                                                         "updated",
                                                         "breaking",
                                                         "local",
                                                         "sports",
                                                         "weather",
                                                         "opinion",
                                                         "obituaries",
                                                         "staff",
                                                         "writer",
                                                         "reporter",
                                                         "editor",
                                                         "story"};
  return kWords;
}

// Words before a capitalised name that make it a person's name.
const std::unordered_set<std::string>& Titles() {
  static const std::unordered_set<std::string> kWords = {
      "mr",          "mrs",        "ms",           "miss",         "dr",         "prof",
      "president",   "minister",   "king",         "queen",        "prince",     "princess",
      "general",     "gen",        "governor",     "gov",          "senator",    "sen",
      "rep",         "judge",      "justice",      "mayor",        "officer",    "sgt",
      "sergeant",    "lt",         "lieutenant",   "capt",         "captain",    "col",
      "colonel",     "detective",  "chief",        "coach",        "pastor",     "rev",
      "reverend",    "father",     "sister",       "brother",      "uncle",      "aunt",
      "saint",       "sir",        "lady",         "lord",         "pope",       "secretary",
      "chairman",    "director",   "leader",       "commissioner", "deputy",     "trooper",
      "attorney",    "councilman", "councilwoman", "rabbi",        "imam",       "sheikh",
      "emir",        "sultan",     "premier",      "chancellor",   "ambassador", "spokesman",
      "spokeswoman", "professor"};
  return kWords;
}

// Words before a place name that mark it as one ("in", "near", "from" ...).
const std::unordered_set<std::string>& Cues() {
  static const std::unordered_set<std::string> kWords = {
      "in",       "at",         "near",     "from",    "to",      "into",     "outside", "across",
      "around",   "throughout", "towards",  "toward",  "via",     "visited",  "visit",   "visiting",
      "of",       "between",    "and",      "through", "north",   "south",    "east",    "west",
      "northern", "southern",   "eastern",  "western", "central", "downtown", "capital", "city",
      "town",     "village",    "province", "region",  "state",   "county"};
  return kWords;
}

// Words after a capitalised name that make it part of a larger place or feature name.
const std::unordered_set<std::string>& PlaceTails() {
  static const std::unordered_set<std::string> kWords = {
      "county",    "parish",   "city",    "province",  "region",  "oblast", "state",
      "district",  "township", "borough", "territory", "valley",  "island", "islands",
      "peninsula", "bay",      "beach",   "springs",   "heights", "falls",  "harbor",
      "harbour",   "hills",    "lake",    "river"};
  return kWords;
}

struct Mention {
  uint32_t begin, end;
  size_t first_token, last_token;
  std::vector<uint32_t> candidates;
  int32_t chosen = -1;
  double score = 0;
};

double BaseScore(const Place& p) {
  double s = std::log10(static_cast<double>(p.population) + 10.0);
  switch (p.kind) {
    case PlaceKind::kCountry:
      s += 3.5;
      break;
    case PlaceKind::kAdmin1:
      s += 0;  // its population already sums its towns'
      break;
    case PlaceKind::kAdmin2:
      s -= 0.5;
      break;
    case PlaceKind::kCity:
      if (p.feature_code == "PPLC") s += 2.0;
      if (p.feature_code == "PPLA") s += 0.5;
      break;
    case PlaceKind::kRegion:
      s += 2;
      break;
  }
  return s;
}

// Chooses a place for each mention: population and kind first, then the countries and
// first-level divisions the other names in the text support, and "X, Y" containers.
// Support comes from each other distinct name: its first choice (one vote) and its
// candidates (one vote shared among the countries or divisions they lie in), so that a name
// with one reading ("Rapides Parish") says more than one with fifty ("Washington").
void Resolve(const Gazetteer& g, std::string_view text, std::vector<Mention>& ms,
             const TagOptions& options) {
  using Weights = std::unordered_map<std::string, double>;
  auto admin_key = [](const Place& p) { return p.country + "." + p.admin1; };
  auto best_of = [&](Mention& m, const Weights& countries, const Weights& admins,
                     const Mention* container) {
    m.chosen = -1;
    m.score = -1e9;
    for (uint32_t c : m.candidates) {
      const Place& p = g.place(c);
      double s = BaseScore(p);
      if (auto it = countries.find(p.country); it != countries.end() && it->second > 0) {
        s += 1.5 + std::min(it->second, 3.0);
      }
      if (p.kind != PlaceKind::kCountry && p.kind != PlaceKind::kRegion) {
        if (auto it = admins.find(admin_key(p)); it != admins.end() && it->second > 0) {
          s += 1.5 + std::min(it->second, 3.0);
        }
      }
      if (container) {
        for (uint32_t k : container->candidates) {
          const Place& q = g.place(k);
          if (q.kind == PlaceKind::kCountry && q.country == p.country &&
              p.kind != PlaceKind::kCountry) {
            s += 4;
            break;
          }
          if (q.kind == PlaceKind::kAdmin1 && q.country == p.country && q.admin1 == p.admin1 &&
              p.kind != PlaceKind::kAdmin1) {
            s += 6;
            break;
          }
        }
      }
      if (s > m.score) {
        m.score = s;
        m.chosen = static_cast<int32_t>(c);
      }
    }
  };
  // "Astana, Kazakhstan": the mention right after ", " contains this one.
  std::vector<const Mention*> container(ms.size(), nullptr);
  for (size_t i = 0; i + 1 < ms.size(); ++i) {
    if (ms[i + 1].begin < ms[i].end) continue;
    if (ms[i].end > text.size() || ms[i + 1].begin > text.size()) continue;
    std::string_view between = text.substr(ms[i].end, ms[i + 1].begin - ms[i].end);
    if (between == ", " || between == ",") container[i] = &ms[i + 1];
  }
  Weights outside;
  for (const auto& c : options.context_countries) outside[c] += 1.0;
  Weights none;
  for (size_t i = 0; i < ms.size(); ++i) best_of(ms[i], outside, none, container[i]);
  // Distinct names and what each supports.
  std::unordered_map<std::string, std::pair<Weights, Weights>> by_name;  // countries, admins
  std::vector<std::string> name_of(ms.size());
  for (size_t i = 0; i < ms.size(); ++i) {
    name_of[i] = ms[i].begin < ms[i].end && ms[i].end <= text.size()
                     ? NormaliseName(text.substr(ms[i].begin, ms[i].end - ms[i].begin))
                     : std::string();
    auto [it, fresh] = by_name.try_emplace(name_of[i]);
    if (!fresh) continue;
    auto& [cw, aw] = it->second;
    std::unordered_set<std::string> cs, as;
    for (uint32_t c : ms[i].candidates) {
      const Place& p = g.place(c);
      if (p.kind == PlaceKind::kRegion) continue;
      cs.insert(p.country);
      if (p.kind != PlaceKind::kCountry) as.insert(admin_key(p));
    }
    for (const auto& c : cs) cw[c] += 1.0 / static_cast<double>(cs.size());
    for (const auto& a : as) aw[a] += 1.0 / static_cast<double>(as.size());
    if (ms[i].chosen >= 0) {
      const Place& p = g.place(static_cast<uint32_t>(ms[i].chosen));
      if (p.kind != PlaceKind::kRegion) {
        cw[p.country] += 1.0;
        if (p.kind != PlaceKind::kCountry) aw[admin_key(p)] += 1.0;
      }
    }
  }
  for (size_t i = 0; i < ms.size(); ++i) {
    Weights cs = outside, as;
    for (const auto& [name, w] : by_name) {
      if (name == name_of[i]) continue;
      for (const auto& [c, x] : w.first) cs[c] += x;
      for (const auto& [a, x] : w.second) as[a] += x;
    }
    best_of(ms[i], cs, as, container[i]);
  }
}

std::vector<PlaceMention> Output(const std::vector<Mention>& ms) {
  std::vector<PlaceMention> out;
  out.reserve(ms.size());
  for (const Mention& m : ms) out.push_back({m.begin, m.end, m.chosen, m.score});
  return out;
}

}  // namespace

std::vector<PlaceMention> TagPlaces(const Gazetteer& g, std::string_view text,
                                    const TagOptions& options) {
  std::vector<Token> toks = Tokenize(text);
  const auto& stop = StopWords();
  const auto& titles = Titles();
  const auto& cues = Cues();
  const auto& tails = PlaceTails();
  // Words the text also writes in lower case are common words.
  std::unordered_set<std::string_view> lower_words;
  for (const Token& t : toks) {
    if (!t.cap) lower_words.insert(text.substr(t.begin, t.end - t.begin));
  }
  auto word = [&](size_t i) { return text.substr(toks[i].begin, toks[i].end - toks[i].begin); };
  auto adjacent = [&](size_t a, size_t b) {  // only spaces between token a and token b
    for (uint32_t k = toks[a].end; k < toks[b].begin; ++k) {
      if (text[k] != ' ') return false;
    }
    return true;
  };
  const int max_words = std::min(g.max_words(), 6);
  // Words seen inside a longer capitalised name ("Michael Jones"): alone later, they are the
  // person ("Jones said"), not the town.
  std::unordered_set<std::string> name_tails;
  for (size_t i = 1; i < toks.size(); ++i) {
    if (toks[i].cap && toks[i - 1].cap && adjacent(i - 1, i) &&
        !stop.contains(Lower(word(i - 1))) && !cues.contains(Lower(word(i - 1))) &&
        !tails.contains(Lower(word(i)))) {
      name_tails.insert(std::string(word(i)));
    }
  }
  TagOptions opts = options;
  std::vector<Mention> ms;
  // A demonym ("Kazakh", "Sri Lankan") at token i: how many tokens it takes (0 if none).
  auto demonym_at = [&](size_t i, std::string* country) -> size_t {
    if (i + 1 < toks.size() && adjacent(i, i + 1)) {
      *country = g.DemonymCountry(text.substr(toks[i].begin, toks[i + 1].end - toks[i].begin));
      if (!country->empty()) return 2;
    }
    *country = g.DemonymCountry(word(i));
    return country->empty() ? 0 : 1;
  };
  for (size_t i = 0; i < toks.size();) {
    if (!toks[i].cap) {
      ++i;
      continue;
    }
    size_t found = 0;
    std::span<const uint32_t> cands;
    const size_t longest = static_cast<size_t>(std::min(max_words, g.MaxWordsFrom(word(i))));
    for (size_t n = std::min(longest, toks.size() - i); n >= 1; --n) {
      size_t last = i + n - 1;
      if (!toks[last].cap) continue;
      bool ok = true;
      for (size_t k = i; k < last && ok; ++k) {
        if (!(adjacent(k, k + 1) ||
              (text.substr(toks[k].end, toks[k + 1].begin - toks[k].end) == "-"))) {
          ok = false;
        }
      }
      if (!ok) continue;
      cands = g.Lookup(text.substr(toks[i].begin, toks[last].end - toks[i].begin));
      if (!cands.empty()) {
        found = n;
        break;
      }
    }
    std::string dem_country;
    if (size_t dn = demonym_at(i, &dem_country); dn > found) {
      opts.context_countries.push_back(dem_country);
      if (options.demonyms) {
        if (const Place* c = g.Country(dem_country)) {
          Mention m;
          m.begin = toks[i].begin;
          m.end = toks[i + dn - 1].end;
          m.first_token = i;
          m.last_token = i + dn - 1;
          m.candidates.push_back(static_cast<uint32_t>(c - &g.place(0)));
          ms.push_back(std::move(m));
        }
      }
      i += dn;
      continue;
    }
    if (found == 0) {
      ++i;
      continue;
    }
    size_t last = i + found - 1;
    std::string lw = Lower(word(i));
    bool keep = true;
    bool strong = false;  // a country or first-level division among the candidates
    for (uint32_t c : cands) {
      const Place& p = g.place(c);
      if (p.kind == PlaceKind::kCountry || p.kind == PlaceKind::kRegion ||
          (p.kind == PlaceKind::kAdmin1 && p.population >= 200000)) {
        strong = true;
      }
    }
    bool cue = i > 0 && adjacent(i - 1, i) && cues.contains(Lower(word(i - 1)));
    bool comma_after = last + 1 < toks.size() && text.substr(toks[last].end, 2) == ", " &&
                       toks[last + 1].cap && !g.Lookup(word(last + 1)).empty();
    bool all_caps = word(i).size() >= 2 && std::all_of(word(i).begin(), word(i).end(), [](char c) {
                      return (c >= 'A' && c <= 'Z') || c == '.';
                    });
    int64_t max_population = 0;
    for (uint32_t c : cands) max_population = std::max(max_population, g.place(c).population);
    // "High-level": a hyphenated word whose last part is lower case is no name.
    bool lower_tail = false;
    {
      std::string_view w = word(last);
      size_t h = w.rfind('-');
      lower_tail =
          h != std::string_view::npos && h + 1 < w.size() && w[h + 1] >= 'a' && w[h + 1] <= 'z';
    }
    if (lower_tail) keep = false;
    if (found == 1) {
      if (stop.contains(lw)) keep = false;
      // A sentence's first word naming only a small town needs a cue ("None voted ...").
      if (toks[i].initial && !strong && !cue && !comma_after && max_population < 100000) {
        keep = false;
      }
      if (!all_caps && lower_words.contains(std::string_view(lw)) && !cue && !comma_after) {
        keep = false;
      }
      if (word(i).size() <= 2 && !strong) keep = false;  // "Of", "Ho"
      if (!strong && !cue && !comma_after && name_tails.contains(std::string(word(i))))
        keep = false;
    }
    // A title before it: a person ("President Jackson").
    if (i > 0 && adjacent(i - 1, i) && titles.contains(Lower(word(i - 1)))) keep = false;
    // Part of a longer capitalised name: "George Washington", "Paris Hilton", "Boston Globe".
    if (keep && last + 1 < toks.size() && toks[last + 1].cap && adjacent(last, last + 1) &&
        !tails.contains(Lower(word(last + 1))) && !strong) {
      keep = false;
    }
    if (keep && i > 0 && toks[i - 1].cap && adjacent(i - 1, i) &&
        !stop.contains(Lower(word(i - 1))) && !cues.contains(Lower(word(i - 1))) && !strong) {
      keep = false;
    }
    if (keep) {
      Mention m;
      m.begin = toks[i].begin;
      m.end = toks[last].end;
      m.first_token = i;
      m.last_token = last;
      m.candidates.assign(cands.begin(), cands.end());
      ms.push_back(std::move(m));
      // "Paris, Tenn.": a division's abbreviation after the comma.
      if (last + 1 < toks.size() && text.substr(toks[last].end, 2) == ", ") {
        for (size_t n = std::min<size_t>(2, toks.size() - last - 1); n >= 1; --n) {
          size_t a = last + 1, b = last + n;
          if (n == 2 &&
              text.substr(toks[a].end, toks[b].begin - toks[a].end).find_first_not_of(". ") !=
                  std::string_view::npos) {
            continue;
          }
          auto ab = g.LookupAbbreviation(text.substr(toks[a].begin, toks[b].end - toks[a].begin));
          if (ab.empty()) continue;
          Mention am;
          am.begin = toks[a].begin;
          am.end = toks[b].end;
          if (am.end < text.size() && text[am.end] == '.') ++am.end;
          am.first_token = a;
          am.last_token = b;
          am.candidates.assign(ab.begin(), ab.end());
          ms.push_back(std::move(am));
          last = b;
          break;
        }
      }
    }
    i = last + 1;
  }
  Resolve(g, text, ms, opts);
  return Output(ms);
}

std::vector<PlaceMention> ResolveSpans(const Gazetteer& g, std::string_view text,
                                       const std::vector<std::pair<uint32_t, uint32_t>>& spans,
                                       const TagOptions& options) {
  std::vector<Mention> ms;
  for (auto [b, e] : spans) {
    Mention m{};
    m.begin = b;
    m.end = e;
    if (b < e && e <= text.size()) {
      std::string_view s = text.substr(b, e - b);
      // An abbreviation with its period ("Ala.") is the division, not a town called Ala.
      auto c = s.ends_with('.') ? g.LookupAbbreviation(s) : std::span<const uint32_t>{};
      if (c.empty()) c = g.Lookup(s);
      if (c.empty() && (s.starts_with("the ") || s.starts_with("The "))) c = g.Lookup(s.substr(4));
      if (c.empty()) c = g.LookupAbbreviation(s);
      m.candidates.assign(c.begin(), c.end());
      if (c.empty()) {
        if (const Place* country = g.Country(g.DemonymCountry(s))) {
          m.candidates.push_back(static_cast<uint32_t>(country - &g.place(0)));
        }
      }
    }
    ms.push_back(std::move(m));
  }
  // Resolve expects mentions in text order.
  std::vector<size_t> order(ms.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return ms[a].begin < ms[b].begin; });
  std::vector<Mention> sorted;
  for (size_t i : order) sorted.push_back(ms[i]);
  Resolve(g, text, sorted, options);
  std::vector<PlaceMention> out(ms.size());
  for (size_t k = 0; k < order.size(); ++k) {
    out[order[k]] = {sorted[k].begin, sorted[k].end, sorted[k].chosen, sorted[k].score};
  }
  return out;
}

}  // namespace dyad::geo
