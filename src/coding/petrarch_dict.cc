#include "coding/petrarch_dict.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <vector>

#include "util/file.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace dyad::petrarch {

using tabari::ActorEntry;
using tabari::AgentEntry;
using tabari::DateCode;
using tabari::Dictionaries;
using tabari::Pattern;
using tabari::PatternElement;
using tabari::Phrase;
using tabari::Synset;
using tabari::VerbEntry;
using tabari::Word;

namespace {

// Removes '#' comments (and, with `semicolon`, ';' comments) outside [...] blocks.
std::string_view StripComment(std::string_view s, bool semicolon) {
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[') ++depth;
    if (s[i] == ']' && depth > 0) --depth;
    if (depth == 0 && (s[i] == '#' || (semicolon && s[i] == ';'))) return s.substr(0, i);
  }
  return s;
}

// Calls fn(line_number, line) for each line with comments removed; "<!-- ... -->" blocks
// (possibly spanning lines) are blanked out. Lines that end up empty are not passed. The line
// keeps its leading whitespace (actors' date lines are indented).
Status ForEachLine(std::string_view text, bool semicolon,
                   const std::function<Status(int, std::string_view)>& fn) {
  bool in_block = false;
  int n = 0;
  size_t p = 0;
  while (p < text.size()) {
    size_t e = text.find('\n', p);
    std::string_view raw = text.substr(p, e == std::string_view::npos ? text.size() - p : e - p);
    p = e == std::string_view::npos ? text.size() : e + 1;
    ++n;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string line;
    size_t i = 0;
    while (i < raw.size()) {
      if (in_block) {
        size_t close = raw.find("-->", i);
        if (close == std::string_view::npos) {
          i = raw.size();
        } else {
          in_block = false;
          i = close + 3;
        }
        continue;
      }
      size_t open = raw.find("<!--", i);
      if (open == std::string_view::npos) {
        line.append(raw.substr(i));
        break;
      }
      line.append(raw.substr(i, open - i));
      in_block = true;
      i = open + 4;
    }
    std::string_view kept = StripComment(line, semicolon);
    while (!kept.empty() && std::isspace(static_cast<unsigned char>(kept.back()))) {
      kept.remove_suffix(1);
    }
    if (Trim(kept).empty()) continue;
    DYAD_RETURN_IF_ERROR(fn(n, kept));
  }
  return Status::OK();
}

bool IsJoiner(char c) { return c == '_' || c == '-'; }

// Parses a phrase whose words are separated by blanks, '_' or '-'. Words followed by '_' or
// '-' are exact (TABARI's reading) and joined to the next; a blank joins words only when
// `blank_adjacent`. A trailing '_' makes the last word exact; with `all_exact` every word is.
bool ParseWords(std::string_view s, bool blank_adjacent, bool all_exact, Phrase* out) {
  out->words.clear();
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || IsJoiner(s[i]))) {
      ++i;
    }
    size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && !IsJoiner(s[j])) {
      ++j;
    }
    if (j == i) break;
    Word w;
    w.text = UpperForMatching(s.substr(i, j - i));
    w.exact = all_exact;
    if (j < s.size() && IsJoiner(s[j])) {
      w.exact = true;
      bool more = j + 1 < s.size() && !std::isspace(static_cast<unsigned char>(s[j + 1]));
      w.adjacent = more;
    } else if (j < s.size()) {
      w.adjacent = blank_adjacent;
    }
    out->words.push_back(std::move(w));
    i = j;
  }
  if (!out->words.empty()) out->words.back().adjacent = false;
  return !out->words.empty();
}

// Regular plural of an upper-case noun: Y -> IES, SS -> SSES, otherwise +S.
std::string Plural(const std::string& w) {
  if (w.size() > 1 && w.back() == 'Y') return w.substr(0, w.size() - 1) + "IES";
  if (w.ends_with("SS")) return w + "ES";
  return w + "S";
}

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

