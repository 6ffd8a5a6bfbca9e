// Place-name tagging throughput on the BBC News corpus, single thread, with dyad's tokenizer
// over the same bytes as the baseline in the same run, and the gazetteer's load times: from the
// sources with the compiled cache off, cold (no compiled image: build from the sources, then
// write the image) and warm (read the image). The bench uses a cache folder of its own
// (DYAD_CACHE_DIR), removed at the end.
//
//   build/bench_geo
//   build/bench_geo --benchmark_filter=Load
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "corpus.h"
#include "dyad/geo.h"
#include "dyad/text.h"

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

const dyad::geo::Gazetteer& Gaz() {
  auto g = dyad::geo::Gazetteer::Default();
  if (!g.ok()) {
    std::fprintf(stderr, "%s\n", g.status().ToString().c_str());
    std::exit(77);
  }
  return **g;
}

void SetCounters(benchmark::State& state, const std::vector<Doc>& docs) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * dyad::bench::TotalBytes(docs)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
  state.counters["articles"] = static_cast<double>(docs.size());
  state.counters["MB"] = static_cast<double>(dyad::bench::TotalBytes(docs)) / 1e6;
}

std::string& CacheDir() {
  static std::string dir;
  return dir;
}

void LoadOnce(benchmark::State& state, size_t* places) {
  auto g = dyad::geo::Gazetteer::Load(dyad::geo::DefaultGazetteerPaths());
  if (!g.ok()) {
    state.SkipWithError(g.status().ToString().c_str());
    return;
  }
  *places = (*g)->size();
  benchmark::DoNotOptimize(*places);
}

// From the sources, the cache off (what every load cost before the cache).
void BM_LoadGazetteer_NoCache(benchmark::State& state) {
  size_t places = 0;
  ::setenv("DYAD_CACHE_DIR", "off", 1);
  for (auto _ : state) LoadOnce(state, &places);
  ::setenv("DYAD_CACHE_DIR", CacheDir().c_str(), 1);
  state.counters["places"] = static_cast<double>(places);
}

// Cold: no compiled image, so built from the sources and the image written.
void BM_LoadGazetteer_Cold(benchmark::State& state) {
  size_t places = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(CacheDir());
    state.ResumeTiming();
    LoadOnce(state, &places);
  }
  state.counters["places"] = static_cast<double>(places);
}

// Warm: read from the compiled image.
void BM_LoadGazetteer_Warm(benchmark::State& state) {
  size_t places = 0;
  LoadOnce(state, &places);  // writes the image if there is none
  for (auto _ : state) LoadOnce(state, &places);
  state.counters["places"] = static_cast<double>(places);
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

void BM_TagPlaces(benchmark::State& state) {
  const auto& docs = Bbc();
  const auto& g = Gaz();
  size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const Doc& d : docs) {
      auto r = dyad::geo::TagPlaces(g, d.text);
      found += r.size();
      benchmark::DoNotOptimize(r.data());
    }
  }
  state.counters["places"] = static_cast<double>(found);
  SetCounters(state, docs);
}

BENCHMARK(BM_LoadGazetteer_NoCache)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_LoadGazetteer_Cold)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_LoadGazetteer_Warm)->Unit(benchmark::kMillisecond)->Iterations(20);
BENCHMARK(BM_Baseline_Tokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagPlaces)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  dyad::bench::PrivateCacheDir cache("geo");
  CacheDir() = cache.path();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
