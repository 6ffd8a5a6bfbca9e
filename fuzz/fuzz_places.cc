// Place-name tagging and resolution on arbitrary text, with the installed gazetteer
// (scripts/install-geo.sh; without it the target does nothing). The first byte picks the
// options: demonyms on or off, and a context country or none. Every mention must lie inside
// the text, be non-empty, not overlap the one before it, and name a place the gazetteer has
// (or none); resolving the found spans again must not fail either.
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/geo.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const dyad::geo::Gazetteer* g = [] {
    auto loaded = dyad::geo::Gazetteer::Default();
    return loaded.ok() ? *loaded : nullptr;
  }();
  if (g == nullptr) return 0;
  static const char* const kContext[] = {"", "KZ", "US", "GB"};
  dyad::geo::TagOptions options;
  options.demonyms = (data[0] & 4) != 0;
  if (*kContext[data[0] % 4] != '\0') options.context_countries.push_back(kContext[data[0] % 4]);
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto mentions = dyad::geo::TagPlaces(*g, text, options);
  uint32_t prev_end = 0;
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  for (const auto& m : mentions) {
    DYAD_FUZZ_CHECK(m.begin < m.end && m.end <= text.size());
    DYAD_FUZZ_CHECK(m.begin >= prev_end);
    DYAD_FUZZ_CHECK(m.place >= -1 && (m.place < 0 || static_cast<size_t>(m.place) < g->size()));
    prev_end = m.end;
    spans.emplace_back(m.begin, m.end);
  }
  auto resolved = dyad::geo::ResolveSpans(*g, text, spans, options);
  for (const auto& m : resolved) {
    DYAD_FUZZ_CHECK(m.end <= text.size());
    DYAD_FUZZ_CHECK(m.place < 0 || static_cast<size_t>(m.place) < g->size());
  }
  return 0;
}
