// dyad: the command-line interface. A thin layer over the library: parses arguments, calls
// the pipeline or the store, and prints results for people (tables) or programs (JSON Lines,
// CSV). Exit codes: 0 all processed, 2 finished but some records were skipped, 1 could not run.
#include <fmt/format.h>
#include <sched.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "analysis_commands.h"
#include "coding/petrarch_validate.h"
#include "dyad/dedup.h"
#include "dyad/diagnostics.h"
#include "dyad/export.h"
#include "dyad/html.h"
#include "dyad/pipeline.h"
#include "dyad/store.h"
#include "dyad/tabari.h"
#include "dyad/timex.h"
#include "serve/json.h"
#include "util/file.h"

namespace {

using nlohmann::json;
// Keys in insertion order: event output reads in the order its documentation lists.
using ojson = nlohmann::ordered_json;
using dyad::EventColumns;
using dyad::EventJson;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitSkipped = 2;

int Fail(const dyad::Status& s) {
  std::fprintf(stderr, "dyad: %s\n", s.ToString().c_str());
  return kExitFailed;
}

std::string CsvField(std::string_view s) {
  bool quote = s.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!quote) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void CsvRow(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) line.push_back(',');
    line += CsvField(fields[i]);
  }
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stdout);
}

std::string Ellipsize(std::string_view s, size_t max) {
  // Cut on a UTF-8 boundary.
  if (s.size() <= max) return std::string(s);
  size_t cut = max - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

// The "published" line of `dyad show`: the date and where it came from; for a date inferred
// from the text, the range it may lie in and the words that gave it (docs/time.md).
std::string PublishedLine(const dyad::ArticleRow& a) {
  if (a.published.empty() && a.published_source.empty()) return "unknown";
  std::string line = a.published.empty() ? "unknown" : a.published;
  if (a.published_source.empty()) return line;
  auto meta = json::parse(a.metadata_json, nullptr, false);
  if (a.published_source == "inferred" && meta.is_object() && meta.contains("published_inferred")) {
    const json& inf = meta["published_inferred"];
    auto field = [&](const char* k) {
      return inf.contains(k) && inf[k].is_string() ? inf[k].get<std::string>() : std::string();
    };
    std::string range = field("earliest") + ".." + field("latest");
    std::string why = "\"" + field("evidence") + "\"";
    if (!field("cue").empty()) why += " + \"" + field("cue") + "\"";
    if (!field("year_evidence").empty()) why += "; year from \"" + field("year_evidence") + "\"";
    return range + " (inferred from the text: " + why + ")";
  }
  return line + " (from " + a.published_source + ")";
}

std::string Thousands(int64_t v) {
  const std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out = v < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void PrintSummary(const char* command, const dyad::PipelineSummary& s, const std::string& db,
                  int64_t notes) {
  double mb = static_cast<double>(s.bytes) / 1e6;
  fmt::print("dyad {}: {} article{} read\n", command, Thousands(s.read), s.read == 1 ? "" : "s");
  fmt::print("  ingested      {}\n", Thousands(s.ingested));
  fmt::print("  new versions  {}\n", Thousands(s.new_versions));
  fmt::print("  unchanged     {}\n", Thousands(s.unchanged));
  fmt::print("  skipped       {}{}\n", Thousands(s.skipped),
             s.skipped ? "  (reasons above, as FILE:LINE: reason)" : "");
  if (s.converted) fmt::print("  converted     {} from Windows-1252\n", Thousands(s.converted));
  if (notes) fmt::print("  notes         {}\n", Thousands(notes));
  fmt::print("  sentences     {} ({} tokens) in stored articles\n", Thousands(s.sentences),
             Thousands(s.tokens));
  fmt::print("  furniture     {} lines of site furniture removed\n",
             Thousands(s.furniture_removed));
  fmt::print("  time          {:.2f} s ({:.1f} MB/s)\n", s.seconds,
             s.seconds > 0 ? mb / s.seconds : 0.0);
  fmt::print("  store         {}\n", db);
}

int RunCommand(const char* name, std::vector<std::string> inputs, const std::string& db,
               size_t max_record, bool no_progress, bool quiet, bool overview, size_t threads);

// The CPUs this process may run on (its affinity mask: what taskset, a container or a Slurm
// task allows), else the machine's.
size_t UsableCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) {
    return static_cast<size_t>(CPU_COUNT(&set));
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

int ShowStats(const std::string& db, bool as_json);
int ValidateTabari(const std::string& project, bool as_json, bool strict, bool all, bool quiet,
                   int min_passed);
// `stdin_date`: yyyymmdd of the lines coded with --stdin (0: unknown).
int CodeCommand(const std::vector<std::string>& dicts, const std::string& db, bool from_stdin,
                bool strict, bool new_set, bool quiet, size_t threads, int32_t stdin_date = 0);
int ListEventSets(const std::string& db);
int DedupCommand(const std::string& db, bool quiet, size_t threads,
                 const dyad::DedupOptions& base = {});
int EvalRewording(const std::string& msrp, const std::string& reuse);
int EvalExtract(const std::string& dir, bool list, bool errors, bool as_json);
int ListClusters(const std::string& db, const std::string& format,
                 const dyad::Store::ClusterQuery& q);
int DiffCommand(const std::string& db, int64_t a, int64_t b, const std::vector<std::string>& dicts,
                const std::string& format);
int DictGaps(const std::vector<std::string>& paths, const std::string& db, size_t top,
             const std::string& format);
int PrintEvents(const std::string& db, const std::string& format,
                const dyad::Store::EventFilter& filter);
int ListArticles(const std::string& db, const std::string& format, int64_t limit, bool all);
int ExportCommand(const std::string& db, const std::string& format, const std::string& output,
                  bool gdelt_header, const dyad::Store::EventFilter& filter);
int ShardCommand(size_t n, const std::vector<std::string>& inputs, const std::string& out);
int MergeCommand(const std::string& db, const std::vector<std::string>& shards,
                 const dyad::DedupOptions& dedup);

}  // namespace

// apps/dyad/eval_timex.cc
int EvalTimex(const std::string& dir, bool as_json, bool errors, bool classes);
// apps/dyad/eval_geo.cc
int EvalGeo(const std::string& file, bool as_json, bool errors, bool demonyms);

int main(int argc, char** argv) {
  CLI::App app{
      "dyad turns news into political event data: who did what to whom, when and where.\n"
      "Today it ingests, cleans and segments articles into a SQLite store; event coding,\n"
      "deduplication, dates, places and the dashboard join as they land.",
      "dyad"};
  app.set_version_flag("--version", std::string("dyad ") + DYAD_VERSION);
  app.require_subcommand(1);
  std::string db = "dyad.db";
  app.add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->envname("DYAD_DB")
      ->capture_default_str();

  // ingest / run share their options.
  std::vector<std::string> inputs;
  size_t max_record = 16u << 20;
  bool no_progress = false, quiet = false;
  std::string inputs_from;
  // Worker threads for the CPU stages (clean, dedup features, coding); the calling thread
  // reads and writes the store. Output does not depend on the number.
  size_t threads = UsableCpus();
  auto add_threads_option = [&](CLI::App* sub) {
    sub->add_option("-j,--threads", threads,
                    "Worker threads for cleaning, dedup and coding (1: one thread; the output is "
                    "the same)")
        ->capture_default_str()
        ->check(CLI::Range(1, 256));
  };
  auto add_input_options = [&](CLI::App* sub) {
    add_threads_option(sub);
    sub->add_option("--inputs-from", inputs_from,
                    "Also read the paths listed in this file, one per line (a shard list from "
                    "dyad shard)");
    sub->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
        ->capture_default_str();
    sub->add_option("--max-record-bytes", max_record,
                    "Skip articles (files, JSONL lines) larger than this")
        ->capture_default_str();
    sub->add_flag("--no-progress", no_progress, "Never draw a progress bar");
    sub->add_flag("-q,--quiet", quiet, "Print only problems (and exit status)");
  };
  CLI::App* ingest = app.add_subcommand(
      "ingest",
      "Read articles into the store: text files (optional 'key value' header), JSON Lines, "
      "directories (recursive), gzip, or - for stdin");
  ingest->add_option("inputs", inputs, "Files, directories or - (stdin)");
  add_input_options(ingest);

  // Duplicate detection's options (dedup; run and merge take the window).
  dyad::DedupOptions dedup_opt;
  auto add_window_option = [&dedup_opt](CLI::App* cmd, const char* name) {
    cmd->add_option(name, dedup_opt.window_articles,
                    "Near-duplicates and reworded copies are looked for among the N articles "
                    "stored just before each one (at least N/2; exact copies among all); 0: "
                    "among all stored articles (past some 1.2 million, through the store's "
                    "slow LSH table)")
        ->capture_default_str();
  };
  CLI::App* run = app.add_subcommand(
      "run",
      "Run the whole pipeline (ingest, clean, split, code events) and print an overview. With no "
      "inputs, runs on the bundled sample corpus.");
  run->add_option("inputs", inputs, "Files, directories or - (default: the sample corpus)");
  add_input_options(run);
  std::vector<std::string> run_dicts;
  run->add_option("--dict", run_dicts,
                  "Code events with these dictionaries instead of dyad's defaults (as for dyad "
                  "code)");
  add_window_option(run, "--dedup-window");

  CLI::App* stats = app.add_subcommand("stats", "Print what the store holds");
  stats->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  bool stats_json = false;
  stats->add_flag("--json", stats_json, "Print as one JSON object");

  CLI::App* articles = app.add_subcommand("articles", "List stored articles");
  articles->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  std::string format = "table";
  int64_t limit = -1;
  bool all_versions = false;
  articles->add_option("--format", format, "table, jsonl or csv")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}))
      ->capture_default_str();
  articles->add_option("--limit", limit, "At most this many (-1: all)");
  articles->add_flag("--all-versions", all_versions, "Include superseded versions");

  CLI::App* show = app.add_subcommand("show", "Show one article with its numbered sentences");
  show->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  int64_t show_id = 0;
  bool show_original = false;
  show->add_option("id", show_id, "Article id")->required();
  show->add_flag("--original", show_original, "Print the text as read instead");

  CLI::App* sentences = app.add_subcommand("sentences", "Print sentences with their offsets");
  sentences->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  int64_t sent_article = 0;
  std::string sent_format = "jsonl";
  sentences->add_option("--article", sent_article, "Only this article id (default: all)");
  sentences->add_option("--format", sent_format, "jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();

  CLI::App* search = app.add_subcommand("search", "Full-text search over sentences (FTS5 syntax)");
  search->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  std::string query;
  int search_limit = 20;
  std::string search_format = "table";
  search->add_option("query", query, "e.g. 'CSTO troops' or '\"Collective Security\"'")->required();
  search->add_option("--limit", search_limit, "Maximum hits")->capture_default_str();
  search->add_option("--format", search_format, "table or jsonl")
      ->check(CLI::IsMember({"table", "jsonl"}));

  CLI::App* code = app.add_subcommand(
      "code",
      "Code the stored sentences into events (or, with --stdin, code one sentence per input "
      "line and print events as JSON Lines). Extends the current event set, or starts a new one "
      "when the dictionaries or dyad's version changed.");
  code->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  std::vector<std::string> dict_paths;
  bool code_stdin = false, code_strict = false;
  code->add_option("--dict", dict_paths,
                   "A .project, a folder of dictionaries, or a .actors/.agents/.verbs/.options "
                   "file (repeatable; default: dyad's own dictionaries in data/dict)");
  CLI::Option* code_stdin_flag =
      code->add_flag("--stdin", code_stdin,
                     "Code lines from stdin instead of the store (a line shorter than the "
                     "dictionaries' MINIMUM WORDS, 8 unless their .options set it, is a fragment "
                     "and yields nothing)");
  code->add_flag("--strict", code_strict, "Stop at the first bad dictionary line");
  int32_t code_date = 0;  // yyyymmdd
  code->add_option_function<std::string>(
          "--date",
          [&code_date](const std::string& v) {
            auto d = dyad::ParseIsoDate(v);
            if (!d.ok() || !d->valid()) {
              throw CLI::ValidationError("--date", "not a date (YYYY-MM-DD): " + v);
            }
            code_date = d->year * 10000 + d->month * 100 + d->day;
          },
          "With --stdin: the lines' date (YYYY-MM-DD), which picks people's codes by their "
          "terms (default: none, undated codes)")
      ->needs(code_stdin_flag);
  add_threads_option(code);

  CLI::App* recode = app.add_subcommand(
      "recode",
      "Code every stored article again into a new event set (after dictionaries changed); the "
      "earlier sets stay addressable with dyad events --set N");
  recode->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  recode->add_option("--dict", dict_paths, "As for dyad code (default: dyad's own dictionaries)");
  recode->add_flag("--strict", code_strict, "Stop at the first bad dictionary line");
  add_threads_option(recode);

  CLI::App* dedup = app.add_subcommand(
      "dedup",
      "Find republished copies (exact, near-duplicate, reworded) among the stored articles not "
      "examined yet, against those stored before them (--window), and record story clusters");
  dedup->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  add_threads_option(dedup);
  add_window_option(dedup, "--window");
  dedup
      ->add_option("--index-keys", dedup_opt.max_index_entries,
                   "With --window 0: most (band key, article) pairs the in-memory LSH index "
                   "holds; a store needing more is looked up in its lsh_bands table (lower it "
                   "to try that path)")
      ->capture_default_str();
  dedup
      ->add_option("--recent-keys", dedup_opt.recent_index_entries,
                   "Past the index cap: (key, article) pairs of newly examined articles kept in "
                   "memory before they are written to lsh_bands")
      ->capture_default_str();
  CLI::App* clusters = app.add_subcommand(
      "clusters", "List story clusters: the canonical article and every copy's relation to it");
  clusters->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  std::string clusters_format = "table";
  clusters->add_option("--format", clusters_format, "table or jsonl")
      ->check(CLI::IsMember({"table", "jsonl"}))
      ->capture_default_str();
  dyad::Store::ClusterQuery cq;
  clusters
      ->add_option("--limit", cq.limit,
                   "At most this many clusters (0: all); with --after, one page at a time")
      ->check(CLI::NonNegativeNumber);
  clusters
      ->add_option("--after", cq.after_id,
                   "Only clusters with a larger id: the last id of the previous page")
      ->check(CLI::NonNegativeNumber);
  clusters->add_option("--id", cq.id, "Only this cluster")->check(CLI::PositiveNumber);
  clusters->add_option("--article", cq.article_id, "Only the cluster holding this article")
      ->check(CLI::PositiveNumber);
  clusters->add_option("--min-size", cq.min_size, "Only clusters with at least this many articles")
      ->check(CLI::NonNegativeNumber);
  CLI::App* diff = app.add_subcommand(
      "diff",
      "Fidelity report for two articles: aligned sentences and the phrases B substituted, "
      "flagged when an actor, country, number, date or negation changed");
  diff->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  int64_t diff_a = 0, diff_b = 0;
  std::string diff_format = "text";
  diff->add_option("a", diff_a, "Article id (the original)")->required();
  diff->add_option("b", diff_b, "Article id (the copy)")->required();
  diff->add_option("--dict", dict_paths,
                   "Dictionaries that name actors (default: dyad's own dictionaries)");
  diff->add_option("--format", diff_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  CLI::App* dict = app.add_subcommand("dict", "Dictionary upkeep");
  dict->require_subcommand(1);
  CLI::App* gaps = dict->add_subcommand(
      "gaps",
      "List the most frequent actor-like phrases and verbs in stored sentences that yield no "
      "event, with an example sentence each: where the dictionaries need extending");
  gaps->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  gaps->add_option("--dict", dict_paths, "As for dyad code (default: dyad's own dictionaries)");
  size_t gaps_top = 25;
  std::string gaps_format = "table";
  gaps->add_option("--top", gaps_top, "How many of each")->capture_default_str();
  gaps->add_option("--format", gaps_format, "table or jsonl")
      ->check(CLI::IsMember({"table", "jsonl"}))
      ->capture_default_str();

  CLI::App* sets = app.add_subcommand(
      "sets", "List the event sets (codings of the store) with their dictionaries and counts");
  sets->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();

  CLI::App* events = app.add_subcommand("events", "Print coded events with their evidence");
  events->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  std::string events_format = "jsonl";
  int64_t events_limit = -1;
  events->add_option("--format", events_format, "jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  events->add_option("--limit", events_limit, "At most this many (-1: all)");
  dyad::Store::EventFilter ef;
  std::string ev_dyad;
  events->add_option("--actor", ef.actor, "Source or target (KAZ matches KAZGOV, KAZMIL ...)");
  events->add_option("--dyad", ev_dyad, "Two actors, A,B: events between them (undirected)");
  events->add_flag("--directed", ef.directed, "With --dyad: only A as source, B as target");
  events->add_option("--code", ef.code, "Event code prefix (e.g. 19 for all of 19x)");
  events->add_option("--from", ef.from, "First date (YYYY-MM-DD)");
  events->add_option("--to", ef.to, "Last date (YYYY-MM-DD)");
  events
      ->add_option("--quad", ef.quad_class,
                   "Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal "
                   "conflict, 4 material conflict")
      ->check(CLI::Range(1, 4));
  events->add_option("--plover", ef.plover_type, "PLOVER event type (e.g. ASSAULT)");
  events->add_option("--modality", ef.modality, "asserted, negated, future or hypothetical")
      ->check(CLI::IsMember({"asserted", "negated", "future", "hypothetical"}));
  events->add_option("--set", ef.event_set, "Event set id (default: the current one; see sets)");
  events->add_flag("--mentions", ef.every_mention,
                   "One line per report (mention) instead of one per event");
  events->add_option("--query", ef.text_query,
                     "Full-text query over the reporting sentences (FTS5: words, \"phrases\", "
                     "OR, NOT, prefix*)");
  events->add_option("--article", ef.article_id, "Events reported in this article");
  events->add_option("--cluster", ef.cluster_id, "Events of this story cluster");

  CLI::App* exp = app.add_subcommand(
      "export",
      "Write events for other tools: dyad's columns (csv, tsv, jsonl) or GDELT 2.0- "
      "and ICEWS-style tables (docs/export.md); takes the filters of dyad events");
  exp->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  std::string export_format = "csv", export_out;
  bool export_gdelt_header = false;
  exp->add_option("--format", export_format, "csv, tsv, jsonl, gdelt or icews")
      ->check(CLI::IsMember({"csv", "tsv", "jsonl", "gdelt", "icews"}))
      ->capture_default_str();
  exp->add_option("-o,--output", export_out, "Write to this file instead of stdout");
  exp->add_flag("--gdelt-header", export_gdelt_header,
                "With --format gdelt: a header row (GDELT's own files have none)");
  exp->add_option("--actor", ef.actor, "Source or target (KAZ matches KAZGOV, KAZMIL ...)");
  exp->add_option("--dyad", ev_dyad, "Two actors, A,B: events between them (undirected)");
  exp->add_flag("--directed", ef.directed, "With --dyad: only A as source, B as target");
  exp->add_option("--code", ef.code, "Event code prefix");
  exp->add_option("--from", ef.from, "First date (YYYY-MM-DD)");
  exp->add_option("--to", ef.to, "Last date (YYYY-MM-DD)");
  exp->add_option("--quad", ef.quad_class, "Quad class 1-4")->check(CLI::Range(1, 4));
  exp->add_option("--plover", ef.plover_type, "PLOVER event type");
  exp->add_option("--modality", ef.modality, "asserted, negated, future or hypothetical")
      ->check(CLI::IsMember({"asserted", "negated", "future", "hypothetical"}));
  exp->add_option("--query", ef.text_query, "Full-text query over the reporting sentences");
  exp->add_option("--set", ef.event_set, "Event set id (default: the current one)");

  CLI::App* series = app.add_subcommand(
      "series", "A relation's time series: events by quad class and Goldstein score per period");
  series->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  dyad::SeriesQuery sq;
  std::string series_by = "month", series_format = "table";
  series->add_option("a", sq.a, "Actor code (KAZ matches KAZGOV, KAZMIL ...)")->required();
  series->add_option("b", sq.b, "Second actor: the dyad A-B (omit for A with anyone)");
  series->add_flag("--directed", sq.directed, "Only A as source and B as target");
  series->add_option("--by", series_by, "day, week, month or year")
      ->check(CLI::IsMember({"day", "week", "month", "year"}))
      ->capture_default_str();
  series->add_option("--from", sq.from, "First date (YYYY-MM-DD)");
  series->add_option("--to", sq.to, "Last date (YYYY-MM-DD)");
  series
      ->add_option("--modality", sq.modality,
                   "Count events of this modality: asserted, negated, future, hypothetical, any")
      ->check(CLI::IsMember({"asserted", "negated", "future", "hypothetical", "any"}))
      ->capture_default_str();
  series->add_option("--set", sq.event_set, "Event set id (default: the current one)");
  series->add_option("--format", series_format, "table, csv or jsonl")
      ->check(CLI::IsMember({"table", "csv", "jsonl"}))
      ->capture_default_str();

  CLI::App* timex = app.add_subcommand(
      "timex",
      "Print the date expressions of text (files or stdin) as JSON Lines with their "
      "TimeML values");
  std::vector<std::string> timex_files;
  std::string timex_anchor;
  timex->add_option("files", timex_files, "Text files (default: stdin)");
  timex->add_option("--anchor", timex_anchor,
                    "The publication date (YYYY-MM-DD) relative expressions count from");

  CLI::App* shard = app.add_subcommand(
      "shard",
      "Split inputs into N shards of about equal size (lists of files, in reading "
      "order) for N tasks, e.g. a Slurm array job (docs/scaling.md)");
  size_t shard_n = 0;
  std::string shard_out;
  std::vector<std::string> shard_inputs;
  shard->add_option("n", shard_n, "Number of shards")->required()->check(CLI::Range(1, 100000));
  shard->add_option("inputs", shard_inputs, "Files or directories")->required();
  shard->add_option("-o,--out", shard_out, "Folder for the lists shard-000.list ...")->required();

  CLI::App* merge = app.add_subcommand(
      "merge",
      "Merge shard stores (in shard order) into a new store that equals a single run: "
      "articles copied, copies across shards found, events merged per story");
  std::vector<std::string> merge_inputs;
  merge->add_option("--db", db, "The new store")->capture_default_str();
  merge->add_option("shards", merge_inputs, "Shard stores, in shard order")->required();
  add_window_option(merge, "--dedup-window");

  CLI::App* serve = app.add_subcommand(
      "serve", "Serve the store over HTTP: the JSON API (docs/api.md) and the dashboard");
  serve->add_option("--db", db, "Store: an SQLite file, or a postgresql:// URI")
      ->capture_default_str();
  dyad::ServeOptions so;
  serve->add_option("--host", so.host, "Address to bind (0.0.0.0 exposes it to the network)")
      ->capture_default_str();
  serve->add_option("--port", so.port, "Port (0: any free port)")->capture_default_str();
  serve->add_option("--web", so.web_root,
                    "The dashboard's built files (default: web/dist of the source tree when "
                    "built)");
  serve->add_option("--dict", so.dictionaries,
                    "Dictionaries naming actors in copy diffs (default: dyad's own)");
  serve->add_option("--threads", so.threads, "Worker threads")->capture_default_str();
  serve->add_option("--max-body", so.max_body_bytes, "Largest request body in bytes")
      ->capture_default_str();
  serve
      ->add_option("--timeout", so.timeout_seconds,
                   "Time limit per request, seconds: reading it, answering it (queries still "
                   "running are stopped, 503) and writing the answer")
      ->capture_default_str();
  serve->add_option("--allow-origin", so.allow_origin,
                    "Allow this origin to call the API from a browser (CORS; default: none)");
  serve->add_flag("--access-log", so.access_log, "Print one line per request on stderr");
  std::string token_file;
  serve->add_option("--token-file", token_file,
                    "A file holding the bearer token POST /api/articles requires (or set "
                    "DYAD_TOKEN); without one, ingest over HTTP is disabled");

  CLI::App* eval = app.add_subcommand("eval", "Evaluate a stage on a reference corpus");
  eval->require_subcommand(1);
  CLI::App* ereword = eval->add_subcommand(
      "rewording",
      "The sentence-level rewording signal: fit on MSRP train, score on MSRP test; score "
      "distribution per reuse level on the Clough-Stevenson corpus");
  std::string msrp_dir, reuse_dir;
  ereword->add_option("msrp", msrp_dir, "MSRP folder (msr_paraphrase_train.txt, _test.txt)")
      ->required();
  ereword->add_option("reuse", reuse_dir, "Clough-Stevenson folder (file_information.csv)");
  CLI::App* etimex = eval->add_subcommand(
      "timex",
      "The temporal expression tagger on TempEval-3 TimeML (.tml) files: extent P/R/F1 (strict, "
      "relaxed), value F1 and type accuracy, all TIMEX3 and DATE alone, one table per "
      "sub-folder");
  std::string timex_dir;
  bool timex_json = false, timex_errors = false, timex_classes = false;
  etimex->add_option("dir", timex_dir, "Folder of .tml files (searched recursively)")->required();
  etimex->add_flag("--json", timex_json, "Print the scores as one JSON object");
  etimex->add_flag("--errors", timex_errors,
                   "List every disagreement with the gold annotation (none of held-out folders)");
  etimex->add_flag("--classes", timex_classes,
                   "Count the value errors of each tuning folder by cause");
  CLI::App* egeo = eval->add_subcommand(
      "geo",
      "Place names on the Local-Global Lexicon corpus (lgl.xml): recognition P/R/F1 (exact "
      "span and overlap) and, for the gold place names, accuracy within 161 km and mean and "
      "median error");
  std::string geo_file;
  bool geo_json = false, geo_errors = false, geo_demonyms = false;
  egeo->add_option("file", geo_file, "lgl.xml")->required();
  egeo->add_flag("--json", geo_json, "Print the scores as one JSON object");
  egeo->add_flag("--errors", geo_errors,
                 "List missed and spurious names and resolutions farther than 161 km");
  egeo->add_flag("--demonyms", geo_demonyms,
                 "Also tag demonyms (\"Russian\") as places, as LGL's annotation does");
  CLI::App* eextract = eval->add_subcommand(
      "extract",
      "HTML main-text extraction and publication dates on the trafilatura evaluation set: "
      "share of must-keep snippets kept, must-drop snippets dropped, and date accuracy, over "
      "the pages dyad's language identification finds English");
  std::string extract_dir;
  bool ex_list = false, ex_errors = false, ex_json = false;
  eextract->add_option("dir", extract_dir, "The set's folder (evaldata.json, html/*.html.gz)")
      ->required();
  eextract->add_flag("--list", ex_list, "List the English pages (file, URL)");
  eextract->add_flag("--errors", ex_errors,
                     "Print each missed must-keep snippet, kept must-drop snippet and wrong date");
  eextract->add_flag("--json", ex_json, "Print the result as one JSON object");

  CLI::App* validate = app.add_subcommand("validate", "Run a reference validation suite");
  validate->require_subcommand(1);
  CLI::App* vtabari = validate->add_subcommand(
      "tabari", "Run a TABARI validation project (.project with dictionaries and Validate.text)");
  std::string project;
  bool v_json = false, v_strict = false, v_all = false, v_quiet = false;
  int v_min = -1;
  vtabari->add_option("project", project, "The .project file")->required();
  vtabari->add_flag("--json", v_json, "Print the report as one JSON object");
  vtabari->add_flag("--strict", v_strict, "Stop at the first bad dictionary line");
  vtabari->add_flag("--all", v_all, "Also score the records after FINAL-01");
  vtabari->add_flag("-q,--quiet", v_quiet, "Do not list failing records");
  vtabari->add_option("--min-passed", v_min, "Exit 1 when fewer records pass (a ratchet for CI)");
  CLI::App* vpetrarch = validate->add_subcommand(
      "petrarch", "Run PETRARCH validation records (XML) with PETRARCH-2 dictionaries");
  dyad::petrarch::CommandArgs pv;
  vpetrarch->add_option("records", pv.records, "The validation records file (.xml)")->required();
  vpetrarch->add_option("--dict", pv.dicts,
                        "PETRARCH dictionary files or folders (default: those its <Environment> "
                        "names beside the records, or PETR_Validate_* / ../dictionaries/"
                        "PETR.Validate.*)");
  vpetrarch->add_flag("--json", pv.json, "Print the report as one JSON object");
  vpetrarch->add_flag("-q,--quiet", pv.quiet, "Do not list failing records");
  vpetrarch->add_flag("--strict", pv.strict, "Stop at the first bad dictionary line");
  vpetrarch->add_option("--min-correct", pv.min_correct,
                        "Exit 1 when correct% is lower (a ratchet for CI)");
  vpetrarch->add_option("--max-extra", pv.max_extra,
                        "Exit 1 when extra% is higher (a ratchet for CI)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitFailed;
  }

  // Exceptions from third-party code stop here, at the edge.
  try {
    if (!inputs_from.empty()) {
      std::ifstream list(inputs_from);
      if (!list) return Fail(dyad::Status::IOError("cannot read " + inputs_from));
      for (std::string line; std::getline(list, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) inputs.push_back(line);
      }
    }
    if (ingest->parsed() && inputs.empty()) {
      return Fail(dyad::Status::InvalidArgument("dyad ingest: name inputs or --inputs-from"));
    }
    if (shard->parsed()) return ShardCommand(shard_n, shard_inputs, shard_out);
    if (merge->parsed()) return MergeCommand(db, merge_inputs, dedup_opt);
    if (ingest->parsed()) {
      return RunCommand("ingest", inputs, db, max_record, no_progress, quiet, false, threads);
    }
    if (run->parsed()) {
      if (inputs.empty()) {
        std::string sample = dyad::SampleCorpusDir();
        if (sample.empty()) {
          return Fail(dyad::Status::NotFound("bundled sample corpus (data/sample) not found"));
        }
        if (!quiet)
          fmt::print("No inputs given: running on the bundled sample corpus {}\n\n", sample);
        inputs.push_back(sample);
      }
      if (run_dicts.empty() && dyad::DefaultDictionaryDir().empty()) {
        std::fprintf(stderr, "dyad run: default dictionaries (data/dict) not found; not coding\n");
        return RunCommand("run", inputs, db, max_record, no_progress, quiet, true, threads);
      }
      int rc = RunCommand("run", inputs, db, max_record, no_progress, quiet, false, threads);
      if (rc == kExitFailed) return rc;
      if (!quiet) fmt::print("\n");
      int drc = DedupCommand(db, quiet, threads, dedup_opt);
      if (drc == kExitFailed) return drc;
      if (!quiet) fmt::print("\n");
      int crc = CodeCommand(run_dicts, db, false, false, false, quiet, threads);
      if (crc == kExitFailed) return crc;
      if (!quiet) {
        fmt::print("\nArticles in the store (newest version of each):\n");
        ListArticles(db, "table", 40, false);
        fmt::print("\nNext: build/dyad events --db {0}   build/dyad show ID --db {0}\n", db);
      }
      return std::max(rc, crc);
    }
    if (vtabari->parsed()) return ValidateTabari(project, v_json, v_strict, v_all, v_quiet, v_min);
    if (vpetrarch->parsed()) return dyad::petrarch::ValidateCommand(pv, stdout, stderr);
    if (code->parsed()) {
      return CodeCommand(dict_paths, db, code_stdin, code_strict, false, false, threads, code_date);
    }
    if (recode->parsed())
      return CodeCommand(dict_paths, db, false, code_strict, true, false, threads);
    if (sets->parsed()) return ListEventSets(db);
    if (gaps->parsed()) return DictGaps(dict_paths, db, gaps_top, gaps_format);
    if (dedup->parsed()) return DedupCommand(db, false, threads, dedup_opt);
    if (ereword->parsed()) return EvalRewording(msrp_dir, reuse_dir);
    if (etimex->parsed()) return EvalTimex(timex_dir, timex_json, timex_errors, timex_classes);
    if (egeo->parsed()) return EvalGeo(geo_file, geo_json, geo_errors, geo_demonyms);
    if (eextract->parsed()) return EvalExtract(extract_dir, ex_list, ex_errors, ex_json);
    if (clusters->parsed()) return ListClusters(db, clusters_format, cq);
    if (diff->parsed()) return DiffCommand(db, diff_a, diff_b, dict_paths, diff_format);
    if (events->parsed()) {
      ef.limit = events_limit;
      if (!ev_dyad.empty()) {
        size_t comma = ev_dyad.find(',');
        if (comma == std::string::npos) {
          return Fail(dyad::Status::InvalidArgument("--dyad takes two codes: A,B"));
        }
        ef.dyad_a = ev_dyad.substr(0, comma);
        ef.dyad_b = ev_dyad.substr(comma + 1);
      }
      return PrintEvents(db, events_format, ef);
    }
    if (exp->parsed()) {
      if (!ev_dyad.empty()) {
        size_t comma = ev_dyad.find(',');
        if (comma == std::string::npos) {
          return Fail(dyad::Status::InvalidArgument("--dyad takes two codes: A,B"));
        }
        ef.dyad_a = ev_dyad.substr(0, comma);
        ef.dyad_b = ev_dyad.substr(comma + 1);
      }
      return ExportCommand(db, export_format, export_out, export_gdelt_header, ef);
    }
    if (stats->parsed()) return ShowStats(db, stats_json);
    if (series->parsed()) {
      sq.by = *dyad::ParsePeriod(series_by);
      return dyad_cli::SeriesCommand(db, sq, series_format);
    }
    if (timex->parsed()) return dyad_cli::TimexCommand(timex_files, timex_anchor);
    if (serve->parsed()) {
      so.db = db;
      if (!token_file.empty()) {
        std::string t;
        dyad::Status rs = dyad::ReadFile(token_file, &t);
        if (!rs.ok()) return Fail(rs);
        while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
        while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.erase(0, 1);
        if (t.size() < 16) {
          return Fail(dyad::Status::InvalidArgument(
              token_file + ": the token must be at least 16 characters (no whitespace around)"));
        }
        so.token = std::move(t);
      } else if (const char* env = std::getenv("DYAD_TOKEN"); env != nullptr && *env != '\0') {
        so.token = env;
        if (so.token.size() < 16) {
          return Fail(dyad::Status::InvalidArgument("DYAD_TOKEN must be at least 16 characters"));
        }
      }
      if (so.web_root.empty()) {
        std::string built = dyad::DefaultWebRoot();
        if (!built.empty()) so.web_root = built;
      }
      return dyad_cli::ServeCommand(so);
    }
    if (articles->parsed()) return ListArticles(db, format, limit, all_versions);
    if (show->parsed()) {
      auto store = dyad::Store::OpenExisting(db);
      if (!store.ok()) return Fail(store.status());
      auto a = (*store)->GetArticle(show_id);
      if (!a.ok()) return Fail(a.status());
      fmt::print("# {}  {}\n", a->id, a->title.empty() ? "(no title)" : a->title);
      fmt::print("origin     {}{}\n", a->origin,
                 a->version > 1 ? fmt::format(" (version {})", a->version) : "");
      if (!a->external_id.empty()) fmt::print("id         {}\n", a->external_id);
      fmt::print("published  {}\n", PublishedLine(*a));
      fmt::print("source     {}\n", a->source.empty() ? "unknown" : a->source);
      fmt::print("metadata   {}\n\n", a->metadata_json);
      if (show_original) {
        fmt::print("{}\n", a->original);
        return kExitOk;
      }
      auto sents = (*store)->Sentences(a->id);
      if (!sents.ok()) return Fail(sents.status());
      for (const auto& s : *sents) fmt::print("[{:>3}] {}\n", s.index, s.text);
      return kExitOk;
    }
    if (sentences->parsed()) {
      auto store = dyad::Store::OpenExisting(db);
      if (!store.ok()) return Fail(store.status());
      if (sent_format == "csv") {
        CsvRow({"sentence_id", "article_id", "index", "start", "end", "orig_start", "orig_end",
                "tokens", "text"});
      }
      auto emit = [&](int64_t article_id) -> dyad::Status {
        auto sents = (*store)->Sentences(article_id);
        if (!sents.ok()) return sents.status();
        for (const auto& s : *sents) {
          if (sent_format == "csv") {
            CsvRow({std::to_string(s.id), std::to_string(s.article_id), std::to_string(s.index),
                    std::to_string(s.begin), std::to_string(s.end), std::to_string(s.orig_begin),
                    std::to_string(s.orig_end), std::to_string(s.tokens), s.text});
          } else {
            json j = {{"sentence_id", s.id},    {"article_id", s.article_id},
                      {"index", s.index},       {"start", s.begin},
                      {"end", s.end},           {"orig_start", s.orig_begin},
                      {"orig_end", s.orig_end}, {"tokens", s.tokens},
                      {"text", s.text}};
            std::cout << j.dump() << '\n';
          }
        }
        return dyad::Status::OK();
      };
      if (sent_article > 0) {
        dyad::Status s = emit(sent_article);
        return s.ok() ? kExitOk : Fail(s);
      }
      std::vector<int64_t> ids;
      dyad::Status s = (*store)->ForEachArticle({}, [&](const dyad::ArticleRow& a) {
        ids.push_back(a.id);
        return true;
      });
      if (!s.ok()) return Fail(s);
      for (int64_t id : ids) {
        if (!(s = emit(id)).ok()) return Fail(s);
      }
      return kExitOk;
    }
    if (search->parsed()) {
      auto store = dyad::Store::OpenExisting(db);
      if (!store.ok()) return Fail(store.status());
      auto hits = (*store)->Search(query, search_limit);
      if (!hits.ok()) return Fail(hits.status());
      for (const auto& h : *hits) {
        if (search_format == "jsonl") {
          json j = {{"sentence_id", h.sentence_id},
                    {"article_id", h.article_id},
                    {"index", h.index},
                    {"origin", h.origin},
                    {"text", h.snippet}};
          std::cout << j.dump() << '\n';
        } else {
          fmt::print("{:>5}:{:<3} {}\n", h.article_id, h.index, h.snippet);
        }
      }
      if (search_format != "jsonl") {
        fmt::print(stderr, "{} hit{}\n", hits->size(), hits->size() == 1 ? "" : "s");
      }
      return kExitOk;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dyad: internal error: %s\n", e.what());
    return kExitFailed;
  }
  return kExitFailed;
}

namespace {

int RunCommand(const char* name, std::vector<std::string> inputs, const std::string& db,
               size_t max_record, bool no_progress, bool quiet, bool overview, size_t threads) {
  dyad::PipelineOptions opt;
  opt.threads = threads;
  opt.inputs = std::move(inputs);
  opt.db_path = db;
  opt.command = name;
  opt.ingest.max_record_bytes = max_record;
  opt.progress = !no_progress && !quiet;
  dyad::CountingSink diag(stderr);
  auto sum = dyad::RunPipeline(opt, diag);
  if (!sum.ok()) return Fail(sum.status());
  if (!quiet) {
    PrintSummary(name, *sum, db, diag.notes());
    if (overview) {
      fmt::print("\nArticles in the store (newest version of each):\n");
      ListArticles(db, "table", 40, false);
      fmt::print(
          "\nNext: build/dyad show ID --db {0}   build/dyad search 'CSTO' --db {0}   "
          "sqlite3 {0}\n",
          db);
    }
  }
  return sum->skipped > 0 ? kExitSkipped : kExitOk;
}

// Loads the named dictionaries, or dyad's defaults when none are named.
dyad::Result<std::unique_ptr<dyad::tabari::DictionarySet>> LoadDictionaries(
    std::vector<std::string> paths, dyad::DiagnosticSink& diag, bool strict) {
  if (paths.empty()) {
    std::string dir = dyad::DefaultDictionaryDir();
    if (dir.empty()) {
      return dyad::Status::NotFound(
          "no --dict given and dyad's default dictionaries (data/dict) were not found");
    }
    paths.push_back(dir);
  }
  return dyad::tabari::DictionarySet::Load(paths, diag, strict);
}

int CodeCommand(const std::vector<std::string>& paths, const std::string& db, bool from_stdin,
                bool strict, bool new_set, bool quiet, size_t threads, int32_t stdin_date) {
  dyad::CountingSink diag(stderr);
  auto dicts = LoadDictionaries(paths, diag, strict);
  if (!dicts.ok()) return Fail(dicts.status());
  if (from_stdin) {
    std::string line;
    int64_t n = 0;
    while (std::getline(std::cin, line)) {
      ++n;
      auto r = (*dicts)->Code(line, stdin_date);
      for (const auto& e : r.events) {
        dyad::EventRow row;
        row.source = e.source;
        row.target = e.target;
        row.code = e.code;
        row.source_text = line.substr(e.source_begin, e.source_end - e.source_begin);
        row.target_text = line.substr(e.target_begin, e.target_end - e.target_begin);
        row.verb_text = line.substr(e.verb_begin, e.verb_end - e.verb_begin);
        row.source_begin = e.source_begin;
        row.source_end = e.source_end;
        row.target_begin = e.target_begin;
        row.target_end = e.target_end;
        row.verb_begin = e.verb_begin;
        row.verb_end = e.verb_end;
        row.rule = e.rule;
        dyad::tabari::AnnotateEvent(**dicts, line, e, stdin_date, 0, &row);
        ojson j = {{"line", n}};
        for (auto& [k, v] : EventColumns(row)) {
          std::string_view key = k;
          // Store-only columns mean nothing for a line of stdin.
          if (key == "id" || key == "event_set" || key == "article_id" || key == "external_id" ||
              key == "origin" || key == "sentence_id" || key == "date" || key == "mention_id" ||
              key == "mentions" || key == "sentence") {
            continue;
          }
          j[k] = std::move(v);
        }
        std::cout << j.dump() << '\n';
      }
    }
    return diag.skipped() > 0 ? kExitSkipped : kExitOk;
  }
  dyad::tabari::CodeOptions opt;
  opt.new_set = new_set;
  opt.threads = threads;
  auto sum = dyad::tabari::CodeStore(**dicts, db, opt);
  if (!sum.ok()) return Fail(sum.status());
  if (!quiet) {
    fmt::print("dyad code: {} articles, {} sentences coded with {}\n", Thousands(sum->articles),
               Thousands(sum->sentences), (*dicts)->description());
    fmt::print("  events        {} (+ {} more reports of them in copies of the same story)\n",
               Thousands(sum->events), Thousands(sum->merged));
    if (sum->same_story > 0 || sum->rewording_changed > 0) {
      fmt::print("  same story    {} articles joined a story as other reports of its events\n",
                 Thousands(sum->same_story));
      fmt::print("  reworded      {} events of copies coded differently from the original\n",
                 Thousands(sum->rewording_changed));
    }
    fmt::print("  event set     {} ({}; dictionary hash {})\n", sum->event_set,
               sum->new_set ? "new, now current" : "extended", (*dicts)->hash());
    fmt::print("  complex       {} sentences (not coded)\n", Thousands(sum->complex));
    if (sum->not_coded_language > 0) {
      fmt::print("  language      {} articles not coded: language (not English)\n",
                 Thousands(sum->not_coded_language));
    }
    fmt::print("  discarded     {} sentences\n", Thousands(sum->discarded));
    fmt::print("  time          {:.2f} s\n  store         {}\n", sum->seconds, db);
  }
  return diag.skipped() > 0 ? kExitSkipped : kExitOk;
}

int DictGaps(const std::vector<std::string>& paths, const std::string& db, size_t top,
             const std::string& format) {
  dyad::CountingSink diag(stderr);
  auto dicts = LoadDictionaries(paths, diag, false);
  if (!dicts.ok()) return Fail(dicts.status());
  auto rep = dyad::tabari::FindGaps(**dicts, db, top);
  if (!rep.ok()) return Fail(rep.status());
  if (format == "jsonl") {
    for (const auto* list : {&rep->actors, &rep->verbs}) {
      for (const auto& g : *list) {
        ojson j = {{"kind", list == &rep->actors ? "actor" : "verb"},
                   {"phrase", g.phrase},
                   {"count", g.count},
                   {"example_sentence_id", g.example_sentence_id},
                   {"example", g.example}};
        std::cout << j.dump() << '\n';
      }
    }
    return kExitOk;
  }
  fmt::print("{} of {} sentences yield no event with {}\n\n", Thousands(rep->uncoded),
             Thousands(rep->sentences), (*dicts)->description());
  auto print = [](const char* title, const std::vector<dyad::tabari::Gap>& list) {
    fmt::print("{}\n", title);
    for (const auto& g : list) {
      std::string ex = g.example.size() > 90 ? g.example.substr(0, 87) + "..." : g.example;
      fmt::print("  {:>5}  {:28}  {}\n", g.count, g.phrase, ex);
    }
    fmt::print("\n");
  };
  print("Actor-like phrases no actor entry covers (add them to an .actors file):", rep->actors);
  print("Words after a recognised actor (candidate verbs for a .verbs file):", rep->verbs);
  return kExitOk;
}

int EvalExtract(const std::string& dir, bool list, bool errors, bool as_json) {
  if (!std::filesystem::is_regular_file(dir + "/evaldata.json")) {
    std::fprintf(stderr, "SKIP: %s/evaldata.json not found (reference material absent)\n",
                 dir.c_str());
    return 77;
  }
  auto ev = dyad::EvaluateExtraction(dir);
  if (!ev.ok()) return Fail(ev.status());
  if (as_json) {
    ojson j;
    j["pages"] = ev->pages;
    j["matched"] = ev->matched;
    j["english_pages"] = ev->english;
    j["kept_pct"] = ev->kept();
    j["kept"] = ev->keep_ok;
    j["keep_total"] = ev->keep_total;
    j["dropped_pct"] = ev->dropped();
    j["dropped"] = ev->drop_ok;
    j["drop_total"] = ev->drop_total;
    j["date_accuracy_pct"] = ev->dates();
    j["dates_correct"] = ev->dates_ok;
    j["dates_gold"] = ev->dates_gold;
    j["seconds"] = ev->seconds;
    if (list || errors) {
      ojson pages = ojson::array();
      for (const auto& p : ev->english_pages) {
        ojson o;
        o["file"] = p.file;
        o["url"] = p.url;
        o["kept"] = p.keep_ok;
        o["keep_total"] = p.keep_total;
        o["dropped"] = p.drop_ok;
        o["drop_total"] = p.drop_total;
        o["gold_date"] = p.gold_date;
        o["date"] = p.date;
        o["date_source"] = p.date_source;
        if (errors) {
          o["missed"] = p.kept_missing;
          o["not_dropped"] = p.dropped_wrong;
        }
        pages.push_back(std::move(o));
      }
      j["english"] = std::move(pages);
    }
    fmt::print("{}\n", j.dump(2));
    return kExitOk;
  }
  if (list) {
    for (const auto& p : ev->english_pages) fmt::print("{}\t{}\n", p.file, p.url);
    fmt::print("\n");
  }
  if (errors) {
    for (const auto& p : ev->english_pages) {
      for (const auto& s : p.kept_missing) fmt::print("{}\tmissed\t{}\n", p.file, s);
      for (const auto& s : p.dropped_wrong) fmt::print("{}\tnot-dropped\t{}\n", p.file, s);
      if (!p.gold_date.empty() && p.date != p.gold_date) {
        fmt::print("{}\tdate\tgold {} got {} ({})\n", p.file, p.gold_date,
                   p.date.empty() ? "none" : p.date, p.date_source);
      }
    }
    fmt::print("\n");
  }
  fmt::print("dyad eval extract: {} pages, {} matched to evaldata, {} English (CLD2)\n", ev->pages,
             ev->matched, ev->english);
  fmt::print("  kept        {:.1f}%  ({} of {} must-keep snippets)\n", ev->kept(), ev->keep_ok,
             ev->keep_total);
  fmt::print("  dropped     {:.1f}%  ({} of {} must-drop snippets)\n", ev->dropped(), ev->drop_ok,
             ev->drop_total);
  fmt::print("  dates       {:.1f}%  ({} of {} pages with a gold date)\n", ev->dates(),
             ev->dates_ok, ev->dates_gold);
  fmt::print("  time        {:.2f} s for all {} pages\n", ev->seconds, ev->pages);
  return kExitOk;
}

int EvalRewording(const std::string& msrp, const std::string& reuse) {
  if (!std::filesystem::is_directory(msrp)) {
    std::fprintf(stderr, "SKIP: %s not found (reference material absent)\n", msrp.c_str());
    return 77;
  }
  auto ev = dyad::EvaluateRewording(msrp, reuse);
  if (!ev.ok()) return Fail(ev.status());
  std::string w;
  for (double x : ev->model.weights) w += fmt::format(" {:.4f}", x);
  fmt::print("model fitted on MSRP train: weights{} threshold {:.4f}\n", w, ev->model.threshold);
  fmt::print(
      "(bias, stem Jaccard, stem containment, word Jaccard, bigram Jaccard, numbers "
      "agree, length ratio)\n\n");
  auto row = [](const char* name, const dyad::BinaryScores& s) {
    fmt::print("{:34} {:>6} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f}\n", name, s.pairs, s.accuracy,
               s.precision, s.recall, s.f1);
  };
  fmt::print("{:34} {:>6} {:>9} {:>9} {:>9} {:>9}\n", "signal", "pairs", "accuracy", "precision",
             "recall", "F1");
  row("model, MSRP train", ev->train);
  row("model, MSRP test", ev->test);
  row(fmt::format("stem Jaccard >= {:.2f}, MSRP test", ev->jaccard_threshold).c_str(),
      ev->jaccard_test);
  fmt::print("{:34} {:>6} {:>9.3f} {:>9} {:>9} {:>9.3f}\n", "TF-IDF overlap baseline (published)",
             1725, 0.696, "", "", 0.812);
  if (!ev->reuse.empty()) {
    fmt::print("\nClough-Stevenson reuse score (mean best sentence probability) per level:\n");
    fmt::print("{:8} {:>5} {:>7} {:>7} {:>7} {:>7}\n", "level", "texts", "min", "median", "mean",
               "max");
    for (const auto& l : ev->reuse) {
      std::vector<double> v = l.scores;
      std::sort(v.begin(), v.end());
      double mean = 0;
      for (double x : v) mean += x;
      mean /= static_cast<double>(v.size());
      fmt::print("{:8} {:>5} {:>7.3f} {:>7.3f} {:>7.3f} {:>7.3f}\n", l.level, v.size(), v.front(),
                 v[v.size() / 2], mean, v.back());
    }
  }
  bool beats = ev->test.accuracy > 0.696 && ev->test.f1 > 0.812;
  fmt::print("\nMSRP test: accuracy {:.3f} F1 {:.3f} ({} the TF-IDF baseline's 0.696 / 0.812)\n",
             ev->test.accuracy, ev->test.f1, beats ? "beats" : "does not beat");
  return kExitOk;
}

int DedupCommand(const std::string& db, bool quiet, size_t threads,
                 const dyad::DedupOptions& base) {
  dyad::DedupOptions opt = base;
  opt.threads = threads;
  auto sum = dyad::DedupStore(db, opt);
  if (!sum.ok()) return Fail(sum.status());
  if (!quiet) {
    fmt::print("dyad dedup: {} articles examined ({} candidate pairs verified) in {:.2f} s\n",
               Thousands(sum->articles), Thousands(sum->candidates), sum->seconds);
    fmt::print("  exact copies     {}\n  near-duplicates  {}\n  reworded copies  {}\n", sum->exact,
               sum->near_duplicates, sum->reworded);
    fmt::print("  story clusters   {} (dyad clusters --db {})\n", sum->clusters, db);
  }
  return kExitOk;
}

// Streams the clusters: each is printed as it is read, so memory holds one batch however many
// there are.
int ListClusters(const std::string& db, const std::string& format,
                 const dyad::Store::ClusterQuery& q) {
  auto store = dyad::Store::OpenExisting(db);
  if (!store.ok()) return Fail(store.status());
  int64_t listed = 0;
  dyad::Status s = (*store)->ForEachCluster(q, [&](const dyad::Store::Cluster& c) {
    ++listed;
    if (format == "jsonl") {
      ojson members = ojson::array();
      for (const auto& m : c.members) {
        members.push_back(
            {{"article_id", m.article_id},
             {"origin", m.origin},
             {"published", m.published.empty() ? ojson(nullptr) : ojson(m.published)},
             {"title", m.title},
             {"canonical", m.article_id == c.canonical_article_id},
             {"relation", m.relation},
             {"similarity", m.similarity},
             {"matched_article_id",
              m.matched_article_id == 0 ? ojson(nullptr) : ojson(m.matched_article_id)},
             {"evidence", m.evidence.empty() ? ojson(nullptr) : ojson(m.evidence)}});
      }
      ojson j = {{"cluster_id", c.id},
                 {"canonical_article_id", c.canonical_article_id},
                 {"size", c.members.size()},
                 {"members", members}};
      std::cout << j.dump() << '\n';
      return true;
    }
    fmt::print("cluster {} ({} articles)\n", c.id, c.members.size());
    for (const auto& m : c.members) {
      // The canonical article keeps its own relation when it joined as another report.
      std::string rel = m.article_id != c.canonical_article_id ? m.relation
                        : m.relation == "first"                ? "canonical"
                                                               : "canonical/" + m.relation;
      std::string vs =
          m.matched_article_id == 0 ? std::string() : fmt::format(" of {}", m.matched_article_id);
      fmt::print("  {:>6}  {:20} {:.2f}{:8}  {}  {}{}\n", m.article_id, rel, m.similarity, vs,
                 m.published.empty() ? "-         " : m.published, m.origin,
                 m.evidence.empty() ? "" : "  (" + m.evidence + ")");
    }
    return true;
  });
  if (!s.ok()) return Fail(s);
  if (listed == 0 && format != "jsonl") {
    const bool filtered = q.after_id > 0 || q.id > 0 || q.article_id > 0 || q.min_size > 1;
    fmt::print("{}\n", filtered ? "no clusters match" : "no clusters (run dyad dedup first)");
  }
  return kExitOk;
}

int DiffCommand(const std::string& db, int64_t a, int64_t b, const std::vector<std::string>& paths,
                const std::string& format) {
  auto store = dyad::Store::OpenExisting(db);
  if (!store.ok()) return Fail(store.status());
  auto texts = [&](int64_t id) -> dyad::Result<std::vector<std::string>> {
    auto rows = (*store)->Sentences(id);
    if (!rows.ok()) return rows.status();
    std::vector<std::string> out;
    for (const auto& s : *rows) out.push_back(s.text);
    return out;
  };
  auto sa = texts(a);
  if (!sa.ok()) return Fail(sa.status());
  auto sb = texts(b);
  if (!sb.ok()) return Fail(sb.status());
  dyad::CountingSink diag(nullptr);
  auto dicts = LoadDictionaries(paths, diag, false);
  std::function<std::string(std::string_view)> actor;
  if (dicts.ok()) {
    const auto* d = dicts->get();
    actor = [d](std::string_view phrase) { return d->ActorCode(phrase, 0); };
  }
  dyad::CopyMatch match = dyad::CompareArticles(*sa, *sb);
  dyad::FidelityReport rep =
      dyad::CompareFidelity(*sa, *sb, actor, dyad::DedupOptions{}.sentence_match);
  // Not a copy: the store may still know the two as reports of one story (same_story).
  auto stored = (*store)->RelationBetween(a, b);
  if (!stored.ok()) return Fail(stored.status());
  std::string relation = dyad::CopyRelationName(match.relation);
  double similarity = match.similarity;
  if (match.relation == dyad::CopyRelation::kNone && !stored->relation.empty()) {
    relation = stored->relation;
    similarity = stored->similarity;
  }
  if (format == "json") {
    ojson sentences = ojson::array();
    for (const auto& d : rep.sentences) {
      ojson subs = ojson::array();
      for (const auto& s : d.substitutions) {
        subs.push_back({{"from", s.from}, {"to", s.to}, {"flags", s.flags}});
      }
      sentences.push_back({{"a_sentence", d.a},
                           {"b_sentence", d.b},
                           {"similarity", d.similarity},
                           {"a", (*sa)[d.a]},
                           {"b", (*sb)[d.b]},
                           {"substitutions", subs}});
    }
    ojson j = {{"a", a},
               {"b", b},
               {"relation", relation},
               {"similarity", similarity},
               {"evidence", stored->evidence.empty() ? ojson(nullptr) : ojson(stored->evidence)},
               {"aligned_sentences", rep.alignment.pairs.size()},
               {"coverage", rep.alignment.coverage},
               {"substitutions", rep.substitutions},
               {"meaning_changes", rep.meaning_changes},
               {"sentences", sentences}};
    std::cout << j.dump(2) << '\n';
    return kExitOk;
  }
  fmt::print(
      "{} vs {}: {} (similarity {:.2f}); {} of {} / {} sentences aligned (coverage "
      "{:.0f}%)\n",
      a, b, relation, similarity, rep.alignment.pairs.size(), sa->size(), sb->size(),
      100 * rep.alignment.coverage);
  if (!stored->evidence.empty()) fmt::print("evidence: {}\n", stored->evidence);
  fmt::print("{} substitutions, {} of them change meaning (actor, number, date or negation)\n\n",
             rep.substitutions, rep.meaning_changes);
  for (const auto& d : rep.sentences) {
    bool moved = false;
    for (const auto& p : rep.alignment.pairs) moved = moved || (p.a == d.a && p.moved);
    fmt::print("[{} ~ {}] similarity {:.2f}{}\n", d.a, d.b, d.similarity, moved ? " (moved)" : "");
    for (const auto& s : d.substitutions) {
      std::string flags;
      for (const auto& f : s.flags) flags += (flags.empty() ? "  !! " : ", ") + f;
      fmt::print("    \"{}\" -> \"{}\"{}\n", s.from, s.to, flags);
    }
  }
  return kExitOk;
}

int ListEventSets(const std::string& db) {
  auto store = dyad::Store::OpenExisting(db);
  if (!store.ok()) return Fail(store.status());
  auto sets = (*store)->EventSets();
  if (!sets.ok()) return Fail(sets.status());
  fmt::print("{:>4}  {:7}  {:20}  {:9}  {:16}  {:>8}  {:>8}  {}\n", "set", "current", "created",
             "dyad", "dictionary hash", "articles", "events", "dictionaries");
  for (const auto& e : *sets) {
    fmt::print("{:>4}  {:7}  {:20}  {:9}  {:16}  {:>8}  {:>8}  {}\n", e.id,
               e.current ? "yes" : (e.finished_at.empty() ? "partial" : ""), e.created_at,
               e.dyad_version, e.dictionary_hash, e.articles, e.events, e.dictionaries);
  }
  return kExitOk;
}

int PrintEvents(const std::string& db, const std::string& format,
                const dyad::Store::EventFilter& filter) {
  auto store = dyad::Store::OpenExisting(db);
  if (!store.ok()) return Fail(store.status());
  auto f = dyad::ParseExportFormat(format);
  if (!f.ok()) return Fail(f.status());
  dyad::ExportOptions o;
  o.format = *f;
  auto n = dyad::ExportEvents(**store, filter, o, std::cout);
  return n.ok() ? kExitOk : Fail(n.status());
}

int ExportCommand(const std::string& db, const std::string& format, const std::string& output,
                  bool gdelt_header, const dyad::Store::EventFilter& filter) {
  auto store = dyad::Store::OpenExisting(db);
  if (!store.ok()) return Fail(store.status());
  dyad::ExportOptions o;
  o.format = *dyad::ParseExportFormat(format);
  o.gdelt_header = gdelt_header;
  std::ofstream file;
  if (!output.empty()) {
    file.open(output, std::ios::binary);
    if (!file) return Fail(dyad::Status::IOError("cannot write " + output));
  }
  std::ostream& out = output.empty() ? std::cout : file;
  auto n = dyad::ExportEvents(**store, filter, o, out);
  if (!n.ok()) return Fail(n.status());
  if (!output.empty()) {
    std::fprintf(stderr, "dyad export: %lld events written to %s (%s)\n",
                 static_cast<long long>(*n), output.c_str(), format.c_str());
  }
  return kExitOk;
}

int ShardCommand(size_t n, const std::vector<std::string>& inputs, const std::string& out) {
  dyad::CountingSink diag(stderr);
  auto shards = dyad::ShardInputs(inputs, n, dyad::IngestOptions{}, diag);
  if (!shards.ok()) return Fail(shards.status());
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) return Fail(dyad::Status::IOError("cannot create " + out + ": " + ec.message()));
  for (size_t k = 0; k < shards->size(); ++k) {
    std::string path = fmt::format("{}/shard-{:03}.list", out, k);
    std::ofstream f(path);
    for (const auto& p : (*shards)[k]) f << p << '\n';
    if (!f) return Fail(dyad::Status::IOError("cannot write " + path));
    fmt::print("{}  {} files\n", path, (*shards)[k].size());
  }
  // The next steps: one task a shard, then the merge (docs/scaling.md, "Slurm").
  const size_t last = shards->size() - 1;
  std::string script = dyad::SlurmArrayScript();
  if (!script.empty()) {
    fmt::print(
        "\nRun each shard as one task of a Slurm array job, with the example batch script:\n"
        "  sbatch --array=0-{0} {1} {2}\nor without it:\n",
        last, script, out);
  } else {
    fmt::print("\nRun each shard as one task of a Slurm array job:\n");
  }
  fmt::print(
      "  sbatch --array=0-{0} --wrap 'dyad run --db {1}/shard-$(printf %03d "
      "$SLURM_ARRAY_TASK_ID).db --inputs-from {1}/shard-$(printf %03d $SLURM_ARRAY_TASK_ID).list "
      "--no-progress -q'\n"
      "then, when every task has finished: dyad merge --db merged.db {1}/shard-*.db\n",
      last, out);
  return diag.skipped() > 0 ? kExitSkipped : kExitOk;
}

int MergeCommand(const std::string& db, const std::vector<std::string>& shards,
                 const dyad::DedupOptions& dedup) {
  dyad::CountingSink diag(stderr);
  auto sum = dyad::MergeStores(db, shards, diag, dedup);
  if (!sum.ok()) return Fail(sum.status());
  fmt::print("dyad merge: {} shards into {} in {:.2f} s\n", sum->shards, db, sum->seconds);
  fmt::print("  articles         {}{}\n", Thousands(sum->articles),
             sum->skipped ? fmt::format(" ({} already merged, skipped)", sum->skipped) : "");
  fmt::print("  exact copies     {}\n  near-duplicates  {}\n  reworded copies  {}\n", sum->exact,
             sum->near_duplicates, sum->reworded);
  fmt::print("  story clusters   {}\n  events           {} ({} reports)\n", sum->clusters,
             Thousands(sum->events), Thousands(sum->mentions));
  return diag.skipped() > 0 ? kExitSkipped : kExitOk;
}

// Exit code for a suite whose files are absent (ctest's SKIP_RETURN_CODE).
constexpr int kExitSkip = 77;

int ValidateTabari(const std::string& project, bool as_json, bool strict, bool all, bool quiet,
                   int min_passed) {
  if (!std::filesystem::exists(project)) {
    std::fprintf(stderr, "SKIP: %s not found (reference material absent)\n", project.c_str());
    return kExitSkip;
  }
  dyad::CountingSink diag(stderr);
  auto rep = dyad::tabari::RunTabariValidation(project, diag, strict, all);
  if (!rep.ok()) return Fail(rep.status());
  const auto& r = *rep;
  double pct = r.counted ? 100.0 * r.passed / r.counted : 0.0;
  if (as_json) {
    json j = {{"project", project},
              {"passed", r.passed},
              {"counted", r.counted},
              {"option_records", r.option_records},
              {"dictionary_errors", r.dictionary_errors},
              {"percent", pct}};
    for (const auto& [g, pc] : r.groups)
      j["groups"][g] = {{"passed", pc.first}, {"counted", pc.second}};
    j["failures"] = json::array();
    for (const auto& o : r.outcomes) {
      if (o.passed) continue;
      j["failures"].push_back({{"id", o.record->id},
                               {"line", o.record->line},
                               {"expected", dyad::tabari::Describe(*o.record)},
                               {"got", dyad::tabari::Describe(o.got)}});
    }
    std::cout << j.dump(2) << '\n';
  } else {
    if (!quiet) {
      for (const auto& o : r.outcomes) {
        if (o.passed) continue;
        fmt::print("FAIL {} (line {})\n  expected {}\n  got      {}\n", o.record->id,
                   o.record->line, dyad::tabari::Describe(*o.record),
                   dyad::tabari::Describe(o.got));
      }
    }
    fmt::print("\n{:<16} {:>7} {:>7} {:>7}\n", "group", "passed", "of", "%");
    for (const auto& [g, pc] : r.groups) {
      fmt::print("{:<16} {:>7} {:>7} {:>6.1f}%\n", g, pc.first, pc.second,
                 100.0 * pc.first / pc.second);
    }
    fmt::print(
        "\n{} records only set an option (applied, not counted); {} dictionary lines "
        "skipped\n",
        r.option_records, r.dictionary_errors);
    fmt::print("passed {} of {}\n", r.passed, r.counted);
  }
  if (min_passed >= 0 && r.passed < min_passed) {
    std::fprintf(stderr, "dyad: %d passed, below the baseline of %d\n", r.passed, min_passed);
    return kExitFailed;
  }
  return kExitOk;
}

int ShowStats(const std::string& db, bool as_json) {
  auto store = dyad::Store::OpenExisting(db);
  if (!store.ok()) return Fail(store.status());
  auto st = (*store)->Stats();
  if (!st.ok()) return Fail(st.status());
  const dyad::StoreStats& s = *st;
  if (as_json) {
    json j = {{"path", s.path},
              {"schema_version", s.schema_version},
              {"articles", s.articles},
              {"article_versions", s.article_versions},
              {"sentences", s.sentences},
              {"dated_articles", s.dated_articles},
              {"earliest", s.earliest},
              {"latest", s.latest},
              {"bytes_original", s.bytes_original},
              {"bytes_text", s.bytes_text},
              {"runs", s.runs},
              {"file_bytes", s.file_bytes}};
    for (const auto& [k, v] : s.sources) j["sources"][k] = v;
    for (const auto& [k, v] : s.formats) j["formats"][k] = v;
    std::cout << j.dump(2) << '\n';
    return kExitOk;
  }
  fmt::print("store        {} (schema v{}, {:.1f} MB)\n", s.path, s.schema_version,
             static_cast<double>(s.file_bytes) / 1e6);
  fmt::print("articles     {} ({} versions stored)\n", Thousands(s.articles),
             Thousands(s.article_versions));
  fmt::print("sentences    {}\n", Thousands(s.sentences));
  fmt::print("dated        {} of {}{}\n", Thousands(s.dated_articles), Thousands(s.articles),
             s.dated_articles ? fmt::format(", {} .. {}", s.earliest, s.latest) : "");
  fmt::print("text         {:.2f} MB as read, {:.2f} MB cleaned\n",
             static_cast<double>(s.bytes_original) / 1e6, static_cast<double>(s.bytes_text) / 1e6);
  fmt::print("runs         {}\n", Thousands(s.runs));
  fmt::print("formats     ");
  for (const auto& [k, v] : s.formats) fmt::print(" {} {}", k, v);
  fmt::print("\nsources     ");
  for (const auto& [k, v] : s.sources) fmt::print(" {} ({})", k, v);
  fmt::print("\n");
  return kExitOk;
}

int ListArticles(const std::string& db, const std::string& format, int64_t limit, bool all) {
  auto store = dyad::Store::OpenExisting(db);
  if (!store.ok()) return Fail(store.status());
  dyad::ArticleFilter f;
  f.latest_only = !all;
  f.limit = limit;
  if (format == "csv") {
    CsvRow({"id", "external_id", "origin", "version", "published", "source", "title", "url",
            "sentences", "bytes", "encoding", "format"});
  } else if (format == "table") {
    fmt::print("{:>5}  {:<10}  {:<22}  {:>5}  {}\n", "id", "published", "source", "sents",
               "title (or origin) [external id]");
  }
  dyad::Status s = (*store)->ForEachArticle(f, [&](const dyad::ArticleRow& a) {
    if (format == "csv") {
      CsvRow({std::to_string(a.id), a.external_id, a.origin, std::to_string(a.version), a.published,
              a.source, a.title, a.url, std::to_string(a.sentence_count),
              std::to_string(a.text.size()), a.encoding, a.format});
    } else if (format == "jsonl") {
      json j = {{"id", a.id},
                {"external_id", a.external_id.empty() ? json(nullptr) : json(a.external_id)},
                {"origin", a.origin},
                {"version", a.version},
                {"published", a.published.empty() ? json(nullptr) : json(a.published)},
                {"source", a.source},
                {"title", a.title},
                {"url", a.url},
                {"sentences", a.sentence_count},
                {"encoding", a.encoding},
                {"format", a.format},
                {"metadata", json::parse(a.metadata_json, nullptr, false)}};
      std::cout << j.dump() << '\n';
    } else {
      std::string what = Ellipsize(a.title.empty() ? a.origin : a.title, 70);
      if (!a.external_id.empty()) what += " [" + a.external_id + "]";
      fmt::print("{:>5}  {:<10}  {:<22}  {:>5}  {}\n", a.id,
                 a.published.empty() ? "-" : a.published, Ellipsize(a.source, 22), a.sentence_count,
                 what);
    }
    return true;
  });
  return s.ok() ? kExitOk : Fail(s);
}

}  // namespace
