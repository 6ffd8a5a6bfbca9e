// dyad eval timex: the tagger scored on TempEval-3 TimeML (.tml) files as TempEval-3 does.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "dyad/timex.h"
#include "util/file.h"

namespace dyad {

void TimexCounts::Add(const TimexCounts& o) {
  gold += o.gold;
  system += o.system;
  strict += o.strict;
  relaxed += o.relaxed;
  value += o.value;
  type += o.type;
}

namespace {

namespace fs = std::filesystem;

struct GoldTimex {
  uint32_t begin = 0, end = 0;
  std::string type, value;
};

struct TmlDoc {
  std::string text;  // the <TEXT> element without tags, entities decoded
  std::string dct;   // the creation time's value
  std::vector<GoldTimex> timexes;
};

std::string Attribute(std::string_view tag, std::string_view name) {
  size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    bool starts = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\t' || tag[pos - 1] == '\n');
    size_t eq = pos + name.size();
    if (starts && eq + 1 < tag.size() && tag[eq] == '=' &&
        (tag[eq + 1] == '"' || tag[eq + 1] == '\'')) {
      char q = tag[eq + 1];
      size_t close = tag.find(q, eq + 2);
      if (close == std::string_view::npos) return "";
      return std::string(tag.substr(eq + 2, close - eq - 2));
    }
    pos = eq;
  }
  return "";
}

// Appends `s` to *out with XML entities decoded.
void AppendDecoded(std::string_view s, std::string* out) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out->push_back(s[i]);
      continue;
    }
    size_t semi = s.find(';', i);
    std::string_view ent = semi == std::string_view::npos ? "" : s.substr(i + 1, semi - i - 1);
    const char* rep = ent == "amp"    ? "&"
                      : ent == "lt"   ? "<"
                      : ent == "gt"   ? ">"
                      : ent == "quot" ? "\""
                      : ent == "apos" ? "'"
                                      : nullptr;
    if (rep == nullptr) {
      out->push_back('&');
      continue;
    }
    out->append(rep);
    i = semi;
  }
}

Result<TmlDoc> ReadTml(const std::string& path) {
  std::string bytes;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &bytes));
  TmlDoc doc;
  // the document creation time
  for (size_t pos = 0; (pos = bytes.find("<TIMEX3", pos)) != std::string::npos;) {
    size_t close = bytes.find('>', pos);
    if (close == std::string::npos) break;
    std::string_view tag(bytes.data() + pos, close - pos);
    if (Attribute(tag, "functionInDocument") == "CREATION_TIME") {
      doc.dct = Attribute(tag, "value");
      break;
    }
    pos = close;
  }
  size_t begin = bytes.find("<TEXT>");
  size_t end = bytes.find("</TEXT>");
  if (begin == std::string::npos || end == std::string::npos || end < begin) {
    return Status::Corruption(path + ": no <TEXT> element");
  }
  std::string_view body(bytes.data() + begin + 6, end - begin - 6);
  bool open = false;
  for (size_t i = 0; i < body.size();) {
    size_t lt = body.find('<', i);
    if (lt == std::string_view::npos) lt = body.size();
    AppendDecoded(body.substr(i, lt - i), &doc.text);
    if (lt == body.size()) break;
    size_t gt = body.find('>', lt);
    if (gt == std::string_view::npos) return Status::Corruption(path + ": unterminated tag");
    std::string_view tag = body.substr(lt, gt - lt + 1);
    if (tag.starts_with("<TIMEX3")) {
      GoldTimex g;
      g.begin = g.end = static_cast<uint32_t>(doc.text.size());
      g.type = Attribute(tag, "type");
      g.value = Attribute(tag, "value");
      doc.timexes.push_back(std::move(g));
      open = true;
    } else if (tag.starts_with("</TIMEX3") && open) {
      doc.timexes.back().end = static_cast<uint32_t>(doc.text.size());
      open = false;
    }
    i = gt + 1;
  }
  return doc;
}

std::string Context(const std::string& text, uint32_t b, uint32_t e) {
  size_t from = b >= 50 ? b - 50 : 0;
  size_t to = std::min<size_t>(text.size(), e + 50);
  // whole UTF-8 characters only
  while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  std::string out =
      text.substr(from, b - from) + "[" + text.substr(b, e - b) + "]" + text.substr(e, to - e);
  for (char& c : out) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  return out;
}

