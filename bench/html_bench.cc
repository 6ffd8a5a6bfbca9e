// Throughput of HTML extraction on the trafilatura evaluation pages (990 real pages, read in
// place from ../shared), single thread, against baselines in the same run: gumbo parsing
// alone (what any DOM-based extractor pays) and extraction plus language identification.
//
//   build/bench_html
//   build/bench_html --benchmark_filter=Extract
#include <benchmark/benchmark.h>
#include <gumbo.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "dyad/html.h"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> LoadPages() {
  std::vector<std::string> pages;
  std::string dir = DYAD_SHARED_DIR "/corpora/trafilatura-eval/html";
  std::error_code ec;
  std::vector<std::string> files;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    gzFile g = gzopen(f.c_str(), "rb");
    if (g == nullptr) continue;
    std::string raw;
    char buf[1 << 16];
    int n;
    while ((n = gzread(g, buf, sizeof buf)) > 0) raw.append(buf, static_cast<size_t>(n));
    gzclose(g);
    std::string out, enc, note, reason;
    if (dyad::DecodeHtml(raw, "", &out, &enc, &note, &reason)) pages.push_back(std::move(out));
  }
  return pages;
}

const std::vector<std::string>& Pages() {
  static const std::vector<std::string> pages = LoadPages();
  return pages;
}

bool Setup(benchmark::State& state) {
  if (Pages().empty()) {
    state.SkipWithError("../shared/corpora/trafilatura-eval is absent");
    return false;
  }
  return true;
}

void Count(benchmark::State& state) {
  size_t bytes = 0;
  for (const std::string& p : Pages()) bytes += p.size();
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Pages().size()));
  state.counters["pages"] = static_cast<double>(Pages().size());
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

void BM_Baseline_GumboParse(benchmark::State& state) {
  if (!Setup(state)) return;
  for (auto _ : state) {
    for (const std::string& p : Pages()) {
      GumboOutput* g = gumbo_parse_with_options(&kGumboDefaultOptions, p.data(), p.size());
      benchmark::DoNotOptimize(g);
      gumbo_destroy_output(&kGumboDefaultOptions, g);
    }
  }
  Count(state);
}
BENCHMARK(BM_Baseline_GumboParse)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_Extract(benchmark::State& state) {
  if (!Setup(state)) return;
  for (auto _ : state) {
    for (const std::string& p : Pages()) {
      dyad::HtmlExtraction ex = dyad::ExtractHtml(p);
      benchmark::DoNotOptimize(ex.text.data());
    }
  }
  Count(state);
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_ExtractAndLanguage(benchmark::State& state) {
  if (!Setup(state)) return;
  for (auto _ : state) {
    for (const std::string& p : Pages()) {
      dyad::HtmlExtraction ex = dyad::ExtractHtml(p);
      dyad::LanguageGuess g = dyad::IdentifyLanguage(ex.text, ex.meta.html_lang);
      benchmark::DoNotOptimize(g.code.data());
    }
  }
  Count(state);
}
BENCHMARK(BM_ExtractAndLanguage)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
