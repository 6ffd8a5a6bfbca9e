// HTML extraction on the trafilatura evaluation set (skipped when ../shared is absent): the
// share of must-keep snippets kept, must-drop snippets dropped and publication dates right, on
// the pages dyad's language identification finds English, must not fall below the measured
// figures (rounded down a little).
#include <gtest/gtest.h>

#include "dyad/html.h"
#include "test_util.h"

namespace dyad {
namespace {

TEST(ExtractReference, TrafilaturaEvalSetDoesNotRegress) {
  DYAD_REQUIRE_SHARED();
  auto ev = EvaluateExtraction(testing::SharedDir() + "/corpora/trafilatura-eval");
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  std::printf(
      "%d pages, %d matched, %d English: kept %.1f%% dropped %.1f%% dates %.1f%% (%.1f s)\n",
      ev->pages, ev->matched, ev->english, ev->kept(), ev->dropped(), ev->dates(), ev->seconds);
  EXPECT_EQ(ev->pages, 990);
  EXPECT_GE(ev->matched, 970);
  EXPECT_GE(ev->english, 160);
  EXPECT_GE(ev->kept(), 91.5);
  EXPECT_GE(ev->dropped(), 90.0);
  EXPECT_GE(ev->dates(), 91.0);
}

}  // namespace
}  // namespace dyad
