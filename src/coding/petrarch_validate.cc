#include "coding/petrarch_validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "coding/modality.h"
#include "coding/petrarch_dict.h"
#include "coding/sparse_coder.h"
#include "coding/tabari_dict.h"
#include "util/file.h"
#include "util/strings.h"

namespace dyad::petrarch {

namespace fs = std::filesystem;

namespace {

// Decodes the predefined entities and numeric character references.
std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (ent == "amp") {
      cp = '&';
    } else if (ent == "lt") {
      cp = '<';
    } else if (ent == "gt") {
      cp = '>';
    } else if (ent == "quot") {
      cp = '"';
    } else if (ent == "apos") {
      cp = '\'';
    } else if (ent.size() > 1 && ent[0] == '#') {
      bool hex = ent[1] == 'x' || ent[1] == 'X';
      cp = static_cast<uint32_t>(
          std::strtoul(std::string(ent.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10));
    }
    if (cp == 0) {
      out.push_back('&');
      continue;
    }
    // UTF-8 encode.
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    i = semi;
  }
  return out;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

struct Tag {
  std::string name;
  std::map<std::string, std::string> attrs;
  bool closing = false;       // </name>
  bool self_closing = false;  // <name ... />
  size_t begin = 0, end = 0;  // '<' and one past '>'
};

// Reads the tag starting at xml[p] == '<'. Attribute values are in single or double quotes;
// spaces may surround '='. Returns false when there is no closing '>'.
bool ReadTag(std::string_view xml, size_t p, Tag* t) {
  *t = Tag();
  t->begin = p;
  size_t i = p + 1;
  if (i < xml.size() && xml[i] == '/') {
    t->closing = true;
    ++i;
  }
  size_t ns = i;
  while (i < xml.size() && !std::isspace(static_cast<unsigned char>(xml[i])) && xml[i] != '>' &&
         xml[i] != '/') {
    ++i;
  }
  t->name = std::string(xml.substr(ns, i - ns));
  for (;;) {
    while (i < xml.size() && std::isspace(static_cast<unsigned char>(xml[i]))) ++i;
    if (i >= xml.size()) return false;
    if (xml[i] == '>') {
      t->end = i + 1;
      return true;
    }
    if (xml[i] == '/' && i + 1 < xml.size() && xml[i + 1] == '>') {
      t->self_closing = true;
      t->end = i + 2;
      return true;
    }
    size_t as = i;
    while (i < xml.size() && !std::isspace(static_cast<unsigned char>(xml[i])) && xml[i] != '=' &&
           xml[i] != '>' && xml[i] != '/') {
      ++i;
    }
    std::string key(xml.substr(as, i - as));
    while (i < xml.size() && std::isspace(static_cast<unsigned char>(xml[i]))) ++i;
    if (i < xml.size() && xml[i] == '=') {
      ++i;
      while (i < xml.size() && std::isspace(static_cast<unsigned char>(xml[i]))) ++i;
      if (i < xml.size() && (xml[i] == '"' || xml[i] == '\'')) {
        char q = xml[i];
        size_t e = xml.find(q, i + 1);
        if (e == std::string_view::npos) return false;
        t->attrs[key] = Unescape(xml.substr(i + 1, e - i - 1));
        i = e + 1;
      } else {
        size_t vs = i;
        while (i < xml.size() && !std::isspace(static_cast<unsigned char>(xml[i])) &&
               xml[i] != '>') {
          ++i;
        }
        t->attrs[key] = Unescape(xml.substr(vs, i - vs));
      }
    } else if (key.empty()) {
      // Something that is not an attribute (e.g. the JSON of a <PLEvent ...>): skip to '>'.
      size_t e = xml.find('>', i);
      if (e == std::string_view::npos) return false;
      t->end = e + 1;
      return true;
    }
  }
}

std::string Attr(const Tag& t, const char* key) {
  auto it = t.attrs.find(key);
  return it == t.attrs.end() ? "" : it->second;
}

// An attribute value as a code: quotes inside it ('"INJURY TOLL"') are kept out.
std::string CodeValue(std::string v) {
  v = std::string(Trim(v));
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return v;
}

int32_t DateNumber(std::string_view s) {
  int32_t v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
    v = v * 10 + (c - '0');
  }
  return s.size() == 8 ? v : 0;
}

std::string Describe(const std::vector<tabari::ExpectedEvent>& events, bool none, bool error) {
  std::string s;
  for (const auto& e : events) s += "{" + e.source + " / " + e.target + " / " + e.code + "} ";
  if (none) s += "{no events} ";
  if (error) s += "{error} ";
  if (!s.empty()) s.pop_back();
  return s;
}

std::string DescribeGot(const tabari::CodedResult& got) {
  if (got.discarded) return "{discarded}";
  if (got.events.empty()) return "{no events}";
  std::string s;
  for (const auto& e : got.events) s += "{" + e.source + " / " + e.target + " / " + e.code + "} ";
  s.pop_back();
  return s;
}

}  // namespace

