#include "coding/tabari_dict.h"
#include "util/file.h"
#include "util/strings.h"
#include "util/utf8.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dyad::tabari {

namespace {

// Removes a ';' comment (outside brackets).
std::string_view StripComment(std::string_view s) {
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[') ++depth;
    if (s[i] == ']' && depth > 0) --depth;
    if (s[i] == ';' && depth == 0) return s.substr(0, i);
  }
  return s;
}

// A raw token of a phrase or pattern, with how it is joined to the next one.
struct RawToken {
  std::string text;
  bool exact = false;       // ended with '_' (or '_' joined to the next)
  bool no_endings = false;  // ended with '='
  bool adjacent = false;    // joined to the next token by '_' or '~'
};

// Splits "TO_LET_ESCAPE *_HELICOPTERS BACK~ POLICY" into tokens; '{', '|', '}' are tokens of
// their own. Hyphens are read as '_'.
std::vector<RawToken> Tokens(std::string_view s) {
  std::vector<RawToken> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (c == '{' || c == '|' || c == '}') {
      RawToken t;
      t.text = std::string(1, c);
      ++i;
      if (c == '}' && i < s.size() && (s[i] == '_' || s[i] == '-')) {
        t.adjacent = i + 1 < s.size() && s[i + 1] != ' ' && s[i + 1] != '\t';
        ++i;
      }
      out.push_back(std::move(t));
      continue;
    }
    RawToken t;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '_' && s[j] != '-' &&
           s[j] != '~' && s[j] != '{' && s[j] != '|' && s[j] != '}') {
      ++j;
    }
    std::string_view w = s.substr(i, j - i);
    if (!w.empty() && w.back() == '=') {
      t.no_endings = true;
      w.remove_suffix(1);
    }
    t.text = UpperForMatching(w);
    if (j < s.size() && (s[j] == '_' || s[j] == '-' || s[j] == '~')) {
      t.exact = s[j] != '~';
      bool more = j + 1 < s.size() && s[j + 1] != ' ' && s[j + 1] != '\t' && s[j + 1] != '|' &&
                  s[j + 1] != '}';
      t.adjacent = more || s[j] == '~';
      j += 1;
    }
    if (!t.text.empty()) {
      out.push_back(std::move(t));
    } else if (!out.empty() && t.adjacent) {
      // "_ *": a leading joiner binds to the previous token.
      out.back().adjacent = true;
    }
    i = j;
  }
  return out;
}

Word ToWord(const RawToken& t) {
  Word w;
  w.text = t.text;
  w.exact = t.exact || t.no_endings;
  w.no_endings = t.no_endings;
  w.adjacent = t.adjacent;
  return w;
}

// "991201" or "19991201" -> 19991201; 0 on error.
int32_t ParseDate(std::string_view s) {
  if (s.size() != 6 && s.size() != 8) return 0;  // also keeps the value inside int32_t
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
  }
  int32_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  if (s.size() == 6) {
    int32_t yy = v / 10000;
    v += (yy <= 30 ? 20000000 : 19000000);  // 00-30 are 2000-2030 (manual 6.5.2)
  } else if (s.size() != 8) {
    return 0;
  }
  int32_t m = v / 100 % 100, d = v % 100;
  if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
  return v;
}

// Calls fn(line_number, line) for each line up to the end marker, '\r' removed.
template <typename Fn>
Status ForEachLine(std::string_view text, Fn fn) {
  int n = 0;
  size_t p = 0;
  while (p <= text.size()) {
    size_t eol = text.find('\n', p);
    std::string_view line = text.substr(p, eol == std::string_view::npos ? eol : eol - p);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++n;
    if (Trim(line).starts_with("~")) break;  // "~FINISH" (or a "~~~~" rule) ends the file
    DYAD_RETURN_IF_ERROR(fn(n, line));
    if (eol == std::string_view::npos) break;
    p = eol + 1;
  }
  return Status::OK();
}

bool IsComment(std::string_view trimmed) {
  return trimmed.empty() || trimmed.front() == '#' || trimmed.front() == '/';
}

// Splits "PHRASE [CODES] ;comment" into phrase text and the bracketed part ("" if none).
void SplitEntry(std::string_view line, std::string_view* phrase, std::string_view* codes) {
  line = Trim(StripComment(line));
  size_t b = line.find('[');
  if (b == std::string_view::npos) {
    *phrase = line;
    *codes = {};
    return;
  }
  *phrase = Trim(line.substr(0, b));
  *codes = Trim(line.substr(b));
}

