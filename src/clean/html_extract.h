// Internals of HTML extraction exposed for tests: date finders used by the metadata step.
#ifndef DYAD_CLEAN_HTML_EXTRACT_H_
#define DYAD_CLEAN_HTML_EXTRACT_H_

#include <string>
#include <string_view>

#include "dyad/html.h"

namespace dyad::html {

// A full date (YYYY-MM-DD) in a URL path: /2022/10/03/, /2022-10-03-, /20221003/.
std::string DateFromUrl(std::string_view url);

// The first full date written out in `text`: "October 3, 2022", "3 Oct 2022", "2022-10-03",
// "03.10.2022", "3. Oktober 2022". Returns ISO YYYY-MM-DD or "".
std::string DateInText(std::string_view text);

// A date value as found in metadata (ISO, RFC 822, written out), normalised to YYYY-MM-DD
// (or YYYY-MM); "" when it is not a plausible publication date.
std::string MetaDate(std::string_view value);

// The charset named by a Content-Type value ("text/html; charset=ISO-8859-1"), lower-cased.
std::string CharsetFromContentType(std::string_view content_type);

// The charset declared by <meta charset> or <meta http-equiv="Content-Type"> in the first
// bytes of a page, lower-cased, or "".
std::string CharsetFromMeta(std::string_view head);

}  // namespace dyad::html

#endif  // DYAD_CLEAN_HTML_EXTRACT_H_
