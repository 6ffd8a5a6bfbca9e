// Parsing and scoring TABARI validation records (types in include/dyad/tabari.h).
#ifndef DYAD_CODING_TABARI_VALIDATE_H_
#define DYAD_CODING_TABARI_VALIDATE_H_

#include <string_view>
#include <vector>

#include "dyad/tabari.h"

namespace dyad::tabari {

std::vector<ValidationRecord> ParseValidationRecords(std::string_view text);

// Whether `got` satisfies the record: the same multiset of events; for {---} no events; for
// {###} a discard; for {+++} a complex sentence.
bool Passes(const ValidationRecord& r, const CodedResult& got);

}  // namespace dyad::tabari

#endif  // DYAD_CODING_TABARI_VALIDATE_H_
