// The pipeline: ingest -> clean -> split -> store, as far as the stages exist today.
//
// RunPipeline is what `dyad ingest` and `dyad run` call. Later stages (dedup, coding, time,
// geo) join here as they land, so both commands stay thin.
#ifndef DYAD_PIPELINE_H_
#define DYAD_PIPELINE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/diagnostics.h"
#include "dyad/ingest.h"
#include "dyad/status.h"

namespace dyad {

struct PipelineOptions {
  std::vector<std::string> inputs;  // paths, directories or "-"
  std::string db_path = "dyad.db";
  std::string command = "ingest";  // recorded in the runs table
  IngestOptions ingest;
  size_t batch_size = 256;  // articles per transaction
  bool progress = false;    // draw a progress bar on stderr
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

// Directory of the sample corpus bundled with dyad (data/sample), or "" if not found.
std::string SampleCorpusDir();

// Directory of dyad's own default dictionaries (data/dict), or "" if not found. Used when the
// user names no dictionaries.
std::string DefaultDictionaryDir();
// data/gazetteer: the gazetteer packages (scripts/install-geo.sh) and countries.tsv.
std::string DefaultGazetteerDir();

// The dashboard's built files (web/dist beside data/), or "" when the dashboard was not built.
std::string DefaultWebRoot();

}  // namespace dyad

#endif  // DYAD_PIPELINE_H_
