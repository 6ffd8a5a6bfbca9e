#include "text/lexicon.h"

#include <algorithm>
#include <array>

namespace dyad {

namespace {

// Sorted (byte order) for binary search; case-sensitive.
constexpr std::array<std::string_view, 50> kTitles = {
    "Adm",  "Amb", "Brig", "Capt", "Cmdr", "Col",    "Cpl",  "Dr",     "Ft",  "Gen",
    "Gens", "Gov", "Hon",  "Lt",   "Maj",  "Messrs", "Mlle", "Mme",    "Mr",  "Mrs",
    "Ms",   "Mt",  "No",   "Nos",  "Pfc",  "Pres",   "Prof", "Pvt",    "Rep", "Reps",
    "Rev",  "Sen", "Sens", "Sgt",  "Sr",   "St",     "Supt", "approx", "ca",  "cf",
    "dept", "est", "fig",  "gov",  "no",   "nos",    "pp",   "v",      "vol", "vs",
};

constexpr std::array<std::string_view, 41> kFlexible = {
    "Apr",  "Assn", "Aug", "Ave", "Blvd", "Bros", "Co",  "Corp", "Dec",   "Dept", "Feb",
    "Fri",  "Inc",  "Jan", "Jr",  "Jul",  "Jun",  "Ltd", "Mar",  "Mon",   "Nov",  "Oct",
    "Plc",  "Rd",   "Sat", "Sep", "Sept", "Sun",  "Thu", "Thur", "Thurs", "Tue",  "Tues",
    "Univ", "Wed",  "al",  "etc", "inc",  "ltd",  "p",   "yr",
};

constexpr std::array<std::string_view, 96> kOpeners = {
    "A",         "According", "After",        "Against", "Also",    "Although", "An",    "And",
    "Another",   "Any",       "As",           "At",      "Because", "Before",   "Both",  "But",
    "By",        "Despite",   "During",       "Each",    "Earlier", "Even",     "Every", "For",
    "From",      "Further",   "He",           "Her",     "Here",    "His",      "How",   "However",
    "I",         "If",        "In",           "Instead", "It",      "Its",      "Last",  "Later",
    "Like",      "Many",      "Meanwhile",    "More",    "Most",    "Mr",       "Mrs",   "Ms",
    "My",        "Neither",   "Nevertheless", "Next",    "No",      "Nor",      "Not",   "Now",
    "Officials", "On",        "One",          "Only",    "Or",      "Other",    "Our",   "Over",
    "Police",    "Since",     "So",           "Some",    "Still",   "Such",     "That",  "The",
    "Their",     "Then",      "There",        "These",   "They",    "This",     "Those", "Though",
    "Thus",      "To",        "Today",        "Two",     "Under",   "Until",    "We",    "What",
    "When",      "Where",     "While",        "Who",     "Why",     "With",     "Yet",   "You",
};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& table, std::string_view w) {
  return std::binary_search(table.begin(), table.end(), w);
}

// The tables must stay sorted for binary search; checked once at compile time.
template <size_t N>
constexpr bool Sorted(const std::array<std::string_view, N>& t) {
  for (size_t i = 1; i < N; ++i) {
    if (!(t[i - 1] < t[i])) return false;
  }
  return true;
}
static_assert(Sorted(kTitles), "kTitles must be sorted");
static_assert(Sorted(kFlexible), "kFlexible must be sorted");
static_assert(Sorted(kOpeners), "kOpeners must be sorted");

}  // namespace

AbbrevKind AbbreviationKind(std::string_view word) {
  if (word.empty() || word.size() > 6) return AbbrevKind::kNone;
  if (Contains(kTitles, word)) return AbbrevKind::kTitle;
  if (Contains(kFlexible, word)) return AbbrevKind::kFlexible;
  return AbbrevKind::kNone;
}

bool IsSentenceOpener(std::string_view word) { return Contains(kOpeners, word); }

}  // namespace dyad
