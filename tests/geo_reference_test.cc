// Place names on the Local-Global Lexicon corpus (LGL, docs/geo.md). The floors are a
// ratchet: raise them when recognition or resolution improves, never lower them. Skipped when
// ../shared or the gazetteer is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "dyad/geo.h"
#include "test_util.h"

namespace dyad {
namespace {

TEST(GeoReference, LglScoresDoNotFallBelowTheRatchet) {
  DYAD_REQUIRE_SHARED();
  std::string file = testing::SharedDir() + "/corpora/geoparsing-lgl/lgl.xml";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << file << " absent";
  auto g = geo::Gazetteer::Default();
  if (!g.ok()) GTEST_SKIP() << g.status().ToString();
  auto ev = geo::EvaluateGeo(**g, file, false);
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  std::printf(
      "LGL exact P %.3f R %.3f F1 %.3f; overlap F1 %.3f; within 161 km %.3f; mean %.0f km\n",
      ev->P(), ev->R(), ev->F1(), ev->OverlapF1(), ev->Accuracy161(), ev->mean_km);
  EXPECT_EQ(ev->articles, 588);
  EXPECT_EQ(ev->gold, 5088);
  EXPECT_GE(ev->F1(), 0.685);
  EXPECT_GE(ev->P(), 0.790);
  EXPECT_GE(ev->R(), 0.605);
  EXPECT_GE(ev->Accuracy161(), 0.800);
  EXPECT_LE(ev->mean_km, 380);
}

}  // namespace
}  // namespace dyad