// Parses pattern tokens into elements. Returns false (with *error) on a syntax error.
bool ToElements(const std::vector<RawToken>& toks, std::vector<PatternElement>* out,
                std::string* error) {
  for (size_t i = 0; i < toks.size(); ++i) {
    const RawToken& t = toks[i];
    PatternElement e;
    e.adjacent = t.adjacent;
    if (t.text == "{") {
      // Alternatives up to the matching '}', separated by '|'.
      e.kind = PatternElement::Kind::kAlternatives;
      Phrase cur;
      size_t j = i + 1;
      for (; j < toks.size() && toks[j].text != "}"; ++j) {
        if (toks[j].text == "|") {
          if (cur.words.empty()) {
            *error = "empty alternative in { ... }";
            return false;
          }
          e.alternatives.push_back(std::move(cur));
          cur = Phrase();
        } else {
          cur.words.push_back(ToWord(toks[j]));
        }
      }
      if (j == toks.size()) {
        *error = "'{' without a closing '}'";
        return false;
      }
      if (cur.words.empty()) {
        *error = "empty alternative in { ... }";
        return false;
      }
      e.alternatives.push_back(std::move(cur));
      e.adjacent = toks[j].adjacent;
      i = j;
    } else if (t.text == "}" || t.text == "|") {
      *error = "'" + t.text + "' outside { ... }";
      return false;
    } else if (t.text == "*") {
      e.kind = PatternElement::Kind::kVerb;
    } else if (t.text == "$") {
      e.kind = PatternElement::Kind::kSource;
    } else if (t.text == "+") {
      e.kind = PatternElement::Kind::kTarget;
    } else if (t.text == "%") {
      e.kind = PatternElement::Kind::kCompound;
    } else if (t.text == "^") {
      e.kind = PatternElement::Kind::kSkip;
    } else if (t.text.size() > 1 && t.text[0] == '&') {
      e.kind = PatternElement::Kind::kSynset;
      e.word = ToWord(t);
      e.word.text = t.text.substr(1);
    } else {
      e.kind = PatternElement::Kind::kWord;
      e.word = ToWord(t);
    }
    out->push_back(std::move(e));
  }
  return true;
}

}  // namespace

std::string Phrase::ToString() const {
  std::string s;
  for (size_t i = 0; i < words.size(); ++i) {
    s += words[i].text;
    if (words[i].no_endings) {
      s += '=';
    } else if (words[i].exact) {
      s += '_';
    }
    if (i + 1 < words.size()) {
      if (words[i].adjacent && !words[i].exact) {
        s += '~';
      } else if (!words[i].adjacent) {
        s += ' ';
      }
    }
  }
  return s;
}

bool ParsePhrase(std::string_view text, Phrase* out) {
  out->words.clear();
  for (const RawToken& t : Tokens(Trim(text))) out->words.push_back(ToWord(t));
  if (!out->words.empty()) out->words.back().adjacent = false;
  return !out->words.empty();
}

bool ParseCodes(std::string_view text, std::vector<DateCode>* out, std::string* error) {
  size_t p = 0;
  bool any = false;
  while (p < text.size()) {
    size_t b = text.find('[', p);
    if (b == std::string_view::npos) break;  // text after the last block is ignored, as in TABARI
    if (!Trim(text.substr(p, b - p)).empty()) {
      *error = "text between code blocks";
      return false;
    }
    size_t e = text.find(']', b);
    if (e == std::string_view::npos) {
      *error = "missing ']'";
      return false;
    }
    std::string_view inner = Trim(text.substr(b + 1, e - b - 1));
    // Null, discard and complex codes may be written with spaces: [- - -], [# # #].
    std::string compact;
    for (char c : inner) {
      if (c != ' ' && c != '\t') compact.push_back(c);
    }
    DateCode dc;
    if (compact == "---" || compact == "###" || compact == "+++" || compact == "***") {
      dc.code = compact;
    } else {
      size_t sp = inner.find_first_of(" \t");
      dc.code = std::string(inner.substr(0, sp));
      std::string_view rest = sp == std::string_view::npos ? "" : Trim(inner.substr(sp));
      if (dc.code.empty()) {
        *error = "no code in [...]";
        return false;
      }
      if (!rest.empty()) {
        if (rest.front() == '<') {
          dc.to = ParseDate(Trim(rest.substr(1)));
          if (dc.to == 0) {
            *error = "bad date in '" + std::string(rest) + "'";
            return false;
          }
          // "<D": up to and including D (manual 6.5.2)
        } else if (rest.front() == '>') {
          dc.from = ParseDate(Trim(rest.substr(1)));
          if (dc.from == 0) {
            *error = "bad date in '" + std::string(rest) + "'";
            return false;
          }
          // ">D": from D on
        } else if (size_t dash = rest.find('-'); dash != std::string_view::npos) {
          dc.from = ParseDate(Trim(rest.substr(0, dash)));
          dc.to = ParseDate(Trim(rest.substr(dash + 1)));
          if (dc.from == 0 || dc.to == 0) {
            *error = "bad date range '" + std::string(rest) + "'";
            return false;
          }
        } else {
          *error = "unexpected '" + std::string(rest) + "' after the code";
          return false;
        }
      }
    }
    out->push_back(std::move(dc));
    any = true;
    p = e + 1;
  }
  if (!any) *error = "missing code block [...]";
  return any;
}