// Scores one document's system timexes against gold (restricted to DATE when date_only).
TimexCounts Score(const TmlDoc& doc, const std::vector<Timex>& sys, bool date_only,
                  const std::string& file, std::vector<TimexError>* errors) {
  std::vector<const GoldTimex*> g;
  std::vector<const Timex*> s;
  for (const auto& x : doc.timexes) {
    if (!date_only || x.type == "DATE") g.push_back(&x);
  }
  for (const auto& x : sys) {
    if (!date_only || x.type == TimexType::kDate) s.push_back(&x);
  }
  TimexCounts c;
  c.gold = g.size();
  c.system = s.size();
  std::vector<int> gold_of(s.size(), -1);
  std::vector<bool> used(g.size(), false);
  for (size_t i = 0; i < s.size(); ++i) {
    for (size_t k = 0; k < g.size(); ++k) {
      if (g[k]->begin == s[i]->begin && g[k]->end == s[i]->end) ++c.strict;
    }
    // prefer an exact match, then the first overlapping unmatched gold timex
    int pick = -1;
    for (size_t k = 0; k < g.size(); ++k) {
      if (used[k] || g[k]->end <= s[i]->begin || s[i]->end <= g[k]->begin) continue;
      if (pick < 0 || (g[k]->begin == s[i]->begin && g[k]->end == s[i]->end)) {
        pick = static_cast<int>(k);
      }
    }
    if (pick < 0) continue;
    used[static_cast<size_t>(pick)] = true;
    gold_of[i] = pick;
    ++c.relaxed;
    const GoldTimex& gt = *g[static_cast<size_t>(pick)];
    if (gt.value == s[i]->value) ++c.value;
    if (gt.type == TimexTypeName(s[i]->type)) ++c.type;
  }
  if (errors != nullptr) {
    auto sys_fields = [&](const Timex& x, TimexError* e) {
      e->system_text = doc.text.substr(x.begin, x.end - x.begin);
      e->system_type = std::string(TimexTypeName(x.type));
      e->system_value = x.value;
    };
    auto gold_fields = [&](const GoldTimex& x, TimexError* e) {
      e->gold_text = doc.text.substr(x.begin, x.end - x.begin);
      e->gold_type = x.type;
      e->gold_value = x.value;
    };
    for (size_t k = 0; k < g.size(); ++k) {
      if (used[k]) continue;
      TimexError e{file,
                   "missed",
                   {},
                   {},
                   {},
                   {},
                   {},
                   {},
                   Context(doc.text, g[k]->begin, g[k]->end),
                   doc.dct.substr(0, 10)};
      gold_fields(*g[k], &e);
      errors->push_back(std::move(e));
    }
    for (size_t i = 0; i < s.size(); ++i) {
      TimexError e{file,
                   "",
                   {},
                   {},
                   {},
                   {},
                   {},
                   {},
                   Context(doc.text, s[i]->begin, s[i]->end),
                   doc.dct.substr(0, 10)};
      sys_fields(*s[i], &e);
      if (gold_of[i] < 0) {
        e.kind = "spurious";
      } else {
        const GoldTimex& gt = *g[static_cast<size_t>(gold_of[i])];
        gold_fields(gt, &e);
        if (gt.begin != s[i]->begin || gt.end != s[i]->end) {
          e.kind = "extent";
        } else if (gt.value != s[i]->value) {
          e.kind = "value";
        } else if (gt.type != e.system_type) {
          e.kind = "type";
        } else {
          continue;
        }
        if (e.kind == "extent" && gt.value != s[i]->value) e.kind = "extent+value";
      }
      errors->push_back(std::move(e));
    }
  }
  return c;
}

bool IsRef(const std::string& v) { return v.ends_with("_REF"); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// True when `text` names a weekday, a month or a season.
bool NamesDayMonthOrSeason(std::string_view text) {
  static constexpr std::string_view kNames[] = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan",
      "feb",    "mar",     "apr",       "may",      "jun",    "jul",      "aug",    "sep",
      "oct",    "nov",     "dec",       "spring",   "summer", "fall",     "autumn", "winter"};
  std::string t = Lower(text);
  for (auto n : kNames) {
    for (size_t pos = t.find(n); pos != std::string::npos; pos = t.find(n, pos + 1)) {
      if (pos == 0 || !std::isalpha(static_cast<unsigned char>(t[pos - 1]))) return true;
    }
  }
  return false;
}

// -1 / 0 / +1: `v` ("1998-12", "1990-08-17T12:00", "1989-SP") before, at or after `anchor`
// (YYYY-MM-DD), compared at the finest of day, month or year that `v` gives.
int SideOfAnchor(const std::string& v, const std::string& anchor) {
  auto digits = [&](size_t from, size_t to) {
    if (v.size() < to) return false;
    for (size_t k = from; k < to; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(v[k]))) return false;
    }
    return true;
  };
  if (anchor.size() < 10 || !digits(0, 4)) return 0;
  size_t k = digits(5, 7) ? (digits(8, 10) ? 10 : 7) : 4;
  int c = v.compare(0, k, anchor, 0, k);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace

