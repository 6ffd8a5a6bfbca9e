// TABARI dictionaries: readers for .actors, .agents, .verbs, .options and .project files, per
// the TABARI 0.8 manual (chapter 5 and section 4.1), into plain data structures.
//
// Phrase syntax shared by all dictionaries: words are upper-case; a word followed by '_' must
// match exactly (regular endings aside), otherwise it is a stem that matches any word it
// prefixes; words joined by '_' or '~' must be consecutive in the text, words separated by a
// space may have other words between them. Hyphens are read as '_'.
//
// Readers are tolerant: a malformed line is reported as a Diagnostic ("FILE:LINE: reason")
// and skipped, and the rest is loaded; with `strict` the first error stops the load.
#ifndef DYAD_CODING_TABARI_DICT_H_
#define DYAD_CODING_TABARI_DICT_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/diagnostics.h"
#include "dyad/status.h"

namespace dyad::tabari {

struct Word {
  std::string text;         // upper-case, without the trailing '_' / '='
  bool exact = false;       // ended with '_': no stemming (regular endings still allowed)
  bool no_endings = false;  // ended with '=': exactly this word
  bool adjacent = false;    // the next element must follow immediately ('_' or '~' join)
  friend bool operator==(const Word&, const Word&) = default;
};

struct Phrase {
  std::vector<Word> words;
  std::string ToString() const;  // canonical form, e.g. "AL_GORE_" or "TO_ CONTINUE"
};

// A code, optionally restricted to a date range. Dates are yyyymmdd; 0 = open.
struct DateCode {
  std::string code;  // "USAGOV", "---" (null), "###" (discard), "+++" (complex)
  int32_t from = 0;  // valid on and after (0: no lower bound)
  int32_t to = 0;    // valid on and before (0: no upper bound)
};

struct ActorEntry {
  std::vector<Phrase> phrases;  // the first phrase and its '+' synonyms
  std::vector<DateCode> codes;  // several codes: a compound actor or date restrictions
  std::string file;
  int line = 0;
};

struct AgentEntry {
  Phrase phrase;
  std::string code;         // "GOV" from [~GOV], "NGM" from [NGM~]
  bool code_first = false;  // [NGM~]: the agent code goes before the actor's code
  std::string file;
  int line = 0;
};

// One element of a verb pattern.
struct PatternElement {
  enum class Kind : uint8_t {
    kWord,          // a literal word (stem or exact)
    kVerb,          // '*': the verb itself
    kSource,        // '$': the source actor
    kTarget,        // '+': the target actor
    kCompound,      // '%': a compound actor
    kSkip,          // '^': skip one actor
    kSynset,        // '&NAME': any member of a synonym set
    kAlternatives,  // '{ A | B C }': any of the alternatives
  };
  Kind kind = Kind::kWord;
  Word word;                         // kWord; kSynset keeps the name in word.text
  std::vector<Phrase> alternatives;  // kAlternatives
  bool adjacent = false;             // the next element must follow immediately
};

struct Pattern {
  std::vector<PatternElement> elements;
  std::string code;  // raw code: "064", "013:012" (paired), "---", "###", "075A"
  int line = 0;
};

struct VerbEntry {
  Phrase phrase;                  // the root, e.g. BREAK_
  std::string code;               // default code ("" when the line had none)
  std::vector<Phrase> forms;      // irregular forms from a {...} line
  std::vector<Pattern> patterns;  // "- ..." lines
  std::string file;
  int line = 0;
};

struct Synset {
  std::string name;             // without '&'
  std::vector<Phrase> members;  // may themselves mention other synsets (&NAME words)
};

struct TimeEntry {
  std::vector<PatternElement> elements;  // a phrase, or a "- ... * ..." pattern
  std::string shift;                     // "-7", "+30", "---", "###", "+++"
  bool is_pattern = false;
  int line = 0;
};

struct Dictionaries {
  std::vector<ActorEntry> actors;
  std::vector<Phrase> nouns, adjectives;
  std::vector<AgentEntry> agents;
  std::vector<VerbEntry> verbs;
  std::map<std::string, Synset> synsets;
  std::vector<TimeEntry> times;
  int errors = 0;  // lines reported and skipped
};

struct Options {
  std::vector<std::string> complex;             // words after "COMPLEX:"
  std::map<std::string, std::string> settings;  // "SET: NAME = VALUE" (NAME upper-case)
  std::vector<std::string> flags;               // "SET: CODE BY CLAUSE" (no '=')
  std::map<std::string, std::string> labels;    // "LABEL: 031=MEET"
  std::vector<std::string> output;              // "OUTPUT: ..." lines
  std::string default_command;                  // the last "DEFAULT: ..." arguments
  std::string forward_command;                  // the last "FORWARD: ..." arguments
  std::string comma_command;                    // the last "COMMA: ..." arguments
  std::vector<std::string> other;               // lines dyad keeps but does not interpret
};

// A .project file: <key> value lines; file names resolved against the project's folder.
struct Project {
  std::string path;
  std::map<std::string, std::string> files;  // "actorsfile" -> absolute path, ...
};

// Parses a phrase as written in a dictionary ("AL_GORE_", "TO_ CONTINUE"). Returns false for
// an empty phrase.
bool ParsePhrase(std::string_view text, Phrase* out);

// Parses a code block list "[USAGOV 991201-010114] [---]" or "[AR1 <911226] [AR2]".
// Dates are YYMMDD (years 00-30 are 2000-2030) or YYYYMMDD; "<D" and ">D" include D.
bool ParseCodes(std::string_view text, std::vector<DateCode>* out, std::string* error);

class Reader {
 public:
  Reader(DiagnosticSink& diag, bool strict) : diag_(diag), strict_(strict) {}

  Status ReadActors(const std::string& path, Dictionaries* d);
  Status ReadAgents(const std::string& path, Dictionaries* d);
  Status ReadVerbs(const std::string& path, Dictionaries* d);
  Status ReadOptions(const std::string& path, Options* o);
  Result<Project> ReadProject(const std::string& path);
  // In-memory variants (the name is used in diagnostics).
  Status ReadActorsText(const std::string& name, std::string_view text, Dictionaries* d);
  Status ReadAgentsText(const std::string& name, std::string_view text, Dictionaries* d);
  Status ReadVerbsText(const std::string& name, std::string_view text, Dictionaries* d);
  Status ReadOptionsText(const std::string& name, std::string_view text, Options* o);

 private:
  // Reports a bad line; returns non-OK in strict mode.
  Status Bad(const std::string& file, int line, const std::string& reason, Dictionaries* d);
  DiagnosticSink& diag_;
  bool strict_;
};

}  // namespace dyad::tabari

#endif  // DYAD_CODING_TABARI_DICT_H_
