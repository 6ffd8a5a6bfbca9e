// The whole pipeline on real news, grown to a chosen size: ingest (JSON Lines) -> clean ->
// split -> store -> dedup -> code, as `dyad run` does it, with per-stage times, throughput,
// and peak memory.
//
//   build/bench_pipeline [--mb N ...] [--threads N ...] [--dict PATH ...] [--keep DIR]
//
// Input: Reuters-21578 and BBC News from ../shared/corpora, repeated as perturbed replicas
// until the input reaches N MB (default 64): replica k of an article has one word in nine
// replaced by another word of the corpus and its numbers changed, so that the input grows
// without becoming exact copies (dedup still sees the near-copies, as it would in real feeds).
// Dictionaries: the full Phoenix set when present (the target), else dyad's defaults.
// Each size runs once per thread count (default: 1 and all cores) in a fresh store in a
// temporary folder, deleted afterwards, in a child process so that its peak memory and CPU
// time are its own. Baselines in the same run, on one thread, over the same input, in memory:
// the text stages alone (clean, split, tokenize: `text*`) and the text stages with the coder
// on every sentence (`code*`: what coding the input costs with no store, no duplicate
// detection, no dates or places; its MB/s is the most any end-to-end run could reach with
// these dictionaries on one core).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "corpus.h"
#include "dyad/clean.h"
#include "dyad/dedup.h"
#include "dyad/diagnostics.h"
#include "dyad/pipeline.h"
#include "dyad/tabari.h"
#include "dyad/text.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// CPU seconds (user + system, all threads) this process has used so far.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Replica `k` of `text`: every ninth word (from a k-dependent offset) replaced by a word of
// the vocabulary, digits shifted by k.
std::string Perturb(const std::string& text, size_t k, const std::vector<std::string>& vocab,
                    std::mt19937_64& rng) {
  if (k == 0) return text;
  std::string out;
  out.reserve(text.size() + 16);
  size_t word = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (std::isalpha(static_cast<unsigned char>(text[i]))) {
      size_t j = i;
      while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
      if ((word + k) % 9 == 0 && !vocab.empty()) {
        out += vocab[rng() % vocab.size()];
      } else {
        out.append(text, i, j - i);
      }
      ++word;
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(text[i]))) {
      out += static_cast<char>('0' + (text[i] - '0' + k) % 10);
      ++i;
    } else {
      out += text[i++];
    }
  }
  return out;
}

