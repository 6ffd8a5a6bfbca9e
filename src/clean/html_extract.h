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

// Whether a metadata timestamp carries a time of day in UTC ("2020-02-25T02:25:54Z",
// "+00:00", "GMT"): its calendar date may differ by one from the date where it was published.
bool IsUtcTimestamp(std::string_view value);

// Whether `local` ("2023-11-08 23:30:59", "...-06:00") names the same moment as the UTC
// timestamp `utc`: the same instant when it has a zone, else a whole number of quarter hours
// within the range of real zones (UTC-12 to UTC+14).
bool SameMoment(std::string_view utc, std::string_view local);

// Whether some zone between UTC-10 and UTC+12 puts the UTC timestamp `utc` on `date`
// (YYYY-MM-DD).
bool LocalDateFits(std::string_view utc, std::string_view date);

// Whole days between two YYYY-MM-DD dates (absolute), or -1 when either is not a full date.
int DaysBetween(std::string_view a, std::string_view b);

// The charset named by a Content-Type value ("text/html; charset=ISO-8859-1"), lower-cased.
std::string CharsetFromContentType(std::string_view content_type);

// The charset declared by <meta charset> or <meta http-equiv="Content-Type"> in the first
// bytes of a page, lower-cased, or "".
std::string CharsetFromMeta(std::string_view head);

}  // namespace dyad::html

#endif  // DYAD_CLEAN_HTML_EXTRACT_H_
