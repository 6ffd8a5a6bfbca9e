// Shared by the fuzz targets: a check that aborts (so that libFuzzer records the input) when
// an invariant of dyad's output does not hold on some input.
#ifndef DYAD_FUZZ_FUZZ_UTIL_H_
#define DYAD_FUZZ_FUZZ_UTIL_H_

#include <cstdio>
#include <cstdlib>

#define DYAD_FUZZ_CHECK(cond)                                                           \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)

#endif  // DYAD_FUZZ_FUZZ_UTIL_H_
