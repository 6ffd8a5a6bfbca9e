// Dedup kernels: content words + MinHash signature + LSH band keys per article, and the band
// lookup against an in-memory index of every article seen, on Reuters stories (one core).
// The baseline in the same run is tokenizing the same text. Target (issue 5): >= 20,000
// articles/s per core for signature + LSH lookup.
//
//   build/bench_dedup
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <unordered_map>

#include "corpus.h"
#include "dyad/dedup.h"
#include "dyad/text.h"

namespace {

const std::string kCorpora = DYAD_SHARED_DIR "/corpora";

const std::vector<dyad::bench::Doc>& Docs() {
  static const auto docs = dyad::bench::LoadReuters(kCorpora + "/reuters21578");
  return docs;
}

void BM_Baseline_Tokenize(benchmark::State& state) {
  std::vector<dyad::Token> toks;
  for (auto _ : state) {
    for (const auto& d : Docs()) {
      toks.clear();
      dyad::Tokenize(d.text, &toks);
      benchmark::DoNotOptimize(toks.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Docs().size()));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * dyad::bench::TotalBytes(Docs())));
}

void BM_ContentWords(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& d : Docs()) benchmark::DoNotOptimize(dyad::ContentWords(d.text).size());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Docs().size()));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * dyad::bench::TotalBytes(Docs())));
}

// Signature and band keys, and the lookup of each article's bands in an index of all the
// articles before it (as dyad dedup does against the store), then its insertion.
void BM_SignatureAndLshLookup(benchmark::State& state) {
  size_t candidates = 0;
  for (auto _ : state) {
    std::unordered_map<uint64_t, std::vector<uint32_t>> index;
    index.reserve(Docs().size() * dyad::kBands);
    uint32_t id = 0;
    for (const auto& d : Docs()) {
      auto keys = dyad::BandKeys(dyad::MinHash(dyad::StemFeatures(dyad::ContentWords(d.text))));
      for (uint64_t k : keys) {
        // As the store does: a band shared by more than kMaxBandMembers articles (templated
        // stories) says nothing and is not followed.
        auto it = index.find(k);
        if (it == index.end() || it->second.size() > dyad::kMaxBandMembers) continue;
        candidates += it->second.size();
      }
      for (uint64_t k : keys) index[k].push_back(id);
      ++id;
    }
    benchmark::DoNotOptimize(candidates);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Docs().size()));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * dyad::bench::TotalBytes(Docs())));
  state.counters["articles"] = static_cast<double>(Docs().size());
  state.counters["index_bytes_per_article"] =
      static_cast<double>(dyad::kBands * (sizeof(uint64_t) + sizeof(uint32_t) + sizeof(void*)));
  state.counters["candidates_per_article"] =
      static_cast<double>(candidates) / static_cast<double>(state.iterations() * Docs().size());
}

BENCHMARK(BM_Baseline_Tokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ContentWords)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SignatureAndLshLookup)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

int main(int argc, char** argv) {
  if (!std::filesystem::is_directory(kCorpora)) {
    std::printf("bench_dedup: %s is absent; nothing to measure\n", kCorpora.c_str());
    return 0;
  }
  std::printf("target (issue 5): signature + LSH lookup >= 20,000 articles/s per core\n");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