std::string TimexValueErrorClass(const TimexError& e) {
  const std::string &g = e.gold_value, &s = e.system_value;
  if (e.gold_type == "SET" || e.system_type == "SET") return "set";
  if (g.find('T') != std::string::npos && s.find('T') != std::string::npos && !g.starts_with("P") &&
      !s.starts_with("P") && (g.starts_with(s) || s.starts_with(g))) {
    return "time format";
  }
  if (IsRef(g) || IsRef(s)) return "PRESENT/PAST/FUTURE_REF";
  if (g.starts_with("P") != s.starts_with("P")) return "duration vs date";
  if (g.starts_with("P")) return "duration amount or unit";
  if (g.find('X') != std::string::npos || s.find('X') != std::string::npos) {
    return "underspecified (X)";
  }
  auto period = [](const std::string& v) {
    return v.find('Q') != std::string::npos || v.find('H') != std::string::npos;
  };
  std::string words = Lower(e.gold_text + " " + e.system_text);
  if (period(g) || period(s) || words.find("quarter") != std::string::npos ||
      words.find("fiscal") != std::string::npos || words.find("period") != std::string::npos) {
    return "quarter, half or fiscal period";
  }
  if (g.size() <= 3 || s.size() <= 3) return "decade or century";
  if (g.size() != s.size() && (g.starts_with(s) || s.starts_with(g))) return "granularity";
  if (g.size() != s.size()) return "granularity";
  if (NamesDayMonthOrSeason(e.system_text)) {
    // on either side of the creation date: the tense was misread; on the same side: the
    // expression counts from another reference time than the one chosen
    int gs = SideOfAnchor(g, e.anchor), ss = SideOfAnchor(s, e.anchor);
    if (gs != 0 && ss != 0 && gs == ss) return "anchor of a named day, month or season";
    return "direction of a named day, month or season";
  }
  return "relative offset or anchor";
}

Result<TimexEvaluation> EvaluateTimex(const std::string& dir, bool collect_errors) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": not a directory");
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    std::error_code fe;
    if (it->is_regular_file(fe) && it->path().extension() == ".tml") files.push_back(it->path());
  }
  if (ec) return Status::IOError(dir + ": " + ec.message());
  if (files.empty()) return Status::NotFound(dir + ": no .tml files");
  std::sort(files.begin(), files.end());
  std::map<std::string, TimexTable> tables;
  TimexEvaluation ev;
  std::string top = fs::path(dir).filename().string();
  if (top.empty()) top = fs::path(dir).parent_path().filename().string();
  for (const auto& f : files) {
    auto rel = fs::relative(f, dir, ec);
    std::string group = top;
    if (!ec && std::distance(rel.begin(), rel.end()) > 1) group = rel.begin()->string();
    auto doc = ReadTml(f.string());
    if (!doc.ok()) return doc.status();
    auto sys = TagTimexes(doc->text, doc->dct.size() >= 10 ? doc->dct.substr(0, 10) : "");
    if (!sys.ok()) return Status::Corruption(f.string() + ": " + sys.status().message());
    TimexTable& t = tables[group];
    t.name = group;
    t.documents += 1;
    std::string name = rel.string();
    bool held_out = group.find("platinum") != std::string::npos;
    // a held-out folder's disagreements are never collected, not even to be counted by cause
    std::vector<TimexError> errors;
    t.all.Add(Score(*doc, *sys, false, name, held_out ? nullptr : &errors));
    for (auto& e : errors) {
      if (e.kind == "value" || e.kind == "extent+value") {
        ++t.value_errors[TimexValueErrorClass(e)];
      }
      if (collect_errors) ev.errors.push_back(std::move(e));
    }
    t.date.Add(Score(*doc, *sys, true, name, nullptr));
  }
  for (auto& [name, t] : tables) {
    if (name.find("platinum") == std::string::npos) ev.tables.push_back(t);
  }
  if (tables.count("TimeBank") && tables.count("AQUAINT")) {
    TimexTable u;
    u.name = "TimeBank+AQUAINT";
    for (const char* k : {"TimeBank", "AQUAINT"}) {
      u.documents += tables[k].documents;
      u.all.Add(tables[k].all);
      u.date.Add(tables[k].date);
      for (const auto& [cls, n] : tables[k].value_errors) u.value_errors[cls] += n;
    }
    ev.tables.push_back(u);
  }
  // the held-out test sample last
  for (auto& [name, t] : tables) {
    if (name.find("platinum") != std::string::npos) ev.tables.push_back(t);
  }
  return ev;
}

}  // namespace dyad
