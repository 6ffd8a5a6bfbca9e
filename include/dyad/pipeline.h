// The pipeline: ingest -> clean -> split -> store, as far as the stages exist today.
//
// RunPipeline is what `dyad ingest` and `dyad run` call. Later stages (dedup, coding, time,
// geo) join here as they land, so both commands stay thin.
#ifndef DYAD_PIPELINE_H_
#define DYAD_PIPELINE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/dedup.h"
#include "dyad/diagnostics.h"
#include "dyad/ingest.h"
#include "dyad/status.h"

namespace dyad {

// One record the pipeline stored (or found unchanged), for callers that report them.
struct StoredArticle {
  int64_t id = 0;
  std::string origin;
  std::string external_id;
  std::string outcome;  // "inserted", "new-version" or "unchanged"
};

struct PipelineOptions {
  std::vector<std::string> inputs;  // paths, directories or "-"
  // Instead of `inputs`: bytes in memory (e.g. a POSTed body), named `buffer_name` (their
  // records' origins are "NAME:LINE" for JSON Lines).
  const std::string* buffer = nullptr;
  std::string buffer_name;
  // When set, every stored record is appended here.
  std::vector<StoredArticle>* stored = nullptr;
  std::string db_path = "dyad.db";
  std::string command = "ingest";  // recorded in the runs table
  IngestOptions ingest;
  size_t batch_size = 256;  // articles per transaction
  bool progress = false;    // draw a progress bar on stderr
  // Worker threads that clean, split and tokenize while this thread reads and stores (in
  // input order, so the store is the same whatever the number). 0 or 1: all on this thread.
  size_t threads = 1;
};

struct PipelineSummary {
  int64_t read = 0;          // records read successfully
  int64_t ingested = 0;      // new origins stored
  int64_t new_versions = 0;  // known origins whose text changed
  int64_t unchanged = 0;     // known origin, same content
  int64_t skipped = 0;       // records reported and not stored
  int64_t converted = 0;     // records converted from Windows-1252
  int64_t sentences = 0;     // sentences in stored articles
  int64_t tokens = 0;
  int64_t furniture_removed = 0;  // furniture spans removed from stored articles
  uint64_t bytes = 0;             // bytes of article text read
  double seconds = 0;
};

// Runs the pipeline. Bad input is reported to `diag` and counted in `skipped`; a non-OK
// result means the run could not proceed (e.g. the store cannot be opened or written).
Result<PipelineSummary> RunPipeline(const PipelineOptions& options, DiagnosticSink& diag);

// Scale-out (docs/scaling.md). ShardInputs splits the files `paths` name into `n` contiguous
// groups of about equal size, in reading order; each group is one task (e.g. of a Slurm array
// job) running the pipeline into its own store. A single file is never split.
Result<std::vector<std::vector<std::string>>> ShardInputs(const std::vector<std::string>& paths,
                                                          size_t n, const IngestOptions& options,
                                                          DiagnosticSink& diag);

struct MergeSummary {
  int64_t shards = 0, articles = 0;
  int64_t skipped = 0;  // articles whose origin and version an earlier shard held
  int64_t exact = 0, near_duplicates = 0, reworded = 0, clusters = 0;
  int64_t events = 0, mentions = 0;
  double seconds = 0;
};
// Merges shard stores, in the order given, into the new store `target` so that it equals a
// single run over the shards' inputs in that order: articles and sentences are copied,
// duplicate detection runs again over all of them (copies across shards), and the shards'
// events are replayed in coding order, merging the reports of one event across the new story
// clusters. The shards must have been coded with the same dyad version and dictionaries.
// `dedup` as for the single run (its window: DedupOptions::window_articles).
Result<MergeSummary> MergeStores(const std::string& target, const std::vector<std::string>& shards,
                                 DiagnosticSink& diag, const DedupOptions& dedup = {});

// Directory of the sample corpus bundled with dyad (data/sample), or "" if not found.
std::string SampleCorpusDir();

// Directory of dyad's own default dictionaries (data/dict), or "" if not found. Used when the
// user names no dictionaries.
std::string DefaultDictionaryDir();
// data/gazetteer: the gazetteer packages (scripts/install-geo.sh) and countries.tsv.
std::string DefaultGazetteerDir();

// The dashboard's built files (web/dist beside data/), or "" when the dashboard was not built.
std::string DefaultWebRoot();

// The example Slurm batch script for `dyad shard`'s lists (scripts/slurm/dyad-array.sbatch
// beside data/), or "" when it is not there (an installed dyad without the source tree).
std::string SlurmArrayScript();

}  // namespace dyad

#endif  // DYAD_PIPELINE_H_