// Regular forms of an upper-case verb: third person, past, gerund.
std::vector<std::string> VerbForms(const std::string& v) {
  std::vector<std::string> out;
  if (v.empty()) return out;
  char last = v.back();
  bool consonant_y = last == 'Y' && v.size() > 1 && !IsVowel(v[v.size() - 2]);
  if (consonant_y) {
    out.push_back(v.substr(0, v.size() - 1) + "IES");
  } else if (last == 'S' || last == 'X' || last == 'Z' || v.ends_with("CH") || v.ends_with("SH")) {
    out.push_back(v + "ES");
  } else {
    out.push_back(v + "S");
  }
  if (last == 'E') {
    out.push_back(v + "D");
  } else if (consonant_y) {
    out.push_back(v.substr(0, v.size() - 1) + "IED");
  } else {
    out.push_back(v + "ED");
  }
  if (last == 'E' && v.size() > 2 && !v.ends_with("EE")) {
    out.push_back(v.substr(0, v.size() - 1) + "ING");
  } else {
    out.push_back(v + "ING");
  }
  return out;
}

// "[~GOV]" / "[NGO~]" / "[ ~COP}" -> code and where it goes.
bool ParseAgentCode(std::string_view inner, std::string* code, bool* code_first) {
  std::string c = Compact(inner);
  if (c.size() < 2) return false;
  if (c.front() == '~') {
    *code = Upper(c.substr(1));
    *code_first = false;
  } else if (c.back() == '~') {
    *code = Upper(c.substr(0, c.size() - 1));
    *code_first = true;
  } else {
    return false;
  }
  return !code->empty() && code->find('~') == std::string::npos;
}

// Splits "TEXT {forms} [code] rest" into its parts; false on an unclosed bracket.
struct EntryParts {
  std::string phrase;
  bool has_braces = false;
  std::string braces;  // inside {...}
  bool has_code = false;
  std::string code;        // inside [...] (the first block)
  std::string codes_text;  // every [...] block, for date restrictions
};
bool SplitParts(std::string_view line, EntryParts* out, std::string* error) {
  size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (c == '{') {
      size_t e = line.find('}', i);
      if (e == std::string_view::npos) {
        *error = "missing '}'";
        return false;
      }
      out->has_braces = true;
      out->braces = std::string(line.substr(i + 1, e - i - 1));
      i = e + 1;
      continue;
    }
    if (c == '[') {
      size_t e = line.find_first_of("]}", i);  // "[~LEG}" is read as "[~LEG]"
      if (e == std::string_view::npos) {
        *error = "missing ']'";
        return false;
      }
      if (!out->has_code) out->code = std::string(Trim(line.substr(i + 1, e - i - 1)));
      out->has_code = true;
      out->codes_text += "[" + std::string(line.substr(i + 1, e - i - 1)) + "] ";
      i = e + 1;
      continue;
    }
    if (!out->has_code && !out->has_braces) out->phrase.push_back(c);
    ++i;
  }
  out->phrase = std::string(Trim(out->phrase));
  return true;
}

}  // namespace

std::string RestoreSlash(std::string code) {
  for (size_t at = code.find(kLiteralSlash); at != std::string::npos;
       at = code.find(kLiteralSlash, at)) {
    code.replace(at, kLiteralSlash.size(), "/");
  }
  return code;
}

FileKind KindFromName(std::string_view path) {
  std::string name = Upper(std::filesystem::path(std::string(path)).filename().string());
  if (!name.ends_with(".TXT")) return FileKind::kNone;
  if (name.find("VERBS") != std::string::npos || name.starts_with("CAMEO.2")) {
    return FileKind::kVerbs;
  }
  if (name.find("ACTORS") != std::string::npos) return FileKind::kActors;
  if (name.find("AGENTS") != std::string::npos) return FileKind::kAgents;
  if (name.find("DISCARDS") != std::string::npos) return FileKind::kDiscards;
  return FileKind::kNone;
}

Status Reader::Bad(const std::string& file, int line, const std::string& reason, Dictionaries* d) {
  diag_.Skipped(file, line, reason);
  if (d != nullptr) ++d->errors;
  if (strict_) return Status::Corruption(file + ":" + std::to_string(line) + ": " + reason);
  return Status::OK();
}

Status Reader::Read(FileKind kind, const std::string& path, Dictionaries* d) {
  std::string text;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &text));
  return ReadText(kind, path, text, d);
}

