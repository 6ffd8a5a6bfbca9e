#include "dyad/cameo.h"

#include <gtest/gtest.h>

#include <set>

namespace dyad {
namespace {

TEST(CameoTest, TableCoversEveryRootAndIsConsistent) {
  const auto& all = CameoCodes();
  ASSERT_GT(all.size(), 300u);
  std::set<std::string> roots, codes;
  for (const CameoCode& c : all) {
    EXPECT_TRUE(codes.insert(c.code).second) << "duplicate " << c.code;
    EXPECT_TRUE(c.code.starts_with(c.root)) << c.code;
    EXPECT_EQ(c.quad_class, CameoQuadClass(c.root)) << c.code;
    EXPECT_GE(c.goldstein, -10.0) << c.code;
    EXPECT_LE(c.goldstein, 10.0) << c.code;
    EXPECT_FALSE(c.label.empty()) << c.code;
    roots.insert(c.root);
    // Every code's parent is listed too.
    if (c.code.size() > 2) {
      EXPECT_TRUE(codes.count(c.code.substr(0, c.code.size() - 1))) << c.code;
    }
  }
  EXPECT_EQ(roots.size(), 20u);
}

TEST(CameoTest, LookupFallsBackToTheLongestListedPrefix) {
  const CameoCode* c = LookupCameo("0331");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->code, "0331");
  EXPECT_EQ(c->root, "03");
  EXPECT_EQ(c->quad_class, 1);
  const CameoCode* refined = LookupCameo("0331Z");
  ASSERT_NE(refined, nullptr);
  EXPECT_EQ(refined->code, "0331");
  EXPECT_EQ(LookupCameo("99"), nullptr);
  EXPECT_EQ(LookupCameo(""), nullptr);
  EXPECT_EQ(LookupCameo("---"), nullptr);
}

TEST(CameoTest, QuadClassesAndGoldsteinFollowTheScale) {
  EXPECT_EQ(CameoQuadClass("01"), 1);
  EXPECT_EQ(CameoQuadClass("05"), 1);
  EXPECT_EQ(CameoQuadClass("06"), 2);
  EXPECT_EQ(CameoQuadClass("08"), 2);
  EXPECT_EQ(CameoQuadClass("09"), 3);
  EXPECT_EQ(CameoQuadClass("13"), 3);
  EXPECT_EQ(CameoQuadClass("14"), 4);
  EXPECT_EQ(CameoQuadClass("20"), 4);
  EXPECT_EQ(CameoQuadClass("21"), 0);
  EXPECT_EQ(CameoQuadClass("x"), 0);
  // Cooperation scores above conflict: the scale's two ends.
  ASSERT_NE(LookupCameo("057"), nullptr);
  ASSERT_NE(LookupCameo("190"), nullptr);
  EXPECT_GT(LookupCameo("057")->goldstein, 0);
  EXPECT_LT(LookupCameo("190")->goldstein, 0);
  // PLOVER: assault codes map to ASSAULT, sanctions are PLOVER's SANCTION family.
  EXPECT_EQ(LookupCameo("190")->plover_type, "ASSAULT");
}

}  // namespace
}  // namespace dyad
