// Exports of coded events for other tools: dyad's own columns as CSV, TSV or JSON Lines, and
// GDELT 2.0-style and ICEWS-style tables for users with existing scripts (docs/export.md
// documents every column and how dyad fills it).
#ifndef DYAD_EXPORT_H_
#define DYAD_EXPORT_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "dyad/status.h"
#include "dyad/store.h"

namespace dyad {

enum class ExportFormat { kCsv, kTsv, kJsonl, kGdelt, kIcews };

// "csv", "tsv", "jsonl", "gdelt" or "icews".
Result<ExportFormat> ParseExportFormat(std::string_view name);

struct ExportOptions {
  ExportFormat format = ExportFormat::kCsv;
  bool header = true;  // GDELT's own files have none: gdelt ignores this unless gdelt_header
  bool gdelt_header = false;
};

// Writes one row per event matching `filter` (with its first report as evidence). Returns
// the number of rows written.
Result<int64_t> ExportEvents(const Store& store, const Store::EventFilter& filter,
                             const ExportOptions& options, std::ostream& out);

// Country names by ISO 3166-1 alpha-3 code from Debian's iso-codes data
// (/usr/share/iso-codes/json/iso_3166-1.json); empty when the file is absent.
std::string CountryName(std::string_view alpha3);

// The sector a CAMEO role code names ("GOV" -> "Government"), or "" for an unknown code.
std::string_view CameoRoleName(std::string_view role);

}  // namespace dyad

#endif  // DYAD_EXPORT_H_