Status Reader::ReadText(FileKind kind, const std::string& name, std::string_view text,
                        Dictionaries* d) {
  switch (kind) {
    case FileKind::kActors:
      return ReadActorsText(name, text, d);
    case FileKind::kAgents:
      return ReadAgentsText(name, text, d);
    case FileKind::kVerbs:
      return ReadVerbsText(name, text, d);
    case FileKind::kDiscards:
      return ReadDiscardsText(name, text, d);
    case FileKind::kNone:
      break;
  }
  return Status::InvalidArgument(name + ": not a PETRARCH dictionary");
}

// ---------------------------------------------------------------------------------------------
// Actors

Status Reader::ReadActorsText(const std::string& name, std::string_view text, Dictionaries* d) {
  bool open = false;  // the last actor may still receive synonyms and date lines
  auto close = [&]() {
    if (open && d->actors.back().codes.empty()) {
      d->actors.back().codes.push_back({"---", 0, 0});  // no code: a null actor
    }
    open = false;
  };
  auto add_codes = [&](int n, const std::string& codes_text, ActorEntry* e) -> Status {
    std::string err;
    std::vector<DateCode> codes;
    if (!tabari::ParseCodes(codes_text, &codes, &err)) return Bad(name, n, err, d);
    for (DateCode& c : codes) {
      c.code = Upper(c.code);
      // UD-PETRARCH: '/' is part of the code ("FRO/BIL/SAM" is one actor).
      for (size_t at = c.code.find('/'); literal_slash_ && at != std::string::npos;
           at = c.code.find('/', at)) {
        c.code.replace(at, 1, kLiteralSlash);
      }
      e->codes.push_back(std::move(c));
    }
    return Status::OK();
  };
  DYAD_RETURN_IF_ERROR(ForEachLine(text, true, [&](int n, std::string_view raw) -> Status {
    std::string_view line = Trim(raw);
    if (line.front() == '[') {
      if (!open) return Bad(name, n, "date restriction without an actor before it", d);
      return add_codes(n, std::string(line), &d->actors.back());
    }
    bool synonym = line.front() == '+';
    if (synonym) line.remove_prefix(1);
    EntryParts parts;
    std::string err;
    if (!SplitParts(line, &parts, &err)) return Bad(name, n, err, d);
    Phrase p;
    // PETRARCH matches actor words as written (regular noun endings aside), not as stems.
    if (!ParseWords(parts.phrase, true, true, &p)) return Bad(name, n, "missing phrase", d);
    if (synonym) {
      if (!open) return Bad(name, n, "synonym '+' without an actor before it", d);
      d->actors.back().phrases.push_back(std::move(p));
      if (parts.has_code) return add_codes(n, parts.codes_text, &d->actors.back());
      return Status::OK();
    }
    close();
    ActorEntry e;
    e.file = name;
    e.line = n;
    e.phrases.push_back(std::move(p));
    if (parts.has_code) DYAD_RETURN_IF_ERROR(add_codes(n, parts.codes_text, &e));
    d->actors.push_back(std::move(e));
    open = true;
    return Status::OK();
  }));
  close();
  return Status::OK();
}

// ---------------------------------------------------------------------------------------------
// Agents

