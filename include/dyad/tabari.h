// TABARI compatibility: run a TABARI validation project (its .project file, dictionaries and
// Validate.text records) through dyad's coder and score it.
//
// A record starts with a "YYMMDD  ID" line, then the sentence text, then an annotation (a
// /* ... */ comment or "\n"-prefixed lines) holding expectations: { SRC / TGT / CODE } (one per
// expected event), {---} (no event), {###} (discarded), {+++} (complex), or { OPTION: ... } (an
// options command, applied and not counted). Records from FINAL-01 on are not part of the
// standard suite.
#ifndef DYAD_TABARI_H_
#define DYAD_TABARI_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dedup.h"
#include "dyad/diagnostics.h"
#include "dyad/status.h"
#include "dyad/store.h"

namespace dyad::tabari {

struct ExpectedEvent {
  std::string source, target, code;
  friend bool operator==(const ExpectedEvent&, const ExpectedEvent&) = default;
};

struct ValidationRecord {
  std::string id;     // "DEMO-01"
  std::string group;  // feature group: the id before its first '-' ("DEMO")
  int32_t date = 0;   // yyyymmdd from the header
  std::string text;   // the sentence(s), lines joined by spaces
  int line = 0;       // header line in the file
  std::vector<ExpectedEvent> events;
  bool expect_none = false;          // {---}
  bool expect_discard = false;       // {###}
  bool expect_complex = false;       // {+++}
  std::vector<std::string> options;  // "SET: TIME SHIFT = FALSE" from { OPTION: ... }
  bool standard = false;             // before FINAL-01
  // True when the record states an expectation (and so is counted).
  bool counted() const {
    return !events.empty() || expect_none || expect_discard || expect_complex;
  }
};

// An event the coder found in a sentence, with its evidence: byte spans into the sentence
// of the source, target and verb phrase, and the dictionary rule (FILE:LINE of the verb or
// pattern) that gave the code.
struct CodedEvent {
  std::string source, target, code;
  uint32_t source_begin = 0, source_end = 0;
  uint32_t target_begin = 0, target_end = 0;
  uint32_t verb_begin = 0, verb_end = 0;
  std::string rule;
  bool rule_negates = false;  // the matched pattern contains the negation itself
  bool SameAs(const CodedEvent& o) const {
    return source == o.source && target == o.target && code == o.code;
  }
};

// What a coder produced for a sentence.
struct CodedResult {
  std::vector<CodedEvent> events;
  bool discarded = false;
  bool complex = false;
};

struct RecordOutcome {
  const ValidationRecord* record = nullptr;
  CodedResult got;
  bool passed = false;
};

struct ValidationReport {
  std::vector<ValidationRecord> records;  // every record in the file
  std::vector<RecordOutcome> outcomes;    // the counted ones, in file order
  int passed = 0;
  int counted = 0;                                    // M: standard records carrying an expectation
  int option_records = 0;                             // standard records that only set an option
  std::map<std::string, std::pair<int, int>> groups;  // group -> (passed, counted)
  int dictionary_errors = 0;
};

// `include_all` also scores the records after FINAL-01.
Result<ValidationReport> RunTabariValidation(const std::string& project_path, DiagnosticSink& diag,
                                             bool strict, bool include_all);

// TABARI dictionaries loaded from files, folders or .project files, ready to code sentences.
class DictionarySet {
 public:
  // Each path is a .project file (its actors, agents, verbs and options files), a folder
  // (every .actors, .agents, .verbs, .options and .zip file in it, sorted), or one such file;
  // a .zip contributes its dictionary members.
  // Bad lines are reported to `diag` and skipped (the first one fails the load if `strict`).
  static Result<std::unique_ptr<DictionarySet>> Load(const std::vector<std::string>& paths,
                                                     DiagnosticSink& diag, bool strict);
  ~DictionarySet();
  DictionarySet(const DictionarySet&) = delete;
  DictionarySet& operator=(const DictionarySet&) = delete;

