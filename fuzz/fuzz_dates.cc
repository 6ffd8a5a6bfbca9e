// Date handling on arbitrary strings: ISO dates to period keys and back (the series and the
// API's date parameters). A key that PeriodOf makes must have bounds that contain the date and
// a next period that sorts after it.
#include <cstdint>
#include <string>

#include "dyad/analysis.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string date(reinterpret_cast<const char*>(data), size);
  for (dyad::Period by :
       {dyad::Period::kDay, dyad::Period::kWeek, dyad::Period::kMonth, dyad::Period::kYear}) {
    std::string key, first, last;
    if (!dyad::PeriodOf(date, by, &key)) continue;
    DYAD_FUZZ_CHECK(dyad::PeriodBounds(key, by, &first, &last));
    DYAD_FUZZ_CHECK(first <= last);
    if (date.size() >= 10) {
      std::string day = date.substr(0, 10);
      DYAD_FUZZ_CHECK(first <= day && day <= last);
    }
    std::string next = dyad::NextPeriod(key, by);
    DYAD_FUZZ_CHECK(next.empty() || next > key);  // empty: past the last year (9998)
  }
  (void)dyad::RollUpActor(date);
  return 0;
}
