// PETRARCH-2 dictionaries: readers for the actors, agents, verbs (CAMEO.2.0 style) and discards
// files, translated into dyad's TABARI structures (tabari::Dictionaries) so that the sparse
// coder codes with them from raw text, without the parse PETRARCH relies on.
//
// What is translated, and how (see the PETRARCH-2 "dictionaries" documentation). Words are
// matched as written, with TABARI's regular endings (plural, possessive), not as stems.
//  - General: '#' comments (to the end of the line), "<!-- ... -->" comment blocks (which may
//    span lines), blank lines. Entries are upper-cased.
//  - Actors: "PHRASE [CODE]" with '+' synonyms and indented "[CODE restriction]" lines
//    ("<yymmdd", ">yymmdd", "yymmdd-yymmdd"); ';' remarks are comments too. Words joined by
//    blanks or '_' are consecutive. An actor with no code at all is a null actor ("---").
//  - Agents: "PHRASE {plural} [~CODE]" / "[CODE~]"; regular plurals are generated (S, IES,
//    ES), "{}" suppresses them, "{FORMS}" adds those instead; "!NAME! = A, B" macros expand
//    every "!NAME!" in later phrases (no plurals). A blank between words allows other words;
//    '_' does not.
//  - Verbs: synsets ("&NAME" and "+member" lines; Y -> IES plurals unless the label or member
//    ends with '_'; a Treebank member "DID N'T" also matches "didn't"), verb blocks
//    "--- NAME [code] ---" with verb lines "VERB {forms} [code]" ("+" marks the verb word of
//    a multi-word verb: "+BEEF_UP", "WIRE_+TAP"; the listed forms and the regular ones are
//    matched exactly), and pattern lines "- ... * ... [code]". Prepositional phrases
//    "(PREP words)" are flattened into words in order; a noun phrase "{A B C}" becomes one
//    phrase element whose words come in order, a few words apart at most, the head C right
//    after B. '$' '+' '%' '^' '&NAME' keep their TABARI meaning; '_' joins words. Every
//    pattern of a block applies to every verb of the block (verbs with the same code share
//    one VerbEntry). A code "[:C]" (the target does C to the source) swaps the pattern's '$'
//    and '+', or else requires an actor before the verb (the target) and one after it (the
//    source). Transformation lines ("~ ...") are not used by dyad and are skipped silently.
//  - Discards: each phrase becomes an actor coded "###" (the sentence is not coded); '+'
//    (story level) is read as sentence level.
//
// Errors are reported as Diagnostics ("FILE:LINE: reason") and the line is skipped; with
// `strict` the first error stops the load.
#ifndef DYAD_CODING_PETRARCH_DICT_H_
#define DYAD_CODING_PETRARCH_DICT_H_

#include <string>
#include <string_view>

#include "coding/tabari_dict.h"
#include "dyad/diagnostics.h"
#include "dyad/status.h"

namespace dyad::petrarch {

// A '/' inside an actor code ("FRO/BIL/SAM") is a compound actor for TABARI and PETRARCH-2
// (its members act separately), but one code for UD-PETRARCH. With set_literal_slash(true)
// the readers store it as U+2215 (DIVISION SLASH) so that the coder keeps the code whole;
// RestoreSlash turns it back.
inline constexpr std::string_view kLiteralSlash = "\u2215";
std::string RestoreSlash(std::string code);

enum class FileKind { kNone, kActors, kAgents, kVerbs, kDiscards };

// Decides by name: a .txt file whose name contains "verbs" or starts with "CAMEO.2" is a
// verbs file; "actors", "agents", "discards" (case-insensitive) name the others. Other names
// (issues, prepositions, ontology files) are kNone.
FileKind KindFromName(std::string_view path);

class Reader {
 public:
  Reader(DiagnosticSink& diag, bool strict) : diag_(diag), strict_(strict) {}

  // UD-PETRARCH's reading of '/' in actor codes (see kLiteralSlash); off by default.
  void set_literal_slash(bool on) { literal_slash_ = on; }

  Status Read(FileKind kind, const std::string& path, tabari::Dictionaries* d);
  Status ReadText(FileKind kind, const std::string& name, std::string_view text,
                  tabari::Dictionaries* d);

  Status ReadActorsText(const std::string& name, std::string_view text, tabari::Dictionaries* d);
  Status ReadAgentsText(const std::string& name, std::string_view text, tabari::Dictionaries* d);
  Status ReadVerbsText(const std::string& name, std::string_view text, tabari::Dictionaries* d);
  Status ReadDiscardsText(const std::string& name, std::string_view text, tabari::Dictionaries* d);

 private:
  Status Bad(const std::string& file, int line, const std::string& reason, tabari::Dictionaries* d);
  DiagnosticSink& diag_;
  bool strict_;
  bool literal_slash_ = false;
};

}  // namespace dyad::petrarch

#endif  // DYAD_CODING_PETRARCH_DICT_H_
