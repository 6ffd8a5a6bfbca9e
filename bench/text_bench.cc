// Throughput of the text stages on real corpora, single thread: clean, split, tokenize, and
// the three chained, on BBC News and Reuters-21578 bodies. A memchr scan over the same bytes
// is the baseline in the same run (what touching every byte costs on this machine).
// Target (issue 2): clean + split + tokenize >= 50 MB/s per core.
//
//   build/bench_text                       # all
//   build/bench_text --benchmark_filter=Chain
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <filesystem>

#include "corpus.h"
#include "dyad/clean.h"
#include "dyad/text.h"

namespace {

using dyad::bench::Doc;

const std::vector<Doc>& Corpus(int which) {
  static const std::vector<Doc> bbc =
      dyad::bench::LoadBbc(DYAD_SHARED_DIR "/corpora/bbc-news-2225");
  static const std::vector<Doc> reuters =
      dyad::bench::LoadReuters(DYAD_SHARED_DIR "/corpora/reuters21578");
  return which == 0 ? bbc : reuters;
}

void SetCounters(benchmark::State& state, const std::vector<Doc>& docs) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * dyad::bench::TotalBytes(docs)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
  state.counters["articles"] = static_cast<double>(docs.size());
  state.counters["MB"] = static_cast<double>(dyad::bench::TotalBytes(docs)) / 1e6;
}

void BM_Baseline_Memchr(benchmark::State& state) {
  const auto& docs = Corpus(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    size_t lines = 0;
    for (const Doc& d : docs) {
      const char* p = d.text.data();
      const char* end = p + d.text.size();
      while ((p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr) {
        ++lines;
        ++p;
      }
    }
    benchmark::DoNotOptimize(lines);
  }
  SetCounters(state, docs);
}

void BM_Clean(benchmark::State& state) {
  const auto& docs = Corpus(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    for (const Doc& d : docs) {
      dyad::CleanedText c = dyad::Clean(d.text);
      benchmark::DoNotOptimize(c.text.data());
    }
  }
  SetCounters(state, docs);
}

std::vector<std::string> Cleaned(const std::vector<Doc>& docs) {
  std::vector<std::string> out;
  for (const Doc& d : docs) out.push_back(dyad::Clean(d.text).text);
  return out;
}

void BM_Split(benchmark::State& state) {
  const auto& docs = Corpus(static_cast<int>(state.range(0)));
  std::vector<std::string> texts = Cleaned(docs);
  dyad::SentenceSplitter splitter;
  std::vector<dyad::Span> spans;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      spans.clear();
      splitter.Split(t, &spans);
      benchmark::DoNotOptimize(spans.data());
    }
  }
  SetCounters(state, docs);
}

void BM_Tokenize(benchmark::State& state) {
  const auto& docs = Corpus(static_cast<int>(state.range(0)));
  std::vector<std::string> texts = Cleaned(docs);
  std::vector<dyad::Token> tokens;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      tokens.clear();
      dyad::Tokenize(t, &tokens);
      benchmark::DoNotOptimize(tokens.data());
    }
  }
  SetCounters(state, docs);
}

// What the pipeline does per article before storing it.
void BM_Chain_CleanSplitTokenize(benchmark::State& state) {
  const auto& docs = Corpus(static_cast<int>(state.range(0)));
  dyad::SentenceSplitter splitter;
  std::vector<dyad::Span> spans;
  std::vector<dyad::Token> tokens;
  for (auto _ : state) {
    for (const Doc& d : docs) {
      dyad::CleanedText c = dyad::Clean(d.text);
      spans.clear();
      splitter.Split(c.text, &spans);
      for (const dyad::Span& s : spans) {
        tokens.clear();
        dyad::Tokenize(s.in(c.text), &tokens, s.begin);
        benchmark::DoNotOptimize(tokens.data());
      }
    }
  }
  SetCounters(state, docs);
}

void Corpora(benchmark::internal::Benchmark* b) {
  b->ArgName("corpus")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(0.5);
}

BENCHMARK(BM_Baseline_Memchr)->Apply(Corpora);
BENCHMARK(BM_Clean)->Apply(Corpora);
BENCHMARK(BM_Split)->Apply(Corpora);
BENCHMARK(BM_Tokenize)->Apply(Corpora);
BENCHMARK(BM_Chain_CleanSplitTokenize)->Apply(Corpora);

}  // namespace

int main(int argc, char** argv) {
  if (!std::filesystem::is_directory(DYAD_SHARED_DIR "/corpora")) {
    std::printf("bench_text: %s/corpora is absent; nothing to measure\n", DYAD_SHARED_DIR);
    return 0;
  }
  std::printf(
      "corpus 0 = BBC News 2225 (%zu articles, %.1f MB), corpus 1 = Reuters-21578 bodies "
      "(%zu articles, %.1f MB)\n",
      Corpus(0).size(), dyad::bench::TotalBytes(Corpus(0)) / 1e6, Corpus(1).size(),
      dyad::bench::TotalBytes(Corpus(1)) / 1e6);
  std::printf("target: Chain_CleanSplitTokenize >= 50 MB/s (bytes_per_second) per core\n");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
