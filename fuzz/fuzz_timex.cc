// The date-expression tagger on arbitrary text, with and without an anchor date (the first
// byte picks one). Every expression must lie inside the text, be non-empty and not overlap the
// one before it.
#include <cstdint>
#include <string_view>

#include "dyad/timex.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kAnchors[] = {"", "2022-10-03", "1999-12-31", "2024-02-29"};
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto tagged = dyad::TagTimexes(text, kAnchors[data[0] % 4]);
  if (!tagged.ok()) return 0;
  uint32_t prev_end = 0;
  for (const auto& t : *tagged) {
    DYAD_FUZZ_CHECK(t.begin < t.end && t.end <= text.size());
    DYAD_FUZZ_CHECK(t.begin >= prev_end);
    prev_end = t.end;
  }
  return 0;
}