Pico ReadPico(std::string_view text) {
  Pico out;
  size_t p = 0;
  while (p < text.size()) {
    size_t e = text.find('\n', p);
    std::string_view line = text.substr(p, e == std::string_view::npos ? text.size() - p : e - p);
    p = e == std::string_view::npos ? text.size() : e + 1;
    line = Trim(line.substr(0, line.find('#')));
    size_t colon = line.find(':');
    if (line.empty() || colon == std::string_view::npos) continue;
    std::string code(Trim(line.substr(0, colon)));
    std::string_view expr = Trim(line.substr(colon + 1));
    // A sum of signed hex terms: "0x0080", "-0xFFFF+0x0070", "0x1000-0xFFFF".
    int64_t value = 0;
    bool ok = !expr.empty();
    size_t i = 0;
    while (ok && i < expr.size()) {
      int sign = 1;
      if (expr[i] == '+' || expr[i] == '-') {
        sign = expr[i] == '-' ? -1 : 1;
        ++i;
      }
      if (expr.compare(i, 2, "0x") != 0 && expr.compare(i, 2, "0X") != 0) {
        ok = false;
        break;
      }
      i += 2;
      size_t b = i;
      while (i < expr.size() && std::isxdigit(static_cast<unsigned char>(expr[i]))) ++i;
      if (i == b) {
        ok = false;
        break;
      }
      value +=
          sign * static_cast<int64_t>(std::stoll(std::string(expr.substr(b, i - b)), nullptr, 16));
    }
    if (!ok || code.empty()) continue;
    out.value.emplace(code, value);
    out.by_value.emplace(value, code);  // the first code with a value names it
  }
  return out;
}

std::string Pico::Negated(const std::string& code) const {
  if (size_t colon = code.find(':'); colon != std::string::npos) {
    std::string a = Negated(code.substr(0, colon)), b = Negated(code.substr(colon + 1));
    return a.empty() || b.empty() ? "" : a + ":" + b;
  }
  auto it = value.find(code);
  if (it == value.end()) return "";
  constexpr int64_t kNot = 0xFFFF;
  int64_t v = it->second;
  auto found = by_value.find(v > kNot ? v - kNot : v + kNot);
  return found == by_value.end() ? "" : found->second;
}

