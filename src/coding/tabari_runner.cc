#include "dyad/tabari.h"

#include <fstream>
#include <memory>
#include <sstream>

#include "coding/sparse_coder.h"
#include "coding/tabari_dict.h"
#include "coding/tabari_validate.h"
#include "util/file.h"

namespace dyad::tabari {

std::string Describe(const ValidationRecord& r) {
  std::string s;
  for (const auto& e : r.events) s += "{" + e.source + " / " + e.target + " / " + e.code + "} ";
  if (r.expect_none) s += "{---} ";
  if (r.expect_discard) s += "{###} ";
  if (r.expect_complex) s += "{+++} ";
  if (!s.empty()) s.pop_back();
  return s;
}

std::string Describe(const CodedResult& got) {
  if (got.discarded) return "{###}";
  if (got.complex) return "{+++}";
  if (got.events.empty()) return "{---}";
  std::string s;
  for (const auto& e : got.events) s += "{" + e.source + " / " + e.target + " / " + e.code + "} ";
  s.pop_back();
  return s;
}

Result<ValidationReport> RunTabariValidation(const std::string& project_path, DiagnosticSink& diag,
                                             bool strict, bool include_all) {
  Reader reader(diag, strict);
  auto project = reader.ReadProject(project_path);
  if (!project.ok()) return project.status();
  auto file = [&](const char* key) -> std::string {
    auto it = project->files.find(key);
    return it == project->files.end() ? "" : it->second;
  };
  auto dicts = std::make_unique<Dictionaries>();
  Options options;
  if (!file("actorsfile").empty())
    DYAD_RETURN_IF_ERROR(reader.ReadActors(file("actorsfile"), dicts.get()));
  if (!file("agentsfile").empty())
    DYAD_RETURN_IF_ERROR(reader.ReadAgents(file("agentsfile"), dicts.get()));
  if (!file("verbsfile").empty())
    DYAD_RETURN_IF_ERROR(reader.ReadVerbs(file("verbsfile"), dicts.get()));
  if (!file("optionsfile").empty())
    DYAD_RETURN_IF_ERROR(reader.ReadOptions(file("optionsfile"), &options));
  if (file("textfile").empty()) return Status::InvalidArgument(project_path + ": no <textfile>");
  std::string text;
  DYAD_RETURN_IF_ERROR(ReadFile(file("textfile"), &text));

  ValidationReport report;
  report.records = ParseValidationRecords(text);
  report.dictionary_errors = dicts->errors;
  Coder coder(*dicts);
  coder.SetOptions(options);
  Coder::Forward forwarded;
  std::string forward_story;
  int forward_number = -1;
  for (const ValidationRecord& r : report.records) {
    if (!r.standard && !include_all) continue;
    // { OPTION: ... } records change the options for the records that follow.
    for (const std::string& line : r.options) {
      Status s =
          reader.ReadOptionsText(file("textfile") + ":" + std::to_string(r.line), line, &options);
      if (!s.ok()) return s;
      coder.SetOptions(options);
    }
    if (!r.counted()) {
      if (!r.options.empty() && r.standard) ++report.option_records;
      continue;
    }
    RecordOutcome o;
    o.record = &r;
    // FORWARD (manual 8.4): records "STORY-NNN" of one story, numbered consecutively, pass
    // their first actor on to a pronoun opening the next one.
    bool forward = !options.forward_command.empty() &&
                   options.forward_command.find("OFF") == std::string::npos;
    size_t dash = r.id.rfind('-');
    std::string story = dash == std::string::npos ? r.id : r.id.substr(0, dash);
    int number = dash == std::string::npos ? 0 : std::atoi(r.id.c_str() + dash + 1);
    bool continues = forward && story == forward_story && number == forward_number + 1;
    Coder::Forward next;
    o.got = coder.Code(r.text, r.date, continues ? &forwarded : nullptr, &next);
    forwarded = next;
    forward_story = story;
    forward_number = number;
    o.passed = Passes(r, o.got);
    ++report.counted;
    report.passed += o.passed;
    auto& g = report.groups[r.group];
    g.first += o.passed;
    g.second += 1;
    report.outcomes.push_back(std::move(o));
  }
  return report;
}

}  // namespace dyad::tabari