Status Reader::Bad(const std::string& file, int line, const std::string& reason, Dictionaries* d) {
  diag_.Skipped(file, line, reason);
  if (d != nullptr) ++d->errors;
  if (strict_) return Status::Corruption(file + ":" + std::to_string(line) + ": " + reason);
  return Status::OK();
}

Status Reader::ReadActors(const std::string& path, Dictionaries* d) {
  std::string text;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &text));
  return ReadActorsText(path, text, d);
}
Status Reader::ReadAgents(const std::string& path, Dictionaries* d) {
  std::string text;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &text));
  return ReadAgentsText(path, text, d);
}
Status Reader::ReadVerbs(const std::string& path, Dictionaries* d) {
  std::string text;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &text));
  return ReadVerbsText(path, text, d);
}
Status Reader::ReadOptions(const std::string& path, Options* o) {
  std::string text;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &text));
  return ReadOptionsText(path, text, o);
}

Status Reader::ReadActorsText(const std::string& name, std::string_view text, Dictionaries* d) {
  enum class Block { kNone, kNoun, kAdjective, kOther } block = Block::kNone;
  std::string other_block;
  bool open = false;  // the last entry may still receive synonyms and code lines
  int open_line = 0;
  auto close = [&]() -> Status {
    if (open && d->actors.back().codes.empty()) {
      std::string phrase = d->actors.back().phrases[0].ToString();
      d->actors.pop_back();
      open = false;
      return Bad(name, open_line, "actor " + phrase + " has no code", d);
    }
    open = false;
    return Status::OK();
  };
  DYAD_RETURN_IF_ERROR(ForEachLine(text, [&](int n, std::string_view raw) -> Status {
    std::string_view line = Trim(raw);
    if (IsComment(line)) return Status::OK();
    if (line.front() == '<') {
      std::string tag = Upper(line);
      DYAD_RETURN_IF_ERROR(close());
      if (tag.starts_with("<NOUN")) {
        block = Block::kNoun;
      } else if (tag.starts_with("<ADJ")) {
        block = Block::kAdjective;
      } else if (tag.starts_with("</")) {
        block = Block::kNone;
      } else {
        block = Block::kOther;
        other_block = tag;
      }
      return Status::OK();
    }
    if (block == Block::kNoun || block == Block::kAdjective) {
      Phrase p;
      if (!ParsePhrase(StripComment(line), &p)) return Bad(name, n, "empty noun/adjective", d);
      (block == Block::kNoun ? d->nouns : d->adjectives).push_back(std::move(p));
      return Status::OK();
    }
    if (block == Block::kOther) return Status::OK();  // e.g. <ATTRIB>: kept out of the model
    if (line.front() == '+') {
      if (!open) return Bad(name, n, "synonym '+' without an actor before it", d);
      Phrase p;
      if (!ParsePhrase(StripComment(line.substr(1)), &p)) return Bad(name, n, "empty synonym", d);
      d->actors.back().phrases.push_back(std::move(p));
      return Status::OK();
    }
    if (line.front() == '[') {
      // A date-restriction line continuing the open entry.
      if (!open) return Bad(name, n, "code line without an actor before it", d);
      std::string err;
      if (!ParseCodes(Trim(StripComment(line)), &d->actors.back().codes, &err)) {
        return Bad(name, n, err, d);
      }
      return Status::OK();
    }
    DYAD_RETURN_IF_ERROR(close());
    std::string_view phrase, codes;
    SplitEntry(line, &phrase, &codes);
    ActorEntry e;
    e.file = name;
    e.line = n;
    Phrase p;
    if (!ParsePhrase(phrase, &p)) return Bad(name, n, "missing phrase", d);
    e.phrases.push_back(std::move(p));
    if (!codes.empty()) {
      std::string err;
      if (!ParseCodes(codes, &e.codes, &err)) return Bad(name, n, err, d);
    }
    d->actors.push_back(std::move(e));
    open = true;
    open_line = n;
    return Status::OK();
  }));
  return close();
}

