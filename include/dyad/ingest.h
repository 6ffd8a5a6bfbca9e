// Ingestion: turning files, directories and stdin into source records.
//
// Formats are detected from content (not only the extension):
//  - plain text, with an optional header block of "key value" / "key: value" lines
//    (date, title, url, source, id, author, language ...) ended by a blank line; a bare
//    "date YYYY-MM-DD" at the very start is the publication date even when the first
//    sentence follows on the same line;
//  - JSON Lines: one object per line with `text` and optional `id`, `url`, `source`,
//    `published`/`date`, `title`; other fields are kept as metadata;
//  - HTML pages (.html, .htm, detected from content), main text extracted (include/dyad/html.h);
//  - WARC archives (.warc, .warc.gz): `response` and `resource` records holding HTML;
//  - any of the above gzip-compressed.
// Input must be UTF-8; a file that is not, but decodes as Windows-1252 without control
// characters, is converted and a note says so. Anything else that cannot be read (binary
// data, NUL bytes, an over-long record, malformed JSON) is reported as a Diagnostic naming
// file and line, and every other record is still delivered.
#ifndef DYAD_INGEST_H_
#define DYAD_INGEST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "dyad/clean.h"
#include "dyad/diagnostics.h"
#include "dyad/status.h"

namespace dyad {

// One article as read, before cleaning.
struct SourceRecord {
  // Identity of where the article came from: the absolute file path for a text file,
  // "PATH:LINE" for a JSON Lines record, "-" (text) or "-:LINE" (JSONL) for stdin.
  std::string origin;
  std::string external_id;  // the record's own id (JSONL `id`, header `id`), if any
  std::string url;
  std::string source;     // publisher, if known
  std::string published;  // ISO date YYYY-MM-DD (or YYYY-MM / YYYY) when given, else ""
  std::string title;
  std::string published_source;  // where `published` came from, when not the format's own
                                 // field: "json-ld", "meta", "time", "url", "text" (HTML)
  std::string format;            // "text", "jsonl", "html" or "warc" (with "+gzip" when compressed)
  std::string encoding;          // "utf-8", "windows-1252", or the HTML page's charset (converted)
  // The article text as read (decoded to UTF-8). For text files this is the whole file,
  // header block included; `body_offset` is where the article body starts.
  std::string original;
  uint32_t body_offset = 0;
  // HTML pages: the extracted main text and its map back to `original` (the decoded page).
  // When `extracted` is set, cleaning starts from `text` instead of `original`.
  bool extracted = false;
  std::string text;
  OffsetMap text_map;
  // Other fields (JSONL fields, unknown header keys) as a JSON object text, e.g. {"lang":"en"}.
  std::string metadata_json = "{}";
};

struct IngestOptions {
  // Records (a text file, a JSONL line) larger than this are skipped with a diagnostic.
  size_t max_record_bytes = 16u << 20;
  // Skip files and directories whose name starts with '.'.
  bool skip_hidden = true;
};

// Receives each record in input order. A non-OK status aborts the whole read (use it for
// fatal errors such as a failing store, not for bad input).
using RecordSink = std::function<Status(SourceRecord&&)>;

// Observes progress: bytes of input consumed so far and the total expected (0 if unknown).
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

struct InputFileEntry {
  std::string path;     // as opened ("-" for stdin)
  std::string display;  // as shown in messages
  uint64_t size = 0;
};

// The files `paths` name, in the order ReadInputs reads them: directories walked recursively in
// sorted order (hidden files and README/LICENSE files skipped); missing paths are reported.
std::vector<InputFileEntry> ListInputFiles(const std::vector<std::string>& paths,
                                           const IngestOptions& options, DiagnosticSink& diag);

// Reads every path ("-" is stdin; directories are walked recursively in sorted order) and
// hands each record to `sink`. Unreadable input is reported to `diag` and skipped. Returns
// non-OK only when `sink` fails.
Status ReadInputs(const std::vector<std::string>& paths, const IngestOptions& options,
                  const RecordSink& sink, DiagnosticSink& diag,
                  const ProgressFn& progress = nullptr);

// Parses one in-memory document as the reader would a file named `name` (used by tests and
// by stdin). Same contract as ReadInputs.
Status ReadBuffer(std::string_view name, std::string_view bytes, const IngestOptions& options,
                  const RecordSink& sink, DiagnosticSink& diag);

}  // namespace dyad

#endif  // DYAD_INGEST_H_
