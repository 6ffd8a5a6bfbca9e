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
#include <string>
#include <string_view>
#include <vector>

#include "dyad/diagnostics.h"
#include "dyad/status.h"

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

// What a coder produced for a record.
struct CodedResult {
  std::vector<ExpectedEvent> events;
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

std::string Describe(const ValidationRecord& r);  // expectations as "{A / B / 064} {---}"
std::string Describe(const CodedResult& got);

}  // namespace dyad::tabari

#endif  // DYAD_TABARI_H_
