// Temporal expression tagging throughput on the BBC News corpus, single thread. The baseline
// in the same run is dyad's tokenizer alone over the same bytes (the tagger scans its own
// light tokens, so tagging should cost about as much as tokenizing).
//
//   build/bench_timex
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "corpus.h"
#include "dyad/text.h"
#include "dyad/timex.h"

namespace {

using dyad::bench::Doc;

const std::vector<Doc>& Bbc() {
  static const std::vector<Doc> docs = [] {
    auto d = dyad::bench::LoadBbc(DYAD_SHARED_DIR "/corpora/bbc-news-2225");
    if (d.empty()) {
      std::fprintf(stderr, "BBC corpus not found under ../shared/corpora\n");
      std::exit(77);
    }
    return d;
  }();
  return docs;
}

void SetCounters(benchmark::State& state, const std::vector<Doc>& docs) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * dyad::bench::TotalBytes(docs)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
  state.counters["articles"] = static_cast<double>(docs.size());
  state.counters["MB"] = static_cast<double>(dyad::bench::TotalBytes(docs)) / 1e6;
}

void BM_Baseline_Tokenize(benchmark::State& state) {
  const auto& docs = Bbc();
  std::vector<dyad::Token> tokens;
  for (auto _ : state) {
    for (const Doc& d : docs) {
      tokens.clear();
      dyad::Tokenize(d.text, &tokens);
      benchmark::DoNotOptimize(tokens.data());
    }
  }
  SetCounters(state, docs);
}

void BM_TagTimexes(benchmark::State& state) {
  const auto& docs = Bbc();
  size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const Doc& d : docs) {
      // The BBC articles are from 2004-2005 and carry no date; anchor them all mid-2005.
      auto r = dyad::TagTimexes(d.text, "2005-06-30");
      found += r.ok() ? r->size() : 0;
      benchmark::DoNotOptimize(r);
    }
  }
  state.counters["timexes"] = static_cast<double>(found);
  SetCounters(state, docs);
}

BENCHMARK(BM_Baseline_Tokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagTimexes)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