Result<RecordsFile> ParseRecords(std::string_view in) {
  // Comments are blanked out (newlines kept, so line numbers stay right).
  std::string xml(in);
  for (size_t p = xml.find("<!--"); p != std::string::npos; p = xml.find("<!--", p)) {
    size_t e = xml.find("-->", p + 4);
    size_t stop = e == std::string::npos ? xml.size() : e + 3;
    for (size_t k = p; k < stop; ++k) {
      if (xml[k] != '\n') xml[k] = ' ';
    }
    p = stop;
  }
  auto line_at = [&](size_t pos) {
    return 1 +
           static_cast<int>(std::count(xml.begin(), xml.begin() + static_cast<long>(pos), '\n'));
  };
  RecordsFile out;
  Record* cur = nullptr;
  size_t p = 0;
  while ((p = xml.find('<', p)) != std::string::npos) {
    if (xml.compare(p, 2, "<?") == 0 || xml.compare(p, 2, "<!") == 0) {
      size_t e = xml.find('>', p);
      if (e == std::string::npos) break;
      p = e + 1;
      continue;
    }
    Tag t;
    if (!ReadTag(xml, p, &t)) {
      return Status::Corruption("line " + std::to_string(line_at(p)) + ": unclosed tag");
    }
    p = t.end;
    if (t.closing) {
      // A record without any <EventCoding> expects no event.
      if (t.name == "Sentence" && cur != nullptr && cur->events.empty() && !cur->expect_error) {
        cur->expect_none = true;
      }
      if (t.name == "Sentence") cur = nullptr;
      continue;
    }
    // Elements whose content is text.
    auto content = [&](const std::string& name) {
      size_t e = xml.find("</" + name, p);
      std::string_view c = std::string_view(xml).substr(p, e == std::string::npos ? 0 : e - p);
      if (e != std::string::npos) p = xml.find('>', e) + 1;
      return std::string(c);
    };
    if (t.name == "Environment") {
      size_t end = xml.find("</Environment", p);
      while (true) {
        size_t q = xml.find('<', p);
        if (q == std::string::npos || q >= end) break;
        Tag c;
        if (!ReadTag(xml, q, &c)) break;
        p = c.end;
        if (c.closing || c.self_closing) continue;
        std::string value = CollapseSpace(Unescape(content(c.name)));
        out.environment[c.name] = value;
        if (c.name == "Include") {
          std::istringstream ss(value);
          std::string w;
          while (ss >> w) out.include.push_back(w);
        }
      }
      continue;
    }
    if (t.name == "Sentence") {
      out.records.emplace_back();
      cur = &out.records.back();
      cur->id = Attr(t, "id");
      cur->category = Attr(t, "category");
      cur->date = DateNumber(Attr(t, "date"));
      cur->evaluate = Lower(Attr(t, "evaluate")) != "false";
      cur->line = line_at(t.begin);
      if (t.self_closing) cur = nullptr;
      continue;
    }
    if (cur == nullptr) continue;
    if (t.name == "EventCoding") {
      if (t.attrs.count("noevents")) {
        cur->expect_none = true;
      } else if (t.attrs.count("error")) {
        cur->expect_error = true;
      } else {
        cur->events.push_back({CodeValue(Attr(t, "sourcecode")), CodeValue(Attr(t, "targetcode")),
                               CodeValue(Attr(t, "eventcode"))});
      }
      continue;
    }
    if (t.name == "Text" && !t.self_closing) {
      cur->text = CollapseSpace(Unescape(content("Text")));
      continue;
    }
    if (t.name == "Parse" && !t.self_closing) {
      content("Parse");  // ignored: dyad codes from the text
      continue;
    }
  }
  return out;
}

void Score(const Record& r, const tabari::CodedResult& got, RecordResult* out) {
  out->record = &r;
  out->got = got;
  std::vector<bool> used(got.events.size(), false);
  out->correct = out->uncoded = out->extra = 0;
  for (const auto& e : r.events) {
    bool found = false;
    for (size_t k = 0; k < got.events.size(); ++k) {
      const auto& g = got.events[k];
      if (!used[k] && g.source == e.source && g.target == e.target && g.code == e.code) {
        used[k] = true;
        found = true;
        break;
      }
    }
    ++(found ? out->correct : out->uncoded);
  }
  int unmatched = static_cast<int>(std::count(used.begin(), used.end(), false));
  out->extra = unmatched;
  if (r.events.empty() && (r.expect_none || r.expect_error)) {
    ++(got.events.empty() ? out->correct : out->uncoded);
  }
}

std::vector<std::string> DefaultDictionaries(const std::string& records_path,
                                             const RecordsFile& file) {
  std::vector<std::string> out;
  fs::path dir = fs::path(records_path).parent_path();
  std::error_code ec;
  for (const char* key : {"Actorfile", "Agentfile", "Verbfile", "Discardfile"}) {
    auto it = file.environment.find(key);
    if (it == file.environment.end() || it->second.empty()) continue;
    fs::path f = dir / it->second;
    if (fs::exists(f, ec)) out.push_back(f.string());
  }
  if (!out.empty()) return out;
  auto matching = [&](const fs::path& d, const std::string& prefix) {
    std::vector<std::string> v;
    for (const auto& e : fs::directory_iterator(d, ec)) {
      std::string n = e.path().filename().string();
      if (n.starts_with(prefix) && KindFromName(n) != FileKind::kNone)
        v.push_back(e.path().string());
    }
    std::sort(v.begin(), v.end());
    return v;
  };
  out = matching(dir, "PETR_Validate_");
  if (!out.empty()) return out;
  return matching(dir.parent_path() / "dictionaries", "PETR.Validate.");
}

