#include "dyad/pipeline.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "dyad/clean.h"
#include "dyad/store.h"
#include "dyad/text.h"
#include "dyad/timex.h"
#include "util/parallel.h"
#include "util/progress.h"

namespace dyad {

namespace {

// Forwards diagnostics to the caller's sink and keeps them for the store's diagnostics table.
class RecordingSink : public DiagnosticSink {
 public:
  RecordingSink(DiagnosticSink& next, ProgressBar* bar) : next_(next), bar_(bar) {}
  void Report(const Diagnostic& d) override {
    bar_->Clear();
    next_.Report(d);
    std::lock_guard<std::mutex> lock(mu_);
    if (d.severity == Diagnostic::Severity::kSkipped) ++skipped_;
    if (kept_.size() < kMaxKept) kept_.push_back(d);
  }
  int64_t skipped() const { return skipped_; }
  const std::vector<Diagnostic>& kept() const { return kept_; }

 private:
  static constexpr size_t kMaxKept = 10000;
  DiagnosticSink& next_;
  ProgressBar* bar_;
  std::mutex mu_;
  int64_t skipped_ = 0;
  std::vector<Diagnostic> kept_;
};

// An article as the workers prepare it for the store.
struct PreparedArticle {
  SourceRecord record;
  CleanedText cleaned;
  std::vector<Span> sentences;
  std::vector<uint32_t> sentence_tokens;  // tokens per sentence
};

}  // namespace

namespace {

// An article without a publication date: what its text says about when it appeared (docs/
// time.md). A bounded estimate becomes the publication date, marked "inferred"; every
// estimate is kept in the metadata with its evidence. A date the user or the page gave always
// wins (this runs only without one).
void InferPublished(std::string_view text, SourceRecord* rec) {
  auto est = InferPublicationDate(text);
  if (!est) return;
  auto meta = nlohmann::json::parse(rec->metadata_json, nullptr, false);
  if (!meta.is_object()) meta = nlohmann::json::object();
  nlohmann::json inferred = {
      {"earliest", est->earliest},
      {"latest", est->latest.empty() ? nlohmann::json(nullptr) : nlohmann::json(est->latest)},
      {"evidence", est->evidence}};
  if (!est->cue.empty()) inferred["cue"] = est->cue;
  if (!est->year_evidence.empty()) inferred["year_evidence"] = est->year_evidence;
  meta["published_inferred"] = inferred;
  rec->metadata_json = meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (!est->latest.empty()) {
    rec->published = est->earliest;
    rec->published_source = "inferred";
  }
}

}  // namespace

Result<PipelineSummary> RunPipeline(const PipelineOptions& options, DiagnosticSink& diag) {
  auto t0 = std::chrono::steady_clock::now();
  auto store_or = Store::Open(options.db_path);
  if (!store_or.ok()) return store_or.status();
  Store& store = **store_or;
  auto run_id = store.BeginRun(options.command);
  if (!run_id.ok()) return run_id.status();

  ProgressBar bar(options.command, options.progress);
  RecordingSink sink(diag, &bar);
  PipelineSummary sum;
  size_t in_batch = 0;
  bool batch_open = false;

  // Work (on the pool's workers): clean, split, tokenize, date. Each worker keeps its own
  // splitter and token buffer.
  auto prepare = [](SourceRecord& rec) -> PreparedArticle {
    thread_local SentenceSplitter splitter;
    thread_local std::vector<Token> tokens;
    PreparedArticle p;
    if (rec.extracted) {
      // HTML: clean the extracted text, then map through it to the page as read.
      p.cleaned = Clean(rec.text, 0);
      p.cleaned.map = OffsetMap::Compose(p.cleaned.map, rec.text_map);
      for (RemovedSpan& r : p.cleaned.removed) {
        uint32_t b = rec.text_map.ToOriginal(r.orig_begin);
        uint32_t e = rec.text_map.ToOriginalEnd(r.orig_end);
        r.orig_begin = b;
        r.orig_end = std::max(b, e);
      }
    } else {
      p.cleaned = Clean(rec.original, rec.body_offset);
    }
    splitter.Split(p.cleaned.text, &p.sentences);
    for (const Span& s : p.sentences) {
      tokens.clear();
      Tokenize(s.in(p.cleaned.text), &tokens, s.begin);
      p.sentence_tokens.push_back(static_cast<uint32_t>(tokens.size()));
    }
    if (rec.published.empty()) InferPublished(p.cleaned.text, &rec);
    p.record = std::move(rec);
    return p;
  };

  // Consume (on this thread, in input order): store.
  auto store_article = [&](PreparedArticle&& p) -> Status {
    const SourceRecord& rec = p.record;
    ArticleInput in;
    in.record = &rec;
    in.cleaned = &p.cleaned;
    in.sentences = &p.sentences;
    in.sentence_tokens = &p.sentence_tokens;
    in.title = !rec.title.empty() ? rec.title : p.cleaned.headline;
    in.source = !rec.source.empty() ? rec.source : p.cleaned.headline_site;
    if (!rec.published.empty()) {
      in.published_source = !rec.published_source.empty()     ? rec.published_source
                            : rec.format.starts_with("jsonl") ? "jsonl"
                                                              : "header";
    }
    if (!batch_open) {
      DYAD_RETURN_IF_ERROR(store.BeginBatch());
      batch_open = true;
    }
    int64_t id = 0;
    auto put = store.PutArticle(in, &id);
    if (!put.ok()) return put.status();
    const char* outcome = "unchanged";
    switch (*put) {
      case PutOutcome::kInserted:
        ++sum.ingested;
        outcome = "inserted";
        break;
      case PutOutcome::kNewVersion:
        ++sum.new_versions;
        outcome = "new-version";
        break;
      case PutOutcome::kUnchanged:
        ++sum.unchanged;
        break;
    }
    if (options.stored != nullptr) {
      options.stored->push_back({id, rec.origin, rec.external_id, outcome});
    }
    if (*put != PutOutcome::kUnchanged) {
      sum.sentences += static_cast<int64_t>(p.sentences.size());
      for (uint32_t n : p.sentence_tokens) sum.tokens += n;
      for (const RemovedSpan& r : p.cleaned.removed) {
        if (r.kind == "furniture" || r.kind == "read-also") ++sum.furniture_removed;
      }
    }
    if (++in_batch >= options.batch_size) {
      DYAD_RETURN_IF_ERROR(store.CommitBatch());
      batch_open = false;
      in_batch = 0;
    }
    return Status::OK();
  };
  // This thread does much of the work here (reading and writing the store), so it counts as one of
  // the `threads`.
  const size_t workers = options.threads <= 1 ? 0 : options.threads - 1;
  OrderedPool<SourceRecord, PreparedArticle> pool(workers, kWindowPerWorker * workers, prepare,
                                                  store_article);

  auto on_record = [&](SourceRecord&& rec) -> Status {
    ++sum.read;
    sum.bytes += rec.original.size();
    if (rec.encoding != "utf-8") ++sum.converted;
    return pool.Push(std::move(rec));
  };
  auto on_progress = [&](uint64_t done, uint64_t total) { bar.Update(done, total, sum.read); };

  Status st =
      options.buffer != nullptr
          ? ReadBuffer(options.buffer_name, *options.buffer, options.ingest, on_record, sink)
          : ReadInputs(options.inputs, options.ingest, on_record, sink, on_progress);
  Status finished = pool.Finish();
  if (st.ok()) st = finished;
  if (batch_open) {
    if (st.ok()) {
      st = store.CommitBatch();
    } else {
      // Keep what this batch stored before the failure.
      Status c = store.CommitBatch();
      if (!c.ok()) store.RollbackBatch();
    }
  }
  bar.Finish();
  sum.skipped = sink.skipped();
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  RunRecord rr;
  rr.command = options.command;
  rr.ingested = sum.ingested;
  rr.new_versions = sum.new_versions;
  rr.unchanged = sum.unchanged;
  rr.skipped = sum.skipped;
  rr.status = !st.ok() ? "failed" : (sum.skipped > 0 ? "skipped-some" : "ok");
  Status fin = store.BeginBatch();
  if (fin.ok()) {
    for (const Diagnostic& d : sink.kept()) {
      if (!(fin = store.RecordDiagnostic(*run_id, d)).ok()) break;
    }
    if (fin.ok()) fin = store.FinishRun(*run_id, rr);
    fin = fin.ok() ? store.CommitBatch() : store.RollbackBatch();
  }
  if (!st.ok()) return st;
  if (!fin.ok()) return fin;
  return sum;
}

namespace {
// A folder under data/: the source tree's (compiled in), else one next to the executable
// (build/ or bin/ beside data/ or share/dyad/).
std::string DataDir(const char* name) {
  namespace fs = std::filesystem;
  std::error_code ec;
#ifdef DYAD_DATA_DIR
  fs::path compiled = fs::path(DYAD_DATA_DIR) / name;
  if (fs::is_directory(compiled, ec)) return compiled.string();
#endif
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const char* rel : {"../data", "../share/dyad", "data"}) {
      fs::path p = exe.parent_path() / rel / name;
      if (fs::is_directory(p, ec)) return fs::weakly_canonical(p, ec).string();
    }
  }
  return "";
}
}  // namespace

std::string SampleCorpusDir() { return DataDir("sample"); }

std::string DefaultDictionaryDir() { return DataDir("dict"); }

std::string DefaultGazetteerDir() { return DataDir("gazetteer"); }

std::string DefaultWebRoot() { return DataDir("../web/dist"); }

std::string SlurmArrayScript() {
  std::string dir = DataDir("../scripts/slurm");
  std::string script = dir.empty() ? "" : dir + "/dyad-array.sbatch";
  std::error_code ec;
  return !script.empty() && std::filesystem::is_regular_file(script, ec)
             ? std::filesystem::weakly_canonical(script, ec).string()
             : "";
}

}  // namespace dyad
