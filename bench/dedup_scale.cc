// Dedup at scale: signature + LSH lookup over a growing stream of articles (Reuters stories
// and perturbed replicas of them: words swapped, sentences dropped, so replicas are near and
// reworded copies rather than exact ones), reporting articles/s and memory at checkpoints, so
// growth can be seen to be linear. One core. The baseline in the same run is content-word
// extraction alone (the part no index can avoid). "candidates" counts the articles that would
// be verified (sharing at least kMinSharedBands keys).
//
//   build/bench_dedup_scale [TOTAL_ARTICLES]   (default 1,000,000)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "corpus.h"
#include "dedup/band_index.h"
#include "dyad/dedup.h"

namespace {

long PeakRssMb() {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

// A replica: every word replaced with probability 0.15 by a random corpus word, and each
// sentence dropped with probability 0.1.
std::string Perturb(const std::string& text, const std::vector<std::string>& vocab,
                    std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_int_distribution<size_t> pick(0, vocab.size() - 1);
  std::string out, word;
  bool drop = u(rng) < 0.1;
  for (char c : text + " ") {
    if (c == ' ' || c == '\n') {
      if (!word.empty() && !drop) {
        out += u(rng) < 0.15 ? vocab[pick(rng)] : word;
        out += c;
      }
      if (!word.empty() && (word.back() == '.' || c == '\n')) drop = u(rng) < 0.1;
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = DYAD_SHARED_DIR "/corpora/reuters21578";
  if (!std::filesystem::is_directory(dir)) {
    std::printf("bench_dedup_scale: %s is absent; nothing to measure\n", dir.c_str());
    return 0;
  }
  const size_t total = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  auto docs = dyad::bench::LoadReuters(dir);
  std::vector<std::string> vocab;
  for (size_t i = 0; i < docs.size() && vocab.size() < 50000; i += 7) {
    std::string w;
    for (char c : docs[i].text) {
      if (c == ' ' || c == '\n') {
        if (w.size() > 3) vocab.push_back(w);
        w.clear();
      } else {
        w.push_back(c);
      }
    }
  }
  std::printf(
      "signature + LSH lookup over %zu articles (%zu Reuters stories, then perturbed "
      "replicas); target >= 20,000 articles/s per core, linear growth\n",
      total, docs.size());
  std::printf("%10s %12s %14s %16s %12s %12s\n", "articles", "seconds", "articles/s",
              "words only /s", "candidates", "peak RSS MB");
  // The index dedup itself uses (src/dedup/band_index.h), without dedup's size cap.
  dyad::dedup::BandIndex index;
  std::mt19937_64 rng(42);
  size_t candidates = 0;
  double seconds = 0, words_seconds = 0;
  size_t next_report = 100000;
  for (size_t n = 0; n < total; ++n) {
    const auto& d = docs[n % docs.size()];
    std::string text = n < docs.size() ? d.text : Perturb(d.text, vocab, rng);
    auto t0 = std::chrono::steady_clock::now();
    auto words = dyad::ContentWords(text);
    auto t1 = std::chrono::steady_clock::now();
    auto keys = dyad::BandKeys(dyad::MinHash(dyad::StemFeatures(words)));
    const auto id = static_cast<int64_t>(n) + 1;  // store ids start at 1
    candidates += index.SharingBands(keys, id, dyad::kMinSharedBands, dyad::kMaxBandMembers).size();
    index.Add(keys, id);
    auto t2 = std::chrono::steady_clock::now();
    words_seconds += std::chrono::duration<double>(t1 - t0).count();
    seconds += std::chrono::duration<double>(t2 - t0).count();
    if (n + 1 == next_report || n + 1 == total) {
      std::printf("%10zu %12.1f %14.0f %16.0f %12zu %12ld\n", n + 1, seconds,
                  static_cast<double>(n + 1) / seconds, static_cast<double>(n + 1) / words_seconds,
                  candidates, PeakRssMb());
      std::fflush(stdout);
      next_report = next_report < 250000 ? 250000 : next_report * 2;
    }
  }
  return 0;
}