void NegateEvents(const Pico& pico, std::string_view sentence, tabari::CodedResult* got) {
  std::vector<tabari::CodedEvent> kept;
  for (tabari::CodedEvent& e : got->events) {
    if (!e.rule_negates &&
        coding::AnalyzeModality(sentence, e.source_begin, e.source_end, e.verb_begin, e.verb_end)
                .modality == coding::Modality::kNegated) {
      std::string n = pico.Negated(e.code);
      if (!n.empty()) e.code = n;
    }
    kept.push_back(std::move(e));
  }
  got->events = std::move(kept);
}

Result<Report> RunValidation(const std::string& records_path,
                             const std::vector<std::string>& dict_paths, DiagnosticSink& diag,
                             bool strict) {
  std::string records;
  DYAD_RETURN_IF_ERROR(ReadFile(records_path, &records));
  auto parsed = ParseRecords(records);
  if (!parsed.ok()) return Status::Corruption(records_path + ": " + parsed.status().message());
  Report rep;
  rep.records_path = records_path;
  rep.file = std::move(*parsed);
  std::vector<std::string> files;
  std::vector<std::string> given =
      dict_paths.empty() ? DefaultDictionaries(records_path, rep.file) : dict_paths;
  if (given.empty()) {
    return Status::NotFound(records_path + ": no dictionaries found (give --dict)");
  }
  for (const std::string& p : given) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> v;
      for (const auto& e : fs::directory_iterator(p, ec)) {
        if (KindFromName(e.path().string()) != FileKind::kNone) v.push_back(e.path().string());
      }
      std::sort(v.begin(), v.end());
      files.insert(files.end(), v.begin(), v.end());
    } else {
      files.push_back(p);
    }
  }
  // Verbs last: synsets and patterns do not depend on the others, but keep actors first so
  // that diagnostics come in a stable order.
  std::stable_sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
    return (KindFromName(a) == FileKind::kVerbs) < (KindFromName(b) == FileKind::kVerbs);
  });
  auto dicts = std::make_unique<tabari::Dictionaries>();
  Reader reader(diag, strict);
  // UD-PETRARCH's records (their <Environment> names its coding ontology, the PICO file) read
  // "FRO/BIL/SAM" as one actor code; PETRARCH-2's as a compound actor.
  bool ud = rep.file.environment.contains("PICOfile");
  reader.set_literal_slash(ud);
  for (const std::string& f : files) {
    FileKind kind = KindFromName(f);
    if (kind == FileKind::kNone) {
      return Status::InvalidArgument(f +
                                     ": not a PETRARCH dictionary (name must contain verbs, "
                                     "actors, agents or discards and end in .txt)");
    }
    DYAD_RETURN_IF_ERROR(reader.Read(kind, f, dicts.get()));
    rep.dictionaries.push_back(f);
  }
  rep.dictionary_errors = dicts->errors;
  if (dicts->verbs.empty()) return Status::InvalidArgument("no verbs dictionary given");
  tabari::Coder coder(*dicts);
  tabari::Options options;
  options.settings["MINIMUM WORDS"] = "0";  // PETRARCH codes sentences of any length
  // PETRARCH's source is the verb's subject: a verb with no actor before it codes nothing
  // (TABARI would take the first actor after it).
  options.complex.push_back("NOACTPRIOR");
  // "the ambassadors of A, B and C": each is qualified by the agent.
  options.flags.push_back("AGENT OF COMPOUND");
  // "Gondor's first Deputy Prime Minister": the agent heads the noun phrase.
  options.flags.push_back("AGENT AFTER MODIFIERS");
  coder.SetOptions(options);
  // UD-PETRARCH's coding ontology (PICO) gives negated verbs their code: "not disapprove" is
  // the cooperation whose negation 110 is. Used when the records' <Environment> names it.
  Pico pico;
  if (auto it = rep.file.environment.find("PICOfile"); it != rep.file.environment.end()) {
    std::string pico_text;
    if (ReadFile((fs::path(records_path).parent_path() / it->second).string(), &pico_text).ok()) {
      pico = ReadPico(pico_text);
      rep.pico = !pico.value.empty();
    }
  }
  const auto& include = rep.file.include;
  for (const Record& r : rep.file.records) {
    bool included =
        include.empty() || std::find(include.begin(), include.end(), r.category) != include.end();
    if (!r.evaluate || !included) {
      ++rep.skipped;
      continue;
    }
    RecordResult res;
    tabari::CodedResult got = coder.Code(r.text, r.date);
    if (rep.pico) NegateEvents(pico, r.text, &got);
    for (tabari::CodedEvent& e : got.events) {
      e.source = RestoreSlash(std::move(e.source));
      e.target = RestoreSlash(std::move(e.target));
    }
    Score(r, got, &res);
    CategoryScore& c = rep.categories[r.category];
    for (CategoryScore* s : {&c, &rep.total}) {
      s->records += 1;
      s->correct += res.correct;
      s->uncoded += res.uncoded;
      s->extra += res.extra;
    }
    rep.results.push_back(std::move(res));
  }
  return rep;
}