// Seconds to read the JSON Lines `input`, clean and split every article, and call
// fn(sentence) on each sentence, on this thread.
template <typename Fn>
double TimeSentences(const std::filesystem::path& input, Fn fn) {
  std::ifstream in(input, std::ios::binary);
  std::string line;
  dyad::SentenceSplitter splitter;
  std::vector<dyad::Span> spans;
  auto t0 = Clock::now();
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    auto c = dyad::Clean(j["text"].get<std::string>());
    spans.clear();
    splitter.Split(c.text, &spans);
    for (const auto& s : spans) fn(s.in(c.text));
  }
  return Since(t0);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<double> sizes;
  std::vector<size_t> thread_counts;
  std::vector<std::string> dicts;
  std::string keep;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--mb" && i + 1 < argc) {
      sizes.push_back(std::stod(argv[++i]));
    } else if (a == "--threads" && i + 1 < argc) {
      thread_counts.push_back(static_cast<size_t>(std::stoul(argv[++i])));
    } else if (a == "--dict" && i + 1 < argc) {
      dicts.emplace_back(argv[++i]);
    } else if (a == "--keep" && i + 1 < argc) {
      keep = argv[++i];
    } else {
      std::fprintf(stderr,
                   "usage: bench_pipeline [--mb N ...] [--threads N ...] [--dict PATH ...] "
                   "[--keep DIR]\n");
      return 1;
    }
  }
  if (sizes.empty()) sizes = {64};
  const size_t cores = static_cast<size_t>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
  if (thread_counts.empty())
    thread_counts = cores > 1 ? std::vector<size_t>{1, cores} : std::vector<size_t>{1};
  const std::string shared = DYAD_SHARED_DIR;
  auto docs = dyad::bench::LoadReuters(shared + "/corpora/reuters21578");
  auto bbc = dyad::bench::LoadBbc(shared + "/corpora/bbc-news-2225");
  docs.insert(docs.end(), bbc.begin(), bbc.end());
  if (docs.empty()) {
    std::printf("bench_pipeline: ../shared/corpora not found; nothing to measure\n");
    return 0;
  }
  if (dicts.empty()) {
    std::string phoenix = shared + "/reference/petrarch2/dictionaries";
    if (fs::is_directory(phoenix)) {
      dicts.push_back(phoenix);
    } else {
      dicts.push_back(dyad::DefaultDictionaryDir());
    }
  }
  std::vector<std::string> vocab;
  {
    std::mt19937_64 rng(7);
    for (size_t n = 0; n < 20000; ++n) {
      const auto& t = docs[rng() % docs.size()].text;
      size_t at = rng() % (t.size() + 1);
      while (at < t.size() && !std::isalpha(static_cast<unsigned char>(t[at]))) ++at;
      size_t e = at;
      while (e < t.size() && std::isalpha(static_cast<unsigned char>(t[e]))) ++e;
      if (e > at + 2) vocab.push_back(t.substr(at, e - at));
    }
  }
  dyad::CountingSink quiet(nullptr);
  auto t_load = Clock::now();
  auto set = dyad::tabari::DictionarySet::Load(dicts, quiet, false);
  if (!set.ok()) {
    std::fprintf(stderr, "bench_pipeline: %s\n", set.status().ToString().c_str());
    return 1;
  }
  double load_s = Since(t_load);
  std::printf(
      "dyad whole-pipeline benchmark: %zu source articles (Reuters + BBC), dictionaries "
      "%s (loaded in %.2f s), %zu cores\n",
      docs.size(), dicts[0].c_str(), load_s, cores);
  std::printf("%8s %3s %9s %9s | %8s %8s %8s %8s %8s %8s | %17s | %9s %9s %9s %9s | %8s\n", "input",
              "thr", "articles", "events", "ingest", "dedup", "code", "total", "text*", "code*",
              "CPU s i/d/c", "MB/s", "art/s", "MB/s/core", "code*MB/s", "peakRSS");
  for (double mb : sizes) {
    fs::path dir = keep.empty() ? fs::temp_directory_path() /
                                      ("dyad-bench-pipeline-" + std::to_string(getpid()))
                                : fs::path(keep);
    fs::create_directories(dir);
    fs::path input = dir / "input.jsonl";
    fs::path db = dir / "bench.db";
    fs::remove(db);
    fs::remove(dir / "bench.db-wal");
    fs::remove(dir / "bench.db-shm");
    // The input: replicas until the size is reached.
    size_t bytes = 0, articles = 0;
    {
      std::ofstream out(input, std::ios::binary);
      std::mt19937_64 rng(42);
      const size_t target = static_cast<size_t>(mb * 1e6);
      for (size_t k = 0; bytes < target; ++k) {
        for (size_t d = 0; d < docs.size() && bytes < target; ++d) {
          nlohmann::json j = {{"id", docs[d].id + "-" + std::to_string(k)},
                              {"text", Perturb(docs[d].text, k, vocab, rng)}};
          if (!docs[d].date.empty()) j["date"] = docs[d].date;
          if (!docs[d].title.empty()) j["title"] = docs[d].title;
          std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
          out << line << '\n';
          bytes += j["text"].get<std::string>().size();
          ++articles;
        }
      }
    }
    // Baselines: the text stages alone, then with the coder on every sentence.
    std::vector<dyad::Token> tokens;
    const double text_s = TimeSentences(input, [&tokens](std::string_view sentence) {
      tokens.clear();
      dyad::Tokenize(sentence, &tokens);
    });
    size_t events = 0;
    const double code_only_s = TimeSentences(input, [&](std::string_view sentence) {
      events += (*set)->Code(sentence, 19870301).events.size();
    });
    if (events == 0) std::fprintf(stderr, "bench_pipeline: the coder found no event\n");
    const double mbs = static_cast<double>(bytes) / 1e6;
    for (size_t threads : thread_counts) {
      fs::remove(db);
      fs::remove(dir / "bench.db-wal");
      fs::remove(dir / "bench.db-shm");
      std::fflush(stdout);
      // Each run in a child: its peak RSS and CPU time are its own (wait4), and the store's
      // pages do not linger in this process.
      pid_t pid = fork();
      if (pid < 0) {
        std::perror("bench_pipeline: fork");
        return 1;
      }
      if (pid == 0) {
        char stage_cpu[64] = "";
        dyad::PipelineOptions opt;
        opt.inputs = {input.string()};
        opt.db_path = db.string();
        opt.progress = false;
        opt.threads = threads;
        const double c0 = CpuSeconds();
        auto t0 = Clock::now();
        auto ing = dyad::RunPipeline(opt, quiet);
        double ingest_s = Since(t0);
        const double c1 = CpuSeconds();
        t0 = Clock::now();
        dyad::DedupOptions dopt;
        dopt.threads = threads;
        auto dd = dyad::DedupStore(db.string(), dopt);
        double dedup_s = Since(t0);
        const double c2 = CpuSeconds();
        t0 = Clock::now();
        dyad::tabari::CodeOptions copt;
        copt.threads = threads;
        auto cs = dyad::tabari::CodeStore(**set, db.string(), copt);
        double code_s = Since(t0);
        const double c3 = CpuSeconds();
        std::snprintf(stage_cpu, sizeof stage_cpu, "%.1f/%.1f/%.1f", c1 - c0, c2 - c1, c3 - c2);
        if (!ing.ok() || !dd.ok() || !cs.ok()) {
          std::fprintf(stderr, "bench_pipeline: a stage failed\n");
          _exit(1);
        }
        double total = ingest_s + dedup_s + code_s;
        std::printf(
            "%6.0fMB %3zu %9zu %9lld | %7.1fs %7.1fs %7.1fs %7.1fs %7.1fs %7.1fs | %17s | %9.2f "
            "%9.0f ",
            mbs, threads, articles, static_cast<long long>(cs->events), ingest_s, dedup_s, code_s,
            total, text_s, code_only_s, stage_cpu, mbs / total,
            static_cast<double>(articles) / total);
        std::fflush(stdout);
        _exit(0);
      }
      int status = 0;
      rusage u{};
      if (wait4(pid, &status, 0, &u) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "bench_pipeline: run with %zu threads failed\n", threads);
        return 1;
      }
      double cpu = static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
                   static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
      std::printf("%9.2f %9.2f | %6.0fMB\n", mbs / cpu, mbs / code_only_s,
                  static_cast<double>(u.ru_maxrss) / 1024.0);
      std::fflush(stdout);
    }
    if (keep.empty()) fs::remove_all(dir);
  }
  std::printf(
      "text*: baseline, the text stages alone (clean, split, tokenize) over the same "
      "input, one thread, in memory. code*: the text stages and the coder on every sentence, "
      "one thread, in memory (no store, dedup, dates or places); code*MB/s is the most one core "
      "could reach end to end with these dictionaries. CPU s i/d/c: each stage's CPU seconds "
      "(ingest, dedup, code; all threads). MB/s and art/s are by wall-clock time; MB/s/core by the "
      "run's CPU "
      "time (user + system, all threads), which a busy or slow-disk machine does not inflate; "
      "peakRSS is the run's own (a child process; the loaded dictionaries included).\n");
  return 0;
}
