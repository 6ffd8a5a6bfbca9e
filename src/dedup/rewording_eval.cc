// dyad eval rewording: the sentence-level rewording signal on MSRP and Clough-Stevenson.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "dyad/dedup.h"
#include "dyad/text.h"
#include "util/file.h"

namespace dyad {

namespace {

struct Pair {
  bool paraphrase;
  std::string a, b;
};

// MSRP TSV: quality, id1, id2, string1, string2 (a UTF-8 BOM, maybe a header line).
Result<std::vector<Pair>> ReadMsrp(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::vector<Pair> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');) f.push_back(x);
    if (f.size() < 5 || (f[0] != "0" && f[0] != "1")) continue;  // header or bad line
    out.push_back({f[0] == "1", f[3], f[4]});
  }
  if (out.empty()) return Status::InvalidArgument(path + ": no MSRP pairs");
  return out;
}

BinaryScores Score(const std::vector<double>& p, const std::vector<bool>& y, double threshold) {
  size_t tp = 0, fp = 0, fn = 0, tn = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    bool pred = p[i] >= threshold;
    (pred ? (y[i] ? tp : fp) : (y[i] ? fn : tn)) += 1;
  }
  BinaryScores s;
  s.pairs = p.size();
  s.accuracy = p.empty() ? 0 : static_cast<double>(tp + tn) / static_cast<double>(p.size());
  s.precision = tp + fp == 0 ? 0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
  s.recall = tp + fn == 0 ? 0 : static_cast<double>(tp) / static_cast<double>(tp + fn);
  s.f1 = s.precision + s.recall == 0 ? 0 : 2 * s.precision * s.recall / (s.precision + s.recall);
  return s;
}

std::vector<std::string> Sentences(const std::string& text) {
  SentenceSplitter splitter;
  std::vector<std::string> out;
  for (const auto& span : splitter.Split(text)) out.emplace_back(span.in(text));
  return out;
}

}  // namespace

double ReuseScore(const std::vector<std::string>& source, const std::vector<std::string>& derived) {
  if (derived.empty()) return 0;
  double total = 0;
  for (const std::string& d : derived) {
    double best = 0;
    for (const std::string& s : source) {
      best = std::max(best, RewordingProbability(SentencePairFeatures(s, d)));
    }
    total += best;
  }
  return total / static_cast<double>(derived.size());
}

Result<RewordingEvaluation> EvaluateRewording(const std::string& msrp_dir,
                                              const std::string& reuse_dir) {
  auto train = ReadMsrp(msrp_dir + "/msr_paraphrase_train.txt");
  if (!train.ok()) return train.status();
  auto test = ReadMsrp(msrp_dir + "/msr_paraphrase_test.txt");
  if (!test.ok()) return test.status();
  auto features = [](const std::vector<Pair>& v, std::vector<RewordingFeatures>* x,
                     std::vector<bool>* y) {
    for (const Pair& p : v) {
      x->push_back(SentencePairFeatures(p.a, p.b));
      y->push_back(p.paraphrase);
    }
  };
  std::vector<RewordingFeatures> xtr, xte;
  std::vector<bool> ytr, yte;
  features(*train, &xtr, &ytr);
  features(*test, &xte, &yte);
  RewordingEvaluation ev;
  ev.model = FitRewordingModel(xtr, ytr);
  auto probs = [&](const std::vector<RewordingFeatures>& x) {
    std::vector<double> p;
    for (const auto& f : x) p.push_back(RewordingProbability(f, ev.model));
    return p;
  };
  ev.train = Score(probs(xtr), ytr, ev.model.threshold);
  ev.test = Score(probs(xte), yte, ev.model.threshold);
  // The plain stem-Jaccard signal, its threshold chosen on train for accuracy.
  std::vector<double> jtr, jte;
  for (const auto& f : xtr) jtr.push_back(f.stem_jaccard);
  for (const auto& f : xte) jte.push_back(f.stem_jaccard);
  double best_acc = -1;
  for (int t = 0; t <= 100; ++t) {
    double acc = Score(jtr, ytr, t / 100.0).accuracy;
    if (acc > best_acc) {
      best_acc = acc;
      ev.jaccard_threshold = t / 100.0;
    }
  }
  ev.jaccard_test = Score(jte, yte, ev.jaccard_threshold);
  if (!reuse_dir.empty()) {
    std::ifstream info(reuse_dir + "/file_information.csv");
    if (!info) return Status::NotFound(reuse_dir + "/file_information.csv: cannot open");
    std::map<std::string, std::vector<double>> by_level;
    std::string line;
    std::getline(info, line);  // header
    // The model behind ReuseScore is the default one, so the distribution shows what dedup
    // sees; refitting it here would not change the ordering of levels.
    while (std::getline(info, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
      if (f.size() < 3 || f[2] == "orig") continue;
      std::string derived, source;
      DYAD_RETURN_IF_ERROR(ReadFile(reuse_dir + "/" + f[0], &derived));
      DYAD_RETURN_IF_ERROR(ReadFile(reuse_dir + "/orig_task" + f[1] + ".txt", &source));
      by_level[f[2]].push_back(ReuseScore(Sentences(source), Sentences(derived)));
    }
    for (const char* level : {"cut", "light", "heavy", "non"}) {
      auto it = by_level.find(level);
      if (it != by_level.end()) ev.reuse.push_back({level, it->second});
    }
  }
  return ev;
}

}  // namespace dyad
