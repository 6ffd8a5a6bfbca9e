// PETRARCH-2 dictionaries: readers for the actors, agents, verbs (CAMEO.2.0 style) and discards
// files, translated into dyad's TABARI structures (tabari::Dictionaries) so that the sparse
// coder codes with them from raw text, without the parse PETRARCH relies on.
//
// What is translated, and how (see docs in the PETRARCH-2 "dictionaries" documentation):
//  - General: '#' comments (to the end of the line), "<!-- ... -->" comment blocks (which may
//    span lines), blank lines. Entries are upper-cased.
//  - Actors: "PHRASE [CODE]" with '+' synonyms and indented "[CODE restriction]" lines
//    ("<yymmdd", ">yymmdd", "yymmdd-yymmdd"). Words joined by blanks or '_' are consecutive.
//  - Agents: "PHRASE {plural} [~CODE]" / "[CODE~]"; regular plurals are generated (S, IES,
//    ES), "{}" suppresses them, "{FORMS}" replaces them; "!NAME! = A, B" macros expand every
//    "!NAME!" in later phrases. A blank between words allows other words; '_' does not.
//  - Verbs: synsets ("&NAME" and "+member" lines; regular plurals unless the label or member
//    ends with '_'), verb blocks "--- NAME [code] ---" with verb lines "VERB {forms} [code]"
//    ("+" marks the verb word of a multi-word verb: "+BEEF_UP", "WIRE_+TAP"), and pattern
//    lines "- ... * ... [code]". Prepositional phrases "(PREP words)" and noun phrases
//    "{words}" are flattened into words in order; '$' '+' '%' '^' '&NAME' keep their TABARI
//    meaning. Every pattern of a block applies to every verb of the block. A code "[:C]"
//    (target acts on source) becomes a pattern that binds the actor before the verb as target
//    and the one after it as source. Transformation lines ("~ ...") are not used by dyad and
//    are skipped silently.
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

enum class FileKind { kNone, kActors, kAgents, kVerbs, kDiscards };

// Decides by name: a .txt file whose name contains "verbs" or starts with "CAMEO.2" is a
// verbs file; "actors", "agents", "discards" (case-insensitive) name the others. Other names
// (issues, prepositions, ontology files) are kNone.
FileKind KindFromName(std::string_view path);

class Reader {
 public:
  Reader(DiagnosticSink& diag, bool strict) : diag_(diag), strict_(strict) {}

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
};

}  // namespace dyad::petrarch

#endif  // DYAD_CODING_PETRARCH_DICT_H_