int ValidateCommand(const CommandArgs& args, std::FILE* out, std::FILE* err) {
  std::error_code ec;
  if (!fs::exists(args.records, ec)) {
    fmt::print(err, "SKIP: {} not found (reference material absent)\n", args.records);
    return 77;
  }
  CountingSink diag(err);
  auto rep_or = RunValidation(args.records, args.dicts, diag, args.strict);
  if (!rep_or.ok()) {
    fmt::print(err, "dyad: {}\n", rep_or.status().ToString());
    return 1;
  }
  const Report& r = *rep_or;
  double correct = r.total.correct_pct(), extra = r.total.extra_pct();
  if (args.json) {
    nlohmann::ordered_json j;
    j["records_file"] = r.records_path;
    j["dictionaries"] = r.dictionaries;
    j["dictionary_errors"] = r.dictionary_errors;
    j["skipped_records"] = r.skipped;
    auto cat = [](const CategoryScore& c) {
      return nlohmann::ordered_json{{"records", c.records},           {"correct", c.correct},
                                    {"uncoded", c.uncoded},           {"extra", c.extra},
                                    {"correct_pct", c.correct_pct()}, {"extra_pct", c.extra_pct()}};
    };
    j["categories"] = nlohmann::ordered_json::object();
    for (const auto& [name, c] : r.categories) j["categories"][name] = cat(c);
    j["total"] = cat(r.total);
    j["failures"] = nlohmann::ordered_json::array();
    for (const RecordResult& x : r.results) {
      if (x.passed()) continue;
      j["failures"].push_back(
          {{"id", x.record->id},
           {"line", x.record->line},
           {"expected", Describe(x.record->events, x.record->expect_none, x.record->expect_error)},
           {"got", DescribeGot(x.got)}});
    }
    j["correct_pct"] = correct;
    j["extra_pct"] = extra;
    fmt::print(out, "{}\n", j.dump(2));
  } else {
    if (!args.quiet) {
      for (const RecordResult& x : r.results) {
        if (x.passed()) continue;
        fmt::print(out, "FAIL {} (line {})\n  text     {}\n  expected {}\n  got      {}\n",
                   x.record->id, x.record->line, x.record->text,
                   Describe(x.record->events, x.record->expect_none, x.record->expect_error),
                   DescribeGot(x.got));
      }
      fmt::print(out, "\n");
    }
    fmt::print(out, "{:<12} {:>8} {:>8} {:>8} {:>8} {:>9} {:>8}\n", "category", "records",
               "correct", "uncoded", "extra", "correct%", "extra%");
    auto row = [&](const std::string& name, const CategoryScore& c) {
      fmt::print(out, "{:<12} {:>8} {:>8} {:>8} {:>8} {:>8.1f}% {:>7.1f}%\n", name, c.records,
                 c.correct, c.uncoded, c.extra, c.correct_pct(), c.extra_pct());
    };
    for (const auto& [name, c] : r.categories) row(name, c);
    row("Total", r.total);
    fmt::print(out,
               "\n{} records not scored (evaluate=\"false\" or not in <Include>); {} "
               "dictionary lines skipped\n",
               r.skipped, r.dictionary_errors);
    fmt::print(out, "correct {:.1f}% extra {:.1f}%\n", correct, extra);
  }
  int rc = 0;
  if (args.min_correct >= 0 && correct < args.min_correct) {
    fmt::print(err, "dyad: correct {:.1f}% is below the baseline of {:.1f}%\n", correct,
               args.min_correct);
    rc = 1;
  }
  if (args.max_extra >= 0 && extra > args.max_extra) {
    fmt::print(err, "dyad: extra {:.1f}% is above the baseline of {:.1f}%\n", extra,
               args.max_extra);
    rc = 1;
  }
  return rc;
}

}  // namespace dyad::petrarch