Status Reader::ReadAgentsText(const std::string& name, std::string_view text, Dictionaries* d) {
  return ForEachLine(text, [&](int n, std::string_view raw) -> Status {
    std::string_view line = Trim(raw);
    if (IsComment(line) || line.front() == '<') return Status::OK();
    std::string_view phrase, codes;
    SplitEntry(line, &phrase, &codes);
    AgentEntry e;
    e.file = name;
    e.line = n;
    if (!ParsePhrase(phrase, &e.phrase)) return Bad(name, n, "missing phrase", d);
    if (codes.size() < 2 || codes.front() != '[' || codes.back() != ']') {
      return Bad(name, n, "missing code block [~CODE]", d);
    }
    std::string inner;
    for (char c : codes.substr(1, codes.size() - 2)) {
      if (c != ' ' && c != '\t') inner.push_back(c);
    }
    if (inner == "---") {
      e.code = inner;
    } else if (inner.size() > 1 && inner.front() == '~') {
      e.code = inner.substr(1);
    } else if (inner.size() > 1 && inner.back() == '~') {
      e.code = inner.substr(0, inner.size() - 1);
      e.code_first = true;
    } else {
      return Bad(name, n, "agent code needs the ~ connector: [~" + inner + "]", d);
    }
    d->agents.push_back(std::move(e));
    return Status::OK();
  });
}

Status Reader::ReadVerbsText(const std::string& name, std::string_view text, Dictionaries* d) {
  enum class Block { kNone, kSynsets, kTime, kOther } block = Block::kNone;
  Synset* synset = nullptr;
  bool have_verb = false;
  return ForEachLine(text, [&](int n, std::string_view raw) -> Status {
    std::string_view line = Trim(raw);
    if (IsComment(line)) return Status::OK();
    if (line.front() == '<') {
      std::string tag = Upper(line);
      if (tag.starts_with("<SYNSET")) {
        block = Block::kSynsets;
      } else if (tag.starts_with("<TIME")) {
        block = Block::kTime;
      } else if (tag.starts_with("</")) {
        block = Block::kNone;
        synset = nullptr;
      } else {
        block = Block::kOther;
      }
      return Status::OK();
    }
    if (block == Block::kOther) return Status::OK();
    if (block == Block::kSynsets) {
      std::string_view body = Trim(StripComment(line));
      if (body.front() == '&') {
        std::string nm = Upper(Trim(body.substr(1)));
        if (nm.empty()) return Bad(name, n, "synset without a name", d);
        synset = &d->synsets[nm];
        synset->name = nm;
        return Status::OK();
      }
      if (body.front() == '+') {
        if (synset == nullptr) return Bad(name, n, "synset member before any &NAME", d);
        Phrase p;
        if (!ParsePhrase(body.substr(1), &p)) return Bad(name, n, "empty synset member", d);
        synset->members.push_back(std::move(p));
        return Status::OK();
      }
      return Bad(name, n, "expected &NAME or +member inside <SYNSETS>", d);
    }
    std::string_view phrase, codes;
    bool pattern = line.front() == '-' && line.size() > 1 && (line[1] == ' ' || line[1] == '\t');
    SplitEntry(pattern ? line.substr(1) : line, &phrase, &codes);
    std::string code;
    if (!codes.empty()) {
      if (codes.front() != '[' || codes.find(']') == std::string_view::npos) {
        return Bad(name, n, "malformed code block", d);
      }
      for (char c : codes.substr(1, codes.find(']') - 1)) {
        if (c != ' ' && c != '\t') code.push_back(c);
      }
      if (code.empty()) return Bad(name, n, "no code in [...]", d);
    }
    if (block == Block::kTime) {
      TimeEntry t;
      t.line = n;
      t.is_pattern = pattern;
      t.shift = code;
      std::string err;
      if (!ToElements(Tokens(phrase), &t.elements, &err)) return Bad(name, n, err, d);
      if (t.elements.empty() || code.empty())
        return Bad(name, n, "time entry needs a phrase and [shift]", d);
      d->times.push_back(std::move(t));
      return Status::OK();
    }
    if (line.front() == '{') {
      // Irregular verb forms of the verb above.
      if (!have_verb) return Bad(name, n, "verb forms before any verb", d);
      std::string_view inner = Trim(StripComment(line));
      size_t close = inner.find('}');
      if (close == std::string_view::npos) return Bad(name, n, "verb forms without '}'", d);
      // Forms are separated by blanks; a form of several words joins them with '_'.
      std::istringstream forms{std::string(inner.substr(1, close - 1))};
      for (std::string f; forms >> f;) {
        Phrase p;
        if (ParsePhrase(f, &p)) d->verbs.back().forms.push_back(std::move(p));
      }
      if (d->verbs.back().forms.empty()) return Bad(name, n, "no verb forms inside { }", d);
      return Status::OK();
    }
    if (pattern) {
      if (!have_verb) return Bad(name, n, "pattern before any verb", d);
      Pattern pt;
      pt.line = n;
      pt.code = code;
      std::string err;
      if (!ToElements(Tokens(phrase), &pt.elements, &err)) return Bad(name, n, err, d);
      bool has_verb = false;
      for (const auto& e : pt.elements)
        has_verb = has_verb || e.kind == PatternElement::Kind::kVerb;
      if (!has_verb) return Bad(name, n, "pattern without the verb marker '*'", d);
      if (code.empty()) return Bad(name, n, "pattern without a code", d);
      d->verbs.back().patterns.push_back(std::move(pt));
      return Status::OK();
    }
    VerbEntry v;
    v.file = name;
    v.line = n;
    v.code = code;
    if (!ParsePhrase(phrase, &v.phrase)) return Bad(name, n, "missing verb", d);
    d->verbs.push_back(std::move(v));
    have_verb = true;
    return Status::OK();
  });
}

