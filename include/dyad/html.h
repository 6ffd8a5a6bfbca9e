// HTML pages: main-text extraction, page metadata, language identification, and the
// extraction evaluation (`dyad eval extract`).
//
// ExtractHtml parses a decoded (UTF-8) page with gumbo, scores its block elements by DOM
// features (tag, class/id tokens, link density, text length and density, position) and keeps
// the article body with its headings and paragraph breaks. Every piece of the extracted text
// maps back to the bytes of the page it came from (`map`), so the cleaner's offset map can be
// composed with it and sentences point into the HTML as read.
#ifndef DYAD_HTML_H_
#define DYAD_HTML_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/clean.h"
#include "dyad/status.h"

namespace dyad {

struct HtmlMetadata {
  std::string title;
  std::string canonical_url;
  std::string site_name;
  std::string author;
  std::string published;         // ISO YYYY-MM-DD (or YYYY-MM), "" when none was found
  std::string published_source;  // "json-ld", "meta", "time", "url", "text"
  std::string modified;          // last modification, when the page declares one
  std::string html_lang;         // <html lang="..."> as declared
};

struct HtmlExtraction {
  std::string text;  // paragraphs separated by "\n\n", line breaks inside blocks as '\n'
  OffsetMap map;     // text -> the page's bytes
  HtmlMetadata meta;
  bool parsed = false;   // false when the input could not be parsed as HTML at all
  std::string error;     // why not, when known (e.g. elements nested too deep)
  std::string all_text;  // with HtmlExtractOptions::all_text: every block's text, one a line
};

struct HtmlExtractOptions {
  // Page URL, when known (WARC-Target-URI): used for dates in the path and for language hints.
  std::string url;
  // Also return the text of every block, kept or not (for evaluation).
  bool all_text = false;
};

// Extracts the main text and metadata of `html` (UTF-8).
HtmlExtraction ExtractHtml(std::string_view html, const HtmlExtractOptions& options = {});

// Language of `text` by CLD2: an ISO 639-1 code ("en", "de"), or "" when unknown.
// `reliable` tells whether CLD2 considered its answer reliable.
struct LanguageGuess {
  std::string code;
  bool reliable = false;
  int percent = 0;  // share of the text in that language
};
LanguageGuess IdentifyLanguage(std::string_view text, std::string_view html_lang_hint = "");

// Decodes HTML bytes to UTF-8: the charset from `http_content_type` (a Content-Type header
// value, may be empty), else a <meta charset> / http-equiv declaration in the first bytes,
// else UTF-8 or Windows-1252 as the text reader decides. Returns false with *reason set for
// data that is not text. *encoding names what was used; *note is set when bytes were
// converted or a declaration was wrong.
bool DecodeHtml(std::string_view bytes, std::string_view http_content_type, std::string* out,
                std::string* encoding, std::string* note, std::string* reason);

// The trafilatura evaluation set: per page, snippets that must survive extraction, snippets
// that must not, and a gold publication date.
struct ExtractEvalPage {
  std::string file;  // html/<id>.html.gz
  std::string url;   // the evaldata key
  std::string language;
  std::vector<std::string> kept_missing;   // must-keep snippets not in the extraction
  std::vector<std::string> dropped_wrong;  // must-drop snippets still in it
  int keep_total = 0, keep_ok = 0;
  int drop_total = 0, drop_ok = 0;
  std::string gold_date, date, date_source;
};

struct ExtractEval {
  int pages = 0;    // pages in the set
  int matched = 0;  // pages matched to an evaldata entry
  int english = 0;  // English pages (dyad's language id) among the matched
  int keep_total = 0, keep_ok = 0;
  int drop_total = 0, drop_ok = 0;
  int dates_gold = 0, dates_ok = 0;
  double seconds = 0;
  uint64_t html_bytes = 0;  // bytes of HTML extracted (English pages)
  std::vector<ExtractEvalPage> english_pages;
  double kept() const { return keep_total ? 100.0 * keep_ok / keep_total : 0; }
  double dropped() const { return drop_total ? 100.0 * drop_ok / drop_total : 0; }
  double dates() const { return dates_gold ? 100.0 * dates_ok / dates_gold : 0; }
};

// Runs the evaluation over DIR (evaldata.json and html/*.html.gz).
Result<ExtractEval> EvaluateExtraction(const std::string& dir);

}  // namespace dyad

#endif  // DYAD_HTML_H_
