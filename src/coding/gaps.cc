// dyad dict gaps: what the dictionaries miss, from the sentences that yielded no event.
#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "dyad/store.h"
#include "dyad/tabari.h"

namespace dyad::tabari {

namespace {

struct Word {
  uint32_t begin, end;
  std::string text;
};

std::vector<Word> Words(std::string_view s) {
  std::vector<Word> out;
  size_t i = 0;
  auto word_byte = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '\'' || c >= 0x80;
  };
  while (i < s.size()) {
    if (!word_byte(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && word_byte(static_cast<unsigned char>(s[j]))) ++j;
    size_t e = j;
    // "Russia's" -> "Russia"
    if (e - i > 2 && s.compare(e - 2, 2, "'s") == 0) e -= 2;
    out.push_back(
        {static_cast<uint32_t>(i), static_cast<uint32_t>(e), std::string(s.substr(i, e - i))});
    i = j;
  }
  return out;
}

bool Capitalized(const std::string& w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

std::string Lower(std::string w) {
  for (char& c : w) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return w;
}

// Capitalised words that start sentences or name months and days: not actor candidates alone.
constexpr std::array<std::string_view, 40> kNotNames = {
    "The",       "A",        "An",       "In",       "On",     "At",      "But",       "And",
    "It",        "This",     "That",     "He",       "She",    "They",    "We",        "I",
    "January",   "February", "March",    "April",    "May",    "June",    "July",      "August",
    "September", "October",  "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday",    "Saturday", "Sunday",   "Mr",       "Mrs",    "Ms",      "Dr"};
// Words skipped between an actor and its verb.
constexpr std::array<std::string_view, 24> kSkip = {
    "has",   "have",   "had",  "will", "would", "also",  "is",    "are",
    "was",   "were",   "been", "be",   "not",   "never", "could", "may",
    "might", "should", "did",  "does", "do",    "today", "then",  "now"};

// Words that follow an actor but are never its verb.
constexpr std::array<std::string_view, 32> kFunctionWords = {
    "and",   "the",  "which", "where", "with",    "who",     "that",  "for",
    "from",  "into", "over",  "after", "before",  "since",   "than",  "its",
    "their", "his",  "her",   "our",   "this",    "these",   "those", "when",
    "while", "but",  "nor",   "about", "against", "between", "under", "during"};

template <size_t N>
bool In(std::string_view w, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

}  // namespace

Result<GapReport> FindGaps(const DictionarySet& dicts, const std::string& db_path, size_t top) {
  auto store_or = Store::OpenExisting(db_path);
  if (!store_or.ok()) return store_or.status();
  Store& store = **store_or;
  std::vector<int64_t> ids;
  DYAD_RETURN_IF_ERROR(store.ForEachArticle({}, [&](const ArticleRow& a) {
    ids.push_back(a.id);
    return true;
  }));
  GapReport rep;
  std::map<std::string, Gap> actors, verbs;
  auto count = [](std::map<std::string, Gap>& m, const std::string& key, const SentenceRow& s) {
    Gap& g = m[key];
    if (g.count++ == 0) {
      g.phrase = key;
      g.example = s.text;
      g.example_sentence_id = s.id;
    }
  };
  for (int64_t id : ids) {
    auto sentences = store.Sentences(id);
    if (!sentences.ok()) return sentences.status();
    for (const SentenceRow& s : *sentences) {
      ++rep.sentences;
      if (!dicts.Code(s.text, 0).events.empty()) continue;
      ++rep.uncoded;
      auto spans = dicts.ActorSpans(s.text);
      auto covered = [&](const Word& w) {
        for (const auto& [b, e] : spans) {
          if (w.begin < e && b < w.end) return true;
        }
        return false;
      };
      std::vector<Word> words = Words(s.text);
      // Runs of capitalised words not covered by an actor.
      for (size_t i = 0; i < words.size();) {
        if (!Capitalized(words[i].text) || covered(words[i])) {
          ++i;
          continue;
        }
        size_t j = i;
        // A run continues over spaces only ("Foreign Ministry", not "Additionally, Northern").
        auto adjacent = [&](size_t k) {
          for (uint32_t p = words[k - 1].end; p < words[k].begin; ++p) {
            if (s.text[p] != ' ') return false;
          }
          return true;
        };
        ++j;
        while (j < words.size() && Capitalized(words[j].text) && !covered(words[j]) && adjacent(j))
          ++j;
        size_t b = i;
        while (b < j && In(words[b].text, kNotNames)) ++b;  // "The Kremlin" -> "Kremlin"
        if (b < j && !(j - b == 1 && i == 0 && b == 0)) {   // a lone first word is no name
          count(actors,
                std::string(s.text.substr(words[b].begin, words[j - 1].end - words[b].begin)), s);
        }
        i = j;
      }
      // The word after each recognised actor.
      for (const auto& [b, e] : spans) {
        size_t k = 0;
        while (k < words.size() && words[k].begin < e) ++k;
        while (k < words.size() && In(Lower(words[k].text), kSkip)) ++k;
        if (k >= words.size() || Capitalized(words[k].text) || covered(words[k])) continue;
        std::string w = Lower(words[k].text);
        if (w.size() < 3 || !std::isalpha(static_cast<unsigned char>(w[0])) ||
            In(w, kFunctionWords))
          continue;
        count(verbs, w, s);
      }
    }
  }
  auto ranked = [top](std::map<std::string, Gap>& m) {
    std::vector<Gap> v;
    for (auto& [k, g] : m) v.push_back(std::move(g));
    std::stable_sort(v.begin(), v.end(),
                     [](const Gap& a, const Gap& b) { return a.count > b.count; });
    if (v.size() > top) v.resize(top);
    return v;
  };
  rep.actors = ranked(actors);
  rep.verbs = ranked(verbs);
  return rep;
}

}  // namespace dyad::tabari
