// Site furniture detection: which lines at the start and end of an article body are not the
// article (app adverts, newsletter and donation appeals, share buttons, section labels), which
// are declared provenance or an author bio, and which "read also" links sit in the middle.
#ifndef DYAD_CLEAN_FURNITURE_H_
#define DYAD_CLEAN_FURNITURE_H_

#include <string_view>
#include <vector>

#include "dyad/clean.h"

namespace dyad {

// Returns removed spans (original offsets, sorted) for original[body_offset:]: whole lines,
// except a headline's site suffix. For `hard_wrapped` text (lines cut at a fixed width, as in
// wire copy) only notices, section labels and read-also links are looked for.
std::vector<RemovedSpan> FindFurniture(std::string_view original, uint32_t body_offset,
                                       bool hard_wrapped);

// Splits a headline's trailing site name: "Wary of X - Asia Times" -> {"Wary of X", "Asia Times"}.
// Returns false when there is no plausible site suffix.
bool SplitSiteSuffix(std::string_view headline, std::string_view* title, std::string_view* site);

}  // namespace dyad

#endif  // DYAD_CLEAN_FURNITURE_H_