Status Reader::ReadAgentsText(const std::string& name, std::string_view text, Dictionaries* d) {
  std::map<std::string, std::vector<std::string>> macros;  // "!PERSON!" -> items
  return ForEachLine(text, false, [&](int n, std::string_view raw) -> Status {
    std::string_view line = Trim(raw);
    // A substitution macro: "!NAME! = A, B, C".
    if (line.front() == '!') {
      size_t close = line.find('!', 1);
      size_t eq = line.find('=');
      if (close != std::string_view::npos && eq != std::string_view::npos && close < eq &&
          Trim(line.substr(close + 1, eq - close - 1)).empty()) {
        std::string key = Upper(line.substr(0, close + 1));
        std::vector<std::string> items;
        std::string_view rest = line.substr(eq + 1);
        while (!rest.empty()) {
          size_t comma = rest.find(',');
          std::string item = Compact(rest.substr(0, comma));
          if (!item.empty()) items.push_back(Upper(item));
          if (comma == std::string_view::npos) break;
          rest.remove_prefix(comma + 1);
        }
        if (items.empty()) return Bad(name, n, "macro " + key + " has no items", d);
        macros[key] = std::move(items);
        return Status::OK();
      }
    }
    EntryParts parts;
    std::string err;
    if (!SplitParts(line, &parts, &err)) return Bad(name, n, err, d);
    if (!parts.has_code) return Bad(name, n, "agent without a [~CODE] or [CODE~]", d);
    AgentEntry proto;
    proto.file = name;
    proto.line = n;
    if (!ParseAgentCode(parts.code, &proto.code, &proto.code_first)) {
      return Bad(name, n, "agent code must be [~CODE] or [CODE~], not [" + parts.code + "]", d);
    }
    // Expand macros: every "!NAME!" is replaced by each of its items (no plurals made).
    std::vector<std::string> phrases = {Upper(parts.phrase)};
    bool expanded = false;
    for (int guard = 0; guard < 8; ++guard) {
      bool any = false;
      std::vector<std::string> next;
      for (const std::string& ph : phrases) {
        size_t a = ph.find('!');
        size_t b = a == std::string::npos ? a : ph.find('!', a + 1);
        if (b == std::string::npos) {
          next.push_back(ph);
          continue;
        }
        auto it = macros.find(ph.substr(a, b - a + 1));
        if (it == macros.end())
          return Bad(name, n, "undefined macro " + ph.substr(a, b - a + 1), d);
        for (const std::string& item : it->second) {
          next.push_back(ph.substr(0, a) + item + ph.substr(b + 1));
        }
        any = true;
      }
      phrases = std::move(next);
      if (!any) break;
      expanded = true;
    }
    auto add = [&](const std::string& text_phrase, bool last_exact) -> Status {
      AgentEntry e = proto;
      // Words as written (plurals are made above); a blank lets other words come between.
      if (!ParseWords(text_phrase, false, true, &e.phrase)) {
        return Bad(name, n, "missing phrase", d);
      }
      if (last_exact) e.phrase.words.back().exact = true;
      d->agents.push_back(std::move(e));
      return Status::OK();
    };
    for (const std::string& ph : phrases) {
      DYAD_RETURN_IF_ERROR(add(ph, false));
      if (d->agents.empty() || d->agents.back().line != n) return Status::OK();  // reported
      if (expanded) continue;
      if (parts.has_braces) {
        // Irregular plurals, or none for "{}".
        std::istringstream ss(parts.braces);
        std::string form;
        while (ss >> form) DYAD_RETURN_IF_ERROR(add(Upper(form), true));
      } else {
        const Phrase& base = d->agents.back().phrase;
        const std::string& last = base.words.back().text;
        if (last.size() > 1) {
          // The phrase with its last word in the plural.
          std::string text_phrase = ph;
          size_t at = text_phrase.rfind(last);
          if (at != std::string::npos) {
            text_phrase.replace(at, last.size(), Plural(last));
            DYAD_RETURN_IF_ERROR(add(text_phrase, true));
          }
        }
      }
    }
    return Status::OK();
  });
}

// ---------------------------------------------------------------------------------------------
// Discards

Status Reader::ReadDiscardsText(const std::string& name, std::string_view text, Dictionaries* d) {
  return ForEachLine(text, false, [&](int n, std::string_view raw) -> Status {
    std::string_view line = Trim(raw);
    if (line.front() == '+') line.remove_prefix(1);  // story-level: read as sentence-level
    ActorEntry e;
    e.file = name;
    e.line = n;
    Phrase p;
    if (!ParseWords(Trim(line), true, false, &p)) return Bad(name, n, "empty discard phrase", d);
    // Inner words are whole words (the phrase is matched as a string).
    for (size_t k = 0; k + 1 < p.words.size(); ++k) p.words[k].exact = true;
    e.phrases.push_back(std::move(p));
    e.codes.push_back({"###", 0, 0});
    d->actors.push_back(std::move(e));
    return Status::OK();
  });
}

// ---------------------------------------------------------------------------------------------
// Verbs