Status Reader::ReadOptionsText(const std::string& name, std::string_view text, Options* o) {
  return ForEachLine(text, [&](int n, std::string_view raw) -> Status {
    std::string_view line = Trim(raw);
    if (line.empty() || line.starts_with("//") || line.front() == '#') return Status::OK();
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return Bad(name, n, "expected COMMAND: arguments", nullptr);
    }
    std::string cmd = Upper(Trim(line.substr(0, colon)));
    std::string_view args = Trim(line.substr(colon + 1));
    if (cmd == "COMPLEX") {
      o->complex.clear();  // a COMPLEX command replaces the previous one
      std::istringstream ss{std::string(args)};
      for (std::string w; ss >> w;) o->complex.push_back(Upper(w));
    } else if (cmd == "SET") {
      size_t eq = args.find('=');
      if (eq == std::string_view::npos) {
        o->flags.push_back(Upper(args));
      } else {
        o->settings[Upper(Trim(args.substr(0, eq)))] = Upper(Trim(args.substr(eq + 1)));
      }
    } else if (cmd == "LABEL") {
      size_t eq = args.find('=');
      if (eq == std::string_view::npos) return Bad(name, n, "LABEL needs CODE=label", nullptr);
      o->labels[std::string(Trim(args.substr(0, eq)))] = std::string(Trim(args.substr(eq + 1)));
    } else if (cmd == "OUTPUT") {
      o->output.push_back(std::string(args));
    } else if (cmd == "DEFAULT") {
      o->default_command = Upper(args);
    } else if (cmd == "FORWARD") {
      o->forward_command = Upper(args);
    } else if (cmd == "COMMA") {
      o->comma_command = Upper(args);
    } else {
      o->other.push_back(std::string(line));
    }
    return Status::OK();
  });
}

Result<Project> Reader::ReadProject(const std::string& path) {
  std::string text;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &text));
  Project p;
  p.path = path;
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  DYAD_RETURN_IF_ERROR(ForEachLine(text, [&](int, std::string_view raw) -> Status {
    std::string_view line = Trim(raw);
    if (line.size() < 3 || line.front() != '<') return Status::OK();
    size_t close = line.find('>');
    if (close == std::string_view::npos) return Status::OK();
    std::string key = Upper(line.substr(1, close - 1));
    std::string_view value = Trim(line.substr(close + 1));
    if (!key.ends_with("FILE") || value.empty()) return Status::OK();
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    p.files[key] = (dir / std::string(value)).string();
    return Status::OK();
  }));
  return p;
}

}  // namespace dyad::tabari
