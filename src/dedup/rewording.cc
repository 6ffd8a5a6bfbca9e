// The sentence-level rewording signal and its fitting.
#include <algorithm>
#include <cmath>

#include "dedup/sorted.h"
#include "dyad/dedup.h"

namespace dyad {

namespace {

std::vector<std::string> LowerWords(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    bool word = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                u >= 0x80 || c == '.' || c == '%' || c == '$';
    if (word) {
      cur.push_back(u >= 'A' && u <= 'Z' ? static_cast<char>(u - 'A' + 'a') : c);
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  for (std::string& w : out) {
    while (!w.empty() && w.back() == '.') w.pop_back();
  }
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

template <typename T>
std::pair<size_t, size_t> Overlap(std::vector<T> a, std::vector<T> b) {  // common, union
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  std::sort(b.begin(), b.end());
  b.erase(std::unique(b.begin(), b.end()), b.end());
  size_t common = dedup::CountCommon(a, b);
  return {common, a.size() + b.size() - common};
}

double Ratio(std::pair<size_t, size_t> p) {
  return p.second == 0 ? 0.0 : static_cast<double>(p.first) / static_cast<double>(p.second);
}

std::vector<double> Vector(const RewordingFeatures& f) {
  return {1.0,
          f.stem_jaccard,
          f.stem_containment,
          f.word_jaccard,
          f.bigram_jaccard,
          f.numbers_agree,
          f.length_ratio};
}

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Fitted on MSRP train (4,076 pairs): bias, stem Jaccard, stem containment, word Jaccard,
// bigram Jaccard, numbers agree, length ratio.
constexpr double kWeights[] = {-4.7621, 3.0491, -0.2203, 4.0789, -1.1023, 0.4333, 2.5901};
constexpr double kThreshold = 0.4670;

}  // namespace

RewordingFeatures SentencePairFeatures(std::string_view a, std::string_view b) {
  RewordingFeatures f;
  std::vector<std::string> sa, sb;
  for (ContentWord& w : ContentWords(a)) sa.push_back(std::move(w.stem));
  for (ContentWord& w : ContentWords(b)) sb.push_back(std::move(w.stem));
  auto stems = Overlap(sa, sb);
  f.stem_jaccard = Ratio(stems);
  size_t da = stems.second, shorter = std::min(sa.size(), sb.size());
  (void)da;
  f.stem_containment =
      shorter == 0 ? 0.0
                   : std::min(1.0, static_cast<double>(stems.first) / static_cast<double>(shorter));
  std::vector<std::string> wa = LowerWords(a), wb = LowerWords(b);
  f.word_jaccard = Ratio(Overlap(wa, wb));
  auto bigrams = [](const std::vector<std::string>& w) {
    std::vector<std::string> out;
    for (size_t i = 0; i + 1 < w.size(); ++i) out.push_back(w[i] + ' ' + w[i + 1]);
    return out;
  };
  f.bigram_jaccard = Ratio(Overlap(bigrams(wa), bigrams(wb)));
  auto numbers = [](const std::vector<std::string>& w) {
    std::vector<std::string> out;
    for (const std::string& x : w) {
      if (std::any_of(x.begin(), x.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        out.push_back(x);
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  f.numbers_agree = numbers(wa) == numbers(wb) ? 1.0 : 0.0;
  size_t la = wa.size(), lb = wb.size();
  f.length_ratio = std::max(la, lb) == 0 ? 1.0
                                         : static_cast<double>(std::min(la, lb)) /
                                               static_cast<double>(std::max(la, lb));
  return f;
}

const RewordingModel& DefaultRewordingModel() {
  // Fitted on the MSRP training pairs with FitRewordingModel (dyad eval rewording prints
  // the same numbers); see docs/dedup.md.
  static const RewordingModel m{std::vector<double>(std::begin(kWeights), std::end(kWeights)),
                                kThreshold};
  return m;
}

double RewordingProbability(const RewordingFeatures& f, const RewordingModel& model) {
  std::vector<double> x = Vector(f);
  double z = 0;
  for (size_t i = 0; i < x.size() && i < model.weights.size(); ++i) z += model.weights[i] * x[i];
  return Sigmoid(z);
}

RewordingModel FitRewordingModel(const std::vector<RewordingFeatures>& x,
                                 const std::vector<bool>& y) {
  RewordingModel m;
  const size_t d = Vector(RewordingFeatures{}).size();
  m.weights.assign(d, 0.0);
  if (x.empty()) return m;
  std::vector<std::vector<double>> xs;
  for (const auto& f : x) xs.push_back(Vector(f));
  const double rate = 0.5, l2 = 1e-4;
  for (int it = 0; it < 3000; ++it) {
    std::vector<double> grad(d, 0.0);
    for (size_t i = 0; i < xs.size(); ++i) {
      double z = 0;
      for (size_t k = 0; k < d; ++k) z += m.weights[k] * xs[i][k];
      double err = Sigmoid(z) - (y[i] ? 1.0 : 0.0);
      for (size_t k = 0; k < d; ++k) grad[k] += err * xs[i][k];
    }
    for (size_t k = 0; k < d; ++k) {
      m.weights[k] -=
          rate * (grad[k] / static_cast<double>(xs.size()) + (k ? l2 * m.weights[k] : 0));
    }
  }
  // The threshold with the best accuracy + F1 on the fitting data (both matter to users:
  // accuracy over all pairs, F1 over the copies found).
  std::vector<std::pair<double, bool>> scored;
  for (size_t i = 0; i < x.size(); ++i) scored.emplace_back(RewordingProbability(x[i], m), y[i]);
  std::sort(scored.begin(), scored.end());
  const auto positives = static_cast<double>(std::count(y.begin(), y.end(), true));
  const auto total = static_cast<double>(scored.size());
  // Predicting positive for scores >= scored[k]: negatives below k are right, positives from
  // k on are found.
  double neg_below = 0, pos_below = 0, best = -1, best_t = 0.5;
  for (size_t k = 0; k <= scored.size(); ++k) {
    double tp = positives - pos_below;
    double predicted = total - static_cast<double>(k);
    double accuracy = (neg_below + tp) / total;
    double f1 = predicted + positives == 0 ? 0 : 2 * tp / (predicted + positives);
    if (accuracy + f1 > best) {
      best = accuracy + f1;
      best_t = k < scored.size() ? scored[k].first : 1.0;
    }
    if (k < scored.size()) (scored[k].second ? pos_below : neg_below) += 1;
  }
  m.threshold = best_t;
  return m;
}

}  // namespace dyad
