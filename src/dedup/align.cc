// Sentence alignment of two articles, copy classification, and the fidelity report.
#include <algorithm>
#include <array>

#include "dedup/sorted.h"
#include "dyad/dedup.h"

namespace dyad {

namespace {

using StemSet = std::vector<std::string>;

double Jaccard(const StemSet& a, const StemSet& b) {
  if (a.empty() || b.empty()) return 0;
  size_t common = dedup::CountCommon(a, b);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

// Share of the smaller sorted set found in the other (1 when the smaller is nearly empty:
// there is nothing to contradict).
double Containment(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t fewer = std::min(a.size(), b.size());
  if (fewer < 2) return 1.0;
  size_t common = dedup::CountCommon(a, b);
  return static_cast<double>(common) / static_cast<double>(fewer);
}

// Sentences too short to compare on their own words (headings, datelines).
constexpr size_t kMinStems = 3;

}  // namespace

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
  const std::vector<StemSet>& sa = fa.sentence_stems;
  const std::vector<StemSet>& sb = fb.sentence_stems;
  const size_t n = sa.size(), m = sb.size();
  // best[i][j]: the best total similarity aligning a[i..] with b[j..], keeping order.
  std::vector<std::vector<double>> best(n + 1, std::vector<double>(m + 1, 0.0));
  std::vector<std::vector<double>> sim(n, std::vector<double>(m, 0.0));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < m; ++j) {
      if (sa[i].size() >= kMinStems && sb[j].size() >= kMinStems) sim[i][j] = Jaccard(sa[i], sb[j]);
    }
  }
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      double v = std::max(best[i + 1][j], best[i][j + 1]);
      if (sim[i][j] >= min_similarity) v = std::max(v, best[i + 1][j + 1] + sim[i][j]);
      best[i][j] = v;
    }
  }
  Alignment al;
  for (size_t i = 0, j = 0; i < n && j < m;) {
    if (sim[i][j] >= min_similarity && best[i][j] == best[i + 1][j + 1] + sim[i][j]) {
      al.pairs.push_back({i, j, sim[i][j], false});
      ++i, ++j;
    } else if (best[i][j] == best[i + 1][j]) {
      ++i;
    } else {
      ++j;
    }
  }
  // Sentences the copy moved: the best remaining match of each left-over sentence.
  std::vector<bool> used_a(n, false), used_b(m, false);
  for (const auto& p : al.pairs) used_a[p.a] = used_b[p.b] = true;
  for (size_t i = 0; i < n; ++i) {
    if (used_a[i]) continue;
    size_t best_j = m;
    // A moved sentence is looked for a little more loosely: it has no neighbours to confirm it,
    // but only sentences left over by the ordered chain compete.
    double best_sim = 0.8 * min_similarity;
    for (size_t j = 0; j < m; ++j) {
      if (!used_b[j] && sim[i][j] >= best_sim) {
        best_sim = sim[i][j];
        best_j = j;
      }
    }
    if (best_j < m) {
      al.pairs.push_back({i, best_j, best_sim, true});
      used_a[i] = used_b[best_j] = true;
    }
  }
  std::sort(al.pairs.begin(), al.pairs.end(),
            [](const AlignedPair& x, const AlignedPair& y) { return x.a < y.a; });
  size_t comparable_a = 0, comparable_b = 0;
  for (const auto& s : sa) comparable_a += s.size() >= kMinStems;
  for (const auto& s : sb) comparable_b += s.size() >= kMinStems;
  size_t shorter = std::min(comparable_a, comparable_b);
  double total = 0;
  for (const auto& p : al.pairs) total += p.similarity;
  al.coverage = shorter == 0 ? 0 : std::min(1.0, static_cast<double>(al.pairs.size()) / shorter);
  al.mean_similarity = al.pairs.empty() ? 0 : total / static_cast<double>(al.pairs.size());
  return al;
}

CopyMatch CompareArticles(const std::vector<std::string>& a, const std::vector<std::string>& b,
                          const DedupOptions& options) {
  return CompareArticles(Features(a), Features(b), options);
}

namespace {
// The two articles have about as many sentences (a copy, not a longer or shorter story).
bool SameLength(const ArticleFeatures& a, const ArticleFeatures& b) {
  size_t n = a.sentences.size(), m = b.sentences.size();
  return std::min(n, m) * 5 >= std::max(n, m) * 4;
}
}  // namespace

CopyMatch CompareArticles(const ArticleFeatures& a, const ArticleFeatures& b,
                          const DedupOptions& options) {
  CopyMatch m;
  if (a.sentences == b.sentences) {
    m.relation = CopyRelation::kExact;
    m.similarity = 1;
    return m;
  }
  if (std::min(a.words.size(), b.words.size()) < options.min_content_words) return m;
  double j5 = ShingleJaccard(a.words, b.words);
  if (j5 >= options.near_threshold) {
    m.relation = CopyRelation::kNearDuplicate;
    m.similarity = j5;
    return m;
  }
  // Reworded copies keep their names and figures.
  if (Containment(a.names, b.names) < options.name_containment ||
      Containment(a.numbers, b.numbers) < options.number_containment) {
    return m;
  }
  Alignment al = AlignSentences(a, b, options.sentence_match);
  double similarity = al.coverage * al.mean_similarity;
  if (al.coverage >= 0.8 && al.mean_similarity >= 0.8) {
    // Nearly every sentence the same: a lightly edited, extended or truncated version.
    m.relation = CopyRelation::kNearDuplicate;
    m.similarity = similarity;
  } else if (al.coverage >= options.reword_coverage && similarity >= options.reword_similarity &&
             (similarity >= 0.4 || (al.coverage >= 0.7 && SameLength(a, b)))) {
    // A loosely reworded copy must still match sentence for sentence, at the same length:
    // articles that only share some sentences at this similarity are follow-ups on the same
    // story.
    m.relation = CopyRelation::kReworded;
    m.similarity = similarity;
  }
  return m;
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
