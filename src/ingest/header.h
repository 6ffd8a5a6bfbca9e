// Header blocks of plain-text articles, and publication-date normalisation.
#ifndef DYAD_INGEST_HEADER_H_
#define DYAD_INGEST_HEADER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dyad {

// Normalises a date as found in headers and feeds ("2024-06-03", "2024-06-03T10:00:00Z",
// "2024/06/03", "3 June 2024", "June 3, 2024", "Jun 2024", "2024-06", "2024") to ISO form
// (YYYY-MM-DD, YYYY-MM or YYYY). Returns "" when `s` is not a valid calendar date
// (e.g. "February 30").
std::string NormalizeDate(std::string_view s);

struct TextHeader {
  // Fields in order of appearance, keys lower-cased ("date", "title", ...).
  std::vector<std::pair<std::string, std::string>> fields;
  uint32_t body_offset = 0;  // where the body starts in the text
};

// Parses an optional header block at the start of `text`:
//  - lines "key value" or "key: value" with a known key (date, published, title, headline,
//    url, link, source, publisher, id, author, byline, language, lang, section, category,
//    tags, country), or "key: value" with any short one-word key once a known key was seen;
//    the block ends at the first blank line (consumed) or the first line that is not a field;
//  - a bare "date YYYY-MM-DD" at the very start counts even when the article's first
//    sentence follows on the same line (then the body starts after the date).
// A "date" field whose value is not a date does not start a header. No header: body_offset 0.
TextHeader ParseTextHeader(std::string_view text);

}  // namespace dyad

#endif  // DYAD_INGEST_HEADER_H_
