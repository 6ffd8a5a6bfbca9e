// Sentence alignment of two articles, copy classification, and the fidelity report.
#include <algorithm>
#include <array>

#include "dedup/compact.h"
#include "dyad/dedup.h"

namespace dyad {

using StemSet = std::vector<std::string>;

ArticleFeatures Features(std::vector<std::string> sentences) {
  ArticleFeatures f;
  for (const std::string& s : sentences) {
    std::vector<ContentWord> w = ContentWords(s);
    StemSet stems;
    for (const ContentWord& x : w) stems.push_back(x.stem);
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    f.sentence_stems.push_back(std::move(stems));
    for (size_t k = 0; k < w.size(); ++k) {
      const ContentWord& x = w[k];
      unsigned char c = static_cast<unsigned char>(s[x.begin]);
      bool number =
          std::any_of(x.stem.begin(), x.stem.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      bool name = c >= 'A' && c <= 'Z' && x.begin > 0;  // not the sentence's first word
      if (number) {
        f.numbers.push_back(x.stem);
      } else if (name) {
        f.names.push_back(x.stem);
      }
    }
    f.words.insert(f.words.end(), std::make_move_iterator(w.begin()),
                   std::make_move_iterator(w.end()));
  }
  for (auto* v : {&f.names, &f.numbers}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  f.sentences = std::move(sentences);
  return f;
}

Alignment AlignSentences(const std::vector<std::string>& a, const std::vector<std::string>& b,
                         double min_similarity) {
  return AlignSentences(Features(a), Features(b), min_similarity);
}

Alignment AlignSentences(const ArticleFeatures& fa, const ArticleFeatures& fb,
                         double min_similarity) {
  return dedup::Align(dedup::CompactFeatures(fa), dedup::CompactFeatures(fb), min_similarity);
}

CopyMatch CompareArticles(const std::vector<std::string>& a, const std::vector<std::string>& b,
                          const DedupOptions& options) {
  return CompareArticles(Features(a), Features(b), options);
}

CopyMatch CompareArticles(const ArticleFeatures& a, const ArticleFeatures& b,
                          const DedupOptions& options) {
  return dedup::Compare(dedup::CompactFeatures(a), dedup::CompactFeatures(b), options);
}

namespace {

struct Tok {
  std::string lower;
  uint32_t begin, end;
};

bool HasDigit(const std::string& w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<Tok> Words(std::string_view s) {
  std::vector<Tok> out;
  size_t i = 0;
  auto word_byte = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '\'' || c == '%' || c == '.' || c == ',' || c >= 0x80;
  };
  while (i < s.size()) {
    if (!word_byte(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == ',' ||
        s[i] == '\'') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && word_byte(static_cast<unsigned char>(s[j]))) ++j;
    size_t e = j;
    while (e > i && (s[e - 1] == '.' || s[e - 1] == ',' || s[e - 1] == '\'')) --e;
    Tok t{std::string(s.substr(i, e - i)), static_cast<uint32_t>(i), static_cast<uint32_t>(e)};
    for (char& c : t.lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    // "49 %" reads as "49%".
    if (t.lower == "%" && !out.empty() && HasDigit(out.back().lower) &&
        out.back().lower.back() != '%') {
      out.back().lower += '%';
      out.back().end = t.end;
    } else {
      out.push_back(std::move(t));
    }
    i = j;
  }
  return out;
}

constexpr std::array<std::string_view, 8> kNegations = {"not",  "no",     "never", "without",
                                                        "none", "nobody", "nor",   "cannot"};
constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

bool IsNegation(const std::string& w) {
  return std::find(kNegations.begin(), kNegations.end(), w) != kNegations.end() ||
         w.ends_with("n't") || w.ends_with("n\xE2\x80\x99t");
}

bool IsDateWord(const std::string& w) {
  if (std::find(kMonths.begin(), kMonths.end(), w) != kMonths.end()) return true;
  return w.size() == 4 &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         (w[0] == '1' || w[0] == '2');
}

// The words of [b, e) of one side that satisfy `pred`, sorted.
template <typename Pred>
std::vector<std::string> Select(const std::vector<Tok>& t, size_t b, size_t e, Pred pred) {
  std::vector<std::string> out;
  for (size_t k = b; k < e; ++k) {
    if (pred(t[k].lower)) out.push_back(t[k].lower);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

FidelityReport CompareFidelity(const std::vector<std::string>& a, const std::vector<std::string>& b,
                               const std::function<std::string(std::string_view)>& actor_code,
                               double min_similarity) {
  FidelityReport rep;
  rep.alignment = AlignSentences(Features(a), Features(b), min_similarity);
  for (const AlignedPair& p : rep.alignment.pairs) {
    const std::string& sa = a[p.a];
    const std::string& sb = b[p.b];
    if (sa == sb) continue;
    std::vector<Tok> ta = Words(sa), tb = Words(sb);
    // Longest common subsequence of words (case-insensitive).
    const size_t n = ta.size(), m = tb.size();
    std::vector<std::vector<uint16_t>> lcs(n + 1, std::vector<uint16_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        lcs[i][j] = ta[i].lower == tb[j].lower ? static_cast<uint16_t>(lcs[i + 1][j + 1] + 1)
                                               : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    SentenceDiff d{p.a, p.b, p.similarity, {}};
    // Numbers, dates and negations are compared over the whole sentence: a phrase moved or
    // restructured ("did not support" -> "was not supported") keeps them.
    const bool numbers_differ = Select(ta, 0, n, HasDigit) != Select(tb, 0, m, HasDigit);
    const bool dates_differ = Select(ta, 0, n, IsDateWord) != Select(tb, 0, m, IsDateWord);
    const bool negation_differs =
        Select(ta, 0, n, IsNegation).size() != Select(tb, 0, m, IsNegation).size();
    auto emit = [&](size_t ab, size_t ae, size_t bb, size_t be) {
      if (ab == ae && bb == be) return;
      Substitution s;
      if (ab < ae) {
        s.a_begin = ta[ab].begin;
        s.a_end = ta[ae - 1].end;
        s.from = sa.substr(s.a_begin, s.a_end - s.a_begin);
      }
      if (bb < be) {
        s.b_begin = tb[bb].begin;
        s.b_end = tb[be - 1].end;
        s.to = sb.substr(s.b_begin, s.b_end - s.b_begin);
      }
      if (numbers_differ && Select(ta, ab, ae, HasDigit) != Select(tb, bb, be, HasDigit)) {
        s.flags.push_back("number");
      }
      if (dates_differ && Select(ta, ab, ae, IsDateWord) != Select(tb, bb, be, IsDateWord)) {
        s.flags.push_back("date");
      }
      if (negation_differs &&
          Select(ta, ab, ae, IsNegation).size() != Select(tb, bb, be, IsNegation).size()) {
        s.flags.push_back("negation");
      }
      d.substitutions.push_back(std::move(s));
    };
    size_t i = 0, j = 0, gi = 0, gj = 0;
    while (i < n && j < m) {
      if (ta[i].lower == tb[j].lower) {
        emit(gi, i, gj, j);
        ++i, ++j;
        gi = i, gj = j;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        ++i;
      } else {
        ++j;
      }
    }
    emit(gi, n, gj, m);
    // Actors: a substitution changes one when the actor it names on one side is named by no
    // substitution on the other (so a phrase moved within the sentence is not a change).
    if (actor_code) {
      std::vector<std::string> ca, cb;
      for (const Substitution& x : d.substitutions) {
        ca.push_back(x.from.empty() ? "" : actor_code(x.from));
        cb.push_back(x.to.empty() ? "" : actor_code(x.to));
      }
      auto named = [](const std::vector<std::string>& v, const std::string& c) {
        return std::find(v.begin(), v.end(), c) != v.end();
      };
      for (size_t k = 0; k < d.substitutions.size(); ++k) {
        if ((!ca[k].empty() && !named(cb, ca[k])) || (!cb[k].empty() && !named(ca, cb[k]))) {
          d.substitutions[k].flags.push_back("actor");
        }
      }
    }
    for (const Substitution& x : d.substitutions) rep.meaning_changes += !x.flags.empty();
    rep.substitutions += d.substitutions.size();
    if (!d.substitutions.empty()) rep.sentences.push_back(std::move(d));
  }
  return rep;
}

}  // namespace dyad