  // Codes one sentence dated `date` (yyyymmdd, 0 if unknown). Thread-safe.
  CodedResult Code(std::string_view sentence, int32_t date) const;
  // What was loaded, e.g. "CAMEO.091003.master.verbs + 3 actor files (9166 actors, ...)".
  const std::string& description() const;
  // XXH3-64 (hex) over the bytes of every file loaded, in load order: two runs with the same
  // hash (and dyad version) code identically.
  const std::string& hash() const;
  // The actor code of a short phrase such as a speaker ("Kazakh President Tokayev" ->
  // "KAZGOV"): its first actor, with an agent next to it; empty when it names none.
  std::string ActorCode(std::string_view phrase, int32_t date) const;
  // Byte spans [begin, end) of the actors and agents recognised in a sentence.
  std::vector<std::pair<uint32_t, uint32_t>> ActorSpans(std::string_view sentence) const;

 private:
  struct Impl;
  explicit DictionarySet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct CodeSummary {
  int64_t articles = 0, sentences = 0, events = 0, discarded = 0, complex = 0;
  int64_t merged = 0;      // reports of an event already stored from another copy of the story
  int64_t same_story = 0;  // articles that joined a story cluster as another report
  int64_t rewording_changed = 0;  // events of copies whose coding the rewording changed
  // Articles not coded because their language (metadata "language") is not English; they
  // stay in the store and are counted again by each coding run.
  int64_t not_coded_language = 0;
  int64_t event_set = 0;
  bool new_set = false;  // a new event set was started (else the current one was extended)
  double seconds = 0;
};

struct CodeOptions {
  // Start a new event set even when the current one was coded with the same dyad version and
  // dictionaries (dyad recode). Otherwise a new set starts only when they differ.
  bool new_set = false;
  // Worker threads coding articles while this thread reads and stores (in store order: the
  // events are the same whatever the number). 0 or 1: all on this thread.
  size_t threads = 1;
  // Link an article that is no copy to a stored article reporting the same event on the same
  // day about the same thing (docs/dedup.md, "Same story").
  bool same_story = true;
  SameStoryOptions same_story_options;
};

// Codes the newest version of every article in the store at `db_path` that the current
// event set has not coded yet, into that set; or, when the dictionaries or dyad's version
// changed (or `options.new_set`), every article into a new set that becomes current when it
// finishes. Earlier sets are kept (Store::EventSets). Each event gets its CAMEO attributes,
// modality and speaker.
Result<CodeSummary> CodeStore(const DictionarySet& dicts, const std::string& db_path,
                              const CodeOptions& options = {});

// Fills what a coded event carries beyond who did what to whom: its CAMEO attributes,
// modality and speaker. `sentence_begin` converts sentence offsets into article offsets.
void AnnotateEvent(const DictionarySet& dicts, std::string_view sentence, const CodedEvent& e,
                   int32_t date, uint32_t sentence_begin, EventRow* row);

// Dictionary upkeep: what the dictionaries miss in the sentences of the store that yielded no
// event. Actor-like phrases are runs of capitalised words no actor entry covers; verbs are the
// word after a recognised actor (past auxiliaries and adverbs), the usual place of the verb in
// news English. Each with its count and an example sentence.
struct Gap {
  std::string phrase;
  int64_t count = 0;
  std::string example;  // a sentence it occurs in
  int64_t example_sentence_id = 0;
};
struct GapReport {
  int64_t sentences = 0, uncoded = 0;
  std::vector<Gap> actors, verbs;  // most frequent first
};
Result<GapReport> FindGaps(const DictionarySet& dicts, const std::string& db_path, size_t top);

std::string Describe(const ValidationRecord& r);  // expectations as "{A / B / 064} {---}"
std::string Describe(const CodedResult& got);

}  // namespace dyad::tabari

#endif  // DYAD_TABARI_H_
