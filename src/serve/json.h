// JSON forms of stored records, shared by the CLI (`dyad events`) and the HTTP API, so that
// both print the same keys in the same order (docs/events.md).
#ifndef DYAD_SERVE_JSON_H_
#define DYAD_SERVE_JSON_H_

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "dyad/store.h"

namespace dyad {

using ojson = nlohmann::ordered_json;

// The columns of an event, in output order: the CSV header and the JSON keys.
std::vector<std::pair<const char*, ojson>> EventColumns(const EventRow& e);
ojson EventJson(const EventRow& e);

// The event's sentence cut into consecutive pieces, each with the role it plays ("source",
// "target", "verb", "speaker", "date" or null), for highlighting: the pieces' texts concatenate to the
// sentence. Spans outside the sentence or overlapping an earlier one are left unmarked; cuts
// never split a UTF-8 character.
ojson SentenceSegments(const EventRow& e);

}  // namespace dyad

#endif  // DYAD_SERVE_JSON_H_