namespace {

// A verb as written on a verb line: words, which one is the verb, its explicit forms.
struct VerbLine {
  std::vector<std::string> words;  // upper-case, without the '+' marker
  size_t verb_word = 0;
  std::vector<std::vector<std::string>> forms;  // each form as words (with its own marker)
  std::string code;                             // "" = the block's code
  int line = 0;
};

// "WIRE_+TAP" -> {WIRE, TAP}, verb word 1.
void SplitVerbPhrase(std::string_view s, std::vector<std::string>* words, size_t* verb_word) {
  words->clear();
  *verb_word = 0;
  std::string cur;
  bool marked = false;
  auto flush = [&]() {
    if (cur.empty()) return;
    if (marked) *verb_word = words->size();
    words->push_back(UpperForMatching(cur));
    cur.clear();
    marked = false;
  };
  for (char c : s) {
    if (c == '_' || c == ' ' || c == '\t') {
      flush();
    } else if (c == '+' && cur.empty()) {
      marked = true;
    } else {
      cur.push_back(c);
    }
  }
  flush();
}

Phrase VerbPhrase(const std::vector<std::string>& words) {
  Phrase p;
  for (size_t k = 0; k < words.size(); ++k) {
    Word w;
    w.text = words[k];
    w.exact = true;
    w.no_endings = true;  // every form is listed or generated
    w.adjacent = k + 1 < words.size();
    p.words.push_back(std::move(w));
  }
  return p;
}

}  // namespace

