// TABARI validation projects: the records of a Validate.text file, their expected events, and
// scoring a coder against them.
//
// A record starts with a "YYMMDD  ID" line, then the sentence text, then a /* ... */ comment
// holding expectations: { SRC / TGT / CODE } (one per expected event), {---} (no event),
// {###} (discarded), {+++} (complex), or { OPTION: ... } (an options command to apply, not
// counted). Records from FINAL-01 on are not part of the standard suite.
#ifndef DYAD_CODING_TABARI_VALIDATE_H_
#define DYAD_CODING_TABARI_VALIDATE_H_

#include <string>
#include <string_view>
#include <vector>

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

std::vector<ValidationRecord> ParseValidationRecords(std::string_view text);

// What a coder produced for a record.
struct CodedResult {
  std::vector<ExpectedEvent> events;
  bool discarded = false;
  bool complex = false;
};

// Whether `got` satisfies the record: the same multiset of events; for {---} no events; for
// {###} a discard; for {+++} a complex sentence.
bool Passes(const ValidationRecord& r, const CodedResult& got);

}  // namespace dyad::tabari

#endif  // DYAD_CODING_TABARI_VALIDATE_H_
