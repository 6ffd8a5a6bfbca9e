// PETRARCH validation: reads a PETRARCH / UD-PETRARCH validation records file (XML), codes
// each record's <Text> with dyad's coder and PETRARCH dictionaries, and scores it with the
// UniversalPetrarch rule.
//
// Records: <Sentence category= date= id= evaluate=> holding <EventCoding sourcecode=
// targetcode= eventcode= /> (one per expected event; noevents="True" when none is expected,
// error="..." for an expected error; a record without any expects no event), <Text> and a
// <Parse> that is ignored. The
// <Environment> block names the dictionaries (<Verbfile>, <Actorfile>, <Agentfile>,
// <Discardfile>) and the categories scored (<Include>).
//
// Scoring, per category: Records (evaluated records), Correct (expected events coded),
// Uncoded (expected events not coded), Extra (coded events not expected). A record expecting no
// event is one expectation: Correct when nothing is coded, otherwise Uncoded (and every coded
// event is Extra). correct% = Correct / (Correct + Uncoded); extra% = Extra / Records.
#ifndef DYAD_CODING_PETRARCH_VALIDATE_H_
#define DYAD_CODING_PETRARCH_VALIDATE_H_

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/diagnostics.h"
#include "dyad/status.h"
#include "dyad/tabari.h"

namespace dyad::petrarch {

struct Record {
  std::string id, category;
  int32_t date = 0;  // yyyymmdd
  bool evaluate = true;
  std::string text;  // whitespace collapsed
  int line = 0;      // of the <Sentence> tag
  std::vector<tabari::ExpectedEvent> events;
  bool expect_none = false;   // noevents="True"
  bool expect_error = false;  // error="..."
};

struct RecordsFile {
  std::map<std::string, std::string> environment;  // "Verbfile" -> "PETR_...txt", ...
  std::vector<std::string> include;                // categories from <Include>; empty = all
  std::vector<Record> records;
};

// Parses the records XML (a small reader for this format: comments, attributes in single or
// double quotes, the five predefined entities and numeric character references).
Result<RecordsFile> ParseRecords(std::string_view xml);

struct CategoryScore {
  int records = 0, correct = 0, uncoded = 0, extra = 0;
  double correct_pct() const {
    return correct + uncoded ? 100.0 * correct / (correct + uncoded) : 0.0;
  }
  double extra_pct() const { return records ? 100.0 * extra / records : 0.0; }
};

struct RecordResult {
  const Record* record = nullptr;
  tabari::CodedResult got;
  int correct = 0, uncoded = 0, extra = 0;
  bool passed() const { return uncoded == 0 && extra == 0; }
};

struct Report {
  std::string records_path;
  std::vector<std::string> dictionaries;  // files loaded
  RecordsFile file;
  std::vector<RecordResult> results;  // scored records, in file order
  std::map<std::string, CategoryScore> categories;
  CategoryScore total;
  int skipped = 0;  // evaluate="false" or category not included
  int dictionary_errors = 0;
  bool pico = false;  // negated verbs were recoded with the PICO file
};

// UD-PETRARCH's internal coding ontology (PICO): CAMEO code -> value, where a value above
// 0xFFFF is the negation of (value - 0xFFFF) ("110:0x1007f" is "not 050").
struct Pico {
  std::map<std::string, int64_t> value;
  std::map<int64_t, std::string> by_value;
  // The code of the negated event ("110" -> "050", "057" -> "170"); "" when there is none.
  std::string Negated(const std::string& code) const;
};
Pico ReadPico(std::string_view text);

// Recodes the events whose verb is negated ("did not clash") with their PICO negation.
void NegateEvents(const Pico& pico, std::string_view sentence, tabari::CodedResult* got);

// Scores one record (adds nothing to a report).
void Score(const Record& r, const tabari::CodedResult& got, RecordResult* out);

// The dictionary files to use for `records_path` without --dict: those the <Environment>
// names beside the records file, else PETR_Validate_* in the same folder, else PETR.Validate.*
// in the sibling dictionaries/ folder. Empty when none is found.
std::vector<std::string> DefaultDictionaries(const std::string& records_path,
                                             const RecordsFile& file);

// Loads the dictionaries (PETRARCH files by name, folders of .txt files), codes and scores.
Result<Report> RunValidation(const std::string& records_path,
                             const std::vector<std::string>& dict_paths, DiagnosticSink& diag,
                             bool strict);

// `dyad validate petrarch`: prints failures (unless quiet), a table per category and a last
// line "correct X% extra Y%", or one JSON object; returns the exit code (0, 1, or 77 when the
// records file is absent).
struct CommandArgs {
  std::string records;
  std::vector<std::string> dicts;
  bool json = false, quiet = false, strict = false;
  double min_correct = -1, max_extra = -1;  // < 0: not checked
};
int ValidateCommand(const CommandArgs& args, std::FILE* out, std::FILE* err);

}  // namespace dyad::petrarch

#endif  // DYAD_CODING_PETRARCH_VALIDATE_H_