Status Reader::ReadVerbsText(const std::string& name, std::string_view text, Dictionaries* d) {
  enum class Mode { kNone, kSynset, kBlock } mode = Mode::kNone;
  std::string synset;  // the synset being read
  bool synset_plurals = true;
  std::string block_code;
  int block_line = 0;
  std::vector<VerbLine> verbs;
  std::vector<Pattern> patterns;

  // Emits the block read so far: one VerbEntry per distinct code, carrying every pattern.
  auto flush_block = [&]() -> Status {
    if (mode != Mode::kBlock) return Status::OK();
    mode = Mode::kNone;
    if (verbs.empty()) {
      bool had_patterns = !patterns.empty();
      patterns.clear();
      if (had_patterns) return Bad(name, block_line, "verb block without verbs", d);
      return Status::OK();
    }
    std::map<std::string, size_t> by_code;
    for (const VerbLine& v : verbs) {
      std::string code = v.code.empty() ? block_code : v.code;
      std::vector<Phrase> phrases;
      phrases.push_back(VerbPhrase(v.words));
      if (!v.forms.empty()) {
        for (const auto& f : v.forms) phrases.push_back(VerbPhrase(f));
      }
      {  // regular forms too: "BREAK {BROKE BROKEN}" still reads "breaks"
        for (const std::string& form : VerbForms(v.words[v.verb_word])) {
          std::vector<std::string> w = v.words;
          w[v.verb_word] = form;
          phrases.push_back(VerbPhrase(w));
        }
      }
      auto it = by_code.find(code);
      if (it == by_code.end()) {
        VerbEntry e;
        e.phrase = phrases[0];
        e.forms.assign(phrases.begin() + 1, phrases.end());
        e.code = code;
        e.file = name;
        e.line = v.line;
        e.patterns = patterns;
        // A reversed default code "[:C]": the target acts on the source.
        if (code.size() > 1 && code.front() == ':') {
          Pattern p;
          p.line = v.line;
          p.code = code.substr(1);
          PatternElement t, star, s;
          t.kind = PatternElement::Kind::kTarget;
          star.kind = PatternElement::Kind::kVerb;
          s.kind = PatternElement::Kind::kSource;
          p.elements = {t, star, s};
          e.patterns.push_back(std::move(p));
          e.code = "---";
        }
        by_code[code] = d->verbs.size();
        d->verbs.push_back(std::move(e));
      } else {
        VerbEntry& e = d->verbs[it->second];
        e.forms.insert(e.forms.end(), phrases.begin(), phrases.end());
      }
    }
    verbs.clear();
    patterns.clear();
    return Status::OK();
  };

  auto parse_pattern = [&](int n, std::string_view body) -> Status {
    size_t lb = body.find('[');
    if (lb == std::string_view::npos) return Bad(name, n, "pattern without a [code]", d);
    size_t rb = body.find(']', lb);
    if (rb == std::string_view::npos) return Bad(name, n, "missing ']'", d);
    std::string code = Compact(body.substr(lb + 1, rb - lb - 1));
    if (code.empty()) return Bad(name, n, "empty code in pattern", d);
    std::string_view s = body.substr(0, lb);
    Pattern p;
    p.line = n;
    using K = PatternElement::Kind;
    size_t i = 0;
    int np_depth = 0;  // inside a {noun phrase}
    size_t np_start = 0;
    while (i < s.size()) {
      char c = s[i];
      if (c == '{') {
        ++np_depth;
        np_start = p.elements.size();
      }
      if (c == '}' && np_depth > 0) {
        --np_depth;
        // A noun phrase of words: one phrase element, so that its words stay close together
        // (other modifiers may come between the first ones: {NEW ECONOMIC RELATIONS} matches
        // "new global economic relations").
        bool words_only = p.elements.size() >= np_start + 2;
        for (size_t k = np_start; k < p.elements.size(); ++k) {
          words_only =
              words_only && (p.elements[k].kind == K::kWord || p.elements[k].kind == K::kSynset);
        }
        if (words_only) {
          Phrase np;
          for (size_t k = np_start; k < p.elements.size(); ++k) {
            Word w = p.elements[k].word;
            if (p.elements[k].kind == K::kSynset) w.text = "&" + w.text;
            w.adjacent = p.elements[k].adjacent && k + 1 < p.elements.size();
            np.words.push_back(std::move(w));
          }
          // The head (the last word) follows its closest modifier directly: {ECONOMIC
          // RELATIONS} is not "economic trade relations".
          np.words[np.words.size() - 2].adjacent = true;
          PatternElement e;
          e.kind = K::kAlternatives;
          e.alternatives.push_back(std::move(np));
          p.elements.resize(np_start);
          p.elements.push_back(std::move(e));
        }
      }
      if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')' || c == '{' ||
          c == '}' || c == '|') {
        ++i;
        continue;
      }
      if (IsJoiner(c)) {
        // "_" joins the element before to the one after; a trailing '_' marks an exact word.
        bool more = i + 1 < s.size() && !std::isspace(static_cast<unsigned char>(s[i + 1])) &&
                    s[i + 1] != ')' && s[i + 1] != '}';
        if (!p.elements.empty()) {
          PatternElement& prev = p.elements.back();
          if (more) prev.adjacent = true;
          if (prev.kind == K::kWord) {
            prev.word.exact = true;
            prev.word.adjacent = prev.adjacent;
          }
        }
        ++i;
        continue;
      }
      PatternElement e;
      if (c == '*' || c == '$' || c == '+' || c == '%' || c == '^') {
        e.kind = c == '*'   ? K::kVerb
                 : c == '$' ? K::kSource
                 : c == '+' ? K::kTarget
                 : c == '%' ? K::kCompound
                            : K::kSkip;
        p.elements.push_back(std::move(e));
        ++i;
        continue;
      }
      size_t j = i;
      while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && !IsJoiner(s[j]) &&
             std::string_view("(){}|*$%^").find(s[j]) == std::string_view::npos &&
             !(s[j] == '+' && j > i)) {
        ++j;
      }
      std::string w = UpperForMatching(s.substr(i, j - i));
      i = j;
      if (w.size() > 1 && w[0] == '&') {
        std::string syn = w.substr(1);
        if (d->synsets.find(syn) == d->synsets.end()) {
          return Bad(name, n, "undefined synset &" + syn + " (pattern ignored)", d);
        }
        e.kind = K::kSynset;
        e.word.text = syn;
      } else {
        e.kind = K::kWord;
        e.word.text = w;
        e.word.exact = true;  // nouns as written (regular endings only)
      }
      p.elements.push_back(std::move(e));
    }
    size_t stars = std::count_if(p.elements.begin(), p.elements.end(),
                                 [](const PatternElement& e) { return e.kind == K::kVerb; });
    if (stars != 1) return Bad(name, n, "a pattern needs exactly one '*'", d);
    if (code.size() > 1 && code.front() == ':') {
      // "[:C]": the target does C to the source. Swap explicit actors, or bind the actor
      // before the verb as target and the one after it as source.
      code = code.substr(1);
      bool any = false;
      for (PatternElement& e : p.elements) {
        if (e.kind == K::kSource || e.kind == K::kTarget) {
          e.kind = e.kind == K::kSource ? K::kTarget : K::kSource;
          any = true;
        }
      }
      if (!any) {
        PatternElement t, src;
        t.kind = K::kTarget;
        src.kind = K::kSource;
        p.elements.insert(p.elements.begin(), t);
        p.elements.push_back(src);
      }
    }
    p.code = code;
    patterns.push_back(std::move(p));
    return Status::OK();
  };

  DYAD_RETURN_IF_ERROR(ForEachLine(text, false, [&](int n, std::string_view raw) -> Status {
    std::string_view line = Trim(raw);
    if (line.front() == '&') {
      DYAD_RETURN_IF_ERROR(flush_block());
      size_t e = 1;
      while (e < line.size() && !std::isspace(static_cast<unsigned char>(line[e]))) ++e;
      std::string label = UpperForMatching(line.substr(1, e - 1));
      synset_plurals = true;
      while (!label.empty() && label.back() == '_') {
        label.pop_back();
        synset_plurals = false;
      }
      if (label.empty()) return Bad(name, n, "synset without a name", d);
      mode = Mode::kSynset;
      synset = label;
      d->synsets[label].name = label;
      return Status::OK();
    }
    if (line.starts_with("---")) {
      DYAD_RETURN_IF_ERROR(flush_block());
      mode = Mode::kBlock;
      block_line = n;
      block_code = "---";
      size_t lb = line.find('[');
      size_t rb = lb == std::string_view::npos ? lb : line.find(']', lb);
      if (rb != std::string_view::npos) {
        std::string c = Compact(line.substr(lb + 1, rb - lb - 1));
        if (!c.empty()) block_code = c;
      }
      return Status::OK();
    }
    if (line.front() == '~') return Status::OK();  // a transformation: not used by dyad
    if (mode == Mode::kSynset && line.front() == '+') {
      std::string_view member = Trim(line.substr(1));
      bool plural = synset_plurals && !member.ends_with("_");
      Phrase p;
      if (!ParseWords(member, true, true, &p)) return Bad(name, n, "empty synset member", d);
      Synset& s = d->synsets[synset];
      s.members.push_back(p);
      // Members written in Treebank tokens ("DID N'T") also match the contraction as written
      // in text ("didn't").
      Phrase joined;
      for (const Word& w : p.words) {
        if (!joined.words.empty() && (w.text.starts_with("'") || w.text == "N'T")) {
          joined.words.back().text += w.text;
          joined.words.back().adjacent = w.adjacent;
        } else {
          joined.words.push_back(w);
        }
      }
      if (joined.words.size() < p.words.size()) s.members.push_back(joined);
      const std::string& last = p.words.back().text;
      if (plural && last[0] != '&' && last.size() > 1 && last.back() == 'Y') {
        p.words.back().text = Plural(last);
        s.members.push_back(std::move(p));
      }
      return Status::OK();
    }
    if (line.front() == '-') {
      if (mode != Mode::kBlock) return Bad(name, n, "pattern outside a verb block", d);
      return parse_pattern(n, line.substr(1));
    }
    if (mode != Mode::kBlock) return Bad(name, n, "line outside a verb block or synset", d);
    // A verb line: "VERB {FORMS} [code]".
    EntryParts parts;
    std::string err;
    if (!SplitParts(line, &parts, &err)) return Bad(name, n, err, d);
    VerbLine v;
    v.line = n;
    SplitVerbPhrase(parts.phrase, &v.words, &v.verb_word);
    if (v.words.empty()) return Bad(name, n, "verb line without a verb", d);
    if (parts.has_code) {
      v.code = Compact(parts.code);
      if (v.code.empty()) return Bad(name, n, "empty code", d);
    }
    if (parts.has_braces) {
      std::istringstream ss(parts.braces);
      std::string form;
      while (ss >> form) {
        std::vector<std::string> w;
        size_t vw = 0;
        SplitVerbPhrase(form, &w, &vw);
        if (!w.empty()) v.forms.push_back(std::move(w));
      }
    }
    verbs.push_back(std::move(v));
    return Status::OK();
  }));
  return flush_block();
}

}  // namespace dyad::petrarch
